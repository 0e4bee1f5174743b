import { readFileSync } from "node:fs";
import { builtinChips, type ChipCatalog, makeChipCatalog, parseChipFile } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";

/** The chip catalog: built-in chips, with a user's file (`--catalog FILE`) adding or overriding by id. */
export function chipCatalog(userFile?: string): ChipCatalog {
  if (!userFile) return makeChipCatalog(builtinChips());
  let text: string;
  try {
    text = readFileSync(userFile, "utf8");
  } catch {
    throw new FleetcastError(`Cannot read chip catalog ${userFile}: no such file`);
  }
  return makeChipCatalog(builtinChips(), parseChipFile(text, userFile));
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

const AMOUNT_SCALE: Readonly<Record<string, number>> = {
  "": 1,
  k: 1e3,
  m: 1e6,
  b: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

/** The value of an amount ("14.8T", "16Mi", "2.5e12", "1,000", ".5"), or NaN when the text is not one. */
export function amountOf(text: string): number {
  const m = /^\s*((?:[0-9][0-9_,]*\.?[0-9]*|\.[0-9]+)(?:e[+-]?\d+)?)\s*([kmbt]|[kmgt]i)?\s*$/i.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]!.replace(/[_,]/g, "")) * (AMOUNT_SCALE[(m[2] ?? "").toLowerCase()] ?? Number.NaN);
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
