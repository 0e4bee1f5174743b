import type { Case } from "./case-schema.ts";

// MLPerf results live in one repository per round (github.com/mlcommons/inference_results_v5.1, training_results_…).
const MLPERF_ROUND = /\bmlcommons\/((?:inference|training)_results_v[\d.]+)/i;

/**
 * The publication a case comes from: its source URL up to the first space (a case may add a parenthetical
 * locator), lower-cased, without the scheme, a trailing slash or a `#fragment`; an MLPerf result, the round's
 * repository whatever folder the URL points into. Cases sharing a key share a harness and an engine build, or (an
 * MLPerf round) a benchmark's rules, datasets and submission window, and the collector's reading, so their errors
 * are not independent: leave-one-source-out validation holds out the whole key
 * at once. An MLPerf round is taken whole (every submitter's results are published together, and a case does not
 * always name its submitter's folder: review 17 found NVIDIA's v5.1 rows under two keys when it tried to).
 */
export function sourceKeyOf(c: Pick<Case, "source">): string {
  // a case without a URL (an internal measurement) is its own publication: its citation names it
  if (c.source.url == null) return `citation:${c.source.citation.trim().toLowerCase()}`;
  const url = c.source.url.trim().split(/\s/)[0] ?? "";
  const round = MLPERF_ROUND.exec(url)?.[1];
  if (round !== undefined) return `github.com/mlcommons/${round.toLowerCase()}`;
  return url
    .toLowerCase()
    .replace(/#.*$/, "")
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
}
