/**
 * "Can Ascend do it all?": the CLI's and the report's second sentence (src/fleet comparisonAnswer), from the
 * comparison JSON: whether the all-Ascend strategy trains by the deadline and carries the serving peak, with its
 * days and the share of the peak it serves (review 19 B8).
 */
import type { ComparisonJson, StrategyJson } from "./api-types.ts";
import { num, pct } from "./format.ts";

/**
 * The answer, or null when the comparison has no all-Ascend strategy.
 * @example ascendAlone(c) // "No: 768 huawei-ascend-910c train in 214 days (P(deadline) 0 %) while 2,304 huawei-ascend-910c serve 72 % of the peak."
 */
export function ascendAlone(c: ComparisonJson): string | null {
  const s = c.strategies.find((x) => x.id === "all-ascend");
  if (!s) return null;
  const parts = (s.training?.parts.length ?? 0) + s.serving.parts.length;
  if (parts === 0) {
    return "No: no Ascend pool can be used in this scenario (none in the fleet, or the region rules exclude it).";
  }
  const training = s.training?.failure
    ? `${chipsText(s.training.parts)} cannot train (${s.training.failure})`
    : `${chipsText(s.training?.parts ?? [])} train in ${num(s.training?.p50_days)} days (P(deadline) ${pct(s.training?.p_deadline)})`;
  return `${s.feasible ? "Yes" : "No"}: ${training} while ${servingClause(s)}.`;
}

// --- internal ---

function chipsText(parts: readonly { chips: number; chip: string }[]): string {
  return parts.map((p) => `${num(p.chips, 7)} ${p.chip}`).join(" + ") || "no chip";
}

/** "3,072 huawei-ascend-910c serve 92 % of the peak", or why none serves. */
function servingClause(s: StrategyJson): string {
  if (s.serving.parts.length > 0) {
    return `${chipsText(s.serving.parts)} serve ${pct(s.serving.coverage)} of the peak`;
  }
  const why = s.advisories.find((a) => a.code === "pool-cannot-serve");
  return why === undefined ? "no chip is left to serve" : `none serves (${why.message})`;
}
