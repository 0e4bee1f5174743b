import type { Case } from "./case-schema.ts";

// MLPerf result trees name their submitter as `closed/<Submitter>/...` (github.com/mlcommons/inference_results_*).
const MLPERF_SUBMITTER = /\b(?:closed|open|preview)\/([A-Za-z0-9_.-]+)\//;

/**
 * The publication a case comes from: its source URL up to the first space (a case may add a parenthetical
 * locator), lower-cased, without a trailing slash or `#fragment`; for MLPerf result trees, the submitter when the URL
 * or locator names it (`closed/AMD/...`), since each submitter measures on its own systems. Cases sharing a key share
 * a harness, an engine build and the collector's reading, so their errors are not independent: leave-one-source-out
 * validation holds out the whole key at once.
 */
export function sourceKeyOf(c: Pick<Case, "source">): string {
  const url = c.source.url.trim().split(/\s/)[0] ?? "";
  const base = url
    .toLowerCase()
    .replace(/#.*$/, "")
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
  const submitter = MLPERF_SUBMITTER.exec(`${c.source.url} ${c.source.locator}`)?.[1];
  return submitter !== undefined && base.includes("mlcommons") ? `${base}#${submitter.toLowerCase()}` : base;
}
