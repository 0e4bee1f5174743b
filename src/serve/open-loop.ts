import type { ServeCase } from "../cases/index.ts";
import { type BurstLengths, type BurstResult, closedBurst } from "./closed-burst.ts";
import type { InstanceCandidate } from "./search-instances.ts";
import { simulateServing } from "./simulate-serving.ts";

// `vllm bench serve --request-rate R` (and SGLang's bench_serving `--request-rate R`) draws its prompts' arrival gaps
// from a Poisson process at R requests per second over the whole deployment (vllm/benchmarks/serve.py
// get_request: exponential gaps when burstiness is 1, the default); "inf" sends them all at once (closed-burst.ts).
// Only a rate named as the run's input is read ("--request-rate 4", "request rate: 4", "request rate of 4 req/s",
// "Poisson arrivals at 4 req/s"), never a measured request throughput.
// (a number followed by another, "request rate 1, 2, 4, 8", is a sweep, not this run's rate; a rate measured, achieved
// or sustained is an outcome, not an input: review 23)
// A number ends at a sentence's full stop ("--request-rate 24." is 24: stop 31, it was read as none).
const RATE_TEXT = [
  /--request[-_]rate[ =]+(\d+(?:\.\d+)?)(?!\d|\.\d|\s*[,/]\s*\d)/i,
  /(?<!(?:not (?:at )?(?:a |an )?|measured |achieved |observed |max(?:imum)? |sustain(?:ed|able) |peak |effective ))\brequest[- _]rate(?: of)?[ :=]+(\d+(?:\.\d+)?)(?!\d|\.\d|\s*[,/]\s*\d)/i,
  /\bpoisson arrivals? (?:at|of) (\d+(?:\.\d+)?) ?(?:req(?:uest)?s?\/s|requests? per second|qps|rps)\b/i,
];
// Where the run is said to be an open loop at a target rate, a bare "rate 5" is that rate (a results table's row
// label: "Open-loop benchmark at a fixed target request rate ...", "Row: Chat 512/256, rate 5"); outcomes are not.
const OPEN_LOOP_TEXT = /\bopen[- ]loop\b/i;
const BARE_RATE_TEXT =
  /(?<!(?:measured |achieved |observed |max(?:imum)? |sustain(?:ed|able) |peak |effective |saturation ))\brate[ :=]+(\d+(?:\.\d+)?)(?!\d|\.\d|\s*[,/]\s*\d|\s*(?:tok|token|k?b|gb|%))/i;

/**
 * The request rate a colocated case's run offered (an open loop: prompts arriving at random at that mean rate,
 * whatever the engine's pace), read from its software line and notes; null when none is stated (a rate of "inf" is a
 * closed burst, not a rate).
 */
export function statedRequestRate(c: ServeCase): number | null {
  if (c.serve.phase !== "both") return null;
  const texts = [c.software ?? "", ...(c.notes ?? [])];
  const first = (patterns: readonly RegExp[]): number | null => {
    for (const text of texts) {
      for (const re of patterns) {
        const m = re.exec(text);
        const rate = m === null ? Number.NaN : Number(m[1]);
        if (Number.isFinite(rate) && rate > 0) return rate;
      }
    }
    return null;
  };
  return first(RATE_TEXT) ?? (texts.some((t) => OPEN_LOOP_TEXT.test(t)) ? first([BARE_RATE_TEXT]) : null);
}

/**
 * Serves an open loop of `requests` prompts arriving as a Poisson process of `ratePerS` requests per second over a
 * deployment of `chips` chips laid out as `best`: the arrivals spread evenly over the attention replicas (each sees
 * `ratePerS / replicas`, a thinned Poisson process), one replica simulated from t = 0 to its last answer
 * (`simulateServing`: continuous batching, chunked prefill, KV admission). Below the deployment's capacity the
 * throughput is the offered rate's (its tokens over the arrivals' span and the last answer's tail); above, the
 * engine's pace. Seeded, so the same layout gives the same figures.
 */
export function openLoop(
  best: InstanceCandidate,
  chips: number,
  requests: number,
  ratePerS: number,
  inputTokens: number,
  outputTokens: number,
  lengths: BurstLengths = { lengthDistribution: "uniform" },
): BurstResult {
  const replicaChips = best.chipsPerInstance / best.config.dpAttention;
  const deployed = Math.max(1, Math.floor(chips / replicaChips));
  const perReplica = Math.max(1, Math.ceil(requests / deployed));
  const r = simulateServing(
    best.setup,
    {
      arrivals: "poisson",
      ratePerS: ratePerS / deployed,
      requests: perReplica,
      inputTokens: Math.max(1, Math.round(inputTokens)),
      outputTokens: Math.max(1, Math.round(outputTokens)),
      ...lengths,
    },
    { seed: 1, maxBatch: Math.max(1, Math.floor(best.batch)) },
  );
  // drawn lengths keep their own mean
  const meanOutput =
    lengths.lengthDistribution === "uniform" ? outputTokens : (r.outputTokensPerS * r.durationS) / r.requests;
  return {
    requestsPerReplica: perReplica,
    makespanS: r.durationS,
    outputTokensPerSPerChip: (requests * meanOutput) / r.durationS / chips,
    requestsPerS: requests / r.durationS,
    ttftMs: r.ttftMs.mean,
    tpotMs: r.tpotMs.mean,
  };
}

/**
 * An open loop of `requests` prompts offered at `ratePerS` with at most `cap` in flight (vllm bench serve
 * --request-rate R --max-concurrency C: a prompt waits for a free slot before it is sent and timed). The cap binds
 * when C clients in a closed loop carry less than R: the run is that closed loop. Otherwise the open loop's
 * throughput, and latencies no worse than the closed loop's: the cap keeps the engine's load at most that loop's, a
 * queue beyond it waiting untimed at the client (review 23: the open loop timed it, a TTFT 11x too long). An
 * approximation of their mix.
 */
export function cappedOpenLoop(
  best: InstanceCandidate,
  chips: number,
  requests: number,
  ratePerS: number,
  cap: number,
  inputTokens: number,
  outputTokens: number,
  lengths: BurstLengths = { lengthDistribution: "uniform" },
): { result: BurstResult; capBinds: boolean } {
  const capped = closedBurst(best, chips, requests, inputTokens, outputTokens, lengths, cap);
  if (capped.requestsPerS < ratePerS) return { result: capped, capBinds: true };
  const open = openLoop(best, chips, requests, ratePerS, inputTokens, outputTokens, lengths);
  return {
    result: {
      ...open,
      ttftMs: Math.min(open.ttftMs, capped.ttftMs),
      tpotMs: Math.min(open.tpotMs, capped.tpotMs),
    },
    capBinds: false,
  };
}
