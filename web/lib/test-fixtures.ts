/** Test data for the dashboard: a comparison shaped like POST /api/fleet/compare's answer (values rounded). */
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import type { ComparisonJson, PolicyCostJson, StrategyJson } from "./api-types.ts";

function strategy(
  id: string,
  label: string,
  p50: number | null,
  feasible: boolean,
  chip: string,
): StrategyJson {
  return {
    id,
    label,
    description: label,
    experimental: false,
    feasible,
    allocation: [],
    training: {
      parts: [
        {
          pool: chip.startsWith("huawei") ? "ascend-910c" : "h800",
          chip,
          chips: 1024,
          stack_id: "megatron",
          precision: "bf16",
          plan: {
            tp: 4,
            pp: 8,
            dp: 32,
            cp: 1,
            ep: 64,
            vpp: 1,
            micro_batch: 1,
            recompute: "none",
            zero: 1,
            sequence_parallel: true,
            schedule: "1f1b",
          },
        },
      ],
      chips: 1024,
      failure_free_days: p50,
      p50_days: p50,
      p90_days: p50 === null ? null : p50 + 0.5,
      p_deadline: p50 === null ? null : p50 < 60 ? 1 : 0,
      meets_deadline: p50 !== null && p50 < 60,
      failure: p50 === null ? "no plan fits" : null,
    },
    serving: {
      parts: [
        {
          pool: "ascend-910c",
          chip: "huawei-ascend-910c",
          chips: 2000,
          mode: "colocated",
          instance: {
            tp: 16,
            dp_attention: 1,
            ep: 16,
            chips_per_instance: 16,
            batch: 63.6,
            tokens_per_s_per_chip: 800,
            ttft_ms: 900,
            tpot_ms: 48,
            kv_capacity_tokens: 1e6,
            step_ms: {
              dense: 9,
              experts: 14,
              attention: 12,
              kernel_launches: 3,
              communication: 5,
              overhead: 5,
              total: 48,
              micro_batches: 2,
            },
          },
          at_load: { met: true, ttft_p99_ms: 1500, tpot_p99_ms: 49, chips_at_load: null },
        },
      ],
      chips: 2000,
      capacity_output_tokens_per_s: 2.4e6,
      demand_output_tokens_per_s: 2.38e6,
      coverage: 1.008,
      carries_demand: true,
      latency_ok: true,
    },
    policy: {
      satisfied: feasible,
      violations: feasible ? [] : ["domestic share of chips 0.0 % is below the policy's 40.0 %"],
    },
    cost: { training_usd: 4.3e6, serving_usd_per_day: 57_000, window_usd: 7.75e6 },
    energy: { training_mwh: 1553, serving_mwh_per_day: 59, window_mwh: 5092 },
    idle_chips: 1024,
    advisories: [],
    nearest_feasible: [],
  };
}

/** A constraint's cost against the unconstrained best (44.5 days, 99 %, $7.75M), with the deltas given. */
function policyCost(
  constraint: string,
  description: string,
  deltaDays: number,
  deltaP: number,
  deltaUsd: number,
): PolicyCostJson {
  return {
    constraint,
    description,
    p50_days: 44.5 + deltaDays,
    p_deadline: 0.99 + deltaP,
    window_usd: 7.75e6 + deltaUsd,
    delta_p50_days: deltaDays,
    delta_p_deadline: deltaP,
    delta_window_usd: deltaUsd,
    feasible: true,
    allocation: [
      { pool: "h800", chip: "nvidia-h800-sxm", count: 2048, train: 1024, serve: 0, idle: 1024 },
      { pool: "ascend-910c", chip: "huawei-ascend-910c", count: 3072, train: 1024, serve: 2000, idle: 48 },
    ],
  };
}

export function comparisonFixture(ascendP50 = 164.5): ComparisonJson {
  return {
    scenario: "deepseek-r2-story",
    recommended: "train-nvidia-serve-ascend",
    // as src/fleet comparisonAnswer words them
    answer:
      "Train on NVIDIA, serve on Ascend: train on 2048 x nvidia-h800-sxm (megatron), serve on 2000 x huawei-ascend-910c; training takes 44.5 days (P90 50.1) against a 60-day deadline (P = 99 %), serving carries 100 % of the peak.",
    ascend_alone: `No: 1024 x huawei-ascend-910c (mindspeed) train in ${ascendP50} days (P(deadline) 0 %) while 2000 x huawei-ascend-910c serve 101 % of the peak.`,
    strategies: [
      strategy("all-nvidia", "All on NVIDIA", 88, false, "nvidia-h800-sxm"),
      strategy("all-ascend", "All on Ascend", ascendP50, false, "huawei-ascend-910c"),
      strategy(
        "train-nvidia-serve-ascend",
        "Train on NVIDIA, serve on Ascend",
        44.5,
        true,
        "nvidia-h800-sxm",
      ),
    ],
    sensitivity: [
      {
        pool: "ascend-910c",
        chips: 1024,
        factor: "failure_rate",
        break_even_multiplier: null,
        status: "beyond-range",
        p50_days_at_break_even: 161,
        baseline_p50_days: ascendP50,
      },
    ],
    policy_costs: [
      policyCost("region", "only chips obtainable in china", 0, 0, 0),
      policyCost(
        "min_domestic_share_of_work",
        "at least 30 % of the work on domestic chips",
        12.4,
        -0.35,
        1.2e6,
      ),
      policyCost("all", "every constraint of the scenario", 12.4, -0.35, 1.2e6),
    ],
    unconstrained: {
      p50_days: 44.5,
      p_deadline: 0.99,
      window_usd: 7.75e6,
      allocation: [
        {
          pool: "h800",
          chip: "nvidia-h800-sxm",
          count: 2048,
          train: 2048,
          serve: 0,
          idle: 0,
          domestic: false,
        },
        {
          pool: "ascend-910c",
          chip: "huawei-ascend-910c",
          count: 3072,
          train: 0,
          serve: 2000,
          idle: 1072,
          domestic: true,
        },
      ],
    },
    assumptions: [
      { name: "h800_count", value: 2048, unit: "chips", source: "V3 report §3.1", kind: "sourced" },
    ],
    advisories: [{ code: "policy-violated", message: "Policy not met", hint: "move work to domestic pools" }],
    scenario_used: defaultScenario(),
    charts: {
      days: [],
      tornado: [{ factor: "failure_rate", low: ascendP50 + 3.5, high: ascendP50 - 1.2, baseline: ascendP50 }],
      cost: [{ label: "All on NVIDIA", training_usd: 4.3e6, serving_usd: 3.4e6, window_usd: 7.75e6 }],
    },
  };
}
