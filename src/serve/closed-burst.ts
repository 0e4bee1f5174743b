import type { ServeCase } from "../cases/index.ts";
import type { InstanceCandidate } from "./search-instances.ts";
import { simulateServing } from "./simulate-serving.ts";

/** What a closed burst of requests gives on one layout: the run's throughput and mean latencies. */
export interface BurstResult {
  /** Requests each attention replica serves (the busiest one when they do not divide evenly). */
  requestsPerReplica: number;
  makespanS: number;
  outputTokensPerSPerChip: number;
  requestsPerS: number;
  ttftMs: number;
  tpotMs: number;
}

// `vllm bench serve` sends every prompt at once unless a rate is given (--request-rate defaults to inf, vLLM
// benchmarks/serve docs); case collectors write such runs as "sent at once" / "closed burst".
const BURST_TEXT = /closed burst|(?<!not )sent at once|request[- _]rate[ =:]*(?:inf|infinite)\b/i;
// ... unless the run capped how many were in flight (`--max-concurrency`: a closed loop, not one burst)
const CAPPED_TEXT = /max(?:imum)?[- _]?(?:request[- _])?concurrency|at a time/i;
const SHAREGPT_TEXT = /(?<!not )\bsharegpt\b/i;
// `vllm bench serve --dataset-name sharegpt` keeps a conversation's first turn only when its prompt has at most
// 1,024 tokens and prompt + answer at most 2,048 (vllm-project/vllm vllm/benchmarks/datasets.py,
// is_valid_sequence defaults; the same pruning as the older benchmark_serving.py); the answer's length is the
// dataset's own, so lengths spread widely around the means the case gives.
const SHAREGPT_MAX_INPUT_TOKENS = 1024;
const SHAREGPT_MAX_TOTAL_TOKENS = 2048;

/** How the prompts of a burst are drawn: fixed at the means, or long-tailed within caps (SimulateWorkload). */
export type BurstLengths =
  | { lengthDistribution: "uniform" }
  | { lengthDistribution: "exponential"; maxInputTokens: number; maxTotalTokens: number };

/**
 * The lengths of a closed burst's prompts: a ShareGPT run (its notes or software name the dataset) draws them
 * from the truncated exponential of its means within the benchmark's caps (length-distribution.ts: the
 * maximum-entropy choice when only the means are known); other runs (random datasets, fixed lengths) keep them.
 */
export function burstLengths(c: ServeCase): BurstLengths {
  const texts = caseTexts(c);
  return texts.some((t) => SHAREGPT_TEXT.test(t))
    ? {
        lengthDistribution: "exponential",
        maxInputTokens: SHAREGPT_MAX_INPUT_TOKENS,
        maxTotalTokens: SHAREGPT_MAX_TOTAL_TOKENS,
      }
    : { lengthDistribution: "uniform" };
}

/**
 * Whether a colocated case is a closed burst: `concurrency` prompts sent at once and timed to the last answer
 * (its notes or software say so). Its throughput is tokens over the makespan, ramp-up and tail included, not the
 * steady state.
 */
export function isClosedBurst(c: ServeCase): boolean {
  if (c.serve.phase !== "both" || c.serve.concurrency == null) return false;
  const texts = caseTexts(c);
  return texts.some((t) => BURST_TEXT.test(t)) && !texts.some((t) => CAPPED_TEXT.test(t));
}

/**
 * Serves a closed burst of `requests` prompts on a deployment of `chips` chips laid out as `best`: the prompts
 * are spread over the attention replicas, and one replica with the busiest share is simulated from t = 0
 * (`simulateServing`: continuous batching up to the layout's batch, chunked prefill, KV admission), prompts and
 * answers `inputTokens` and `outputTokens` long on average, fixed or drawn as `lengths` says (a long tail
 * lengthens the makespan: the last answers decode alone), admitted into the KV pool as the layout's engine does
 * by default (engine-admission.ts). Seeded, so the same layout gives the same figures.
 */
export function closedBurst(
  best: InstanceCandidate,
  chips: number,
  requests: number,
  inputTokens: number,
  outputTokens: number,
  lengths: BurstLengths = { lengthDistribution: "uniform" },
): BurstResult {
  const replicaChips = best.chipsPerInstance / best.config.dpAttention;
  const replicas = Math.max(1, Math.floor(chips / replicaChips));
  const perReplica = Math.max(1, Math.ceil(requests / replicas));
  const input = Math.max(1, Math.round(inputTokens));
  const output = Math.max(1, Math.round(outputTokens));
  const r = simulateServing(
    best.setup,
    { arrivals: "burst", requests: perReplica, inputTokens: input, outputTokens: output, ...lengths },
    { seed: 1, maxBatch: Math.max(1, Math.floor(best.batch)) },
  );
  // every replica finishes its share by the busiest one's makespan; drawn lengths keep their own mean
  const makespanS = r.durationS;
  const meanOutput =
    lengths.lengthDistribution === "uniform" ? outputTokens : (r.outputTokensPerS * r.durationS) / r.requests;
  return {
    requestsPerReplica: perReplica,
    makespanS,
    outputTokensPerSPerChip: (requests * meanOutput) / makespanS / chips,
    requestsPerS: requests / makespanS,
    ttftMs: r.ttftMs.mean,
    tpotMs: r.tpotMs.mean,
  };
}

/** What a case says of its run in free text: its software line and notes. */
function caseTexts(c: ServeCase): string[] {
  return [c.software ?? "", ...(c.notes ?? [])];
}
