import { createRequire } from "node:module";
import { startServer } from "../src/server/index.ts";

/** The part of autocannon's result this benchmark reads (autocannon README, "Results"). */
interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  latency: { p50: number; p99: number; average: number; max: number };
}
interface CannonOptions {
  url: string;
  connections: number;
  amount: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}
interface CannonInstance {
  stop(): void;
}
type Cannon = (
  options: CannonOptions,
  done: (error: Error | null, result: CannonResult) => void,
) => CannonInstance;

// autocannon ships no type declarations: load it through require with the shape above.
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

/** Bounds of each run: at most this many requests, stopped after this many seconds. */
const MAX_REQUESTS = 2000;
const MAX_SECONDS = 10;

/** A cheap training plan: Llama 3.1 8B on one 8-chip H100 node with every degree fixed (~10 ms of search). */
const CHEAP_PLAN = {
  model: "llama-3.1-8b",
  chip: "nvidia-h100-sxm",
  count: 8,
  seq_len: 4096,
  global_batch_tokens: 4_194_304,
  constraints: { tp: 1, pp: 1, cp: 1, micro_batch: 1, recompute: "none", schedule: "1f1b" },
  top: 1,
};

/**
 * Issue 7's load check of the HTTP API on loopback: autocannon against `GET /healthz` (10 connections) and
 * `POST /api/train/plan` for a cheap plan (4 connections, so the worker queue never overflows), each bounded to
 * 2,000 requests or 10 s. Reports errors (connection errors, timeouts and non-2xx answers), p50/p99 latency in ms
 * and completed requests per second, then closes the server.
 */
export async function benchApi(): Promise<Record<string, number>> {
  const server = await startServer({ port: 0, host: "127.0.0.1" });
  const out: Record<string, number> = {};
  try {
    const runs = [
      { key: "api_healthz", path: "/healthz", connections: 10 },
      { key: "api_train_plan", path: "/api/train/plan", connections: 4, body: CHEAP_PLAN },
    ];
    for (const run of runs) {
      const r = await cannon({
        url: `${server.url}${run.path}`,
        connections: run.connections,
        amount: MAX_REQUESTS,
        ...(run.body
          ? {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(run.body),
            }
          : {}),
      });
      const completed = r["2xx"] + r.non2xx;
      out[`${run.key}_requests`] = completed;
      out[`${run.key}_errors`] = r.errors + r.timeouts + r.non2xx;
      out[`${run.key}_p50_ms`] = r.latency.p50;
      out[`${run.key}_p99_ms`] = r.latency.p99;
      out[`${run.key}_requests_per_s`] = r.duration > 0 ? completed / r.duration : 0;
    }
  } finally {
    await server.close();
  }
  return out;
}

/** One autocannon run, stopped after MAX_SECONDS if the request count is not reached by then. */
function cannon(options: CannonOptions): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result);
    });
    const timer = setTimeout(() => instance.stop(), MAX_SECONDS * 1000);
  });
}
