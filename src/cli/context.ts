import { builtinChips, type ChipCatalog, makeChipCatalog, parseChipFile } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { amountOf } from "../util/amount-of.ts";
import { readTextFile } from "../util/read-text-file.ts";

export { amountOf };

/** The chip catalog: built-in chips, with a user's file (`--catalog FILE`) adding or overriding by id. */
export function chipCatalog(userFile?: string): ChipCatalog {
  if (!userFile) return makeChipCatalog(builtinChips());
  return makeChipCatalog(builtinChips(), parseChipFile(readTextFile(userFile, "chip catalog"), userFile));
}

/**
 * Parses "14.8T", "300B", "2.5e12", "1,000" into a number, and binary multiples "16Mi" (16 x 2^20 = 16,777,216,
 * the "16M tokens" of a batch of 2,048 8K sequences) and "4Ki"; FleetcastError naming the flag otherwise.
 */
export function parseAmount(text: string, flag: string): number {
  const value = amountOf(text);
  if (Number.isNaN(value))
    throw new FleetcastError(
      `Cannot read ${flag}: expected a number like 14.8T, 2e12 or 16Mi (16 x 2^20), got '${text}'`,
    );
  if (!Number.isFinite(value) || value <= 0)
    throw new FleetcastError(`Cannot read ${flag}: must be > 0, got '${text}'`);
  return value;
}

/** A positive integer flag value, or a FleetcastError naming the flag. */
export function parsePositiveInt(text: string, flag: string, max = 1e9): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new FleetcastError(`Cannot read ${flag}: must be a positive integer, got '${text}'`);
  }
  if (value > max) throw new FleetcastError(`Cannot read ${flag}: at most ${max}, got ${value}`);
  return value;
}

/** The command-line flag of a commander option key: "durationS" -> "--duration-s". */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
