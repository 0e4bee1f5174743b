import type { ModelArch } from "../arch/index.ts";
import type { ServeCase } from "../cases/index.ts";
import {
  MLPERF_LIMITS,
  MLPERF_MEAN_INPUT_TOKENS,
  MLPERF_MEAN_OUTPUT_TOKENS,
  mlperfBenchmarkOf,
} from "./mlperf-benchmark.ts";
import { statedRequestRate } from "./open-loop.ts";
import { assumedAcceptance, statedSpeculation } from "./stated-speculation.ts";

/** What a serving case says (or implies) about its workload and latency limits, with what had to be assumed. */
export interface CaseWorkload {
  inputTokens: number;
  outputTokens: number;
  /** Mean latency limits the layout search must meet (null = none). */
  ttftMs: number | null;
  tpotMs: number | null;
  /** Where the limits came from. */
  limitsFrom: "case" | "mlperf-rules" | "notes" | "none";
  /** Mean tokens accepted per decode step: the case's `spec_decode_accept`, else a range its notes state. */
  specDecodeAccept: number | null;
  /** True when an input or output length was assumed, not stated (the fit weighs such cases less). */
  lengthsAssumed: boolean;
  assumptions: string[];
}

// Defaults for lengths a case does not state (flagged as assumptions in the prediction).
// Unknown prompt length: 2,048 tokens (assumption; the order of the SGLang and Mooncake 2K runs).
export const DEFAULT_INPUT_TOKENS = 2048;
// Unknown output length: 512 tokens (assumption).
export const DEFAULT_OUTPUT_TOKENS = 512;

// "TPOT ~45-50 ms" / "TPOT 50 ms" in a case's notes: the operating point its collector read from the source
// (cases/FORMAT.md: `notes` carry what a predictor should know). A range reads as its middle.
const NOTES_TPOT = /\bTPOT\s*~?\s*(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?\s*ms\b/i;
// "Production 24 h average" in a case's notes (cases/serve.json ds-prod-h800-*): a day's mean load, which sits
// below what the deployment can carry by a utilisation the sources do not state; the prediction is capacity.
const NOTES_PRODUCTION_AVERAGE =
  /\bproduction\b[^.;]{0,40}\b(24[- ]?h(?:our)?|daily)\b[^.;]{0,20}\baverage\b/i;

// MLPerf server/interactive TPOT limits bind the 99th percentile; the mean sits below. In the four MLPerf server
// logs of the calibration set that report both (cases/serve.json mlperf41-h100x8-llama2-70b-server 155 of 200 ms,
// mlperf50-h100x8-llama2-70b-server 139, mlperf50-b200x8-llama2-70b-server 150, mlperf41-mi300x8-llama2-70b-server
// 143) the mean TPOT is 0.70-0.78 of the limit: 0.75 (a global constant from those logs, not a per-case factor).
export const MLPERF_MEAN_TPOT_PER_P99_LIMIT = 0.75;

// "acceptance 1.8-1.9 tokens/step": speculative decoding the collector could only give as a range (FORMAT.md:
// notes carry what a predictor should know, speculative decoding among them). A range reads as its middle.
const NOTES_ACCEPT =
  /\bacceptance\s*~?\s*(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?\s*tokens?\s*\/\s*step/i;

/** The middle of the first "lo[-hi] unit" range a pattern finds in a case's notes, or null. */
function notesRange(notes: readonly string[] | null | undefined, pattern: RegExp): number | null {
  const m = (notes ?? []).map((n) => pattern.exec(n)).find((x) => x !== null);
  if (m?.[1] === undefined) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return (lo + hi) / 2;
}

/**
 * The workload a case's prediction runs: its stated lengths (defaults flagged when missing); its latency
 * limits from `slo`, else, for MLPerf server and interactive scenarios, the benchmark's published limits, else
 * (decode or colocated runs with neither batch, concurrency nor an offered request rate) the TPOT its notes state as
 * the operating point, so the engine's batch is the one that meets it rather than the largest that fits memory.
 * Offline has no limits.
 */
export function caseWorkload(c: ServeCase, arch: ModelArch): CaseWorkload {
  const s = c.serve;
  const assumptions: string[] = [];
  let lengthsAssumed = false;
  let output = s.output_tokens ?? null;
  let input = s.input_tokens ?? null;
  const scenario = s.scenario ?? null;
  const bench = scenario === null ? null : mlperfBenchmarkOf(arch);
  const benchInput = bench === null ? undefined : MLPERF_MEAN_INPUT_TOKENS[bench];
  const benchOutput = bench === null ? undefined : MLPERF_MEAN_OUTPUT_TOKENS[bench];
  if (output === null && benchOutput !== undefined) {
    // an MLPerf run that does not state its output length: the benchmark's reference generated length
    output = benchOutput;
    assumptions.push(`output length: ${benchOutput} tokens, the MLPerf ${bench} reference answer length`);
  }
  if (output === null) {
    output = DEFAULT_OUTPUT_TOKENS;
    if (s.phase === "both") {
      assumptions.push(`output length unknown: ${DEFAULT_OUTPUT_TOKENS} tokens assumed`);
      lengthsAssumed = true;
    }
  }
  if (input === null && benchInput !== undefined) {
    // an MLPerf run: its dataset's mean prompt length, stated (405B) or from its per-sample token counts as a
    // third party extracted them (mlperf-benchmark.ts), not a guess
    input = benchInput;
    assumptions.push(
      `input length: ${benchInput} tokens, the MLPerf ${bench} dataset mean${bench === "llama3.1-405b" ? "" : " (per-sample token counts, third-party extraction)"}`,
    );
  }
  if (input === null) {
    input = s.phase === "both" ? output : DEFAULT_INPUT_TOKENS;
    if (s.phase !== "decode" || s.kv_len == null) {
      assumptions.push(
        `input length unknown: ${input} tokens assumed${s.phase === "both" ? " (= output)" : ""}`,
      );
      lengthsAssumed = true;
    }
  }

  let ttftMs: number | null = null;
  let tpotMs: number | null = null;
  let limitsFrom: CaseWorkload["limitsFrom"] = "none";
  if (scenario !== "offline" && s.slo != null && (s.slo.ttft_ms != null || s.slo.tpot_ms != null)) {
    ttftMs = s.slo.ttft_ms ?? null;
    tpotMs = s.slo.tpot_ms ?? null;
    limitsFrom = "case";
  } else if (scenario === "server" || scenario === "interactive") {
    const limits = bench === null ? undefined : MLPERF_LIMITS[bench][scenario];
    if (limits !== undefined) {
      ttftMs = limits.ttftMs;
      tpotMs = limits.tpotMs;
      limitsFrom = "mlperf-rules";
      assumptions.push(
        `MLPerf ${bench} ${scenario} limits used: TTFT ${limits.ttftMs} ms, TPOT ${Math.round(limits.tpotMs)} ms`,
      );
    }
  } else if (
    scenario === null &&
    s.phase !== "prefill" &&
    s.batch_per_chip == null &&
    s.concurrency == null &&
    // an open loop's load is its arrival rate: a TPOT its notes give is what that load produced, not an operating
    // point (blind-45: vllm-ascend PR 878's "Mean TPOT 17.21 ms" at 1 request/s sized a batch of one, which the
    // arrivals then queued behind for minutes)
    statedRequestRate(c) === null
  ) {
    const fromNotes = notesRange(c.notes, NOTES_TPOT);
    if (fromNotes !== null) {
      tpotMs = fromNotes;
      limitsFrom = "notes";
      assumptions.push(`batch set by the TPOT the notes state (${tpotMs} ms), not by memory`);
    }
  }
  let specDecodeAccept = s.spec_decode_accept ?? null;
  if (specDecodeAccept === null && s.phase !== "prefill") {
    specDecodeAccept = notesRange(c.notes, NOTES_ACCEPT);
    if (specDecodeAccept !== null)
      assumptions.push(
        `speculative decoding: ${specDecodeAccept} tokens accepted per step, the middle of the notes' range`,
      );
  }
  if (specDecodeAccept === null && s.phase !== "prefill") {
    // a launch that drafts with no acceptance stated is priced without its drafts, and says so (stop 40: priced at
    // published acceptances, SGLang-Ascend's EAGLE runs read 1.2-2x fast; docs/serving-model.md)
    const stated = statedSpeculation(c);
    if (stated !== null) {
      const method = stated.method === "mtp" ? "MTP" : "EAGLE";
      const depth =
        stated.draftTokens === null
          ? "depth unstated"
          : `${stated.draftTokens} draft token${stated.draftTokens === 1 ? "" : "s"} a step`;
      const published = assumedAcceptance(stated);
      assumptions.push(
        `speculative decoding configured (${method}, ${depth}) with no acceptance stated: priced without it${published === null ? "" : ` (published acceptances would give ~${published.toFixed(1)} tokens a step)`}`,
      );
    }
  }
  if ((c.notes ?? []).some((n) => NOTES_PRODUCTION_AVERAGE.test(n))) {
    assumptions.push(
      "a production average over a day: the prediction is the deployment's capacity, which the average sits below by an unstated utilisation",
    );
  }
  if (scenario !== null && tpotMs !== null) {
    // MLPerf limits are 99th percentiles; the layout search meets means. TPOT only: it is steady under
    // continuous batching, while mean TTFT sits far below its p99 (180-1,006 ms against 2,000 in the MLPerf
    // server logs of cases/serve.json) with no common ratio, so the TTFT limit stays as stated.
    tpotMs *= MLPERF_MEAN_TPOT_PER_P99_LIMIT;
    assumptions.push(
      `mean TPOT held to ${MLPERF_MEAN_TPOT_PER_P99_LIMIT} x the p99 limit (${Math.round(tpotMs)} ms), as in MLPerf server logs`,
    );
  }
  return {
    inputTokens: input,
    specDecodeAccept,
    outputTokens: output,
    ttftMs,
    tpotMs,
    limitsFrom,
    lengthsAssumed,
    assumptions,
  };
}
