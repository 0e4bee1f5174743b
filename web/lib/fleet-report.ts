/**
 * The Fleet view as a Markdown report, built in the browser from the comparison JSON and the charts on screen
 * (inline SVG): the answer and whether Ascend could do it all, strategies side by side (with energy and idle chips),
 * what each constraint costs, what Ascend would need, advisories, and every assumption with its source.
 */
import { FEASIBLE_LABEL } from "../../src/charts/index.ts";
import type { ComparisonJson } from "./api-types.ts";
import { factorText } from "./break-even-summary.ts";
import { num, pct, usdM } from "./format.ts";
import { idleChips } from "./idle-chips.ts";
import { policyCostRows, policyCostSummary } from "./policy-costs.ts";
import { verdictOf } from "./verdict-of.ts";

/** Markdown of a comparison; `charts` maps a chart title to its SVG markup. */
export function fleetReportMarkdown(c: ComparisonJson, charts: Record<string, string> = {}): string {
  const out: string[] = [`# Fleet comparison: ${c.scenario}`, ""];
  out.push(`**Answer:** ${c.answer}`, "");
  if (c.ascend_alone) out.push(`**Can Ascend do it all?** ${c.ascend_alone}`, "");
  out.push(
    "## Strategies",
    "",
    `| strategy | ${FEASIBLE_LABEL} | P50 days | P90 days | P(deadline) | serving chips | coverage | cost (window) | energy (window), MWh | idle chips |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const s of c.strategies) {
    out.push(
      `| ${s.label}${s.experimental ? " (experimental)" : ""} | ${verdictOf(s)} | ${num(s.training?.p50_days)} | ${num(s.training?.p90_days)} | ${pct(s.training?.p_deadline)} | ${num(s.serving.chips, 7)} | ${pct(s.serving.coverage)} | ${usdM(s.cost.window_usd)} | ${num(s.energy?.window_mwh)} | ${num(idleChips(s), 7)} |`,
    );
  }
  const costs = policyCostRows(c);
  if (costs.length > 0) {
    out.push(
      "",
      "## What each constraint costs against the unconstrained best",
      "",
      "| constraint | best split under it | P50 days | P(deadline) | cost (window) | Δ days | Δ P(deadline) | Δ cost |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const r of costs) {
      out.push(
        `| ${r.constraint}${r.feasible === false ? " (not feasible)" : ""} | ${r.split} | ${r.p50Days} | ${r.pDeadline} | ${r.windowUsd} | ${r.deltaDays} | ${r.deltaPDeadline} | ${r.deltaUsd} |`,
      );
    }
    const summary = policyCostSummary(c);
    if (summary) out.push("", summary);
  }
  const singles = c.sensitivity.filter((r) => !r.factor.includes("+") && r.factor !== "all");
  if (singles.length > 0) {
    out.push(
      "",
      `## What Ascend would need (${num(singles[0]?.chips, 7)} chips of ${singles[0]?.pool} training alone, the other pools serving)`,
      "",
    );
    out.push("| factor | status | break-even multiplier | P50 days there |", "| --- | --- | --- | --- |");
    for (const r of c.sensitivity) {
      out.push(
        `| ${factorText(r.factor)} | ${r.status} | ${num(r.break_even_multiplier)} | ${num(r.p50_days_at_break_even)} |`,
      );
    }
  }
  for (const [title, svg] of Object.entries(charts)) out.push("", `### ${title}`, "", svg);
  if (c.advisories.length > 0) {
    out.push("", "## Advisories", "");
    for (const a of c.advisories) out.push(`- ${a.message}${a.hint ? ` (${a.hint})` : ""}`);
  }
  out.push("", "## Assumptions", "", "| name | value | source |", "| --- | --- | --- |");
  for (const a of c.assumptions) {
    const value = typeof a.value === "number" ? num(a.value, 4) : (a.value ?? "–");
    out.push(`| ${a.name} | ${value}${a.unit ? ` ${a.unit}` : ""} | ${a.source.replaceAll("|", "/")} |`);
  }
  return `${out.join("\n")}\n`;
}
