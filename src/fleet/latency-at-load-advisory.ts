import type { ServingAtLoad, SizedServingPart } from "./_fleet-context.ts";
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
 * chips `serve plan` sizes for that share against the pool's. (Where the pool has them, the comparison takes serve
 * plan's pools instead and says so: grownForLatencyAdvisory.)
 */
export function latencyAtLoadAdvisory(
  part: PartSizedForThroughput,
  at: Pick<ServingAtLoad, "chipsAtLoad" | "misses">,
): FleetAdvisory {
  const sized = at.chipsAtLoad;
  const what = part.mode === "colocated" ? "colocated instances" : "prefill/decode pools";
  const where =
    sized === null
      ? "`serve plan` finds no pool of its layouts that meets the limits at that share"
      : `\`serve plan\` sizes ${sized} chips of ${what} for that share${
          sized > part.freeChips ? ` (the pool has ${part.freeChips} for serving)` : ""
        }`;
  return {
    code: "serving-latency-at-load",
    message: `${part.pool}: at its share of the peak (${Number(part.requestsPerS.toPrecision(3))} requests/s) on ${part.chips} chips sized for throughput, ${at.misses.join("; ")}; ${where}`,
    hint: "add chips to the pool, move serving to another pool, or relax ttft_ms/tpot_ms (limits are p99 at load, as `serve plan` reads them)",
  };
}

/**
 * Advice when a part that missed the p99 limits at its share of the peak took the pools `serve plan` sizes for that
 * share instead (its layouts, grown for the limits), its pool having the chips: the chips past the throughput sizing.
 */
export function grownForLatencyAdvisory(
  pool: string,
  chipsBefore: number,
  sized: Pick<SizedServingPart, "chips" | "ttftP99Ms" | "tpotP99Ms">,
  requestsPerS: number,
): FleetAdvisory {
  const p99 = [
    sized.ttftP99Ms === null ? null : `TTFT p99 ${Math.round(sized.ttftP99Ms).toLocaleString("en-US")} ms`,
    sized.tpotP99Ms === null ? null : `TPOT p99 ${Number(sized.tpotP99Ms.toPrecision(3))} ms`,
  ].filter((x) => x !== null);
  return {
    code: "serving-grown-for-latency",
    message: `${pool}: ${chipsBefore} chips sized for throughput missed the p99 limits at its share of the peak (${Number(requestsPerS.toPrecision(3))} requests/s); it takes the ${sized.chips} chips \`serve plan\` sizes for that share, whose replicas meet them${p99.length > 0 ? ` (${p99.join(", ")})` : ""}`,
    hint: "the chips past the throughput sizing buy latency: relax ttft_ms/tpot_ms to serve on fewer",
  };
}
