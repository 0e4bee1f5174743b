import type { PlannedInstance } from "../serve/index.ts";
import { defaultScenario } from "./default-scenario.ts";
import type { Scenario } from "./scenario-schema.ts";

/**
 * A scaled-down story for fast tests: the default scenario's model, load shape and policy on an eighth of the
 * fleet, a twentieth of the load, 1T training tokens due in 30 days, 40 Monte Carlo replicas.
 */
export function smallScenario(overrides: Partial<Scenario> = {}): Scenario {
  const s = defaultScenario();
  return {
    ...s,
    name: "small-story",
    pools: [
      { name: "h800", chip: "nvidia-h800-sxm", count: 256, stack: "hai-llm", usd_per_chip_hour: 2 },
      { name: "h20", chip: "nvidia-h20", count: 128, scaleout_gbps_per_chip: 400 },
      { name: "ascend-910c", chip: "huawei-ascend-910c", count: 512, power_w: 800 },
    ],
    training: { ...s.training, tokens: 1e12, deadline_days: 30 },
    serving: { ...s.serving, demand_tokens_per_day: (s.serving.demand_tokens_per_day ?? 0) / 20 },
    replicas: 40,
    ...overrides,
  };
}

/** A planned serving instance for tests: one chip, unit rates and zero step times unless `partial` says otherwise. */
export function plannedInstance(partial: Partial<PlannedInstance>): PlannedInstance {
  return {
    tp: 1,
    dpAttention: 1,
    ep: 1,
    chipsPerInstance: 1,
    batch: 1,
    tokensPerSPerChip: 1,
    ttftMs: 0,
    tpotMs: 0,
    // a pool that holds the default scenario's requests, as every planned instance does
    kvCapacityTokens: 1_000_000,
    violates: [],
    stepMs: {
      dense: 0,
      experts: 0,
      attention: 0,
      kernelLaunches: 0,
      communication: 0,
      overhead: 0,
      total: 0,
      microBatches: 1,
    },
    ...partial,
  };
}
