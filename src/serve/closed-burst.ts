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
// benchmarks/serve docs); case collectors write such runs as "sent at once" / "closed burst". A static batch (one
// batch of `concurrency` requests run from the first prompt to the last token: TensorRT-LLM's early blogs,
// out_tps = output_seqlen x batch_size / total_latency, docs/source/blogs/Falcon180B-H200.md) is one such burst.
const BURST_TEXT =
  /closed burst|(?<!not )sent at once|request[- _]rate[ =:]*(?:inf|infinite)\b|(?<!(?:not|unlike|than|vs\.?|versus|with|over) (?:a )?)static[- ]batch(?!ing)/i;
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
 * Whether a colocated case is a closed loop: a concurrency stated and no closed burst said (a case's concurrency is
 * what benchmark clients keep in flight: `vllm bench serve --max-concurrency`, SGLang's bench_serving, trtllm-bench
 * --concurrency, each client sending its next prompt when its answer completes). The prompts its clients send
 * together wait for one another, which the steady state leaves out of the TTFT. A prefill/decode-disaggregated run
 * is simulated as colocated replicas too, as its steady state was priced (an approximation).
 */
export function isClosedLoop(c: ServeCase): boolean {
  if (c.serve.phase !== "both" || c.serve.concurrency == null) return false;
  return !isClosedBurst(c);
}

// `vllm bench serve` and SGLang's bench_serving send 1,000 prompts unless told (--num-prompts default 1000 in
// both: vllm/benchmarks/serve.py, sglang/bench_serving.py); trtllm-bench takes --num_requests
const DEFAULT_NUM_PROMPTS = 1000;
const NUM_PROMPTS_TEXT =
  /--num[-_](?:prompts?|requests)[ =]+(\d[\d,]*)(?!\s*[*x×]\s*[a-z])|\b(\d[\d,]*) (?:prompts|requests)\b(?!\s*(?:\/|per\b))/i;
// a count written as a multiple of the concurrency, as benchmark scripts set it ("--num-prompts 10*C",
// "--num-prompts 5 x concurrency"): that many per client (stop 31: "10*C" had been read as 10 prompts)
const NUM_PROMPTS_PER_CLIENT_TEXT =
  /--num[-_](?:prompts?|requests)[ =]+(\d+)\s*[*x×]\s*(?:c|conc|concurrency|max[-_]concurrency)\b/i;

/**
 * The prompts a closed loop's clients send in all: the number its notes give (`--num-prompts N`, "N prompts"),
 * else the benchmark tools' default of 1,000, and never fewer than the clients.
 */
export function closedLoopRequests(c: ServeCase): { requests: number; stated: boolean } {
  const clients = c.serve.concurrency ?? 1;
  for (const t of caseTexts(c)) {
    const per = NUM_PROMPTS_PER_CLIENT_TEXT.exec(t);
    if (per !== null && c.serve.concurrency != null) {
      return { requests: Math.max(clients, Number(per[1]) * c.serve.concurrency), stated: true };
    }
    const m = NUM_PROMPTS_TEXT.exec(t);
    const n = m === null ? Number.NaN : Number((m[1] ?? m[2] ?? "").replaceAll(",", ""));
    if (Number.isInteger(n) && n > 0) return { requests: Math.max(clients, n), stated: true };
  }
  return { requests: Math.max(clients, DEFAULT_NUM_PROMPTS), stated: false };
}

/**
 * Serves a closed burst of `requests` prompts on a deployment of `chips` chips laid out as `best` (or, given
 * `clients`, a closed loop of that many clients sending them: at most `clients` in flight): the prompts
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
  clients?: number,
): BurstResult {
  const replicaChips = best.chipsPerInstance / best.config.dpAttention;
  const input = Math.max(1, Math.round(inputTokens));
  const output = Math.max(1, Math.round(outputTokens));
  const simulate = (share: number, inFlight: number) => {
    const common = { requests: share, inputTokens: input, outputTokens: output, ...lengths };
    return simulateServing(
      best.setup,
      inFlight < share
        ? { arrivals: "closed", concurrency: inFlight, ...common }
        : { arrivals: "burst", ...common },
      { seed: 1, maxBatch: Math.max(1, Math.floor(best.batch)) },
    );
  };
  // drawn lengths keep their own mean
  const meanOutputOf = (r: ReturnType<typeof simulate>) =>
    lengths.lengthDistribution === "uniform" ? outputTokens : (r.outputTokensPerS * r.durationS) / r.requests;
  const deployed = Math.max(1, Math.floor(chips / replicaChips));
  if (clients === undefined) {
    // every replica finishes its share by the busiest one's makespan
    const perReplica = Math.max(1, Math.ceil(requests / deployed));
    const r = simulate(perReplica, perReplica);
    const makespanS = r.durationS;
    return {
      requestsPerReplica: perReplica,
      makespanS,
      outputTokensPerSPerChip: (requests * meanOutputOf(r)) / makespanS / chips,
      requestsPerS: requests / makespanS,
      ttftMs: r.ttftMs.mean,
      tpotMs: r.tpotMs.mean,
    };
  }
  // A closed loop keeps at most `clients` replicas busy. Its clients spread as evenly as they go: `rest` replicas
  // hold one client more than the others (5 clients on 4 replicas: one with 2, three with 1; review 22b), each
  // replica's prompts in proportion to its clients; each kind of replica is simulated and their rates add up, the
  // latencies weighted by clients.
  const replicas = Math.min(deployed, clients);
  const fewer = Math.floor(clients / replicas);
  const rest = clients - fewer * replicas;
  const kinds = [
    { replicas: rest, clients: fewer + 1 },
    { replicas: replicas - rest, clients: fewer },
  ].filter((k) => k.replicas > 0 && k.clients > 0);
  let ratePerS = 0;
  let outputPerS = 0;
  let ttft = 0;
  let tpot = 0;
  let busiest = 0;
  for (const k of kinds) {
    const share = Math.max(k.clients, Math.round((requests * k.clients) / clients));
    const r = simulate(share, k.clients);
    const rate = share / r.durationS;
    ratePerS += k.replicas * rate;
    outputPerS += k.replicas * rate * meanOutputOf(r);
    ttft += (k.replicas * k.clients * r.ttftMs.mean) / clients;
    tpot += (k.replicas * k.clients * r.tpotMs.mean) / clients;
    busiest = Math.max(busiest, share);
  }
  return {
    requestsPerReplica: busiest,
    makespanS: requests / ratePerS,
    outputTokensPerSPerChip: outputPerS / chips,
    requestsPerS: ratePerS,
    ttftMs: ttft,
    tpotMs: tpot,
  };
}

/** What a case says of its run in free text: its software line and notes. */
function caseTexts(c: ServeCase): string[] {
  return [c.software ?? "", ...(c.notes ?? [])];
}
