import { FleetcastError } from "../errors.ts";

/** Throws the one-line FleetcastError unless `value` is a finite number above zero. */
export function requirePositive(value: number, path: string, action: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new FleetcastError(`Cannot ${action}: ${path} is ${value}, expected a number > 0`, path);
  }
  return value;
}

/** Throws unless `value` is a finite number at or above zero. */
export function requireNonNegative(value: number, path: string, action: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new FleetcastError(`Cannot ${action}: ${path} is ${value}, expected a number >= 0`, path);
  }
  return value;
}
