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

/**
 * Whether a colocated case is a closed burst: `concurrency` prompts sent at once and timed to the last answer
 * (its notes or software say so). Its throughput is tokens over the makespan, ramp-up and tail included, not the
 * steady state.
 */
export function isClosedBurst(c: ServeCase): boolean {
  if (c.serve.phase !== "both" || c.serve.concurrency == null) return false;
  const texts = [c.software ?? "", ...(c.notes ?? [])];
  return texts.some((t) => BURST_TEXT.test(t)) && !texts.some((t) => CAPPED_TEXT.test(t));
}

/**
 * Serves a closed burst of `requests` prompts on a deployment of `chips` chips laid out as `best`: the prompts
 * are spread over the attention replicas, and one replica with the busiest share is simulated from t = 0
 * (`simulateServing`: continuous batching up to the layout's batch, chunked prefill, KV admission), every prompt
 * `inputTokens` long and answered with `outputTokens` (means; real length spreads lengthen the tail). Seeded, so
 * the same layout gives the same figures.
 */
export function closedBurst(
  best: InstanceCandidate,
  chips: number,
  requests: number,
  inputTokens: number,
  outputTokens: number,
): BurstResult {
  const replicaChips = best.chipsPerInstance / best.config.dpAttention;
  const replicas = Math.max(1, Math.floor(chips / replicaChips));
  const perReplica = Math.max(1, Math.ceil(requests / replicas));
  const input = Math.max(1, Math.round(inputTokens));
  const output = Math.max(1, Math.round(outputTokens));
  const r = simulateServing(
    best.setup,
    { arrivals: "burst", requests: perReplica, inputTokens: input, outputTokens: output },
    { seed: 1, maxBatch: Math.max(1, Math.floor(best.batch)) },
  );
  // every replica finishes its share by the busiest one's makespan
  const makespanS = r.durationS;
  return {
    requestsPerReplica: perReplica,
    makespanS,
    outputTokensPerSPerChip: (requests * outputTokens) / makespanS / chips,
    requestsPerS: requests / makespanS,
    ttftMs: r.ttftMs.mean,
    tpotMs: r.tpotMs.mean,
  };
}
