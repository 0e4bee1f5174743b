import { isFleetcastError } from "../errors.ts";
import { countText, layoutLabel, threeDigits } from "./_format.ts";
import { promptWork } from "./performance.ts";
import type { CapacityPool, ServePlan } from "./plan-serve.ts";
import type { InstanceCandidate } from "./search-instances.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import { type LatencyStats, simulateServing } from "./simulate-serving.ts";
import { wholePackages } from "./whole-packages.ts";

// Sizing a serving pool for a demand and its latency limits: the layouts that carry the demand in whole
// instances (`poolChoices`), each grown until one replica simulated at its share meets the p99 limits its role
// answers for (`sizePool`), and what the plan reports of those simulations (`atLoadOf`, `longWaitAdvisory`).
// Requests simulated per replica to read its latencies at load: 2,000 give stable medians and a p99 from ~20
// samples; long answers are cut down to ~10^6 output tokens per simulation (at least 200 requests, a p99 from 2)
// so that a plan stays well under a second.
const AT_LOAD_REQUESTS = 2000;
const AT_LOAD_OUTPUT_TOKENS = 1_000_000;
const AT_LOAD_MIN_REQUESTS = 200;
const atLoadRequests = (outputTokens: number) =>
  Math.min(
    AT_LOAD_REQUESTS,
    Math.max(AT_LOAD_MIN_REQUESTS, Math.floor(AT_LOAD_OUTPUT_TOKENS / outputTokens)),
  );

// A pool whose replica misses a p99 limit at its share grows by whole instances, to at most this many times
// the instances its throughput needs (beyond that the limit is too close to the unloaded latency: advised). A
// choice, not a measurement: it bounds the simulations of one plan (with MAX_LAYOUTS_FOR_LATENCY, DeepSeek-V3 on
// 910C at 460 requests/s under TTFT 800 ms plans in ~1.5 s, bench/results.json).
const MAX_GROWTH_FOR_LATENCY = 4;

// The highest share of a layout's full-load rate a pool is planned at (here, and by the fleet comparison). Near saturation a queue's waits grow as
// load/(1 - load) (Kingman) and take ~1/(1 - load)^2 service times to settle, far beyond the ~2,000 requests a
// plan simulates: 33 requests/s on a replica that sustains 32.5 gave a p99 TTFT of 169 ms over 60 s and 32.6 s
// over 1,800 s (review, 2026-11-30), and the full-load rate itself is the step model's, a few percent off the
// simulated one. 0.95 is a choice (assumption): waits at most ~19x their light-load level.
export const MAX_PLANNED_LOAD = 0.95;

/** Latencies of one replica of a pool simulated at its share of the demand. */
export interface PoolAtLoad {
  role: CapacityPool["role"];
  /** Requests of each seeded sample. */
  requests: number;
  /** The seeds of the samples simulated; each latency is the worse of them (AT_LOAD_SEEDS). */
  seeds: readonly number[];
  ratePerS: number;
  /** The engine's batch cap in the simulation (the layout's batch, vLLM's --max-num-seqs); null for a prefill pool. */
  maxBatch: number | null;
  ttftMs: LatencyStats;
  tpotMs: LatencyStats;
  advisories: ServeAdvisory[];
}

// Independent seeded samples a replica is simulated with at load, each latency read as the worse of them. One
// sample's p99 rests on ~20 requests, and a pool grown until it first passes sat on the limit: QA 26 found a plan
// whose p99s passed on seed 1 miss on five other seeds. Two is a choice that doubles the plan's simulations (a
// plan stays within ~1-3 s here); the worse of two is still one draw, so the text says how it was read.
const AT_LOAD_SEEDS = [1, 101] as const;

/** The worse (larger) of two latency summaries, field by field. */
function worse(a: LatencyStats, b: LatencyStats): LatencyStats {
  return {
    mean: Math.max(a.mean, b.mean),
    p50: Math.max(a.p50, b.p50),
    p90: Math.max(a.p90, b.p90),
    p99: Math.max(a.p99, b.p99),
  };
}

/** The load a pool is simulated at and the limits it answers for (the plan's input, as planServe parsed it). */
export interface LoadAtLimits {
  inputTokens: number;
  outputTokens: number;
  cacheHitRate: number;
  /** Lengths drawn around the means (simulate-serving.ts); default uniform, every request the means. */
  lengthDistribution?: "uniform" | "exponential" | undefined;
  ttftMs?: number | undefined;
  tpotMs?: number | undefined;
}

/**
 * One replica of a pool simulated at `ratePerS` Poisson arrivals (`simulateServing`, seeded). Colocated: prompts
 * and answers on the replica. Prefill: prompts alone, in steps of the layout's prompt tokens, one output token
 * each (the first token leaves the prefill pool). Decode: prompts arriving with their KV cache
 * (`cachedPromptShare` 1); its TTFT is the wait for a decode slot. Null when the simulation cannot run.
 */
function poolAtLoad(
  role: CapacityPool["role"],
  candidate: InstanceCandidate,
  ratePerS: number,
  input: LoadAtLimits,
): PoolAtLoad | null {
  const requests = role === "prefill" ? AT_LOAD_REQUESTS : atLoadRequests(input.outputTokens);
  const workload = {
    arrivals: "poisson" as const,
    ratePerS,
    requests,
    // the simulator draws whole tokens: a mean length (ShareGPT's 221.7) rounds to the nearest
    inputTokens: Math.max(1, Math.round(input.inputTokens)),
    outputTokens: role === "prefill" ? 1 : Math.max(1, Math.round(input.outputTokens)),
    // long-tailed lengths drawn around the means (a prefill pool's one-token answers stay one token)
    lengthDistribution: input.lengthDistribution ?? "uniform",
  };
  // the prefill layout's step computes `batch` x prompt tokens (search-instances.ts); cache hits are loaded
  const maxBatch = role === "prefill" ? null : Math.max(1, Math.floor(candidate.batch));
  const options =
    role === "prefill"
      ? {
          // the layout's step: `batch` prompts, of which the uncached part is computed (promptWork)
          chunkTokens: Math.max(
            1,
            Math.round(candidate.batch * promptWork(input.inputTokens, input.cacheHitRate).computed),
          ),
          cachedPromptShare: input.cacheHitRate,
        }
      : {
          maxBatch: maxBatch ?? 1,
          cachedPromptShare: role === "decode" ? 1 : input.cacheHitRate,
        };
  // the decode pool's samples differ from the colocated and prefill ones (each pool its own arrivals)
  const seeds = AT_LOAD_SEEDS.map((seed) => (role === "decode" ? seed + 1 : seed));
  try {
    const runs = seeds.map((seed) => simulateServing(candidate.setup, workload, { ...options, seed }));
    const pool = role === "colocated" ? "" : ` (${role} pool)`;
    const advisories: ServeAdvisory[] = [];
    for (const a of runs.flatMap((r) => r.advisories)) {
      // a prefill pool's one-token answers are this simulation's, not the user's: their TPOT is no news (review 34)
      if (role === "prefill" && a.code === "tpot_undefined") continue;
      if (!advisories.some((x) => x.code === a.code))
        advisories.push({ ...a, message: `${a.message}${pool}` });
    }
    return {
      role,
      requests,
      seeds,
      ratePerS,
      maxBatch,
      ttftMs: runs.map((r) => r.ttftMs).reduce(worse),
      tpotMs: runs.map((r) => r.tpotMs).reduce(worse),
      advisories,
    };
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    return null;
  }
}

// How a split plan shares its TTFT limit: the prompt's turn and prefill in the prefill pool, then its wait for a
// slot in the decode pool, p99 each. 0.8 / 0.2 is a choice, not a measurement: the sum of two p99s bounds the p99
// of their sum from above, so meeting both meets the limit; a decode pool sized for TPOT seldom queues, so it
// takes the smaller part (DeepSeek-V3 on 910C, TTFT 2 s: each pool met the whole 2 s before, 4 s together).
export const SPLIT_TTFT_SHARE = { prefill: 0.8, decode: 0.2 } as const;

/**
 * What a pool's replica misses at load, or null: its role's p99 against the limits (colocated: TTFT and TPOT;
 * prefill: TTFT; decode: TPOT, and its wait for a slot against the TTFT limit, since the second token waits for
 * it), or a queue that does not keep up (`overloaded`).
 */
function missAtLoad(
  at: PoolAtLoad,
  input: { ttftMs?: number | undefined; tpotMs?: number | undefined },
): { metric: string; p99: number; limit: number } | null {
  if (at.advisories.some((a) => a.code === "overloaded")) {
    return { metric: "throughput", p99: Number.NaN, limit: Number.NaN };
  }
  // a split plan's first token waits in both pools: the TTFT limit is shared between them (SPLIT_TTFT_SHARE)
  const share = at.role === "colocated" ? 1 : SPLIT_TTFT_SHARE[at.role];
  const ttft = input.ttftMs === undefined ? null : input.ttftMs * share;
  const tpot = at.role !== "prefill" ? (input.tpotMs ?? null) : null;
  if (ttft !== null && at.ttftMs.p99 > ttft) {
    return {
      metric:
        at.role === "decode"
          ? "wait for a decode slot (its share of the TTFT limit)"
          : at.role === "prefill"
            ? "TTFT (the prefill pool's share of the limit)"
            : "TTFT",
      p99: at.ttftMs.p99,
      limit: ttft,
    };
  }
  if (tpot !== null && at.tpotMs.p99 > tpot) return { metric: "TPOT", p99: at.tpotMs.p99, limit: tpot };
  return null;
}

/** A replica's miss in words: "its queue grows", or "TTFT p99 5,260 ms against 1,600". */
export function missText(miss: { metric: string; p99: number; limit: number }): string {
  return miss.metric === "throughput"
    ? "its queue grows"
    : `${miss.metric} p99 ${threeDigits(miss.p99)} ms against ${threeDigits(miss.limit)}`;
}

/** What the largest pool tried still misses, when it is another limit than the first miss (e.g. queue, then TTFT). */
function shortBy(
  last: { metric: string; p99: number; limit: number } | null,
  first: { metric: string },
): string {
  if (last === null || last.metric === first.metric) return "";
  return ` (${missText(last)})`;
}

/**
 * A throughput-sized pool grown by whole instances until one replica, simulated at its share of the demand,
 * meets the p99 TTFT/TPOT limits its role answers for (the fewest instances that do, by doubling then
 * bisection; the simulated latency falls with the share). Past MAX_GROWTH_FOR_LATENCY x the throughput sizing
 * the pool keeps that sizing, advised.
 */
function sizeForLimitsAtLoad(choice: PoolChoice, requestsPerS: number, input: LoadAtLimits): SizedPool {
  const { pool, candidate } = choice;
  const n0 = pool.instances;
  const at = (instances: number) =>
    replicaAtLoad(pool.role, candidate, instances, requestsPerS, input)?.atLoad ?? null;
  const first = at(n0);
  // not simulated: the throughput sizing stands, unchecked
  if (first === null) return { choice, atLoad: null, advisories: [], met: true };
  const miss = missAtLoad(first, input);
  if (miss === null) return { choice, atLoad: first, advisories: first.advisories, met: true };
  const what = (m: { metric: string; p99: number; limit: number }) =>
    m.metric === "throughput"
      ? "keep up with its share"
      : `meet ${m.metric} ${threeDigits(m.limit)} ms at p99`;
  const cap = MAX_GROWTH_FOR_LATENCY * n0;
  let lo = n0;
  let hi = n0;
  let atHi: PoolAtLoad | null = first;
  while (atHi !== null && missAtLoad(atHi, input) !== null && hi < cap) {
    lo = hi;
    hi = Math.min(cap, Math.max(hi + 1, 2 * hi));
    atHi = at(hi);
  }
  if (atHi === null || missAtLoad(atHi, input) !== null) {
    const seen = miss.metric === "throughput" ? "its queue grows" : `${threeDigits(miss.p99)} ms`;
    return {
      choice,
      atLoad: first,
      met: false,
      advisories: [
        ...first.advisories,
        {
          code: "limit_not_met_at_load",
          message: `Cannot ${what(miss)} with the ${pool.role} pool at this load: ${seen} with ${instances(n0)}, ${atHi === null ? `not simulated with ${instances(hi)}` : `still short with ${instances(hi)}${shortBy(missAtLoad(atHi, input), miss)}`}`,
          hint: `the limit is too close to the layout's unloaded latency (up to ${MAX_LAYOUTS_FOR_LATENCY} layouts were tried); loosen it, or plan with a larger --count for faster layouts`,
        },
      ],
    };
  }
  let best = atHi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const m = at(mid);
    if (m !== null && missAtLoad(m, input) === null) {
      hi = mid;
      best = m;
    } else lo = mid;
  }
  const grown: PoolChoice = {
    candidate,
    pool: {
      ...pool,
      instances: hi,
      chips: wholePackages(hi * pool.chipsPerInstance),
      load: (pool.load * n0) / hi,
    },
  };
  const before = miss.metric === "throughput" ? "its queue grew" : `${threeDigits(miss.p99)} ms`;
  return {
    choice: grown,
    atLoad: best,
    met: true,
    advisories: [
      ...best.advisories,
      {
        code: "grown_for_latency",
        message: `The ${pool.role} pool grows from ${countText(n0)} to ${instances(hi)} to ${what(miss)} at this load (${before} with ${countText(n0)})`,
        hint: "throughput alone would load the instances closer to full; the queue at that load breaks the latency limit",
      },
    ],
  };
}

/**
 * One replica of a pool of `instances` whole instances of `candidate` simulated at its share of `requestsPerS`
 * (`poolAtLoad`), and what it misses of the p99 limits its role answers for (`missAtLoad`), or null when it meets
 * them; null altogether when the simulation cannot run. For callers that chose the instances themselves (the fleet
 * comparison's rows, sized for throughput).
 */
export function replicaAtLoad(
  role: CapacityPool["role"],
  candidate: InstanceCandidate,
  instances: number,
  requestsPerS: number,
  input: LoadAtLimits,
): { atLoad: PoolAtLoad; miss: { metric: string; p99: number; limit: number } | null } | null {
  const at = poolAtLoad(
    role,
    candidate,
    requestsPerS / (Math.max(1, instances) * candidate.config.dpAttention),
    input,
  );
  return at === null ? null : { atLoad: at, miss: missAtLoad(at, input) };
}

/** The plan's latencies at load from its sized pools: one colocated replica, or a prefill and a decode replica. */
export function atLoadOf(
  sized: readonly { atLoad: PoolAtLoad | null }[],
): NonNullable<ServePlan["capacity"]>["atLoad"] {
  const colocated = sized.find((x) => x.atLoad?.role === "colocated")?.atLoad;
  if (colocated) {
    const { requests, seeds, ratePerS, maxBatch, ttftMs, tpotMs } = colocated;
    return { requests, seeds, ratePerS, maxBatch, ttftMs, tpotMs, split: null };
  }
  const prefill = sized.find((x) => x.atLoad?.role === "prefill")?.atLoad;
  const decode = sized.find((x) => x.atLoad?.role === "decode")?.atLoad;
  if (!prefill || !decode) return null;
  return {
    requests: Math.min(prefill.requests, decode.requests),
    seeds: prefill.seeds,
    ratePerS: prefill.ratePerS,
    maxBatch: decode.maxBatch,
    ttftMs: prefill.ttftMs,
    tpotMs: decode.tpotMs,
    split: { decodeRatePerS: decode.ratePerS, decodeWaitMs: decode.ttftMs, decodeSeeds: decode.seeds },
  };
}

// How close to a limit a p99 at load sits before the plan says its verdict is borderline: within 10 %. A p99 of
// ~2,000 requests near saturation moves far between samples (QA 26: Llama 3.1 70B on H20 at 85 % load, TTFT p99
// 1,256-3,994 ms over six seeds against a 2,000 ms limit), so a pool grown until it first passes sits there.
// 10 % is a choice, not a measurement.
const NEAR_LIMIT = 0.9;

/**
 * Advice when a sized pool meets a p99 limit at load by less than 10 %: the verdict rests on the samples drawn.
 */
export function nearLimitAdvisory(
  atLoad: NonNullable<ServePlan["capacity"]>["atLoad"],
  limits: { ttftMs?: number | undefined; tpotMs?: number | undefined },
): ServeAdvisory | null {
  if (atLoad === null) return null;
  const split = atLoad.split;
  // split pools answer for shares of the TTFT limit (SPLIT_TTFT_SHARE): the prefill pool's first token, the decode
  // pool's wait for a slot
  const share = (part: "prefill" | "decode") =>
    limits.ttftMs === undefined ? undefined : limits.ttftMs * SPLIT_TTFT_SHARE[part];
  const checks = [
    {
      what: split ? "TTFT (the prefill pool's share)" : "TTFT",
      flag: "ttft",
      p99: atLoad.ttftMs.p99,
      limit: split ? share("prefill") : limits.ttftMs,
    },
    ...(split
      ? [
          {
            what: "the wait for a decode slot (its share of TTFT)",
            flag: "ttft",
            p99: split.decodeWaitMs.p99,
            limit: share("decode"),
          },
        ]
      : []),
    { what: "TPOT", flag: "tpot", p99: atLoad.tpotMs.p99, limit: limits.tpotMs },
  ];
  // every limit met by less than 10 % (review 26b: a borderline TPOT had hidden behind a borderline TTFT share)
  const near = checks.filter(
    (c): c is (typeof checks)[number] & { limit: number } =>
      c.limit !== undefined && c.p99 <= c.limit && c.p99 > NEAR_LIMIT * c.limit,
  );
  if (near.length === 0) return null;
  // a margin the CLI takes as written: 10 % under the limit asked, to 0.1 ms
  const margin = (flag: string) =>
    Math.floor(NEAR_LIMIT * ((flag === "ttft" ? limits.ttftMs : limits.tpotMs) ?? 0) * 10) / 10;
  const what = near
    .map((c) => `${c.what} p99 ${threeDigits(c.p99)} ms against ${threeDigits(c.limit)}`)
    .join("; ");
  const flags = [...new Set(near.map((c) => c.flag))];
  return {
    code: "near_limit_at_load",
    message: `At this load ${what}: within ${Math.round((1 - NEAR_LIMIT) * 100)} % of the limit, where p99s of ${countText(atLoad.requests)} simulated requests move widely from one sample to the next`,
    hint: `treat it as borderline: for a hard limit, plan with a margin (e.g. ${flags.map((f) => `--${f}-ms ${margin(f)}`).join(" ")}; API ${flags.map((f) => `${f}_ms`).join(", ")}), or check other seeds with serve simulate`,
  };
}

// A p99 wait past which a throughput-only sizing is worth a warning: ten seconds before the first token (a
// choice, not a measurement: well past any interactive limit of the MLPerf rules, 0.45-6 s, mlperf-benchmark.ts).
const LONG_WAIT_MS = 10_000;

/**
 * Advice when a plan sized without a TTFT limit makes requests wait long at the demand: its pools run near full
 * load, so the queue before the first token (or, split, before a decode slot) grows long at p99.
 */
export function longWaitAdvisory(atLoad: NonNullable<ServePlan["capacity"]>["atLoad"]): ServeAdvisory | null {
  if (atLoad === null) return null;
  const waits = [
    { what: "TTFT", p99: atLoad.ttftMs.p99 },
    ...(atLoad.split === null
      ? []
      : [{ what: "wait for a decode slot", p99: atLoad.split.decodeWaitMs.p99 }]),
  ].filter((w) => Number.isFinite(w.p99) && w.p99 > LONG_WAIT_MS);
  if (waits.length === 0) return null;
  return {
    code: "long_wait_at_load",
    message: `Sized for throughput alone, one replica at the demand has a p99 ${waits.map((w) => `${w.what} of ${threeDigits(w.p99 / 1000)} s`).join(" and a p99 ")}`,
    hint: "give --ttft-ms to size the pools for a wait as well",
  };
}

const instances = (n: number) => `${countText(n)} instance${n === 1 ? "" : "s"}`;

export type PoolChoice = { pool: CapacityPool; candidate: InstanceCandidate };
/** A pool after its latency check: grown or not, whether its replica met the limits at load. */
export type SizedPool = {
  choice: PoolChoice;
  atLoad: PoolAtLoad | null;
  advisories: ServeAdvisory[];
  met: boolean;
};

/**
 * Every feasible layout with the whole instances that carry `tokensPerS` (prompt tokens for prefill, output tokens
 * otherwise), fewest chips first; ties go to the faster layout (the list is sorted fastest first).
 */
export function poolChoices(
  role: CapacityPool["role"],
  candidates: readonly InstanceCandidate[],
  tokensPerS: number,
): PoolChoice[] {
  const out: PoolChoice[] = [];
  for (const c of candidates) {
    if (!c.feasible || c.tokensPerSPerChip <= 0) continue;
    const perInstance = c.tokensPerSPerChip * c.chipsPerInstance;
    // whole instances at no more than MAX_PLANNED_LOAD of their full-load rate; a demand of exactly k instances
    // must not round up to k + 1 through floating-point noise (relative margin)
    const instances = Math.max(1, Math.ceil((tokensPerS / (perInstance * MAX_PLANNED_LOAD)) * (1 - 1e-12)));
    out.push({
      candidate: c,
      pool: {
        role,
        tp: c.config.tp,
        dpAttention: c.config.dpAttention,
        pp: c.config.pp ?? 1,
        ep: c.config.ep,
        instances,
        chipsPerInstance: c.chipsPerInstance,
        chips: wholePackages(instances * c.chipsPerInstance),
        batch: c.batch,
        tokensPerSPerChip: c.tokensPerSPerChip,
        ttftMs: c.ttftMs,
        tpotMs: c.tpotMs,
        load: Math.min(1, tokensPerS / (instances * perInstance)),
      },
    });
  }
  // stable sort: equal chips keep the search's order (fastest first)
  return out.sort((a, b) => a.pool.chips - b.pool.chips);
}

/**
 * The pools a mode sizes for a demand: one colocated pool, or a prefill and a decode pool, each the layouts that carry
 * its share in whole instances (`poolChoices`); null when a role has no feasible layout.
 */
export function modeChoices(
  layouts: {
    colocated: readonly InstanceCandidate[];
    prefill: readonly InstanceCandidate[];
    decode: readonly InstanceCandidate[];
  },
  disaggregated: boolean,
  requestsPerS: number,
  lengths: { inputTokens: number; outputTokens: number },
): PoolChoice[][] | null {
  const outputPerS = requestsPerS * lengths.outputTokens;
  const roles = disaggregated
    ? [
        poolChoices("prefill", layouts.prefill, requestsPerS * lengths.inputTokens),
        poolChoices("decode", layouts.decode, outputPerS),
      ]
    : [poolChoices("colocated", layouts.colocated, outputPerS)];
  return roles.every((c) => c.length > 0) ? roles : null;
}

// Layouts a pool tries for the latency limits, fewest throughput chips first, while one could still need fewer
// chips than the best grown so far (a choice bounding plan time, as MAX_GROWTH_FOR_LATENCY). 4 until stop 39, when
// QA found DeepSeek-V3 at 100B tokens a day sized at 320 H200 against 272 H100: the layout H100 used was fifth on
// H200's list. At 8 both take 272 (the default story's 910C share for the Train-NVIDIA row: 4,832 -> 4,192 chips).
// Where no early layout meets the limits every one is simulated: Qwen3-235B on H100 at 100B tokens a day under TTFT
// 150 / TPOT 20 ms plans in 19.7 s from the CLI at 8 (7,056 chips, the limits met at load) against 5.3 s at 4 (496
// chips, missed), measured 2026-12-03 on this 2-core machine; 16 took longer still (review 39). The API stops a
// request at 30 s.
const MAX_LAYOUTS_FOR_LATENCY = 8;

/**
 * A pool sized for the demand and the limits: the throughput-cheapest layout grown for the limits at load, then
 * the next layouts while they could still need fewer chips than the best that met them (up to
 * MAX_LAYOUTS_FOR_LATENCY); the one with the fewest chips that meets them (a layout that could not be simulated
 * does not count), else the first one, advised.
 */
export function sizePool(
  choices: readonly PoolChoice[],
  requestsPerS: number,
  input: LoadAtLimits,
): SizedPool {
  let first: SizedPool | null = null;
  let best: SizedPool | null = null;
  for (const choice of choices.slice(0, MAX_LAYOUTS_FOR_LATENCY)) {
    if (best !== null && choice.pool.chips >= best.choice.pool.chips) break;
    const sized = sizeForLimitsAtLoad(choice, requestsPerS, input);
    first ??= sized;
    const checked = sized.met && sized.atLoad !== null;
    if (checked && (best === null || sized.choice.pool.chips < best.choice.pool.chips)) best = sized;
  }
  if (first === null) throw new Error("sizePool: no layout to size");
  if (best === null || best === first) return best ?? first;
  const { pool } = best.choice;
  const firstPool = first.choice.pool;
  const throughputInstances = choices[0]?.pool.instances ?? firstPool.instances;
  const why = first.met
    ? `meets them only with ${instances(firstPool.instances)} (${countText(firstPool.chips)} chips)`
    : `could not within ${MAX_GROWTH_FOR_LATENCY}x its ${instances(throughputInstances)}`;
  return {
    ...best,
    advisories: [
      ...best.advisories,
      {
        code: "layout_for_latency",
        message: `The ${pool.role} pool takes ${instances(pool.instances)} of ${layoutLabel(pool)} (${countText(pool.chips)} chips) to meet the limits at this load: ${layoutLabel(firstPool)}, the layout that needs the fewest chips for throughput, ${why}`,
        hint: "a faster instance queues less at the same load",
      },
    ],
  };
}
