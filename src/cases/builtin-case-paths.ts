import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository's copy of the published cases (see data/cases/README.md). */
const CASES_DIR = fileURLToPath(new URL("../../data/cases/", import.meta.url));

/**
 * Absolute paths of the built-in case files, `data/cases/*.json`, sorted by name.
 *
 * @example
 * const cases = readCaseFiles(builtinCasePaths());
 */
export function builtinCasePaths(): string[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => `${CASES_DIR}${f}`);
}
