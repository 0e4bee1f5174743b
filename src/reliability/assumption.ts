/**
 * One input the reliability model rests on, carried in every output so a reader can see which numbers
 * were measured ("sourced") and which were chosen ("assumption").
 */
export interface Assumption {
  /** snake_case identifier, stable across runs (`h100_accelerator_rate`). */
  readonly name: string;
  readonly value: number | string | null;
  readonly unit: string;
  /** Where the number comes from (paper and table, datasheet), or why it was chosen. */
  readonly source: string;
  readonly kind: "sourced" | "assumption";
}

/** A valid but poor input, reported as data rather than thrown. */
export interface Advisory {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** Whether an input is one of the per-component failure rates (`rate_accelerator`, ...), not a method input. */
export function isFailureRate(a: Assumption): boolean {
  return a.name.startsWith("rate_") && a.name !== "rate_multiplier";
}

/** How many of a result's inputs are failure rates, and how many of those are assumptions (not measured). */
export function failureRateCounts(assumptions: readonly Assumption[]): { rates: number; assumed: number } {
  const rates = assumptions.filter(isFailureRate);
  return { rates: rates.length, assumed: rates.filter((a) => a.kind === "assumption").length };
}
