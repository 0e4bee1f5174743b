import { instanceView } from "../serve/index.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import type { Comparison } from "./compare-strategies.ts";
import { comparisonAnswer } from "./comparison-markdown.ts";
import type { ServingPart } from "./strategy-result.ts";
import { strategyVerdict } from "./strategy-verdict.ts";

/**
 * JSON-ready comparison, keys snake_case at every depth and non-finite numbers as null:
 * `{scenario, recommended, strategies, sensitivity, policy_costs, assumptions, advisories}`. `sensitivity` holds one
 * row per break-even factor (with its tornado numbers), per pair of factors, and one for all four together.
 * @example JSON.stringify(comparisonJson(compareStrategies(defaultScenario())))
 */
export function comparisonJson(result: Comparison): Record<string, unknown> {
  const be = result.breakEven;
  const sensitivity: Record<string, unknown>[] = [];
  if (be) {
    const common = { pool: be.pool, chips: be.chips, baselineP50Days: be.baseline.p50Days };
    for (const s of be.single) {
      const t = be.tornado.find((row) => row.factor === s.factors[0]);
      sensitivity.push({
        ...common,
        factor: s.factors[0],
        breakEvenMultiplier: s.multiplier,
        status: s.status,
        p50DaysAtBreakEven: s.at.p50Days,
        low: t?.low ?? null,
        high: t?.high ?? null,
        baseline: t?.baseline ?? null,
        lowMultiplier: t?.lowMultiplier ?? null,
        highMultiplier: t?.highMultiplier ?? null,
      });
    }
    for (const s of [...be.pairs, be.all]) {
      sensitivity.push({
        ...common,
        factor: s === be.all ? "all" : s.factors.join("+"),
        breakEvenMultiplier: s.multiplier,
        status: s.status,
        p50DaysAtBreakEven: s.at.p50Days,
      });
    }
  }
  const { answer, ascendAlone } = comparisonAnswer(result);
  return snakeCaseKeys({
    scenario: result.scenario,
    recommended: result.recommended,
    // the sentences the CLI and the Markdown report print, so every shell says the same (re-read 20: the dashboard
    // wrote its own, without the training stack)
    answer,
    ascendAlone,
    // each row's verdict as the tables print it (strategy-verdict.ts), so the dashboard need not re-derive it
    // a serving part's layouts with the latency each pool lacks as null (a split's decode TTFT, prefill TPOT)
    strategies: result.strategies.map((s) => ({
      ...s,
      serving: { ...s.serving, parts: s.serving.parts.map(partView) },
      verdict: strategyVerdict(s),
    })),
    sensitivity,
    policyCosts: result.policyCosts.map((p) => ({
      constraint: p.constraint,
      description: p.description,
      p50Days: p.best.training?.p50Days ?? null,
      pDeadline: p.best.training?.pDeadline ?? null,
      windowUsd: p.best.cost.windowUsd,
      deltaP50Days: p.deltaP50Days,
      deltaPDeadline: p.deltaPDeadline,
      deltaWindowUsd: p.deltaWindowUsd,
      feasible: p.best.feasible,
      allocation: p.best.allocation,
    })),
    unconstrained: {
      p50Days: result.unconstrained.training?.p50Days ?? null,
      pDeadline: result.unconstrained.training?.pDeadline ?? null,
      windowUsd: result.unconstrained.cost.windowUsd,
      allocation: result.unconstrained.allocation,
    },
    assumptions: result.assumptions,
    advisories: [...result.advisories, ...(be?.advisories ?? [])],
  }) as Record<string, unknown>;
}

/** A serving part as the JSON writes it: a split's decode layout without a TTFT, its prefill layout without a TPOT. */
function partView(p: ServingPart) {
  return {
    ...p,
    instance:
      p.instance === null
        ? null
        : instanceView(p.instance, p.mode === "disaggregated" ? "decode" : "colocated"),
    prefillInstance: p.prefillInstance === null ? null : instanceView(p.prefillInstance, "prefill"),
  };
}
