import { parseReliabilityInput, type ReliabilityInputRaw } from "./reliability-input.ts";
import { resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import { closedFormsFor } from "./simulate-reliability.ts";

/**
 * About how many failure events a simulation of `replicas` replicas processes, before running it: each replica
 * meets the job's failures (unexpected and planned) over its wall time, which Daly's closed form estimates and
 * the simulator's horizon caps. The simulator's cost is per event (checkpoints are closed-form, run-monte-carlo.ts),
 * so this is the figure that says whether a request takes a second or an hour; replicas × chips × days misses
 * the wall time stretching when failures dominate (16,384 chips at 1,000x the rates: 10x the failure-free time).
 * @example expectedEvents({ chipFamily: "nvidia-hopper", chipCount: 16384, trainDays: 54 }, 1000) // ~4.5e5
 */
export function expectedEvents(raw: ReliabilityInputRaw, replicas: number): number {
  const plan = resolveReliabilityPlan(parseReliabilityInput(raw));
  const closed = closedFormsFor(plan);
  const wallH = Math.min(
    Number.isFinite(closed.dalyWallDays) ? closed.dalyWallDays * 24 : plan.horizonH,
    plan.horizonH,
  );
  const planned = plan.plannedIntervalH === null ? 0 : 1 / plan.plannedIntervalH;
  return replicas * (plan.unexpectedRatePerH + planned) * wallH;
}
