import { percentText as pct } from "./percent-text.ts";

/** What `headroomText` reads of a strategy's serving (camelCase from the library, snake_case from the API). */
export interface HeadroomFacts {
  headroom: number | null;
  band: readonly [number, number] | null;
  odds: { share: number; bound: "at-least" | "at-most" | null } | null;
  carriesDemand: boolean;
  serves: boolean;
}

/**
 * "every chip of its serving pools not training: 108 % of the peak, 51 % to 163 % across the serving model's 80 %
 * band; it carries the peak if throughput reaches 93 % of the prediction, as 49 % of held-out runs did, each
 * publication weighted once": the margin a verdict has, which a coverage trimmed to the demand (100 % by
 * construction) does not show (review 24). Null when the strategy does not serve or the headroom is unknown. Past
 * 10 x the peak it says so, as a multiple, without the band.
 * @example headroomText({ headroom: 1.08, band: [0.51, 1.63], odds: { share: 0.51, bound: null }, carriesDemand: true, serves: true })
 */
export function headroomText(f: HeadroomFacts): string | null {
  const h = f.headroom;
  if (!f.serves || h === null || !Number.isFinite(h) || !(h > 0)) return null;
  const lead = "every chip of its serving pools not training";
  if (h > 10) return `${lead}: more than ${Math.floor(h)} x the peak`;
  const band = f.band ? `, ${pct(f.band[0])} to ${pct(f.band[1])} across the serving model's 80 % band` : "";
  let needs = "";
  if (h >= 1 && f.carriesDemand) {
    needs = `; it carries the peak if throughput reaches ${pct(1 / h)} of the prediction`;
    if (f.odds) {
      const share =
        f.odds.bound === "at-least"
          ? `at least ${pct(f.odds.share)}`
          : f.odds.bound === "at-most"
            ? `at most ${pct(f.odds.share)}`
            : pct(f.odds.share);
      needs += `, as ${share} of held-out runs did, each publication weighted once`;
    }
  }
  return `${lead}: ${pct(h)} of the peak${band}${needs}`;
}

/** What the "P(peak)" column means, for its header's note. */
export const PEAK_ODDS_MEANS =
  "P(peak): the share of held-out serving runs (each publication weighted once) that reached the throughput a row's free serving chips need to carry the peak";

/** A row's odds of carrying the peak as a table cell: "51 %", "≥95 %", "≤5 %", or "–" when unknown. */
export function peakOddsCell(odds: HeadroomFacts["odds"] | undefined): string {
  if (!odds) return "–";
  const p = pct(odds.share);
  return odds.bound === "at-least" ? `≥${p}` : odds.bound === "at-most" ? `≤${p}` : p;
}
