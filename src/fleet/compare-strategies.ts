import type { TrainProfile } from "../calibrate/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";
import type { ServeProfile } from "../serve/index.ts";
import { assembleStrategy, type StrategyMeta, singlePoolTraining } from "./_assemble-strategy.ts";
import {
  type FleetCaches,
  type FleetContext,
  fleetCaches,
  fleetContext,
  type ResolvedPool,
} from "./_fleet-context.ts";
import { type BreakEvenResult, breakEven } from "./break-even.ts";
import { crossVendorTraining } from "./cross-vendor-training.ts";
import type { FleetAdvisory, FleetAssumption } from "./fleet-advisory.ts";
import { validateScenario } from "./parse-scenario.ts";
import { percentText } from "./percent-text.ts";
import { REGION_RULES } from "./region-rules.ts";
import type { Scenario, ScenarioInput } from "./scenario-schema.ts";
import { recommendationOrder, searchSplit, trainingCounts } from "./search-split.ts";
import type { StrategyId, StrategyResult } from "./strategy-result.ts";
import { poolsForRole } from "./strategy-roles.ts";

/** What one policy or supply constraint costs against the unconstrained best split. */
export interface PolicyCost {
  constraint: "region" | "min_domestic_share_of_chips" | "min_domestic_share_of_work" | "all";
  description: string;
  /** The best split under this constraint alone ("all": under every constraint of the scenario). */
  best: StrategyResult;
  deltaP50Days: number | null;
  deltaPDeadline: number | null;
  deltaWindowUsd: number | null;
}

export interface Comparison {
  scenario: string;
  deadlineDays: number;
  /** Strategies side by side, in a fixed order. */
  strategies: StrategyResult[];
  /** Id of the best feasible strategy (best split when several tie), or null when none is feasible. */
  recommended: StrategyId | null;
  /** The unconstrained best (no region rule, no domestic minimum) and what each constraint costs against it. */
  unconstrained: StrategyResult;
  policyCosts: PolicyCost[];
  /**
   * What Ascend training alone would need to meet the deadline: its pool at the fastest count near the whole pool
   * (breakEvenCount), serving left to the other pools; null without an Ascend pool that trains.
   */
  breakEven: BreakEvenResult | null;
  assumptions: FleetAssumption[];
  advisories: FleetAdvisory[];
}

export interface CompareOptions {
  catalog?: ChipCatalog;
  profile?: TrainProfile | null;
  serveProfile?: ServeProfile | null;
  /** Skip the break-even sweep (the slowest part). */
  breakEven?: boolean;
  /** Called after each stage with the done fraction (0-1) and the stage just finished, for a progress display. */
  onProgress?: (doneFraction: number, stage: string) => void;
}

const META: Record<StrategyId, Omit<StrategyMeta, "id">> = {
  "all-nvidia": {
    label: "All on NVIDIA",
    description: "NVIDIA pools train and serve",
    experimental: false,
  },
  "all-ascend": {
    label: "All on Ascend",
    description: "Ascend pools train and serve",
    experimental: false,
  },
  "train-nvidia-serve-ascend": {
    label: "Train on NVIDIA, serve on Ascend",
    description: "DeepSeek's reported choice: NVIDIA trains, Ascend serves",
    experimental: false,
  },
  "best-split": {
    label: "Best split",
    description: "the split a search finds: any pool may train (one pool per job), the rest serve",
    experimental: false,
  },
  "cross-vendor-training": {
    label: "One job across vendors",
    description:
      "NVIDIA and idle Ascend chips train one job as pipeline segments joined over the scale-out network",
    experimental: true,
  },
};

/**
 * Compares strategies for a fleet: all on NVIDIA, all on Ascend, train on NVIDIA and serve on Ascend, the best
 * split a search finds, and one training job across both vendors (experimental); then what the policy and supply
 * constraints cost, and what Ascend would need to train the model by the deadline. Pure and seeded: same
 * scenario, same result. The scenario is validated first, as a file would be (`validateScenario`): one built in
 * code may leave out what has defaults, and bad values throw a FleetcastError naming the field.
 * @example compareStrategies(defaultScenario()).strategies.map((s) => [s.id, s.feasible])
 */
export function compareStrategies(input: Scenario | ScenarioInput, options: CompareOptions = {}): Comparison {
  const scenario = validateScenario(input, "scenario", options.catalog ? { catalog: options.catalog } : {});
  const caches = fleetCaches();
  const ctxOptions = {
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.serveProfile !== undefined ? { serveProfile: options.serveProfile } : {}),
    caches,
  };
  const ctx = fleetContext(scenario, ctxOptions);
  const meta = (id: StrategyId): StrategyMeta => ({ id, ...META[id] });
  // each fixed strategy's pools by role (STRATEGY_ROLES, which `export` also reads to refuse an engine early)
  const split = (id: Exclude<StrategyId, "cross-vendor-training">): StrategyResult =>
    searchSplit(ctx, meta(id), poolsForRole(ctx.usable, id, "train"), poolsForRole(ctx.usable, id, "serve"));

  // stages, for the progress display: five strategies, the policy costs, the break-even sweep (when asked)
  const stages = options.breakEven === false ? 6 : 7;
  let done = 0;
  const stage = <T>(name: string, value: T): T => {
    done++;
    options.onProgress?.(done / stages, name);
    return value;
  };
  const allNvidia = stage("all-nvidia", split("all-nvidia"));
  const allAscend = stage("all-ascend", split("all-ascend"));
  const nvTrainAscServe = stage("train-nvidia-serve-ascend", split("train-nvidia-serve-ascend"));
  const best = stage("best-split", split("best-split"));
  const cross = stage(
    "cross-vendor-training",
    crossVendorStrategy(ctx, meta("cross-vendor-training"), nvTrainAscServe),
  );
  const strategies = [allNvidia, allAscend, nvTrainAscServe, best, cross];

  const unconstrainedScenario: Scenario = {
    ...scenario,
    policy: { region: scenario.policy.region },
  };
  const unconstrainedCtx = fleetContext(unconstrainedScenario, { ...ctxOptions, admitAll: true });
  const unconstrained = searchSplit(
    unconstrainedCtx,
    meta("best-split"),
    unconstrainedCtx.usable,
    unconstrainedCtx.usable,
    { atLoad: false },
  );
  const policyCosts = stage("policy costs", policyCostsOf(scenario, ctxOptions, unconstrained));

  let breakEvenResult: BreakEvenResult | null = null;
  const ascendPart = allAscend.training?.parts[0];
  const ascendPool = ascendPart
    ? poolsForRole(ctx.usable, "all-ascend", "train").find((p) => p.name === ascendPart.pool)
    : undefined;
  if (options.breakEven !== false && ascendPart && ascendPool) {
    breakEvenResult = breakEven(ctx, ascendPool, breakEvenCount(ctx, ascendPool, ascendPart.chips));
  }
  if (options.breakEven !== false) stage("break-even", null);

  // among the feasible (deadline, the peak on throughput, the policy), rows whose serving also meets the p99
  // limits at load come first (review 18: feasibility reads throughput; latency at load is checked beside it)
  const feasible = strategies.filter((s) => s.feasible && !s.experimental).sort(recommendationOrder);
  const advisories = [...ctx.advisories];
  if (feasible.length === 0) {
    advisories.push({
      code: "no-feasible-strategy",
      message: "No strategy trains by the deadline and carries the serving peak within the policy",
      hint: "see each strategy's nearest feasible point: a later deadline, more chips, or a lighter load",
    });
  }
  return {
    scenario: scenario.name,
    deadlineDays: scenario.training.deadline_days,
    strategies,
    recommended: feasible[0]?.id ?? null,
    unconstrained,
    policyCosts,
    breakEven: breakEvenResult,
    assumptions: assumptionsOf(ctx, scenario),
    advisories,
  };
}

// --- internal ---

/** Share of a pool the break-even's count is looked for in, from the whole pool down (breakEvenCount). */
const BREAK_EVEN_MIN_SHARE = 0.75;

/**
 * The chips "what Ascend would need" is asked of: Ascend training alone on its pool, at the count near the whole pool
 * (whole servers, degrees that divide the batch: trainingCounts) that trains fastest, or the all-Ascend row's own
 * count when that is faster. Not the row's count alone: the row serves first, and with a heavy demand its training
 * share is too small for any improvement to matter (expert review 36: 768 of 3,456 910C read "> x8 on every
 * factor"; the pool training whole needs ~x1.2 stack efficiency).
 */
function breakEvenCount(ctx: FleetContext, pool: ResolvedPool, splitChips: number): number {
  const counts = trainingCounts(pool).filter((n) => n >= BREAK_EVEN_MIN_SHARE * pool.count);
  let best = splitChips;
  let bestRate = ctx.training(pool, splitChips).tokensPerS;
  for (const n of counts) {
    const t = ctx.training(pool, n);
    if (t.failure === null && t.tokensPerS > bestRate) {
      best = n;
      bestRate = t.tokensPerS;
    }
  }
  return best;
}

function crossVendorStrategy(ctx: FleetContext, meta: StrategyMeta, base: StrategyResult): StrategyResult {
  const nvPart = base.training?.parts[0];
  const nvPool = nvPart ? ctx.usable.find((p) => p.name === nvPart.pool) : undefined;
  if (!nvPool || !nvPart) {
    const r = assembleStrategy(ctx, meta, null, ctx.usable, { atLoad: true });
    return { ...r, nearestFeasible: ["no NVIDIA pool trains in the train-on-NVIDIA strategy"] };
  }
  // With nothing to add, the job is the NVIDIA one alone, every other usable chip serving (as the row does with a
  // cross-vendor job; the best split may then be the same allocation) (review 21: the row trained nothing, put the
  // NVIDIA chips to serving and left the Ascend ones idle, and said none were)
  const alone = assembleStrategy(ctx, meta, singlePoolTraining(ctx, nvPool, nvPart.chips), ctx.usable, {
    atLoad: true,
  });
  const nvidiaAlone = (why: string): StrategyResult => ({ ...alone, nearestFeasible: [why] });
  // The Ascend chips idle once serving is carried by every other usable chip: this row's own allocation, not the
  // Ascend-only serving row's (review 24: the row said none were idle while it left 256 910C idle, the H20s having
  // taken part of the serving)
  const idleAscend = alone.allocation
    .map((a) => ({ a, pool: ctx.usable.find((p) => p.name === a.pool) }))
    .filter((x) => x.pool?.vendor === "ascend" && x.a.idle > 0)
    .sort((x, y) => y.a.idle - x.a.idle)[0];
  if (!idleAscend?.pool) {
    return nvidiaAlone(
      !ctx.usable.some((p) => p.vendor === "ascend")
        ? "the fleet has no usable Ascend pool to add to the NVIDIA job: the NVIDIA job alone"
        : "no Ascend chips are idle once serving is carried: the NVIDIA job alone, nothing to add to it",
    );
  }
  const ascPool = idleAscend.pool;
  const count = trainingCounts({ ...ascPool, count: idleAscend.a.idle }).find(
    (n) => ctx.training(ascPool, n).failure === null,
  );
  if (count === undefined) {
    return nvidiaAlone(
      `the ${idleAscend.a.idle} idle ${ascPool.chip.id} cannot hold the model as a segment: the NVIDIA job alone`,
    );
  }
  const training = crossVendorTraining(ctx, { pool: nvPool, count: nvPart.chips }, { pool: ascPool, count });
  const joint = assembleStrategy(ctx, meta, training, ctx.usable, { atLoad: true });
  // A segment that slows the job is not worth its chips: the row keeps the NVIDIA job alone and says what the joint
  // one would take (the story's 256 idle 910C failing 40x as often: 54.1 days P50 against 45.6 alone)
  const jointDays = joint.training?.p50Days ?? Number.POSITIVE_INFINITY;
  const aloneDays = alone.training?.p50Days ?? Number.POSITIVE_INFINITY;
  if (!(jointDays < aloneDays)) {
    return nvidiaAlone(
      `the ${count} idle ${ascPool.chip.id} as a pipeline segment would slow the job (P50 ${jointDays.toFixed(1)} against ` +
        `${aloneDays.toFixed(1)} days on the NVIDIA chips alone): the NVIDIA job alone`,
    );
  }
  // the chips join the job from the serving margin: say what each side gets (review 24b)
  return {
    ...joint,
    nearestFeasible: [
      `the ${count} idle ${ascPool.chip.id} join the NVIDIA job as a pipeline segment: P50 ${jointDays.toFixed(1)} ` +
        `against ${aloneDays.toFixed(1)} days alone; serving headroom ${percentText(joint.serving.headroom)} against ` +
        `${percentText(alone.serving.headroom)} with them serving`,
      ...joint.nearestFeasible,
    ],
  };
}

function policyCostsOf(
  scenario: Scenario,
  ctxOptions: { caches: FleetCaches },
  unconstrained: StrategyResult,
): PolicyCost[] {
  const pol = scenario.policy;
  const meta: StrategyMeta = { id: "best-split", ...META["best-split"] };
  const rows: PolicyCost[] = [];
  const row = (
    constraint: PolicyCost["constraint"],
    description: string,
    best: StrategyResult,
  ): PolicyCost => ({
    constraint,
    description,
    best,
    deltaP50Days: delta(best.training?.p50Days, unconstrained.training?.p50Days),
    deltaPDeadline: delta(best.training?.pDeadline, unconstrained.training?.pDeadline),
    deltaWindowUsd: delta(best.cost.windowUsd, unconstrained.cost.windowUsd),
  });
  const variant = (policy: Scenario["policy"], admitAll: boolean) => {
    const c = fleetContext({ ...scenario, policy }, { ...ctxOptions, admitAll });
    // only training days, cost and allocation are read of these rows: serving is not checked at load
    return searchSplit(c, meta, c.usable, c.usable, { atLoad: false });
  };
  if (pol.region !== "any") {
    rows.push(
      row("region", `only chips obtainable in ${pol.region}`, variant({ region: pol.region }, false)),
    );
  }
  if (pol.min_domestic_share_of_chips !== undefined) {
    rows.push(
      row(
        "min_domestic_share_of_chips",
        `at least ${(pol.min_domestic_share_of_chips * 100).toFixed(0)} % of the chips in use domestic`,
        variant({ region: pol.region, min_domestic_share_of_chips: pol.min_domestic_share_of_chips }, true),
      ),
    );
  }
  if (pol.min_domestic_share_of_work !== undefined) {
    rows.push(
      row(
        "min_domestic_share_of_work",
        `at least ${(pol.min_domestic_share_of_work * 100).toFixed(0)} % of the work on domestic chips`,
        variant({ region: pol.region, min_domestic_share_of_work: pol.min_domestic_share_of_work }, true),
      ),
    );
  }
  // like with like: the row searched as the unconstrained baseline and the others were, on throughput; the
  // recommended split is checked at load, which grows its serving for the p99 limits (QA 40: that growth, $126K in the
  // default story, read as the cost of the policy)
  if (rows.length > 1 || rows.length === 0)
    rows.push(row("all", "every constraint of the scenario", variant(pol, false)));
  return rows;
}

function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a - b;
}

function assumptionsOf(ctx: FleetContext, scenario: Scenario): FleetAssumption[] {
  const out: FleetAssumption[] = scenario.sources.map((s) => ({
    name: s.name,
    value: s.value,
    unit: s.unit,
    source: s.source,
    kind: s.kind,
  }));
  out.push(...ctx.assumptions);
  for (const p of ctx.pools) {
    if (p.spec.power_w === undefined) {
      out.push({
        name: `${p.name}_power_w`,
        value: p.powerW,
        unit: "W",
        source:
          p.powerW === null
            ? `${p.chip.id}: no TDP in the catalog; energy left unknown`
            : `catalog TDP of ${p.chip.id} (chip only, no host or network)`,
        kind: p.powerW === null ? "assumption" : "sourced",
      });
    }
    if (p.admission.status !== "admitted" || scenario.policy.region !== "any") {
      out.push({
        name: `${p.name}_supply`,
        value: p.admission.status,
        unit: "",
        source: `${p.admission.reason} (${p.admission.source})`,
        kind: "sourced",
      });
    }
  }
  out.push(
    {
      name: "failure_scenario",
      value: scenario.assumptions.failure_scenario,
      unit: "",
      source:
        "reliability model rate sets (research/reliability.md); Ascend rates are labelled assumptions there",
      kind: "assumption",
    },
    {
      name: "checkpoint_mode",
      value:
        scenario.assumptions.checkpoint_mode === "stack_default"
          ? "each training stack's shipped default (Megatron-LM, MindSpeed: synchronous)"
          : `${scenario.assumptions.checkpoint_mode} checkpoint saves`,
      unit: "",
      source:
        "reliability/checkpoint-cost.ts: stall, persist and load from the model's checkpoint bytes (ByteCheckpoint NSDI'25 Table 8 fit, ByteDance's HDFS; other sites' storage read 1.2-10x slower)",
      kind: "assumption",
    },
    ...(scenario.assumptions.failure_rate_site_spread
      ? [
          {
            name: "failure_rate_site_spread",
            value: "the fleets' rates spread as published sites' (log sd 0.77)",
            unit: "",
            source:
              "src/reliability/site-rate-spread.ts: eight published sites' rates, 0.07 to 0.69 per GPU-year",
            kind: "assumption" as const,
          },
        ]
      : []),
    {
      name: "serving_first",
      value: "serving carried before training",
      unit: "",
      source:
        "live traffic cannot wait; the split search ranks carrying the peak above training speed (a choice)",
      kind: "assumption",
    },
    {
      name: "train_profile",
      value: ctx.profile ? ctx.profile.method : "priors only",
      unit: "",
      source: "calibrate: builtinProfile().train, fitted on cases/train.json",
      kind: "sourced",
    },
  );
  const region = REGION_RULES[scenario.policy.region];
  if (region.domesticVendors.length > 0) {
    out.push({
      name: "domestic_vendors",
      value: region.domesticVendors.join(", "),
      unit: "",
      source: `region rule for ${region.region} (src/fleet/region-rules.ts)`,
      kind: "sourced",
    });
  }
  return out;
}
