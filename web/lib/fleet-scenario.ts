/**
 * The Fleet view's inputs and the scenario they make: the story's scenario (src/fleet/default-scenario.ts, the
 * default of `POST /api/fleet/compare`) with the edited fields replaced.
 */
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import type { Scenario } from "../../src/fleet/scenario-schema.ts";
import { type FieldSpec, numberOf } from "./fields.ts";

const base = defaultScenario();

/** The inputs the Fleet view offers; their defaults are the story scenario's values. */
export const FLEET_FIELDS: readonly FieldSpec[] = [
  ...base.pools.flatMap((p): FieldSpec[] => [
    {
      key: `${p.name}_count`,
      label: `${p.name} chips`,
      default: String(p.count),
      min: 0,
      step: 1,
      help: "0 leaves the pool out",
    },
    {
      key: `${p.name}_chip`,
      label: `${p.name} chip type`,
      kind: "text",
      suggest: "chip",
      default: p.chip,
      help: "a catalog id (fleetcast chips, /api/chips); a new type takes its own stacks, network, power",
    },
    {
      key: `${p.name}_usd_per_chip_hour`,
      label: `${p.name} price`,
      unit: "$/chip-hour",
      default: p.usd_per_chip_hour === undefined ? "" : String(p.usd_per_chip_hour),
      min: 0.001,
      step: "any",
      optional: true,
      help: "empty: the catalog's price (the story's price is its own chip's: a new chip type needs one typed)",
    },
  ]),
  {
    key: "training_model",
    label: "model trained",
    kind: "text",
    suggest: "model",
    default: base.training.model,
    help: "a built-in model name (fleetcast models, /api/models)",
  },
  {
    key: "serving_model",
    label: "model served",
    kind: "text",
    suggest: "model",
    default: base.serving.model,
  },
  {
    key: "ascend_failure_rate_multiplier",
    label: "Ascend failure rate ×",
    default: String(base.assumptions.ascend_failure_rate_multiplier),
    min: 0.01,
    step: "any",
    help: "multiplies every Ascend failure rate (Ascend rates are assumptions)",
  },
  {
    key: "other_failure_rate_multiplier",
    label: "NVIDIA failure rate ×",
    default: String(base.assumptions.other_failure_rate_multiplier),
    min: 0.01,
    step: "any",
  },
  {
    key: "failure_scenario",
    label: "failure-rate reading",
    default: base.assumptions.failure_scenario,
    kind: "select",
    options: ["low", "high"],
    help: "where sources give a range",
  },
  {
    key: "failure_rate_site_spread",
    label: "fleets' own failure rates",
    default: base.assumptions.failure_rate_site_spread ? "unmeasured" : "known",
    kind: "select",
    options: ["known", "unmeasured"],
    help: "unmeasured: each rate spread as published sites' rates spread (x/÷ 2.7 at 80 %, the median rate kept: the mean 1.35x), in the deadline odds",
  },
  {
    key: "checkpoint_mode",
    label: "checkpoint saves",
    default: base.assumptions.checkpoint_mode,
    kind: "select",
    options: ["async", "sync", "stack_default"],
    help: "sync: training stalls until each checkpoint is durable; stack_default: each training stack as shipped (Megatron-LM and MindSpeed save synchronously)",
  },
  {
    key: "deadline_days",
    label: "deadline",
    unit: "days",
    default: String(base.training.deadline_days),
    min: 1,
  },
  {
    key: "training_tokens_t",
    label: "training tokens",
    unit: "T",
    default: String(base.training.tokens / 1e12),
    min: 0.001,
    step: "any",
  },
  {
    key: "serving_tokens_per_day_b",
    label: "serving load",
    unit: "B tokens/day",
    default: String((base.serving.demand_tokens_per_day ?? 0) / 1e9),
    min: 0.001,
    step: "any",
  },
  {
    key: "tpot_ms",
    label: "TPOT limit",
    unit: "ms",
    default: String(base.serving.tpot_ms),
    min: 1,
    step: "any",
  },
  {
    key: "min_domestic_share_of_chips",
    label: "min domestic share of chips",
    default: String(base.policy.min_domestic_share_of_chips ?? 0),
    min: 0,
    max: 1,
    step: 0.05,
  },
  {
    key: "min_domestic_share_of_work",
    label: "min domestic share of work",
    default: String(base.policy.min_domestic_share_of_work ?? 0),
    min: 0,
    max: 1,
    step: 0.05,
  },
  {
    key: "region",
    label: "region",
    default: base.policy.region,
    kind: "select",
    options: ["china", "us", "any"],
  },
];

/** Where each non-pool Fleet field goes in `POST /api/fleet/compare`'s body. */
const SCENARIO_PATHS: Readonly<Record<string, string>> = {
  training_model: "scenario.training.model",
  serving_model: "scenario.serving.model",
  ascend_failure_rate_multiplier: "scenario.assumptions.ascend_failure_rate_multiplier",
  other_failure_rate_multiplier: "scenario.assumptions.other_failure_rate_multiplier",
  failure_scenario: "scenario.assumptions.failure_scenario",
  failure_rate_site_spread: "scenario.assumptions.failure_rate_site_spread",
  checkpoint_mode: "scenario.assumptions.checkpoint_mode",
  deadline_days: "scenario.training.deadline_days",
  training_tokens_t: "scenario.training.tokens",
  serving_tokens_per_day_b: "scenario.serving.demand_tokens_per_day",
  tpot_ms: "scenario.serving.tpot_ms",
  min_domestic_share_of_chips: "scenario.policy.min_domestic_share_of_chips",
  min_domestic_share_of_work: "scenario.policy.min_domestic_share_of_work",
  region: "scenario.policy.region",
};

/**
 * `{key: request path}` of the Fleet fields in the scenario sent, so a problem naming
 * `scenario.pools[1].usd_per_chip_hour` marks the price input of the pool sent second (pools with 0 chips are left
 * out, so the index is the scenario's, not the story's; review 19 C1).
 * @example fleetFieldPaths(fleetScenario({ h800_count: "0" }))["h20_count"] // "scenario.pools[0].count"
 */
export function fleetFieldPaths(scenario: Scenario): Record<string, string> {
  const pools = scenario.pools.flatMap((p, i) =>
    ["count", "chip", "usd_per_chip_hour"].map((f) => [`${p.name}_${f}`, `scenario.pools[${i}].${f}`]),
  );
  return { ...SCENARIO_PATHS, ...Object.fromEntries(pools) };
}

/**
 * The scenario for the values: the story's with the edited fields; a pool with 0 chips is left out. Counts are
 * taken as typed (not rounded, a negative one kept), and values that are not numbers keep the story's value:
 * `fieldErrors(FLEET_FIELDS, values)` refuses all of these before anything is sent.
 * @example fleetScenario({ ascend_failure_rate_multiplier: "2" }).assumptions.ascend_failure_rate_multiplier // 2
 */
export function fleetScenario(values: Record<string, string>): Scenario {
  const s = defaultScenario();
  const n = (key: string, fallback: number) => numberOf(values, key) ?? fallback;
  s.pools = s.pools
    .map((p) => {
      const count = n(`${p.name}_count`, p.count);
      const chip = values[`${p.name}_chip`]?.trim() || p.chip;
      const priceKey = `${p.name}_usd_per_chip_hour`;
      const storyPrice = p.usd_per_chip_hour === undefined ? "" : String(p.usd_per_chip_hour);
      // the story's price is its chip's: another chip keeps a price only when one was typed for it
      const priceEdited = (values[priceKey] ?? storyPrice).trim() !== storyPrice;
      const price = chip !== p.chip && !priceEdited ? null : numberOf(values, priceKey);
      const { usd_per_chip_hour: _price, ...rest } = p;
      const priced = price === null ? rest : { ...rest, usd_per_chip_hour: price };
      if (chip === p.chip) return { ...priced, count };
      // another chip type: the story's stacks, network rate and power were this chip's, not the new one's
      const { stack: _s, serve_stack: _ss, scaleout_gbps_per_chip: _n, power_w: _w, ...generic } = priced;
      return { ...generic, chip, count };
    })
    .filter((p) => p.count !== 0);
  s.training.model = values["training_model"]?.trim() || s.training.model;
  s.serving.model = values["serving_model"]?.trim() || s.serving.model;
  s.assumptions.ascend_failure_rate_multiplier = n(
    "ascend_failure_rate_multiplier",
    s.assumptions.ascend_failure_rate_multiplier,
  );
  s.assumptions.other_failure_rate_multiplier = n(
    "other_failure_rate_multiplier",
    s.assumptions.other_failure_rate_multiplier,
  );
  if (values["failure_scenario"] === "low" || values["failure_scenario"] === "high") {
    s.assumptions.failure_scenario = values["failure_scenario"];
  }
  if (values["failure_rate_site_spread"] === "known" || values["failure_rate_site_spread"] === "unmeasured") {
    s.assumptions.failure_rate_site_spread = values["failure_rate_site_spread"] === "unmeasured";
  }
  const mode = values["checkpoint_mode"];
  if (mode === "async" || mode === "sync" || mode === "stack_default") s.assumptions.checkpoint_mode = mode;
  s.training.deadline_days = n("deadline_days", s.training.deadline_days);
  s.training.tokens = n("training_tokens_t", s.training.tokens / 1e12) * 1e12;
  s.serving.demand_tokens_per_day =
    n("serving_tokens_per_day_b", (s.serving.demand_tokens_per_day ?? 0) / 1e9) * 1e9;
  s.serving.tpot_ms = n("tpot_ms", s.serving.tpot_ms);
  s.policy.min_domestic_share_of_chips = n(
    "min_domestic_share_of_chips",
    s.policy.min_domestic_share_of_chips ?? 0,
  );
  s.policy.min_domestic_share_of_work = n(
    "min_domestic_share_of_work",
    s.policy.min_domestic_share_of_work ?? 0,
  );
  const region = values["region"];
  if (region === "china" || region === "us" || region === "any") s.policy.region = region;
  s.sources = editedSources(s, values);
  return s;
}

/** The story's source entries a field replaces, and the fields that must all be edited before a shared one goes. */
function sourcesOfField(key: string): (name: string) => boolean {
  const pool = base.pools.find((p) => key.startsWith(`${p.name}_`));
  if (pool) {
    const prefix = `${pool.name.replaceAll("-", "_")}_`;
    const field = key.slice(pool.name.length + 1);
    // another chip type makes every figure of the pool's old chip moot, its count aside
    if (field === "chip") return (n) => n.startsWith(prefix) && n !== `${prefix}count`;
    return (n) => n === `${prefix}${field}`;
  }
  const named: Record<string, string[]> = {
    training_tokens_t: ["training_tokens"],
    serving_tokens_per_day_b: ["serving_tokens_per_day"],
    deadline_days: ["deadline_days"],
    tpot_ms: ["tpot_ms"],
  };
  const names = named[key] ?? [];
  return (n) => names.includes(n);
}

/** Story entries that cover several fields: replaced only when every one of them is edited. */
const SHARED_SOURCES: Readonly<Record<string, readonly string[]>> = {
  model: ["training_model", "serving_model"],
  region_and_policy: ["region", "min_domestic_share_of_chips", "min_domestic_share_of_work"],
};

/** A field's value as the scenario reads it, or null when the scenario ignores it (empty, not a number). */
function parsedValue(f: FieldSpec, values: Record<string, string>): string | number | null {
  const raw = values[f.key]?.trim() ?? "";
  if (raw === "") return null;
  if (f.kind === "text" || f.kind === "select") return raw;
  return numberOf(values, f.key);
}

/**
 * The scenario's sources with every edited field's story entries replaced by one saying it was set here, so the
 * report's "Assumptions and sources" describes the values compared, not the story's. A field counts as edited
 * when the scenario reads a value from it that differs from the story's; a pool left out drops its entries.
 */
function editedSources(s: Scenario, values: Record<string, string>): Scenario["sources"] {
  const edited = FLEET_FIELDS.filter((f) => {
    const v = parsedValue(f, values);
    const story = parsedValue(f, { [f.key]: f.default });
    return v !== null && v !== story;
  });
  const dropped = base.pools
    .filter((p) => !s.pools.some((q) => q.name === p.name))
    .map((p) => `${p.name.replaceAll("-", "_")}_`);
  if (edited.length === 0 && dropped.length === 0) return s.sources;
  const editedKeys = new Set(edited.map((f) => f.key));
  const replaced = edited.map((f) => sourcesOfField(f.key));
  const goes = (name: string) => {
    const shared = SHARED_SOURCES[name];
    if (shared) return shared.every((k) => editedKeys.has(k));
    return replaced.some((isOf) => isOf(name)) || dropped.some((prefix) => name.startsWith(prefix));
  };
  return [
    ...s.sources.filter((src) => !goes(src.name)),
    ...edited.map((f) => ({
      name: f.key.replaceAll("-", "_"),
      value: parsedValue(f, values) ?? "",
      unit: f.unit ?? "",
      source: "set in the dashboard",
      kind: "assumption" as const,
    })),
  ];
}
