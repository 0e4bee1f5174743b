/**
 * The HTTP API's bounds on request size and work. These are engineering limits of this server, not facts about
 * hardware: each keeps one request within seconds on a laptop core (measured on this repository's machine, see
 * the notes per constant), and the per-request time limit of the worker pool is the backstop for the rest.
 */

/** Largest request body: 1 MiB holds a Hugging Face config.json (kilobytes) and hundreds of cases. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Chips in one request: the core's bound (util/engineering-bounds.ts), 2^20. */
export { MAX_CHIPS } from "../util/engineering-bounds.ts";

/** Tokens in one sequence: 2^21 = 2M, above the 1M-token contexts of current long-context training. */
export const MAX_SEQ_LEN = 1 << 21;

/** Tokens in one global batch: 2^36 ≈ 6.9e10 (DeepSeek-V3's final batch is 15,360 × 4K ≈ 6.3e7, V3 report §4.2). */
export const MAX_GLOBAL_BATCH_TOKENS = 2 ** 36;

/** Training token budget: 10^15, about 70× DeepSeek-V3's 14.8T (V3 report §4.1). */
export const MAX_TRAIN_TOKENS = 1e15;

/**
 * Monte Carlo replicas per request: 10^5 (the library allows 10^6, reliability/reliability-input.ts MAX_REPLICAS;
 * the API keeps a tenth so one request cannot hold a worker for minutes). 10^7 is rejected by the schema.
 */
export const MAX_API_REPLICAS = 100_000;

/**
 * Work bound of one reliability simulation: replicas × chips × failure-free days × rate multiplier. Failures,
 * the simulator's events, grow with each factor. Measured here: 1,000 replicas × 100,000 chips × 365 days
 * (3.65e10) took 4.0 s, 1,000 × 16,384 × 54 (8.8e8) took 0.3 s; 10^11 is therefore about 10 s of one core.
 */
export const MAX_RELIABILITY_WORK = 1e11;

/**
 * Failure events one reliability request may simulate (`expectedEvents`: replicas × failure rate × expected wall
 * time, before running it). The simulator processes 7e6-1.8e7 events per second on one core here (10^4 replicas of
 * 16,384 H100 over 54 days: 4.9e6 events in 0.71 s), so 10^8 is at most ~15 s, inside the 30 s time limit. The
 * work bound above misses failure-dominated jobs (16,384 chips at 1,000x the rates: 8.8e10 passed it and ran past
 * 30 s, holding the worker while other requests waited).
 */
export const MAX_RELIABILITY_EVENTS = 1e8;

/** Replicas of the failure simulation inside a training plan (planTraining's default is 1,000, DEFAULT_REPLICAS). */
export const MAX_TRAIN_RELIABILITY_REPLICAS = 2_000;

/** Plans a training-plan response lists (the CLI allows 100, cli/commands/train.ts --top). */
export const MAX_TOP_PLANS = 100;

/** Cases in one validation request: 500, about 7× the built-in set of 75 (which validates in ~0.35 s here). */
export const MAX_CASES = 500;

/** Per-request time limit of the worker pool, in milliseconds, unless the server is started with another. */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

/** Requests that may wait for a worker; more get 503 with Retry-After. */
export const DEFAULT_MAX_QUEUE = 32;

/** Heap limit of one worker thread, in MiB (Node's Worker resourceLimits.maxOldGenerationSizeMb). */
export const WORKER_HEAP_MB = 1024;

/** Nesting depth of a request's JSON: 64 levels (a config.json nests 3–4); deeper bodies could overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Requests one serving simulation may hold: 10^6 (10^6 requests simulate in 1.3-1.8 s, bench/results.json); a
 * trace is bounded by the 1 MiB body long before that.
 */
export const MAX_SIM_REQUESTS = 1_000_000;
