import { builtinProfile } from "../src/calibrate/index.ts";
import { compareStrategies, defaultScenario } from "../src/fleet/index.ts";

/** Issue 6's target: the default comparison (break-even included) in under 10 s on one core. */
export async function benchFleet(): Promise<Record<string, number>> {
  const start = performance.now();
  const result = compareStrategies(defaultScenario(), { profile: builtinProfile().train });
  return {
    fleet_default_compare_seconds: (performance.now() - start) / 1000,
    fleet_default_strategies: result.strategies.length,
  };
}
