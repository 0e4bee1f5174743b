import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import * as z from "zod";
import { builtinChips, largerMemorySkuOf } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { issuesError } from "../util/describe-issue.ts";
import { layoutLabel, threeDigits } from "./_format.ts";
import { exponentialGapS, gammaGapS, MAX_TOKENS_PER_REQUEST, type TraceRow } from "./arrivals.ts";
import type { KvAdmission } from "./engine-admission.ts";
import {
  drawLength,
  outputLengths,
  type TruncatedExponential,
  truncatedExponential,
} from "./length-distribution.ts";
import { instanceMemory } from "./memory.ts";
import { DEFAULT_MAX_BATCH } from "./search-instances.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import type { ServeSetup } from "./serve-setup.ts";
import { kvContextTokens, stepTimeS } from "./step-time.ts";

const positive = z.number().positive().finite();
const tokens = z.number().int().positive().max(MAX_TOKENS_PER_REQUEST);
/**
 * Lengths drawn uniformly in [L(1 - r), L(1 + r)] around the means, as `vllm bench serve --random-range-ratio`
 * draws them (vllm/benchmarks/datasets/utils.py, get_sampling_params); 0 = every request the same.
 */
const lengthSpread = z.number().min(0).lt(1).default(0);
/**
 * `uniform` (with `lengthSpread`; 0 = fixed) or `exponential`: long-tailed chat lengths, the truncated exponential
 * of the means (length-distribution.ts), capped by `maxInputTokens` and `maxTotalTokens` (prompt + output).
 */
const lengthDistribution = z.enum(["uniform", "exponential"]).default("uniform");
const generatedLengths = {
  lengthSpread,
  lengthDistribution,
  maxInputTokens: tokens.optional(),
  maxTotalTokens: z.int().min(2).optional(),
};
// Caps of exponential lengths when none are given: 10x the means (assumption; an untruncated exponential passes
// 10x its mean once in ~22,000 draws), the total at most what the KV pool holds for one request.
const DEFAULT_CAP_OVER_MEAN = 10;

/** Longest span a trace may cover, seconds: at 1e8 s a double still resolves 15 ns, so latencies keep their digits. */
export const MAX_TRACE_SPAN_S = 1e8;

/**
 * The workload of a simulation: arrivals (Poisson, bursty, one burst, a closed loop of clients or a trace) and
 * lengths. Validated with zod.
 */
export const SimulateWorkloadSchema = z.discriminatedUnion("arrivals", [
  z.strictObject({
    arrivals: z.literal("poisson"),
    ratePerS: positive,
    requests: tokens,
    inputTokens: tokens,
    outputTokens: tokens,
    ...generatedLengths,
  }),
  z.strictObject({
    arrivals: z.literal("bursty"),
    ratePerS: positive,
    /** Gamma shape of the gaps (vLLM benchmark_serving --burstiness): < 1 burstier than Poisson. */
    burstiness: positive,
    requests: tokens,
    inputTokens: tokens,
    outputTokens: tokens,
    ...generatedLengths,
  }),
  z.strictObject({
    /** Every request at t = 0, timed to the last answer: `vllm bench serve` without a request rate. */
    arrivals: z.literal("burst"),
    requests: tokens,
    inputTokens: tokens,
    outputTokens: tokens,
    ...generatedLengths,
  }),
  z.strictObject({
    /**
     * A closed loop: `concurrency` clients send their first requests at t = 0 and each its next one when its answer
     * completes, until `requests` are sent (`vllm bench serve --max-concurrency`, SGLang's bench_serving
     * likewise). A request's TTFT counts its wait behind the prompts sent with it. A busy engine has started its
     * next step by the time the new prompt reaches it (the answer's last token goes out, the client sends again
     * over HTTP), so the prompt joins the step after; an idle engine takes it at once.
     */
    arrivals: z.literal("closed"),
    concurrency: tokens,
    requests: tokens,
    inputTokens: tokens,
    outputTokens: tokens,
    ...generatedLengths,
  }),
  z.strictObject({
    arrivals: z.literal("trace"),
    trace: z
      .array(
        z.strictObject({ arrivalS: z.number().nonnegative(), inputTokens: tokens, outputTokens: tokens }),
      )
      .min(1),
  }),
]);
export type SimulateWorkload = z.input<typeof SimulateWorkloadSchema>;

/** Scheduler limits of the engine replica; defaults as the planner's. */
export interface SimulateOptions {
  seed: number;
  /** Sequences decoding at once (vLLM max_num_seqs). */
  maxBatch?: number;
  /** Tokens per step, decode and prefill chunks together (vLLM max_num_batched_tokens). */
  chunkTokens?: number;
  /** KV pool in tokens; default from the instance's memory. */
  kvCapacityTokens?: number;
  /**
   * Share of each prompt whose KV cache is there on arrival, 0-1 (default 0): prefix-cache hits, loaded not
   * computed, or 1 for the decode pool of a disaggregated deployment, whose prompts arrive with the cache the
   * prefill pool computed (admission then costs no prefill; the step it joins hands over the first token). A
   * preempted request recomputes its whole context.
   */
  cachedPromptShare?: number;
  /**
   * How requests enter the KV pool (engine-admission.ts): `on-demand` (default; vLLM) admits what fits now and
   * preempts on overflow; `reserve-max` (TensorRT-LLM's GUARANTEED_NO_EVICT) admits a request only when its prompt
   * and whole answer fit beside the running ones' reservations, and never preempts. Default: the setup's engine's.
   */
  admission?: KvAdmission;
  onProgress?: (fraction: number) => void;
}

/** Mean and percentiles of a latency, milliseconds. */
export interface LatencyStats {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface SimulateResult {
  requests: number;
  /** From the first arrival to the last answer; the rates below are over this window. */
  durationS: number;
  requestsPerS: number;
  outputTokensPerS: number;
  outputTokensPerSPerChip: number;
  ttftMs: LatencyStats;
  tpotMs: LatencyStats;
  e2eMs: LatencyStats;
  preemptions: number;
  steps: number;
  /**
   * Time-averaged requests in the system (integrated over the event loop), requests per second over the run (first
   * arrival to last answer: equal to requestsPerS) and mean time in system. Over a whole run L = λW is an identity of
   * correct bookkeeping (the integrated count against the requests' own sojourns), which is what it checks; the rate
   * offered while requests arrived is `offeredRatePerS`.
   */
  meanInSystem: number;
  arrivalRatePerS: number;
  meanSojournS: number;
  /**
   * Requests per second offered while they arrived (n - 1 gaps over the span of the arrivals; null for a burst and a
   * closed loop).
   */
  offeredRatePerS: number | null;
  /** Requests still waiting or running when the last one arrived. */
  backlogAtLastArrival: number;
  /** `overloaded` when the engine could not keep up with the arrivals (the queue grew through the run). */
  advisories: ServeAdvisory[];
}

// A replica sustaining less than this share of the offered rate over the second half of the arrivals, with its
// waits growing, does not keep up (a choice: a stable queue's completions there match its arrivals within the
// Poisson noise of ~1,000 requests, about 3 %).
const SUSTAINED_MARGIN = 0.97;
// Requests of the run's mean length the KV pool must hold before `kv_pool_small` stays quiet (a choice).
const KV_POOL_FEW_REQUESTS = 4;

/**
 * Discrete-event simulation of one engine replica (one attention-DP replica of `setup`; split the demand over
 * replicas before calling) under continuous batching (Orca, OSDI'22) with chunked prefill (Sarathi-Serve,
 * OSDI'24): each step decodes every running sequence and fills the rest of the token budget with prompt chunks,
 * first come first served. A prompt is admitted only when its tokens fit in the KV pool; when decode growth
 * overflows the pool the most recently admitted sequence is preempted and recomputed later (vLLM's default
 * recompute preemption); with `admission: "reserve-max"` only when its prompt and answer fit beside the running
 * reservations, never preempted (TensorRT-LLM's default). Step times come from `stepTimeS`. Seeded (xoroshiro128+, pure-rand); no allocation
 * per step. Speculative decoding advances each sequence by the mean accepted tokens per step.
 * @throws FleetcastError when the workload is invalid or a single prompt cannot fit the KV pool.
 */
export function simulateServing(
  setup: ServeSetup,
  workload: SimulateWorkload,
  options: SimulateOptions,
): SimulateResult {
  const parsed = SimulateWorkloadSchema.safeParse(workload);
  if (!parsed.success) {
    throw issuesError("simulate serving", parsed.error.issues, { root: workload, prefix: ["workload"] });
  }
  const w = parsed.data;
  const memory = instanceMemory(setup);
  if (options.kvCapacityTokens === undefined && !memory.fits) {
    const GB = 1e9;
    // a part also sold with more memory under its name (larger-memory-sku.ts) is named
    const larger = largerMemorySkuOf(setup.chip.id, builtinChips());
    throw new FleetcastError(
      `Cannot simulate serving: ${setup.arch.name}'s weights take ${(setup.weightBytesPerRank / GB).toFixed(1)} GB per rank on ${layoutLabel(setup.config)}, more than the ${(setup.usableHbmBytes / GB).toFixed(1)} GB usable on ${setup.chip.id}: no room for a KV cache${larger === null ? "" : ` (the same part is sold with ${larger.hbmGB ?? "?"} GB: ${larger.id})`}`,
      "config",
    );
  }
  const capacity = options.kvCapacityTokens ?? memory.kvCapacityTokens;
  // the event loop takes arrivals in time order: a trace given out of order is sorted (stably) first
  const rows =
    w.arrivals === "trace"
      ? [...w.trace].sort((a, b) => a.arrivalS - b.arrivalS)
      : generate(w, options.seed, lengthDraws(w, Math.max(2, drawCapacity(setup, w, capacity))));
  const n = rows.length;
  // A trace's clock starts at its first request: traces carry wall-clock (epoch) stamps, and milliseconds added to
  // a stamp near 1e12 s lose their digits (QA 39: 1e300 gave every latency as 0 ms over 5e-324 s). The simulated
  // span is bounded so that a millisecond keeps its digits at its end.
  const originS = w.arrivals === "trace" ? (rows[0]?.arrivalS ?? 0) : 0;
  const traceSpanS = w.arrivals === "trace" && n > 0 ? rows[n - 1]!.arrivalS - originS : 0;
  if (traceSpanS > MAX_TRACE_SPAN_S) {
    throw new FleetcastError(
      `Cannot simulate serving: the trace spans ${traceSpanS.toPrecision(3)} s from its first request to its last (at most ${MAX_TRACE_SPAN_S.toExponential(0)} s, about 3 years)`,
      "trace",
    );
  }
  const arrival = new Float64Array(n);
  const input = new Int32Array(n);
  const output = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    arrival[k] = r.arrivalS - originS;
    input[k] = r.inputTokens;
    output[k] = r.outputTokens;
  }
  // A request whose prompt and output outgrow the pool alone would be preempted and readmitted for ever.
  let largest = 0;
  let largestAt = 0;
  let contextSum = 0;
  for (let k = 0; k < n; k++) {
    const need = input[k]! + output[k]!;
    contextSum += input[k]! + output[k]! / 2;
    if (need > largest) {
      largest = need;
      largestAt = k;
    }
  }
  // Sliding-window layers stop growing at their window (kvContextTokens), so the pool holds more raw tokens of a
  // windowed model: admission counts raw tokens against the pool scaled by the mean request's ratio (1 otherwise).
  const meanContext = n > 0 ? Math.max(1, contextSum / n) : 1;
  const rawCapacity = capacity / (kvContextTokens(setup.arch, meanContext, setup) / meanContext);
  // admission and preemption count raw tokens against rawCapacity: a request larger than it could never run
  const holds = Math.floor(rawCapacity);
  if (rawCapacity < largest) {
    throw new FleetcastError(
      `Cannot simulate serving: a request of ${input[largestAt]} prompt + ${output[largestAt]} output tokens needs more KV than the pool holds (${holds} tokens)` +
        (w.arrivals !== "trace" && w.lengthDistribution === "exponential"
          ? `: set workload.maxTotalTokens to at most ${holds}`
          : ""),
      w.arrivals !== "trace" && w.lengthDistribution === "exponential"
        ? "workload.maxTotalTokens"
        : "workload.inputTokens",
    );
  }
  const cachedShare = options.cachedPromptShare ?? 0;
  if (!(cachedShare >= 0 && cachedShare <= 1)) {
    throw new FleetcastError(
      `Cannot simulate serving: cachedPromptShare is ${cachedShare} (must be 0 to 1)`,
      "cachedPromptShare",
    );
  }
  const reserveMax = (options.admission ?? setup.kvAdmission) === "reserve-max";
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const chunk = options.chunkTokens ?? setup.stepTokens;
  const a = setup.acceptedPerStep;
  const q = setup.tokensPerDecodeStep;

  const firstToken = new Float64Array(n);
  const finish = new Float64Array(n);
  const prefilled = new Int32Array(n); // prompt tokens (plus recomputed output) done
  const promptLen = new Int32Array(n); // tokens to prefill (grows on preemption)
  const generated = new Float64Array(n); // output tokens produced so far
  // Step at which a sequence joined the decode batch. While it runs its prompt length and `generated` stay as they
  // were then, so what it holds (prompt + first token + `a` a step since) and what it has made follow from these,
  // and it gives back exactly what it took (with a > 1 the last step can pass its answer's length).
  const joinStep = new Float64Array(n);
  const heldKv = (id: number) => promptLen[id]! + 1 + (step - joinStep[id]!) * a;
  const gen = new Int32Array(n); // bumps on preemption: stale heap entries are skipped
  for (let k = 0; k < n; k++) promptLen[k] = input[k]!;

  // waiting: FIFO of ids (preempted ones go to the front via a stack)
  const queue = new Int32Array(n);
  let qHead = 0;
  let qTail = 0;
  const front: number[] = [];
  // requests being prefilled, in order
  const prefilling: number[] = [];
  // running: admission order (for preemption) and a min-heap on finish step
  const running: number[] = [];
  const isRunning = new Uint8Array(n);
  const heap = new FinishHeap(n);

  let t = 0;
  let step = 0;
  let next = 0; // next arrival to enqueue
  // a closed loop's requests past the first `concurrency` arrive when an earlier answer completes (generate leaves
  // them at Infinity until then): the arrivals stay in time order, completions coming in time order
  const closed = w.arrivals === "closed";
  let nextClosed = closed ? Math.min(n, w.concurrency) : n;
  let done = 0;
  let kvUsed = 0;
  let kvReserved = 0; // reserve-max: prompt + answer of every admitted request not yet complete
  let kvRunning = 0; // context tokens of running sequences
  let runningCount = 0;
  let inSystem = 0;
  let area = 0;
  let preemptions = 0;
  let lastReport = 0;

  const advance = (to: number) => {
    // integrate requests in system up to `to`, enqueueing arrivals on the way
    while (next < n && arrival[next]! <= to) {
      area += inSystem * (arrival[next]! - t);
      t = arrival[next]!;
      inSystem++;
      queue[qTail++] = next++;
    }
    area += inSystem * (to - t);
    t = to;
  };

  while (done < n) {
    if (runningCount === 0 && prefilling.length === 0) {
      kvUsed = 0; // nothing holds KV: clear rounding drift of the fractional speculative advance
      kvRunning = 0;
      if (front.length === 0 && qHead === qTail) advance(arrival[next]!);
    }
    // build the step
    // the token budget is per scheduled batch: a pipeline keeps `stages` of them in flight in one step
    let budget = chunk * setup.stages - runningCount * q;
    let prefillTokens = 0;
    let prefillKeys = 0;
    let prompts = 0;
    let p = 0;
    while (budget > 0) {
      let id: number;
      if (p < prefilling.length) id = prefilling[p]!;
      else {
        if (runningCount + prefilling.length >= maxBatch) break;
        const candidate = front.length > 0 ? front[front.length - 1]! : qHead < qTail ? queue[qHead]! : -1;
        if (candidate < 0 || kvUsed + promptLen[candidate]! + 1 > rawCapacity) break;
        if (reserveMax && kvReserved + input[candidate]! + output[candidate]! > rawCapacity) break;
        if (front.length > 0) front.pop();
        else qHead++;
        kvUsed += promptLen[candidate]!;
        if (reserveMax) kvReserved += input[candidate]! + output[candidate]!;
        // cached prompt tokens (prefix hits, or a decode pool's whole prompt) are not computed on first admission
        if (cachedShare > 0 && gen[candidate] === 0) {
          prefilled[candidate] = Math.min(
            promptLen[candidate]!,
            Math.round(cachedShare * promptLen[candidate]!),
          );
        }
        prefilling.push(candidate);
        id = candidate;
      }
      const left = promptLen[id]! - prefilled[id]!;
      const take = Math.min(left, budget);
      prefillKeys += take * (prefilled[id]! + take / 2);
      prefillTokens += take;
      if (take > 0) prompts++;
      prefilled[id] = prefilled[id]! + take;
      budget -= take;
      p++;
    }
    if (runningCount === 0 && prefillTokens === 0 && prefilling.length === 0) {
      // nothing runs and the waiting request cannot be admitted: no later step would differ (a guard; the size
      // check above refuses such requests before the loop)
      throw new FleetcastError(
        "Cannot simulate serving: a waiting request cannot be admitted into an empty KV pool",
        "workload",
      );
    }
    const dt = stepTimeS(setup, {
      decodeSeqs: runningCount,
      kvTokens: kvRunning,
      prefillTokens,
      prefillKeys,
      prefillPrompts: prompts,
    });
    advance(t + dt);
    step++;
    // decode progress
    kvUsed += runningCount * a;
    kvRunning += runningCount * a;
    // prompts finished this step start decoding
    let keep = 0;
    for (let k = 0; k < prefilling.length; k++) {
      const id = prefilling[k]!;
      if (prefilled[id]! < promptLen[id]!) {
        prefilling[keep++] = id;
        continue;
      }
      if (generated[id] === 0) {
        firstToken[id] = t;
        generated[id] = 1;
      } else {
        // a preempted request's recomputed prompt emits its next token, as its first prefill did
        generated[id] = generated[id]! + 1;
      }
      kvUsed += 1;
      const remaining = output[id]! - generated[id]!;
      if (remaining <= 0) {
        complete(id, promptLen[id]! + 1);
        continue;
      }
      joinStep[id] = step;
      kvRunning += promptLen[id]! + 1;
      isRunning[id] = 1;
      runningCount++;
      running.push(id);
      heap.push(step + Math.ceil(remaining / a), id, gen[id]!);
    }
    prefilling.length = keep;
    // completions
    while (heap.size > 0 && heap.topKey() <= step) {
      const id = heap.topId();
      const g = heap.topGen();
      heap.pop();
      if (g !== gen[id] || isRunning[id] === 0) continue;
      isRunning[id] = 0;
      runningCount--;
      const held = heldKv(id);
      kvRunning -= held;
      generated[id] = output[id]!;
      complete(id, held);
    }
    // preemption when decode growth overflows the pool (never under reserve-max: what runs was reserved, and a
    // speculative step's overshoot past an answer's end is the engine's slack)
    while (!reserveMax && kvUsed > rawCapacity && runningCount > 0) {
      const id = running.pop()!;
      if (isRunning[id] === 0) continue;
      isRunning[id] = 0;
      runningCount--;
      gen[id] = gen[id]! + 1;
      // `generated` tokens existed when it joined; each step since added `a`
      const made = Math.min(output[id]! - 1, Math.floor(generated[id]! + (step - joinStep[id]!) * a));
      const held = heldKv(id);
      generated[id] = made;
      kvRunning -= held;
      kvUsed -= held;
      promptLen[id] = input[id]! + made;
      prefilled[id] = 0;
      front.push(id);
      preemptions++;
    }
    if (running.length > 4 * (runningCount + 16)) compactRunning();
  }

  function complete(id: number, heldKv: number): void {
    finish[id] = t;
    // the client's next prompt: enqueued by the next step's advance, so it joins the step after (see the schema)
    if (nextClosed < n) arrival[nextClosed++] = t;
    kvUsed -= heldKv;
    if (kvUsed < 0) kvUsed = 0;
    if (reserveMax) kvReserved -= input[id]! + output[id]!;
    inSystem--;
    done++;
    if (options.onProgress && done - lastReport >= n / 100) {
      lastReport = done;
      options.onProgress(done / n);
    }
  }
  function compactRunning(): void {
    let k = 0;
    for (const id of running) if (isRunning[id] === 1) running[k++] = id;
    running.length = k;
  }

  const ttft = new Float64Array(n);
  const tpot = new Float64Array(n);
  const e2e = new Float64Array(n);
  let sojourn = 0;
  let tpotCount = 0;
  let outputTokens = 0;
  for (let k = 0; k < n; k++) {
    ttft[k] = (firstToken[k]! - arrival[k]!) * 1000;
    e2e[k] = (finish[k]! - arrival[k]!) * 1000;
    sojourn += finish[k]! - arrival[k]!;
    outputTokens += output[k]!;
    if (output[k]! > 1) tpot[tpotCount++] = ((finish[k]! - firstToken[k]!) / (output[k]! - 1)) * 1000;
  }
  // the run lasts from its first arrival to its last answer: idle time before the first arrival is not carried load
  const firstArrivalS = n > 0 ? arrival[0]! : 0;
  const durationS = Math.max(t - firstArrivalS, Number.MIN_VALUE);
  options.onProgress?.(1);
  // Overload: the engine carried fewer requests per second than arrived, a backlog was left when the arrivals
  // stopped, and the waits grew along the run (in a stable queue both stay near the offered rate and L = λW
  // requests). The margins, carried below 90 % of offered and more than max(10, 5 %) of the requests left, are a
  // choice (assumption): they keep the warning off a stable queue's drain and the noise of a short run.
  const lastArrivalS = n > 0 ? arrival[n - 1]! : 0;
  let backlog = 0;
  for (let k = 0; k < n; k++) if (finish[k]! > lastArrivalS) backlog++;
  // rates over the span of the arrivals (a burst, all at one instant, has none and queues by design; a closed loop
  // offers what it is served, so it has none either and cannot fall behind)
  const spanS = lastArrivalS - firstArrivalS;
  // n arrivals span n - 1 gaps
  const offeredRatePerS = spanS > 0 && !closed ? (n - 1) / spanS : null;
  const carried = n / durationS;
  const advisories: ServeAdvisory[] = [];
  // answers of one token have no time between output tokens: the TPOT figures are left unknown, and said so (QA 30)
  if (tpotCount === 0) {
    advisories.push({
      code: "tpot_undefined",
      message: `every answer is one token long: TPOT (the time between output tokens) is undefined, its percentiles unknown`,
      hint: "give answers of 2 tokens or more to read TPOT; TTFT and end-to-end latency stand",
    });
  }
  // requests past the model's context: an engine refuses them (vLLM checks prompt + max_tokens against
  // max_model_len); simulated anyway, as serve plan says too (review 17)
  const maxContext = setup.arch.maxPositionEmbeddings;
  if (maxContext !== null && largest > maxContext) {
    let beyond = 0;
    for (let k = 0; k < n; k++) if (input[k]! + output[k]! > maxContext) beyond++;
    advisories.push({
      code: "context_beyond_model",
      message: `${beyond} of ${n} requests (the longest ${input[largestAt]} prompt + ${output[largestAt]} output tokens) exceed ${setup.arch.name}'s context of ${maxContext} tokens (config.json max_position_embeddings): an engine would refuse them; they were simulated as if served`,
      hint: `keep prompt + output within ${maxContext} tokens`,
    });
  }
  // A KV pool holding only a few requests of these lengths (70B FP8 on one 80 GB H100: room for ~1): the replica
  // runs near batch 1, and an engine may refuse to start (vLLM checks that max_model_len fits the pool). Fewer
  // than 4 mean requests is a choice (review 18: such a run had said only "overloaded").
  let meanTokens = 0;
  for (let k = 0; k < n; k++) meanTokens += input[k]! + output[k]!;
  meanTokens = n > 0 ? meanTokens / n : 0;
  // raw tokens against the raw pool, as admission counts them (a windowed model's pool holds more raw tokens)
  const fitsRequests = meanTokens > 0 ? rawCapacity / meanTokens : Number.POSITIVE_INFINITY;
  if (fitsRequests < KV_POOL_FEW_REQUESTS) {
    advisories.push({
      code: "kv_pool_small",
      message: `The KV pool holds ${Math.floor(rawCapacity).toLocaleString("en-US")} tokens, about ${threeDigits(fitsRequests)} requests of ${Math.round(meanTokens).toLocaleString("en-US")} tokens: the replica runs near batch ${Math.max(1, Math.floor(fitsRequests))}, and an engine may refuse to start with a context this pool cannot hold`,
      hint: "widen the instance (TP or PP) or use a precision with smaller weights or KV cache",
    });
  }
  // A queue that does not keep up also makes later arrivals wait longer than earlier ones: a stable run whose
  // last requests are merely still in flight when the trace ends (a short trace of long answers) shows no such
  // growth. Mean TTFT of the last quarter of arrivals against the first quarter, twice as long (a choice).
  const quarter = Math.max(1, Math.floor(n / 4));
  let earlyTtft = 0;
  let lateTtft = 0;
  for (let k = 0; k < quarter; k++) {
    earlyTtft += ttft[k]!;
    lateTtft += ttft[n - 1 - k]!;
  }
  const waitsGrow = lateTtft > 2 * earlyTtft;
  // What the replica sustains at this load: answers completed over the second half of the arrival window. A
  // stable queue completes about what arrives there; one that cannot keep up completes its capacity while the
  // queue grows. Over the whole run (drain included) a queue up to ~1.1x its capacity read as stable (review,
  // 2026-11-30: 33 requests/s offered to a 32.5/s replica gave a TTFT p99 of 169 ms over 60 s, 32.6 s over 1,800 s).
  const midArrivalS = n > 1 ? arrival[Math.floor(n / 2)]! : firstArrivalS;
  const lateSpanS = lastArrivalS - midArrivalS;
  let lateDone = 0;
  for (let k = 0; k < n; k++) if (finish[k]! > midArrivalS && finish[k]! <= lastArrivalS) lateDone++;
  const sustained = lateSpanS > 0 ? lateDone / lateSpanS : carried;
  if (
    offeredRatePerS !== null &&
    backlog > Math.max(10, 0.05 * n) &&
    (carried < 0.9 * offeredRatePerS || sustained < SUSTAINED_MARGIN * offeredRatePerS) &&
    waitsGrow
  ) {
    advisories.push({
      code: "overloaded",
      message: `Cannot keep up with ${threeDigits(offeredRatePerS)} requests/s: the replica carried ${threeDigits(carried)}/s and ${backlog} of ${n} requests were still queued or running when the last arrived, so the latencies grow with the run's length`,
      // the run's carried rate (the late-window one only detects: long answers barely finish in that window)
      hint: `lower the rate below ${threeDigits(carried)}/s per replica or spread it over ${carried > 0 ? Math.ceil(offeredRatePerS / carried) : "more"} replicas`,
    });
  }
  return {
    requests: n,
    durationS,
    requestsPerS: n / durationS,
    outputTokensPerS: outputTokens / durationS,
    outputTokensPerSPerChip: (outputTokens / durationS) * (setup.config.dpAttention / setup.chipsPerInstance),
    ttftMs: stats(ttft),
    // answers of one token have no time per output token: unknown (NaN), not 0
    tpotMs: stats(tpotCount > 0 ? tpot.subarray(0, tpotCount) : new Float64Array([Number.NaN])),
    e2eMs: stats(e2e),
    preemptions,
    steps: step,
    meanInSystem: area / durationS,
    arrivalRatePerS: n / durationS,
    offeredRatePerS,
    backlogAtLastArrival: backlog,
    advisories,
    meanSojournS: sojourn / n,
  };
}

/** How a generated workload draws its lengths, as a simulation's inputs echo it (nothing for a trace). */
export function workloadLengths(w: SimulateWorkload): {
  lengthSpread?: number;
  lengthDistribution?: "uniform" | "exponential";
  maxInputTokens?: number;
  maxTotalTokens?: number;
} {
  if (w.arrivals === "trace") return {};
  return {
    lengthSpread: w.lengthSpread ?? 0,
    lengthDistribution: w.lengthDistribution ?? "uniform",
    ...(w.maxInputTokens === undefined ? {} : { maxInputTokens: w.maxInputTokens }),
    ...(w.maxTotalTokens === undefined ? {} : { maxTotalTokens: w.maxTotalTokens }),
  };
}

// --- internal ---

interface GeneratedWorkload {
  arrivals: "poisson" | "bursty" | "burst" | "closed";
  ratePerS?: number;
  concurrency?: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  burstiness?: number;
  lengthSpread: number;
  lengthDistribution: "uniform" | "exponential";
  maxInputTokens?: number | undefined;
  maxTotalTokens?: number | undefined;
}

/** Exponential lengths' distributions (null for uniform ones), checked against the workload's caps. */
function lengthDraws(
  w: GeneratedWorkload,
  kvCapacityTokens: number,
): { input: TruncatedExponential; output: TruncatedExponential; maxTotal: number } | null {
  const fail: (field: string, why: string) => never = (field, why) => {
    throw new FleetcastError(`Cannot simulate serving: workload.${field} ${why}`, `workload.${field}`);
  };
  if (w.lengthDistribution === "uniform") {
    if (w.maxInputTokens !== undefined) {
      fail("maxInputTokens", "caps exponential lengths, and lengthDistribution is uniform");
    }
    if (w.maxTotalTokens !== undefined) {
      fail("maxTotalTokens", "caps exponential lengths, and lengthDistribution is uniform");
    }
    return null;
  }
  if (w.lengthSpread > 0) {
    fail(
      "lengthSpread",
      `is ${w.lengthSpread}, but it sets uniform lengths and lengthDistribution is exponential`,
    );
  }
  const maxTotal =
    w.maxTotalTokens ?? Math.min(kvCapacityTokens, DEFAULT_CAP_OVER_MEAN * (w.inputTokens + w.outputTokens));
  const maxInput = Math.min(w.maxInputTokens ?? DEFAULT_CAP_OVER_MEAN * w.inputTokens, maxTotal - 1);
  const input = truncatedExponential(w.inputTokens, 1, maxInput);
  if (input === null) {
    // the cap that binds: the prompt cap given, else the total's (prompt + output) when it is the tighter (QA 30)
    const totalBinds =
      w.maxTotalTokens !== undefined && maxTotal - 1 < (w.maxInputTokens ?? Number.POSITIVE_INFINITY);
    fail(
      totalBinds ? "maxTotalTokens" : w.maxInputTokens === undefined ? "inputTokens" : "maxInputTokens",
      `leaves no exponential prompt lengths with a mean of ${w.inputTokens} within 1..${maxInput} tokens${totalBinds ? ` (a prompt is at most workload.maxTotalTokens - 1 = ${maxInput})` : ""}`,
    );
  }
  // answers of one token (a prefill pool's: the first token leaves it) stay one token: nothing to spread
  const output =
    w.outputTokens <= 1 ? { lo: 1, hi: 1, ratePerToken: 0 } : outputLengths(w.outputTokens, input, maxTotal);
  if (output === null) {
    return fail(
      w.maxTotalTokens === undefined ? "outputTokens" : "maxTotalTokens",
      `leaves no exponential output lengths with a mean of ${w.outputTokens} within ${maxTotal} tokens of prompt + output`,
    );
  }
  return { input, output, maxTotal };
}

function generate(
  w: GeneratedWorkload,
  seed: number,
  draws: { input: TruncatedExponential; output: TruncatedExponential; maxTotal: number } | null,
): TraceRow[] {
  const rng = xoroshiro128plus(seed);
  const rows: TraceRow[] = new Array(w.requests);
  const spread = w.lengthSpread;
  // integer lengths uniform in [lo, hi] = [round(L(1-r)), round(L(1+r))]; when lo has to be raised to 1, hi
  // comes down as much so that the mean stays L (drawn only when r > 0, so a fixed-length workload keeps its
  // arrival sequence for a seed)
  const length = (mean: number) => {
    const lo = Math.max(1, Math.round(mean * (1 - spread)));
    const hi = Math.max(lo, Math.round(2 * mean - lo));
    return lo + Math.min(hi - lo, Math.floor(uniformFloat64(rng) * (hi - lo + 1)));
  };
  let t = 0;
  for (let k = 0; k < w.requests; k++) {
    if (w.arrivals === "closed") {
      // the first clients' requests at t = 0, the others when the loop sends them (simulateServing)
      t = k < (w.concurrency ?? 1) ? 0 : Number.POSITIVE_INFINITY;
    } else if (w.arrivals !== "burst") {
      const rate = w.ratePerS ?? 1;
      t += w.arrivals === "poisson" ? exponentialGapS(rng, rate) : gammaGapS(rng, rate, w.burstiness ?? 1);
    }
    if (draws !== null) {
      const input = drawLength(draws.input, uniformFloat64(rng));
      const output = drawLength(draws.output, uniformFloat64(rng), draws.maxTotal - input);
      rows[k] = { arrivalS: t, inputTokens: input, outputTokens: output };
    } else {
      rows[k] =
        spread > 0
          ? { arrivalS: t, inputTokens: length(w.inputTokens), outputTokens: length(w.outputTokens) }
          : { arrivalS: t, inputTokens: w.inputTokens, outputTokens: w.outputTokens };
    }
  }
  return rows;
}

function stats(values: Float64Array): LatencyStats {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  // nearest-rank percentile
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { mean: sum / sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

/** Binary min-heap of (finish step, request id, generation) in typed arrays. */
class FinishHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  private gens: Int32Array;
  size = 0;
  constructor(capacity: number) {
    // preemptions can push a request more than once: the arrays double when full
    this.keys = new Float64Array(Math.max(16, capacity));
    this.ids = new Int32Array(this.keys.length);
    this.gens = new Int32Array(this.keys.length);
  }
  push(key: number, id: number, gen: number): void {
    if (this.size === this.keys.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.keys = grow(this.keys, new Float64Array(this.keys.length * 2));
      this.ids = grow(this.ids, new Int32Array(this.ids.length * 2));
      this.gens = grow(this.gens, new Int32Array(this.gens.length * 2));
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.ids[i] = this.ids[parent]!;
      this.gens[i] = this.gens[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.ids[i] = id;
    this.gens[i] = gen;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  topId(): number {
    return this.ids[0]!;
  }
  topGen(): number {
    return this.gens[0]!;
  }
  pop(): void {
    const last = --this.size;
    const key = this.keys[last]!;
    const id = this.ids[last]!;
    const gen = this.gens[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.ids[i] = this.ids[child]!;
      this.gens[i] = this.gens[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.ids[i] = id;
    this.gens[i] = gen;
  }
}

/**
 * The raw tokens one request may draw: the pool, or less where the model holds more than a token's KV per token
 * (DSA's indexer keys, a hybrid model's state), as admission counts them at the workload's mean context.
 */
function drawCapacity(setup: ServeSetup, w: SimulateWorkload, capacity: number): number {
  if (w.arrivals === "trace") return capacity;
  const mean = Math.max(1, w.inputTokens + w.outputTokens / 2);
  const ratio = kvContextTokens(setup.arch, mean, setup) / mean;
  return ratio > 1 ? capacity / ratio : capacity;
}
