import type { Comparison } from "./compare-strategies.ts";
import { headroomText, PEAK_ODDS_MEANS, peakOddsCell } from "./headroom-text.ts";
import { percentText, shareOfWholeText } from "./percent-text.ts";
import { servingLatencyState } from "./serving-latency-state.ts";
import type { StrategyResult } from "./strategy-result.ts";
import { strategyVerdict } from "./strategy-verdict.ts";

/** SVG strings for the report (rendered by the shell from `comparisonChartData`); any may be missing. */
export interface ReportCharts {
  days?: string;
  tornado?: string;
  cost?: string;
}

/**
 * The two sentences that answer the story's questions: which strategy to take (or that none is feasible), and
 * whether Ascend can both train and serve. Shared by the Markdown report and the CLI.
 */
export function comparisonAnswer(result: Comparison): { answer: string; ascendAlone: string | null } {
  const rec = result.strategies.find((s) => s.id === result.recommended);
  // a recommendation over the latency limits at load is said first, not only at the end of the sentence (QA 27)
  const overLatency = rec !== undefined && strategyVerdict(rec) === "throughput only";
  const answer = rec
    ? (overLatency
        ? "the recommended strategy misses the p99 latency limits at the peak (latency at load below); on throughput alone, "
        : "") +
      `${rec.label}: train on ${trainText(rec)}, serve on ${serveText(rec)}; ` +
      `training takes ${days(rec.training?.p50Days)} days (P90 ${days(rec.training?.p90Days)}) against a ${result.deadlineDays}-day deadline ` +
      `(P = ${pct(rec.training?.pDeadline)}), serving carries ${share(rec.serving.coverage)} of the peak` +
      headroomClause(rec) +
      "."
    : "no strategy trains by the deadline and carries the serving peak; see the nearest feasible points.";
  const ascend = result.strategies.find((s) => s.id === "all-ascend");
  const usable = ascend && (ascend.training?.parts.length ?? 0) + ascend.serving.parts.length > 0;
  const ascendAlone = !ascend
    ? null
    : !usable
      ? "No: no Ascend pool can be used in this scenario (none in the fleet, or the region rules exclude it)."
      : `${ascend.feasible ? "Yes" : "No"}: ${trainText(ascend)} ${
          ascend.training?.failure
            ? "cannot train (no parallel plan fits them)"
            : `train in ${days(ascend.training?.p50Days)} days (P(deadline) ${pct(ascend.training?.pDeadline)})`
        } while ${servingClause(ascend)}.`;
  return { answer, ascendAlone };
}

/**
 * What the all-Ascend row trains on beside the break-even's chips, when it differs: "; the all-Ascend row trains on
 * 768, serving first" (the break-even asks of the pool training whole: compareStrategies' breakEvenCount).
 */
export function breakEvenSplitNote(result: Comparison, chips: number): string {
  const row = result.strategies.find((s) => s.id === "all-ascend")?.training?.chips;
  return row === undefined || row === chips
    ? ""
    : `; the all-Ascend row trains on ${row.toLocaleString("en-US")}, serving first`;
}

/** The headroom clause of the answer, in parentheses, or nothing (headroom-text.ts). */
function headroomClause(s: StrategyResult): string {
  const text = headroomText({
    headroom: s.serving.headroom,
    band: s.serving.headroomBand,
    odds: s.serving.headroomOdds,
    carriesDemand: s.serving.carriesDemand,
    serves: s.serving.parts.length > 0,
  });
  return text === null ? "" : ` (${text})`;
}

/**
 * The comparison as a Markdown report: the answer first, then the strategies side by side, nearest feasible
 * points, what the policy costs, what Ascend would need, and every assumption with its source. Charts, when
 * given, are embedded as inline SVG.
 * @example comparisonMarkdown(result, { charts: { days: svg } })
 */
export function comparisonMarkdown(result: Comparison, options: { charts?: ReportCharts } = {}): string {
  const charts = options.charts ?? {};
  const out: string[] = [];
  const answer = comparisonAnswer(result);
  out.push(`# Fleet comparison: ${result.scenario}`, "");
  out.push(`**Answer:** ${answer.answer}`, "");
  if (answer.ascendAlone) out.push(`**Can Ascend do it all?** ${answer.ascendAlone}`, "");

  out.push("## Strategies", "");
  out.push(
    table(
      [
        "strategy",
        "train on",
        "serve on",
        "P50 / P90 days",
        "P(deadline)",
        "serving vs peak",
        "P(peak)",
        "latency",
        "cost over window",
        "energy MWh",
        "idle chips",
        "feasible",
      ],
      result.strategies.map((s) => [
        s.label + (s.experimental ? " (experimental)" : ""),
        trainText(s),
        serveText(s),
        `${days(s.training?.p50Days)} / ${days(s.training?.p90Days)}`,
        pct(s.training?.pDeadline),
        share(s.serving.coverage),
        peakOddsCell(s.serving.headroomOdds),
        { none: "–", met: "met", missed: "not met", unchecked: "unchecked" }[servingLatencyState(s)],
        usd(s.cost.windowUsd),
        num(s.energy.windowMWh),
        String(s.idleChips),
        strategyVerdict(s),
      ]),
    ),
    "",
    `${PEAK_ODDS_MEANS}.`,
    "",
  );
  if (charts.days) out.push(charts.days, "");
  if (charts.cost) out.push(charts.cost, "");

  const noted = result.strategies.filter((s) => s.feasible && s.nearestFeasible.length > 0);
  if (noted.length > 0) {
    out.push("### Notes", "");
    for (const s of noted) out.push(`- **${s.label}**: ${s.nearestFeasible.join("; ")}`);
    out.push("");
  }
  const infeasible = result.strategies.filter((s) => !s.feasible);
  if (infeasible.length > 0) {
    out.push("### Why not, and the nearest feasible point", "");
    for (const s of infeasible) {
      const reasons = [
        ...(s.training?.failure ? [s.training.failure] : []),
        ...s.policy.violations,
        ...s.nearestFeasible,
      ];
      out.push(`- **${s.label}**: ${reasons.join("; ") || "see advisories"}`);
    }
    out.push("");
  }

  out.push("## What the policy costs", "");
  out.push(
    table(
      ["constraint", "P50 days", "P(deadline)", "cost over window", "Δ days", "Δ P", "Δ cost"],
      [
        [
          "none (unconstrained best)",
          days(result.unconstrained.training?.p50Days),
          pct(result.unconstrained.training?.pDeadline),
          usd(result.unconstrained.cost.windowUsd),
          "",
          "",
          "",
        ],
        ...result.policyCosts.map((p) => [
          p.description,
          days(p.best.training?.p50Days),
          pct(p.best.training?.pDeadline),
          usd(p.best.cost.windowUsd),
          signed(p.deltaP50Days, 1),
          signed(p.deltaPDeadline === null ? null : p.deltaPDeadline * 100, 0, " pt"),
          p.deltaWindowUsd === null
            ? "n/a"
            : `${p.deltaWindowUsd >= 0 ? "+" : "−"}${usd(Math.abs(p.deltaWindowUsd))}`,
        ]),
      ],
    ),
    "",
  );

  const be = result.breakEven;
  if (be) {
    out.push(
      "## What Ascend would need",
      "",
      `Ascend training alone on ${be.chips.toLocaleString("en-US")} chips of ${be.pool}, serving left to the other pools${breakEvenSplitNote(result, be.chips)}: ${days(be.baseline.p50Days)} days P50 today (failure-free ${days(be.baseline.failureFreeDays)}). ` +
        `Smallest improvement that meets the ${result.deadlineDays}-day deadline (multipliers searched ${be.range[0]}–${be.range[1]}; below 1 is headroom):`,
      "",
    );
    out.push(
      table(
        ["factor", "break-even multiplier", "P50 days there"],
        [...be.single, ...be.pairs, be.all].map((s) => [
          s === be.all ? "all four together" : s.factors.map((f) => f.replaceAll("_", " ")).join(" + "),
          s.multiplier === null
            ? `beyond x${be.range[1]}`
            : s.status === "always"
              ? `≤ x${s.multiplier}`
              : `x${s.multiplier.toFixed(2)}`,
          days(s.at.p50Days),
        ]),
      ),
      "",
    );
    if (charts.tornado) out.push(charts.tornado, "");
    out.push(
      table(
        [
          "factor",
          `P50 days at x${be.tornado[0]?.lowMultiplier ?? 0.5}`,
          "baseline",
          `P50 days at x${be.tornado[0]?.highMultiplier ?? 2}`,
        ],
        be.tornado.map((t) => [t.factor.replaceAll("_", " "), days(t.low), days(t.baseline), days(t.high)]),
      ),
      "",
    );
  }

  const advisories = [
    ...result.advisories,
    ...(be?.advisories ?? []),
    ...result.strategies.flatMap((s) =>
      s.advisories.map((a) => ({ ...a, message: `${s.label}: ${a.message}` })),
    ),
  ];
  if (advisories.length > 0) {
    out.push("## Advisories", "");
    const seen = new Set<string>();
    for (const a of advisories) {
      if (seen.has(a.message)) continue;
      seen.add(a.message);
      out.push(`- ${a.message} (${a.hint})`);
    }
    out.push("");
  }

  out.push("## Assumptions", "");
  out.push(
    table(
      ["name", "value", "kind", "source"],
      result.assumptions.map((a) => [
        a.name,
        a.value === null
          ? "unknown"
          : `${typeof a.value === "number" ? num(a.value) : a.value}${a.unit ? ` ${a.unit}` : ""}`,
        a.kind,
        a.source,
      ]),
    ),
    "",
  );
  return out.join("\n");
}

// --- internal ---

function trainText(s: StrategyResult): string {
  const parts = s.training?.parts ?? [];
  if (parts.length === 0) return "nothing";
  // the stack it trains with, named (review 19: a 45-day answer rested on DeepSeek's in-house HAI-LLM unsaid)
  return parts.map((p) => `${p.chips} x ${p.chip} (${p.stackId})`).join(" + ");
}

/** "3,072 x huawei-ascend-910c serve 92 % of the peak", or why none serves. */
function servingClause(s: StrategyResult): string {
  if (s.serving.parts.length > 0) return `${serveText(s)} serve ${share(s.serving.coverage)} of the peak`;
  const why = s.advisories.find((a) => a.code === "pool-cannot-serve");
  return why === undefined ? "no chip is left to serve" : `none serves (${why.message})`;
}

function serveText(s: StrategyResult): string {
  if (s.serving.parts.length === 0) return "nothing";
  return s.serving.parts.map((p) => `${p.chips} x ${p.chip}`).join(" + ");
}

function days(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(1);
}

function share(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "n/a" : shareOfWholeText(x);
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "n/a" : percentText(x);
}

function num(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "n/a";
  if (Math.abs(x) >= 1e12) return x.toExponential(2);
  return x.toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) < 10 ? 3 : 0 });
}

function usd(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "n/a";
  if (x >= 1e6) return `$${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `$${(x / 1e3).toFixed(1)}k`;
  return `$${x.toFixed(2)}`;
}

function signed(x: number | null, digits: number, unit = ""): string {
  if (x === null || !Number.isFinite(x)) return "n/a";
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(digits)}${unit}`;
}

function table(header: string[], rows: string[][]): string {
  const esc = (c: string) => c.replaceAll("|", "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}
