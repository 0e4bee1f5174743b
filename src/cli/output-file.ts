import { statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { FleetcastError } from "../errors.ts";

/**
 * Checks, before the work that fills it, that an output file can be written where it is asked: its directory
 * exists and is a directory, and the path is not itself a directory.
 * @throws {FleetcastError} "Cannot write the report r.md: directory /nope does not exist"
 */
export function checkOutputPath(path: string, what: string): void {
  const dir = dirname(resolve(path));
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (dirStat === undefined || !dirStat.isDirectory()) {
    throw new FleetcastError(
      `Cannot write the ${what} ${path}: ${dirStat === undefined ? `directory ${dir} does not exist` : `${dir} is not a directory`}`,
    );
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new FleetcastError(`Cannot write the ${what} ${path}: it is a directory`);
  }
}

/** Writes an output file, turning a file-system failure into a user error that names the file. */
export function writeOutputFile(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new FleetcastError(`Cannot write the ${what} ${path}: ${(error as Error).message}`);
  }
}
