import { Command } from "@commander-js/extra-typings";
import { builtinProfile, effectiveProfile } from "../../calibrate/index.ts";
import {
  breakEvenSplitNote,
  type Comparison,
  compareStrategies,
  comparisonAnswer,
  comparisonJson,
  comparisonMarkdown,
  defaultScenario,
  type FleetAssumption,
  PEAK_ODDS_MEANS,
  parseScenario,
  peakOddsCell,
  type Scenario,
  servingLatencyState,
  shareOfWholeText,
  strategyVerdict,
} from "../../fleet/index.ts";
import { layeredServeProfile } from "../../serve/index.ts";
import { readTextFile } from "../../util/read-text-file.ts";
import { chipCatalog } from "../context.ts";
import type { CliIo } from "../io.ts";
import { checkOutputPath, writeOutputFile } from "../output-file.ts";
import { progressBar } from "../progress.ts";
import { formatNumber, formatPercent, json, table, truncate } from "../render.ts";
import { reportCharts } from "../report-charts.ts";

// the latency column: p99 at each serving part's share of the peak (servingLatencyState)
const LATENCY_CELL = { none: "–", met: "ok", missed: "over", unchecked: "unchecked" } as const;

/** Reads a scenario file, or the story's default scenario without one. */
export function loadScenario(file: string | undefined, catalog: ReturnType<typeof chipCatalog>): Scenario {
  if (!file) return defaultScenario();
  return parseScenario(readTextFile(file, "scenario"), file, { catalog });
}

function money(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return "unknown";
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(1)}M`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}

function renderComparison(c: Comparison, io: CliIo): void {
  const answer = comparisonAnswer(c);
  io.out(`Scenario: ${c.scenario} (deadline ${formatNumber(c.deadlineDays)} days)\n\n`);
  io.out(`Answer: ${answer.answer}\n`);
  if (answer.ascendAlone) io.out(`Can Ascend do it all? ${answer.ascendAlone}\n`);
  io.out("\n");
  io.out(
    table(
      [
        "strategy",
        "ok",
        "train on",
        "days P50",
        "days P90",
        "P(deadline)",
        "serve on",
        "demand carried",
        "P(peak)",
        "latency",
        "cost (window)",
        "idle",
      ],
      c.strategies.map((s) => [
        `${s.label}${s.experimental ? " (experimental)" : ""}${c.recommended === s.id ? " *" : ""}`,
        strategyVerdict(s),
        chipsOn(s.training?.parts ?? []),
        trainingDays(s.training, "p50Days"),
        trainingDays(s.training, "p90Days"),
        formatPercent(s.training?.pDeadline, 0),
        chipsOn(s.serving.parts),
        s.serving.coverage === null || !Number.isFinite(s.serving.coverage)
          ? "unknown"
          : shareOfWholeText(s.serving.coverage),
        peakOddsCell(s.serving.headroomOdds),
        LATENCY_CELL[servingLatencyState(s)],
        money(s.cost.windowUsd),
        s.allocation.reduce((n, a) => n + a.idle, 0),
      ]),
    ),
  );
  io.out(
    `${c.recommended !== null ? "* recommended; " : ""}ok: trains by the deadline, carries the peak and keeps the policy ("throughput only": on throughput, its serving over the p99 latency limits at the peak); ${PEAK_ODDS_MEANS}; latency: each serving part's p99 at its share of the peak\n`,
  );
  for (const s of c.strategies) {
    // a feasible row may still say what it is (the cross-vendor row that found nothing to add: the NVIDIA job alone)
    if (s.feasible) {
      for (const note of s.nearestFeasible) io.out(`  ${s.label}: ${note}\n`);
      continue;
    }
    // The most telling reason first: training that cannot run, then the nearest feasible point (why it was never
    // set up, a deadline missed, serving short), then the advisories and policy.
    const reasons = [
      s.training?.failure ?? null,
      ...s.nearestFeasible,
      ...s.advisories.map((a) => a.message).filter((m) => !/has no price/.test(m)),
      ...s.policy.violations,
    ].filter((r): r is string => Boolean(r));
    const reason = reasons[0]?.replace(new RegExp(`^${s.label}: `), "");
    if (reason) io.out(`  ${s.label}: ${reason}\n`);
    // and the other trade-off of the split, when one exists (search-split.ts: "training on ... instead ...")
    for (const note of s.nearestFeasible.filter((n) => n !== reasons[0] && / instead /.test(n)))
      io.out(`    or: ${note}\n`);
  }
  // every row whose serving misses the p99 limits at its share of the peak says where and by how much
  for (const s of c.strategies)
    for (const a of s.advisories.filter((x) => x.code === "serving-latency-at-load"))
      io.out(`  ${s.label}, latency at load: ${a.message}\n`);
  if (c.policyCosts.length > 0) {
    io.out("\nWhat each constraint costs against the unconstrained best:\n");
    io.out(
      table(
        ["constraint", "best under it", "Δ days P50", "Δ P(deadline)", "Δ cost"],
        c.policyCosts.map((p) => [
          truncate(p.description, 50),
          p.best.label,
          formatNumber(p.deltaP50Days),
          p.deltaPDeadline === null ? "unknown" : `${(p.deltaPDeadline * 100).toFixed(0)} pts`,
          money(p.deltaWindowUsd),
        ]),
      ),
    );
  }
  const be = c.breakEven;
  if (be && !Number.isFinite(be.baseline.p50Days)) {
    io.out(
      `\nAscend training alone on ${be.chips} chips of pool ${be.pool} cannot run at all, so no improvement factor helps: ${be.advisories[0]?.message ?? "see the strategy's reason above"}\n`,
    );
  } else if (be) {
    const rows = [...be.single, ...be.pairs, be.all];
    const top = be.range[1];
    io.out(
      `\nWhat Ascend training alone (${be.chips.toLocaleString("en-US")} chips of pool ${be.pool}, serving left to the other pools${breakEvenSplitNote(c, be.chips)}) would need to meet the deadline (baseline P50 ${formatNumber(be.baseline.p50Days)} days)${rows.every((b) => b.status === "beyond-range") ? `: no factor up to x${formatNumber(top)} is enough, even all together; the days at x${formatNumber(top)} rank them` : ""}:\n`,
    );
    io.out(
      table(
        ["improve", "by", "status", "days P50 then"],
        rows.map((b) => [
          b.factors.join(" + "),
          // beyond the range: more than its top (review 34: a column of dashes)
          b.multiplier === null ? `> x${formatNumber(top)}` : `x${formatNumber(b.multiplier)}`,
          b.status,
          formatNumber(b.at.p50Days),
        ]),
      ),
    );
  }
  const assumed = c.assumptions.filter((a) => a.kind === "assumption");
  io.out(
    `\n${c.assumptions.length} assumptions (${assumed.length} not sourced; --json or --report lists them all):\n`,
  );
  for (const a of assumed.slice(0, 8))
    io.out(`  - ${a.name}: ${assumedValue(a)} (${truncate(a.source, 80)})\n`);
  // the break-even's own advice (out of reach at any improvement, no plan) beside the scenario's, as --json has them
  const advice = [...c.advisories, ...(be && Number.isFinite(be.baseline.p50Days) ? be.advisories : [])];
  for (const a of advice) io.out(`advice: ${a.message}${a.hint ? ` (${a.hint})` : ""}\n`);
}

/** A row's training days for the table: "no plan fits" when no parallel plan fits its chips (review 34: "unknown"). */
function trainingDays(t: Comparison["strategies"][number]["training"], key: "p50Days" | "p90Days"): string {
  return t?.failure ? "no plan fits" : formatNumber(t?.[key]);
}

/**
 * The chips of a row's training or serving parts by pool, as "2048 h800 + 512 ascend-910c" ("0" for none): which chips
 * train and which serve, beside the counts (review 34: "All on NVIDIA: 1024" did not say the 1,024 were the H20s).
 */
export function chipsOn(parts: readonly { pool: string; chips: number }[]): string {
  const used = parts.filter((p) => p.chips > 0);
  return used.length === 0 ? "0" : used.map((p) => `${p.chips} ${p.pool}`).join(" + ");
}

/** An assumption's value for the table: a number to 4 significant digits, a null as unknown (review 34). */
export function assumedValue(a: Pick<FleetAssumption, "value" | "unit">): string {
  const value = typeof a.value === "number" ? formatNumber(a.value, 4) : (a.value ?? "unknown");
  return a.unit === "" ? value : `${value} ${a.unit}`;
}

export function compareCommand(io: CliIo) {
  return new Command("compare")
    .description(
      "Compare strategies for a mixed fleet: who trains, who serves, days, deadline odds, cost, policy",
    )
    .argument(
      "[scenario]",
      "a scenario file (YAML/JSON, `fleetcast schema` prints its JSON Schema); default: the story's",
    )
    .option("--json", "print JSON: {strategies, sensitivity, assumptions, ...}")
    .option("--report <file>", "write a Markdown report with SVG charts")
    .option("--no-break-even", "skip the what-Ascend-would-need sweep (faster)")
    .option(
      "--profile <file>",
      "calibration profile from `fleetcast calibrate`: its training and serving fits laid over the built-in ones",
    )
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast compare\n  $ fleetcast compare examples/default-scenario.yaml --report report.md\n  $ fleetcast compare my-fleet.yaml --json",
    )
    .action((file, opts) => {
      if (opts.report) checkOutputPath(opts.report, "report");
      const catalog = chipCatalog(opts.catalog);
      const scenario = loadScenario(file, catalog);
      const profile = opts.profile ? effectiveProfile(opts.profile) : builtinProfile();
      io.err(`comparing strategies for ${scenario.name}...\n`);
      const bar = progressBar(io, "comparing");
      const result = compareStrategies(scenario, {
        catalog,
        profile: profile.train,
        serveProfile: layeredServeProfile(profile.serve),
        breakEven: opts.breakEven,
        onProgress: bar.update,
      });
      bar.done();
      // no strategy trains by the deadline, carries the peak and keeps the policy: answered, but infeasible (exit 3)
      if (result.recommended === null) io.markInfeasible?.();
      if (opts.report) {
        writeOutputFile(opts.report, comparisonMarkdown(result, { charts: reportCharts(result) }), "report");
        io.err(`wrote ${opts.report}\n`);
      }
      if (opts.json) {
        io.out(json(comparisonJson(result)));
        return;
      }
      renderComparison(result, io);
    });
}
