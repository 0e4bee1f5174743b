import {
  type CapacityPool,
  type PlannedInstance,
  type ServePlan,
  type ServePlanInput,
  ServePlanInputSchema,
  servePlanFeasible,
} from "./plan-serve.ts";

/**
 * `instance` with the latency its role does not have as null: a prefill pool's TPOT and a decode pool's TTFT (the
 * step model leaves them 0, which a script would read as 0 ms; review 34). A colocated layout keeps both.
 * @example instanceView(prefill, "prefill").tpotMs // null
 */
export function instanceView<T extends Pick<PlannedInstance, "ttftMs" | "tpotMs">>(
  instance: T,
  role: CapacityPool["role"],
): Omit<T, "ttftMs" | "tpotMs"> & { ttftMs: number | null; tpotMs: number | null } {
  return {
    ...instance,
    ttftMs: role === "decode" ? null : instance.ttftMs,
    tpotMs: role === "prefill" ? null : instance.tpotMs,
  };
}

/**
 * A plan as `serve plan --json` and the API write it: the split's prefill and decode layouts and the demand's pools
 * with the latency each role lacks as null (instanceView); the rest as planned.
 */
export function servePlanView(plan: ServePlan) {
  return {
    ...plan,
    disaggregated:
      plan.disaggregated === null
        ? null
        : {
            ...plan.disaggregated,
            prefill: instanceView(plan.disaggregated.prefill, "prefill"),
            decode: instanceView(plan.disaggregated.decode, "decode"),
          },
    capacity:
      plan.capacity === null
        ? null
        : { ...plan.capacity, pools: plan.capacity.pools.map((p) => instanceView(p, p.role)) },
  };
}

/**
 * The plan as `serve plan --json` and `POST /api/serve/plan` answer it: what was planned echoed first (the defaults
 * filled in, and the precision that reproduces the plan: the weights', INT8 on Ascend when FP8 was asked, FP8 on an
 * A100 whose GEMMs run in BF16; the GEMMs' is the plan's own `precision`), then the plan as servePlanView writes it.
 * camelCase: the shells write it snake_case.
 */
export function servePlanJson(
  plan: ServePlan,
  input: ServePlanInput,
  names: { model: string; chip: string },
) {
  return {
    inputs: {
      ...ServePlanInputSchema.parse(input),
      precision: plan.weightPrecision,
      graphMode: plan.graphMode,
      ...names,
    },
    feasible: servePlanFeasible(plan, input),
    ...servePlanView(plan),
  };
}
