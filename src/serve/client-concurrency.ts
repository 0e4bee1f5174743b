import type { ServeCase } from "../cases/index.ts";
import { statedRequestRate } from "./open-loop.ts";

/**
 * The clients a case's run kept in flight at most: its `concurrency`, unless that is an outcome of an open loop,
 * a mean number in flight its notes derive by Little's law (offered rate x mean latency) from a stated rate (stop 31:
 * read as a cap, five open-loop runs were simulated as closed loops whose prompts arrive together, and as engines
 * whose batch stops at that mean, a TTFT 3-11x too long).
 */
export function clientConcurrency(c: ServeCase): number | null {
  const derived =
    statedRequestRate(c) !== null &&
    (c.notes ?? []).some((n) => /\blittle'?s law\b/i.test(n) && /\bconcurrency\b/i.test(n));
  return derived ? null : (c.serve.concurrency ?? null);
}
