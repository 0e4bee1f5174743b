import { importModel } from "../arch/index.ts";
import { isTimeLikeMetric, type ServeCase, sourceKeyOf } from "../cases/index.ts";
import {
  builtinChips,
  type Chip,
  type ChipFamily,
  dieGenerationOf,
  sameDieFamilies,
} from "../catalog/chips/index.ts";
import { stackForSoftwareText } from "../catalog/stacks/index.ts";
import { quantileSorted } from "../util/quantile-sorted.ts";
import { caseWorkload } from "./case-workload.ts";
import { predictServeCase, type ServeCasePrediction } from "./predict-serve-case.ts";
import {
  FITTED_FIELDS,
  type FittedField,
  type ServeEfficiency,
  serveEfficiencyPrior,
} from "./serve-efficiency.ts";
import type { ServeErrorSummary, ServeProfile } from "./serve-profile.ts";

/** Options of the fit; the defaults are the documented method. */
export interface FitServeOptions {
  chips?: readonly Chip[];
  /** Leave-one-out and leave-one-source-out refits (slow: one refit per case and per source); default true. */
  leaveOneOut?: boolean;
}

// --- the method (written into the profile's `method`) ---
// Residual scale: published figures for the same hardware move by ~40 % with software alone
// (cases/serve.json mlperf50-h100x8-llama2-70b-server note: 1.44x the v4.1 result), so log residuals of ~0.3
// are noise, not signal.
const RESIDUAL_SCALE = 0.3;
// Cauchy loss scale on log residuals: cases off by more than ~35 % (the target band; unknown prompt lengths) weigh
// less the further off they are.
const ROBUST_SCALE = 0.3;
// Prior widths, log scale, in FITTED_FIELDS order: a family's efficiency within ~2x of the stack catalog prior
// (sigma log 2); a stack within ~1.4x of its family (sigma 0.35). Step overhead is known only to a range
// [0.5, 10] ms (stack priors): sigma 1.0 at both levels. The attention fraction became a fitted field when
// DeepSeek-R1's long-context MLA decode on Blackwell showed it far below its prior (fitted ~0.22-0.26 against
// Hopper's ~0.77): leave-one-out 18.2 % -> 15.6 %, held-out 18.1 % -> 17.5 %, and Blackwell's decode HBM fraction
// rose from an implausible 0.25 to 0.42, no longer absorbing slow attention. (Since refitted: at stop 25 Blackwell's
// attention 0.34-0.39 and HBM fraction 0.30-0.40 by stack; the cases do not separate the two cleanly.)
// Cases whose prompt or output length is assumed (case-workload.ts) count half: their error is partly the
// assumption's. Chosen over 1 (all equal) because leave-one-out improved (first-metric median 22.3 % -> 20.3 %)
// and so did the held-out set (data/holdout/serve.json, median 23.1 % -> 19.9 %).
const ASSUMED_LENGTHS_WEIGHT = 0.5;
const FAMILY_SIGMA = [Math.log(2), Math.log(2), 1.0, Math.log(2), Math.log(2)] as const;
const GROUP_SIGMA = [0.35, 0.35, 1.0, 0.35, 0.35] as const;
// Fields whose family level shrinks towards the other families' fitted offsets instead of 0 (each family weighed
// by its cases that inform the field: `informingCases`). Both priors are
// GEMM microbenchmarks (prefill: the isolated large-GEMM fraction, research/hardware.md §5.1/§6; MoE: grouped =
// dense GEMMs, serve-efficiency.ts), and in every family with cases the engines' GEMMs ran below them (before
// pooling, fitted/prior: Hopper 0.78, Blackwell 0.55, MI300X 0.78, 910C 0.62, 910B 0.88 on prefill; MoE 0.70-0.74): a shared
// bias of the priors, not of one chip. Decode bandwidth, step overhead and attention priors are assumptions or
// kernel figures whose fits scatter on both sides (decode HBM 0.61-1.1x), so they keep their own priors.
// Chosen on 2026-11-29 over pooling all five fields (LOO 15.4 %, CloudMatrix384 decode -16 %), prefill alone
// (LOO 15.8 %), or these two with families weighted equally (LOO 14.6 %): measured on cases/serve.json, leave-one-out
// and the held-out sets (docs/serving-model.md "Pooled GEMM offsets").
const POOLED_FIELDS: readonly FittedField[] = ["prefillMatmulFraction", "moeGemmFraction"];
// A family's own 80 % band needs this many cases; fewer borrow the overall one (a choice).
const MIN_CASES_FOR_OWN_INTERVAL = 5;
const METHOD =
  "Per chip family (families built from one compute die, Ascend 910B and 910C, share w), " +
  "efficiency = stack prior x exp(w_family + v_stack) for decodeHbmFraction, " +
  "prefillMatmulFraction, stepOverheadMs, moeGemmFraction, attentionFraction (fractions capped at 1). Minimises sum over cases of " +
  "the mean over the case's metrics of Cauchy(log(pred/obs)/0.3, scale 1), halved where the case's lengths " +
  "were assumed, plus Gaussian shrinkage of w (sigma " +
  "log 2; overhead 1.0) and v (sigma 0.35; overhead 1.0) towards 0, by pattern search; w of prefillMatmulFraction and " +
  "moeGemmFraction shrinks instead towards the mean of the other families' w from a first fit with " +
  "all centres 0, each family weighed by its cases that inform the field (MoE models; cases with a prefill) " +
  "(pooled GEMM offsets; families without cases take the mean of all). Leave-one-out: each case " +
  "re-predicted after refitting its family without it, from the same cold start as the full fit. Leave-one-source-out: " +
  "every case of one publication (sourceKeyOf: the source URL, an MLPerf round whole) re-predicted after refitting " +
  "everything, pooled centres included, without that publication. Intervals: 10 %/90 % quantiles of the " +
  "leave-one-source-out log residuals of each case's first metric (a family's own with 5 cases or more, else all). " +
  "An engine without cases on a family takes its own prior times the family's multipliers.";

interface Group {
  family: ChipFamily;
  stack: string;
  prior: ServeEfficiency;
  cases: ServeCase[];
}

/**
 * Fits the serving efficiency per (chip family, engine) on published cases with shrinkage towards the stack
 * priors, and reports in-sample and leave-one-out errors by family. Pure: the same cases give the same profile.
 */
export function fitServeProfile(cases: readonly ServeCase[], options: FitServeOptions = {}): ServeProfile {
  const chips = options.chips ?? builtinChips();
  // One fit per die generation (families built from the same compute die share w; catalog die-generation.ts),
  // one group per (family, stack) inside it.
  const byFamily = new Map<ChipFamily, Group[]>();
  for (const c of cases) {
    const chip = chips.find((x) => x.id === c.hardware.chip);
    if (chip === undefined) continue;
    const stack = stackForSoftwareText(c.software ?? "", chip.family, "serve");
    const unit = dieGenerationOf(chip.family);
    const groups = byFamily.get(unit) ?? [];
    let group = groups.find((g) => g.family === chip.family && g.stack === stack);
    if (group === undefined) {
      group = { family: chip.family, stack, prior: serveEfficiencyPrior(stack, chip.family), cases: [] };
      groups.push(group);
    }
    group.cases.push(c);
    byFamily.set(unit, groups);
  }

  const families: ServeProfile["families"] = {};
  const groupsOut: ServeProfile["groups"] = [];
  const inSample = new Map<string, ServeCasePrediction>();
  const loo = new Map<string, ServeCasePrediction>();
  // units and their groups in a fixed order (family, then stack), so the fit does not depend on the cases' order
  const sortedFamilies = [...byFamily.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([unit, groups]) =>
        [
          unit,
          [...groups].sort((a, b) => a.family.localeCompare(b.family) || a.stack.localeCompare(b.stack)),
        ] as const,
    );
  // Stage 1: every family shrunk towards its catalog priors alone. Stage 2 (below): each family refitted with
  // its GEMM fields shrunk towards the other families' stage-1 offsets (POOLED_FIELDS), so a family with one or
  // two cases borrows what the others measured, and its own cases never set its own centre.
  const firstFits = sortedFamilies.map(([family, groups]) => ({
    family,
    w: fitFamily(groups, chips, zeros()).w,
    n: informingCases(groups.flatMap((g) => g.cases)),
  }));
  const pooled = pooledOffsets(firstFits);
  for (const [family, groups] of sortedFamilies) {
    const center = pooledOffsets(firstFits.filter((f) => f.family !== family));
    const fit = fitFamily(groups, chips, center);
    // the family level of each member family with cases (a member without cases reads a same-die family's
    // level, serve-profile.ts), under the prior of its first fitted engine, with its own case count
    for (const member of sameDieFamilies(family)) {
      const own = groups.filter((g) => g.family === member);
      const first = own[0];
      if (first === undefined) continue;
      const eff = applyMultipliers(first.prior, fit.w, zeros());
      families[member] = {
        ...toJson(eff),
        n_cases: own.reduce((n, g) => n + g.cases.length, 0),
        // the family's offsets, for an engine without cases of its own: its prior times these (serve-profile.ts)
        multipliers: multipliersJson(fit.w),
      };
    }
    groups.forEach((g, i) => {
      const eff = applyMultipliers(g.prior, fit.w, fit.v[i] ?? zeros());
      groupsOut.push({
        family: g.family,
        stack: g.stack,
        ...toJson(eff),
        n_cases: g.cases.length,
        // the cases that fit its MoE GEMM fraction (serve-profile.ts moeCalibrationAdvisory)
        n_moe_cases: g.cases.filter(isMoeCase).length,
      });
      for (const c of g.cases) inSample.set(c.id, predictServeCase(c, null, { chips, efficiency: eff }));
    });
    if (options.leaveOneOut ?? true) {
      for (const g of groups) {
        for (const c of g.cases) {
          const without = groups.map((h) => ({ ...h, cases: h.cases.filter((x) => x.id !== c.id) }));
          // the same method from the same start as the full fit: warm-started from the fit that saw the case,
          // the pattern search stopped near it (review, 2026-11-30: LOO 11.5 % read, 13.2 % from a cold start)
          const refit = fitFamily(without, chips, center);
          const i = groups.indexOf(g);
          const eff = applyMultipliers(g.prior, refit.w, refit.v[i] ?? zeros());
          loo.set(c.id, predictServeCase(c, null, { chips, efficiency: eff }));
        }
      }
    }
  }

  // Leave one publication out: its cases share a harness, an engine build and the collector's reading, so a
  // case's siblings in the fit tell it what no new deployment would (sourceKeyOf). Everything is refitted without
  // the publication, the other families' first fits that set the pooled centres included.
  const loso = new Map<string, ServeCasePrediction>();
  if (options.leaveOneOut ?? true) {
    const sources = [...new Set(cases.map(sourceKeyOf))].sort();
    for (const source of sources) {
      const keep = (c: ServeCase) => sourceKeyOf(c) !== source;
      const withoutSource = sortedFamilies.map(
        ([family, groups]) => [family, groups.map((g) => ({ ...g, cases: g.cases.filter(keep) }))] as const,
      );
      const touched = (groups: readonly Group[]) => groups.some((g) => g.cases.some((c) => !keep(c)));
      // a family's first fit changes only when the publication had cases in it
      const firsts = withoutSource.map(([family, groups], i) =>
        touched(sortedFamilies[i]![1])
          ? {
              family,
              w: fitFamily(groups, chips, zeros()).w,
              n: informingCases(groups.flatMap((g) => g.cases)),
            }
          : firstFits[i]!,
      );
      withoutSource.forEach(([family, groups], i) => {
        const original = sortedFamilies[i]![1];
        if (!touched(original)) return;
        const refit = fitFamily(groups, chips, pooledOffsets(firsts.filter((f) => f.family !== family)));
        original.forEach((g, k) => {
          const eff = applyMultipliers(g.prior, refit.w, refit.v[k] ?? zeros());
          for (const c of g.cases) {
            if (!keep(c)) loso.set(c.id, predictServeCase(c, null, { chips, efficiency: eff }));
          }
        });
      });
    }
  }

  const casesOut: ServeProfile["cases"] = [];
  for (const c of cases) {
    const p = inSample.get(c.id);
    if (p === undefined) continue;
    const l = loo.get(c.id);
    const ls = loso.get(c.id);
    casesOut.push({
      id: c.id,
      family: p.family,
      stack: p.stack,
      status: p.status,
      metrics: p.metrics.map((m, k) => ({
        metric: m.metric,
        observed: m.observed,
        predicted: m.predicted,
        rel_error: m.rel_error,
        loo_rel_error: l?.metrics[k]?.rel_error ?? null,
        loso_rel_error: ls?.metrics[k]?.rel_error ?? null,
      })),
    });
  }

  const summary: ServeProfile["summary"] = { all: summarise(casesOut) };
  const residual_quantiles: ServeProfile["residual_quantiles"] = {};
  const allQ = logQuantiles(casesOut);
  if (allQ !== null) residual_quantiles.all = allQ;
  for (const family of new Set(casesOut.map((c) => c.family as ChipFamily))) {
    const subset = casesOut.filter((c) => c.family === family);
    summary[family] = summarise(subset);
    const q = logQuantiles(subset);
    // a family with fewer than 5 cases borrows the overall spread (5 metrics of 2 cases made MI300X's 90 % point
    // its worst TTFT miss, a x4.8 throughput band: review, 2026-11-30)
    if (q !== null && subset.length >= MIN_CASES_FOR_OWN_INTERVAL) residual_quantiles[family] = q;
  }
  return {
    version: 1,
    method: METHOD,
    // the cases the fit used: one on a chip the catalog lacks is skipped, and not listed
    fitted_on: cases.filter((c) => inSample.has(c.id)).map((c) => c.id),
    families,
    groups: groupsOut,
    pooled_multipliers: {
      prefill_matmul_fraction: round4(Math.exp(pooled[FITTED_FIELDS.indexOf("prefillMatmulFraction")]!)),
      moe_gemm_fraction: round4(Math.exp(pooled[FITTED_FIELDS.indexOf("moeGemmFraction")]!)),
    },
    residual_quantiles,
    summary,
    cases: casesOut,
  };
}

// --- internal ---

type Coeffs = number[];
const zeros = (): Coeffs => FITTED_FIELDS.map(() => 0);
interface FamilyFit {
  w: Coeffs;
  v: Coeffs[];
}

/** Mean of families' log multipliers on the POOLED_FIELDS, each weighed by its informing cases (0 elsewhere). */
function pooledOffsets(fits: readonly { w: Coeffs; n: Coeffs }[]): Coeffs {
  return FITTED_FIELDS.map((field, k) => {
    const n = fits.reduce((sum, f) => sum + f.n[k]!, 0);
    return n === 0 || !POOLED_FIELDS.includes(field)
      ? 0
      : fits.reduce((sum, f) => sum + f.n[k]! * f.w[k]!, 0) / n;
  });
}

/** A case of a mixture of experts (its routed experts priced by the MoE GEMM fraction). */
function isMoeCase(c: ServeCase): boolean {
  return importModel(c.model, c.model.name).arch.moe !== null;
}

/**
 * Cases that inform each fitted field, in FITTED_FIELDS order: a family's offset weighs in the pool by these
 * alone (a dense model says nothing of grouped GEMMs; a decode-only case little of prefill GEMMs).
 */
function informingCases(cases: readonly ServeCase[]): Coeffs {
  return FITTED_FIELDS.map(
    (field) =>
      cases.filter((c) => {
        if (field === "moeGemmFraction") return isMoeCase(c);
        if (field === "prefillMatmulFraction") return c.serve.phase !== "decode";
        return true;
      }).length,
  );
}

function applyMultipliers(
  prior: ServeEfficiency,
  w: readonly number[],
  v: readonly number[],
): ServeEfficiency {
  const out = { ...prior };
  FITTED_FIELDS.forEach((field, k) => {
    const value = prior[field] * Math.exp((w[k] ?? 0) + (v[k] ?? 0));
    out[field] = field === "stepOverheadMs" ? value : Math.min(1, value);
  });
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** exp(w) per fitted field, in the profile's snake_case. */
function multipliersJson(w: readonly number[]) {
  const at = (field: FittedField) => round4(Math.exp(w[FITTED_FIELDS.indexOf(field)] ?? 0));
  return {
    decode_hbm_fraction: at("decodeHbmFraction"),
    prefill_matmul_fraction: at("prefillMatmulFraction"),
    step_overhead_ms: at("stepOverheadMs"),
    moe_gemm_fraction: at("moeGemmFraction"),
    attention_fraction: at("attentionFraction"),
  };
}

function toJson(e: ServeEfficiency) {
  return {
    decode_hbm_fraction: round4(e.decodeHbmFraction),
    prefill_matmul_fraction: round4(e.prefillMatmulFraction),
    step_overhead_ms: round4(e.stepOverheadMs),
    moe_gemm_fraction: round4(e.moeGemmFraction),
    attention_fraction: round4(e.attentionFraction),
  };
}

/** A case's weight in the fit: half when its prompt or output length had to be assumed (case-workload.ts). */
const weights = new WeakMap<ServeCase, number>();
function caseWeight(c: ServeCase): number {
  let w = weights.get(c);
  if (w === undefined) {
    const arch = importModel(c.model, c.model.name).arch;
    w = caseWorkload(c, arch).lengthsAssumed ? ASSUMED_LENGTHS_WEIGHT : 1;
    weights.set(c, w);
  }
  return w;
}

function caseLoss(c: ServeCase, chips: readonly Chip[], eff: ServeEfficiency): number {
  const p = predictServeCase(c, null, { chips, efficiency: eff });
  const residuals: number[] = [];
  for (const m of p.metrics) {
    if (m.predicted !== null && m.predicted > 0 && m.observed > 0)
      residuals.push(Math.log(m.predicted / m.observed));
  }
  if (residuals.length === 0) return 0;
  const c2 = (ROBUST_SCALE / RESIDUAL_SCALE) ** 2;
  let sum = 0;
  for (const r of residuals) sum += c2 * Math.log(1 + (r / RESIDUAL_SCALE) ** 2 / c2);
  return (caseWeight(c) * sum) / residuals.length;
}

function objective(groups: readonly Group[], chips: readonly Chip[], fit: FamilyFit, center: Coeffs): number {
  let total = 0;
  for (let k = 0; k < FITTED_FIELDS.length; k++) total += ((fit.w[k]! - center[k]!) / FAMILY_SIGMA[k]!) ** 2;
  groups.forEach((g, i) => {
    const v = fit.v[i]!;
    for (let k = 0; k < FITTED_FIELDS.length; k++) total += (v[k]! / GROUP_SIGMA[k]!) ** 2;
    const eff = applyMultipliers(g.prior, fit.w, v);
    for (const c of g.cases) total += caseLoss(c, chips, eff);
  });
  return total;
}

/**
 * Pattern search (Hooke-Jeeves style, coordinate steps halving from 0.4 to 0.025 in log space), always from 0:
 * every fit, leave-one-out refits included, runs the same method from the same start.
 */
function fitFamily(groups: readonly Group[], chips: readonly Chip[], center: Coeffs): FamilyFit {
  const fit: FamilyFit = { w: zeros(), v: groups.map(() => zeros() as Coeffs) };
  const coords: { get: () => number; set: (x: number) => void }[] = [];
  for (let k = 0; k < FITTED_FIELDS.length; k++)
    coords.push({ get: () => fit.w[k]!, set: (x) => (fit.w[k] = x) });
  groups.forEach((_, i) => {
    if (groups.length < 2) return; // one stack: the family level is the stack level
    for (let k = 0; k < FITTED_FIELDS.length; k++)
      coords.push({ get: () => fit.v[i]![k]!, set: (x) => (fit.v[i]![k] = x) });
  });
  let best = objective(groups, chips, fit, center);
  for (let step = 0.4; step >= 0.025; step /= 2) {
    let improved = true;
    for (let sweep = 0; improved && sweep < 4; sweep++) {
      improved = false;
      for (const coord of coords) {
        const x = coord.get();
        for (const dx of [step, -step]) {
          coord.set(x + dx);
          const value = objective(groups, chips, fit, center);
          if (value < best - 1e-9) {
            best = value;
            improved = true;
            break;
          }
          coord.set(x);
        }
      }
    }
  }
  return fit;
}

function absErrors(
  cases: ServeProfile["cases"],
  key: "rel_error" | "loo_rel_error" | "loso_rel_error",
): number[] {
  const out: number[] = [];
  for (const c of cases)
    for (const m of c.metrics) {
      const e = m[key];
      if (e !== null) out.push(Math.abs(e));
    }
  return out.sort((a, b) => a - b);
}

function summarise(cases: ServeProfile["cases"]): ServeErrorSummary {
  const e = absErrors(cases, "rel_error");
  const l = absErrors(cases, "loo_rel_error");
  const ls = absErrors(cases, "loso_rel_error");
  const within = (xs: number[]) => (xs.length === 0 ? null : xs.filter((x) => x <= 0.35).length / xs.length);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    cases: cases.length,
    metrics: e.length,
    median_abs_error: round(quantileSorted(e, 0.5)),
    within_35: round(within(e)),
    loo_median_abs_error: round(quantileSorted(l, 0.5)),
    loo_within_35: round(within(l)),
    loso_median_abs_error: round(quantileSorted(ls, 0.5)),
    loso_within_35: round(within(ls)),
  };
}

function logQuantiles(cases: ServeProfile["cases"]): [number, number] | null {
  const logs: number[] = [];
  for (const c of cases) {
    // each case's first metric, the one the errors are quoted on: a case's latency misses do not widen the
    // throughput band of the rest
    const m = c.metrics[0];
    if (m === undefined) continue;
    const r = m.loso_rel_error ?? m.loo_rel_error ?? m.rel_error;
    // log(observed / predicted) oriented as throughput: a latency's sign flipped (the interval mirrors it back)
    if (r !== null && r > -1) logs.push(isTimeLikeMetric(m.metric) ? Math.log(1 + r) : -Math.log(1 + r));
  }
  if (logs.length === 0) return null;
  logs.sort((a, b) => a - b);
  const at = (q: number) => logs[Math.min(logs.length - 1, Math.max(0, Math.round(q * (logs.length - 1))))]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return [round(at(0.1)), round(at(0.9))];
}
