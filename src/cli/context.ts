import { builtinChips, type ChipCatalog, makeChipCatalog, parseChipFile } from "../catalog/chips/index.ts";
import { readTextFile } from "../util/read-text-file.ts";

/** The chip catalog: built-in chips, with a user's file (`--catalog FILE`) adding or overriding by id. */
export function chipCatalog(userFile?: string): ChipCatalog {
  if (!userFile) return makeChipCatalog(builtinChips());
  return makeChipCatalog(builtinChips(), parseChipFile(readTextFile(userFile, "chip catalog"), userFile));
}

/** The command-line flag of a commander option key: "durationS" -> "--duration-s". */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
