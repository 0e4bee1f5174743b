import { basename } from "node:path";
import { FleetcastError } from "../errors.ts";
import { readTextFile } from "../util/read-text-file.ts";
import type { Case } from "./case-schema.ts";
import { parseCases } from "./parse-cases.ts";

/**
 * Reads and validates case files, in order, into one list.
 *
 * @throws {FleetcastError} when a file cannot be read or parsed (see `parseCases`), or when one id
 *   appears in two files.
 * @example
 * const all = readCaseFiles(builtinCasePaths());
 */
export function readCaseFiles(paths: readonly string[]): Case[] {
  const all: Case[] = [];
  const firstFile = new Map<string, string>();
  for (const path of paths) {
    const text = readTextFile(path, "case file");
    for (const c of parseCases(text, basename(path))) {
      const other = firstFile.get(c.id);
      if (other !== undefined) {
        throw new FleetcastError(
          `Cannot read case files: id "${c.id}" is in both ${other} and ${path}`,
          "id",
        );
      }
      firstFile.set(c.id, path);
      all.push(c);
    }
  }
  return all;
}
