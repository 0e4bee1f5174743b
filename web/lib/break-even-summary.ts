/**
 * One line over the break-even table (compare's `sensitivity`): how many of the improvements searched let
 * Ascend training alone (its pool training whole, serving left to the other pools) meet the deadline, and the smallest one, or the best P50 reached when none does (review 19
 * C7: the table is 11 rows, often all "beyond-range", and went behind a summary).
 */
import type { SensitivityJson } from "./api-types.ts";
import { num } from "./format.ts";

/** "scale up bandwidth + stack efficiency", "all four together". */
export function factorText(factor: string): string {
  return factor === "all" ? "all four together" : factor.replaceAll("_", " ").replaceAll("+", " + ");
}

/**
 * The summary, or null without rows; the smallest improvement is the one of the fewest factors, then multiplier.
 * @example breakEvenSummary(rows, 60) // "What 768 chips of ascend-910c training alone would need: none of the 11 improvements searched meets the 60-day deadline (best: all four together, P50 109 days)"
 */
export function breakEvenSummary(rows: readonly SensitivityJson[], deadlineDays: number): string | null {
  const first = rows[0];
  if (!first) return null;
  const head = `What ${num(first.chips, 7)} chips of ${first.pool} training alone would need`;
  // the fewest factors first (a single factor before a pair), then the smallest multiplier
  const meeting = rows
    .filter((r) => r.break_even_multiplier !== null)
    .sort((a, b) => factorCount(a) - factorCount(b) || a.break_even_multiplier! - b.break_even_multiplier!);
  const smallest = meeting[0];
  if (smallest === undefined) {
    const best = rows
      .filter((r) => r.p50_days_at_break_even !== null)
      .sort((a, b) => a.p50_days_at_break_even! - b.p50_days_at_break_even!)[0];
    return (
      `${head}: ${rows.length === 1 ? "the one improvement searched does not meet" : `none of the ${rows.length} improvements searched meets`} the ${num(deadlineDays)}-day deadline` +
      (best ? ` (best: ${factorText(best.factor)}, P50 ${num(best.p50_days_at_break_even)} days)` : "")
    );
  }
  const already = smallest.status === "always" || smallest.status === "headroom";
  return (
    `${head}: ${meeting.length} of ${rows.length} improvements meet the ${num(deadlineDays)}-day deadline; ` +
    (already
      ? `it is met already (${factorText(smallest.factor)} has headroom down to ×${num(smallest.break_even_multiplier)})`
      : `the smallest: ${factorText(smallest.factor)} ×${num(smallest.break_even_multiplier)} (P50 ${num(smallest.p50_days_at_break_even)} days)`)
  );
}

// --- internal ---

function factorCount(r: SensitivityJson): number {
  return r.factor === "all" ? 4 : r.factor.split("+").length;
}
