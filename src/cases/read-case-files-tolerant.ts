import { basename } from "node:path";
import { readTextFile } from "../util/read-text-file.ts";
import { parseCasesTolerant, type TolerantCases } from "./parse-cases-tolerant.ts";

/**
 * Reads case files for validation, case by case (`parseCasesTolerant`): cases with fields the format does not
 * define are read without them, cases that do not fit are listed with their problem, and an id already read
 * from an earlier file rejects the later case. The other cases are all read.
 * @throws {FleetcastError} when a file cannot be read, is not JSON, or holds no case objects.
 * @example
 * const { cases, rejected, ignored } = readCaseFilesTolerant(["serve.json"]);
 */
export function readCaseFilesTolerant(paths: readonly string[]): TolerantCases {
  const all: TolerantCases = { cases: [], rejected: [], ignored: [], readAs: [] };
  const firstFile = new Map<string, string>();
  for (const path of paths) {
    const text = readTextFile(path, "case file");
    const file = basename(path);
    const read = parseCasesTolerant(text, file);
    read.cases.forEach((c) => {
      const other = firstFile.get(c.id);
      if (other !== undefined) {
        all.rejected.push({
          file,
          index: null,
          id: c.id,
          error: `id "${c.id}" was already read from ${other}`,
        });
        return;
      }
      firstFile.set(c.id, path);
      all.cases.push(c);
    });
    all.rejected.push(...read.rejected);
    all.ignored.push(...read.ignored.filter((f) => firstFile.get(f.id) === path));
    all.readAs.push(...read.readAs.filter((f) => firstFile.get(f.id) === path));
  }
  return all;
}
