import { sourceKeyOf, type TrainCase } from "../cases/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";
import type { Plan } from "../train/plan.ts";
import { goldenSectionMin } from "../util/golden-section.ts";
import { groupBy } from "../util/group-by.ts";
import { quantileSorted } from "../util/quantile-sorted.ts";
import {
  bestPlanForCase,
  caseMetricValue,
  fixedPlanMetrics,
  primaryMetric,
  type TrainMetricName,
  withEfficiency,
} from "./predict-train-case.ts";
import { type TrainCaseSetup, trainCaseSetup } from "./train-case-setup.ts";
import { scaleEfficiency, type TrainProfile } from "./train-profile.ts";

/**
 * How the training profile is fitted (written into the profile as `method`).
 *
 * One parameter per group: a compute-efficiency scale s multiplying the stack's prior GEMM and attention
 * fractions. Fitted by maximum a posteriori on log residuals r_i(s) = ln(predicted_i(s) / observed_i) of each
 * case's primary metric, with a log-normal prior centred on the stack's priors:
 *   family level:  s_f = argmin Σ_{i in f} r_i(s)² / σ² + (ln s)² / τ_f²
 *   group level:   s_g = s_f · argmin_g Σ_{i in g} r_i(s_f g)² / σ² + (ln g)² / τ_g²
 * σ = 0.10 (typical scatter of published figures), τ_f = 0.5 (weak: families differ a lot from datasheet-derived
 * priors), τ_g = 0.15 (strong: a stack on a family with one or two cases moves little from its family). A group or
 * family not in the calibration set falls back to the family scale, then to the priors. Plans: a case's unknown plan
 * fields are searched once at the family scale and then held fixed. Leave-one-out: every case is predicted again
 * with its own group and family refitted without it. Leave-one-source-out: every case of one publication
 * (sourceKeyOf) predicted again with all scales refitted without that publication, whose cases share a harness and a
 * reading and so inform each other as no new run would. The 80 % interval half-width is the 80th percentile of
 * |leave-one-source-out log residual|, per family when it has at least 5 cases, else pooled.
 */
export const TRAIN_FIT_METHOD =
  "MAP fit of one compute-efficiency scale per chip family (log-normal prior, tau 0.5) and per (family, stack) " +
  "group (tau 0.15) on the log residual of each case's primary metric, sigma 0.10; unknown plan fields searched " +
  "at the family scale then fixed; a family without cases takes the case-weighted geometric mean of the family " +
  "scales; 80 % intervals from leave-one-source-out residuals (each publication's cases refitted without it; per " +
  "family with >= 5 cases).";

const SIGMA = 0.1;
const TAU_FAMILY = 0.5;
const TAU_GROUP = 0.15;

interface Item {
  c: TrainCase;
  setup: TrainCaseSetup;
  metric: TrainMetricName;
  observed: number;
  plan: Plan | null;
}

function residual(item: Item, scale: number): number {
  if (!item.plan) return 0;
  const ctx = withEfficiency(item.setup.ctx, scaleEfficiency(item.setup.prior, scale));
  const predicted = caseMetricValue(item.c, ctx, fixedPlanMetrics(ctx, item.plan), item.metric);
  return Math.log(predicted / item.observed);
}

/** ln s minimising the MAP objective for items around a base scale. */
function fitLogScale(items: readonly Item[], base: number, tau: number): number {
  if (items.length === 0) return 0;
  const objective = (x: number) => {
    let sum = (x * x) / (tau * tau);
    for (const item of items) {
      const r = residual(item, base * Math.exp(x));
      sum += (r * r) / (SIGMA * SIGMA);
    }
    return sum;
  };
  return goldenSectionMin(objective, -2, 1).x;
}

function groupKey(item: Item): string {
  return `${item.setup.family}|${item.setup.stackId}`;
}

function fitScales(items: readonly Item[]): { family: Map<string, number>; group: Map<string, number> } {
  const family = new Map<string, number>();
  const group = new Map<string, number>();
  const byFamily = groupBy(items, (i) => i.setup.family);
  for (const [f, members] of byFamily) family.set(f, Math.exp(fitLogScale(members, 1, TAU_FAMILY)));
  const byGroup = groupBy(items, groupKey);
  for (const [g, members] of byGroup) {
    const base = family.get(members[0]!.setup.family) ?? 1;
    group.set(g, base * Math.exp(fitLogScale(members, base, TAU_GROUP)));
  }
  return { family, group };
}

function geometricMeanScale(items: readonly Item[], family: Map<string, number>): number {
  if (items.length === 0) return 1;
  let sum = 0;
  for (const item of items) sum += Math.log(family.get(item.setup.family) ?? 1);
  return Math.exp(sum / items.length);
}

/** Fits a training profile on published cases (see TRAIN_FIT_METHOD). Pure; takes seconds for ~30 cases. */
export function fitTrainProfile(cases: readonly TrainCase[], chips: ChipCatalog): TrainProfile {
  const items: Item[] = [];
  for (const c of cases) {
    let setup: TrainCaseSetup;
    try {
      setup = trainCaseSetup(c, chips, null);
    } catch {
      continue; // a case the model cannot read is reported by validate, not fitted
    }
    const metric = primaryMetric(c);
    const observed = (c.observed as Record<string, number>)[metric]!;
    items.push({ c, setup, metric, observed, plan: bestPlanForCase(setup)?.plan ?? null });
  }
  const usable = items.filter((i) => i.plan !== null);

  // First pass at the priors' plans, then plans re-searched at the family scale and held fixed.
  const first = fitScales(usable);
  for (const item of usable) {
    const scale = first.family.get(item.setup.family) ?? 1;
    const ctx = withEfficiency(item.setup.ctx, scaleEfficiency(item.setup.prior, scale));
    item.plan = bestPlanForCase({ ...item.setup, ctx })?.plan ?? item.plan;
  }
  const { family, group } = fitScales(usable);

  // leave one publication out (sourceKeyOf): every scale refitted without its cases
  const losoScale = new Map<Item, number>();
  for (const [, members] of groupBy(usable, (i) => sourceKeyOf(i.c))) {
    const others = usable.filter((o) => !members.includes(o));
    const fit = fitScales(others);
    for (const item of members) {
      losoScale.set(
        item,
        fit.group.get(groupKey(item)) ??
          fit.family.get(item.setup.family) ??
          geometricMeanScale(others, fit.family),
      );
    }
  }

  const residuals: TrainProfile["residuals"] = [];
  for (const item of usable) {
    const others = usable.filter((o) => o !== item);
    const loo = fitScales(others);
    const looScale =
      loo.group.get(groupKey(item)) ??
      loo.family.get(item.setup.family) ??
      geometricMeanScale(others, loo.family);
    residuals.push({
      case: item.c.id,
      family: item.setup.family,
      stack: item.setup.stackId,
      metric: item.metric,
      fit_log_residual: residual(item, group.get(groupKey(item))!),
      loo_log_residual: residual(item, looScale),
      loso_log_residual: residual(item, losoScale.get(item)!),
    });
  }
  const absHeldOut = (rs: readonly { loso_log_residual?: number | undefined; loo_log_residual: number }[]) =>
    rs.map((r) => Math.abs(r.loso_log_residual ?? r.loo_log_residual)).sort((a, b) => a - b);
  const byFamily: Record<string, number> = {};
  for (const [f, rs] of groupBy(residuals, (r) => r.family)) {
    if (rs.length >= 5) byFamily[f] = quantileSorted(absHeldOut(rs), 0.8) ?? 0;
  }
  let logSum = 0;
  for (const item of usable) logSum += Math.log(family.get(item.setup.family) ?? 1);
  const globalScale = usable.length > 0 ? Math.exp(logSum / usable.length) : 1;
  return {
    kind: "fleetcast-train-profile",
    version: 1,
    method: TRAIN_FIT_METHOD,
    cases: usable.map((i) => i.c.id),
    global_compute_scale: globalScale,
    families: [...family].map(([f, s]) => ({
      family: f,
      compute_scale: s,
      cases: usable.filter((i) => i.setup.family === f).length,
    })),
    groups: [...group].map(([key, s]) => {
      const [f, stack] = key.split("|") as [string, string];
      return { family: f, stack, compute_scale: s, cases: usable.filter((i) => groupKey(i) === key).length };
    }),
    residuals,
    interval_log_halfwidth: quantileSorted(absHeldOut(residuals), 0.8) ?? 0,
    interval_log_halfwidth_by_family: byFamily,
  };
}
