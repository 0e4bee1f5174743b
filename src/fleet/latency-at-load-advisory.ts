import type { ServingAtLoad } from "./_fleet-context.ts";
import type { FleetAdvisory } from "./fleet-advisory.ts";

/** A serving part as `compare` sized it for throughput, and what its pool had left for serving. */
export interface PartSizedForThroughput {
  pool: string;
  chips: number;
  mode: "colocated" | "disaggregated";
  requestsPerS: number;
  /** Chips of the pool left for serving (the part's own included). */
  freeChips: number;
}

/**
 * The advisory of a serving part that misses the p99 latency limits at its share of the peak: what it misses, and the
 * chips `serve plan` sizes for that share, said against the part's chips (serve plan's own layouts may meet the limits
 * within them: new-user review 21 read the same count as a contradiction) and the pool's.
 */
export function latencyAtLoadAdvisory(part: PartSizedForThroughput, at: ServingAtLoad): FleetAdvisory {
  const sized = at.chipsAtLoad;
  const what = part.mode === "colocated" ? "colocated instances" : "prefill/decode pools";
  const where =
    sized === null
      ? "`serve plan` finds no pool of its layouts that meets the limits at that share"
      : `\`serve plan\` sizes ${sized} chips of ${what} for that share${
          sized > part.freeChips
            ? ` (the pool has ${part.freeChips} for serving)`
            : sized <= part.chips
              ? " with layouts of its own, within this part's chips (the part keeps the layout sized for throughput)"
              : ""
        }`;
  return {
    code: "serving-latency-at-load",
    message: `${part.pool}: at its share of the peak (${Number(part.requestsPerS.toPrecision(3))} requests/s) on ${part.chips} chips sized for throughput, ${at.misses.join("; ")}; ${where}`,
    hint:
      sized !== null && sized <= part.freeChips
        ? "size the part as `serve plan` does for this share (its layouts, whole instances grown for the limits), or relax ttft_ms/tpot_ms (limits are p99 at load)"
        : "add chips to the pool, move serving to another pool, or relax ttft_ms/tpot_ms (limits are p99 at load, as `serve plan` reads them)",
  };
}
