import { Command } from "@commander-js/extra-typings";
import { builtinPredictionBands, effectiveProfile } from "../../calibrate/index.ts";
import { builtinCasePaths, readAsText, readCaseFilesTolerant } from "../../cases/index.ts";
import { FleetcastError } from "../../errors.ts";
import { simulationOptionsSchema } from "../../reliability/index.ts";
import { type ErrorStats, servePredictorOrUndefined, validateCases } from "../../validate/index.ts";
import { chipCatalog } from "../context.ts";
import type { CliIo } from "../io.ts";
import { numberFlag } from "../number-flag.ts";
import { formatNumber, formatPercent, json, table } from "../render.ts";

function statsRow(name: string, s: ErrorStats): (string | number)[] {
  return [
    name,
    s.cases,
    formatPercent(s.median_abs_error),
    formatPercent(s.p90_abs_error),
    formatPercent(s.within_10pct, 0),
    formatPercent(s.within_25pct, 0),
    formatPercent(s.within_35pct, 0),
    s.in_interval === null ? "-" : formatPercent(s.in_interval, 0),
  ];
}

export function validateCommand(io: CliIo) {
  return new Command("validate")
    .description("Predict every published case of the files and compare with what was observed")
    .argument("[files...]", "case files (JSON, data/cases/FORMAT.md); default: the built-in calibration set")
    .option(
      "--profile <file>",
      "a calibration profile written by `fleetcast calibrate`, laid over the built-in one",
    )
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .option(
      "--seed <n>",
      "seed of the reliability simulations",
      numberFlag("validate", "--seed", "non-negative integer", simulationOptionsSchema.shape.seed),
      1,
    )
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast validate\n  $ fleetcast validate data/cases/train.json --json\n" +
        "\nrel_error = predicted / observed - 1. Fitted factors are per chip family and stack, never per case.",
    )
    .action((files, opts) => {
      const paths = files.length > 0 ? files : builtinCasePaths();
      // case by case: one case the format does not fit (or a field it does not define) must not stop the rest
      const { cases, rejected, ignored, readAs } = readCaseFilesTolerant(paths);
      const chips = chipCatalog(opts.catalog);
      const profile = effectiveProfile(opts.profile);
      const servePredictor = servePredictorOrUndefined(chips, profile);
      const validated = validateCases(cases, {
        chips,
        profile,
        seed: opts.seed,
        ...(servePredictor ? { servePredictor } : {}),
      });
      // what was read as the format's value stands first among a case's assumptions
      const report = {
        ...validated,
        cases: validated.cases.map((c) => {
          const read = readAs.filter((r) => r.id === c.id).map(readAsText);
          return read.length === 0 ? c : { ...c, assumptions: [...read, ...(c.assumptions ?? [])] };
        }),
      };
      // nothing predicted is a failed run (an empty or foreign file), not a pass: say so after the report
      const nothing = () => {
        if (report.summary.ok > 0) return;
        throw new FleetcastError(
          `Cannot validate ${paths.join(", ")}: no case could be predicted (${report.summary.cases} read, ${rejected.length} not read)`,
        );
      };
      if (opts.json) {
        io.out(json({ ...report, not_read: rejected, ignored_fields: ignored, read_as: readAs }));
        nothing();
        return;
      }
      for (const c of report.cases) {
        const head = `${c.id}  [${c.kind}${c.family ? `, ${c.family}` : ""}${c.stack ? `, ${c.stack}` : ""}]`;
        if (c.status !== "ok") {
          io.out(`${head}: ${c.status}${c.error ? ` (${c.error})` : ""}\n\n`);
          continue;
        }
        io.out(`${head}\n`);
        const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
        const withLoo = c.metrics.some((m) => m.loo_rel_error !== undefined);
        const withLoso = c.metrics.some((m) => m.loso_rel_error !== undefined);
        io.out(
          table(
            [
              "metric",
              "observed",
              "predicted",
              "error",
              ...(withLoo ? ["left out"] : []),
              ...(withLoso ? ["source out"] : []),
              "80% interval",
            ],
            c.metrics.map((m) => [
              m.metric,
              formatNumber(m.observed, 4),
              formatNumber(m.predicted, 4),
              pct(m.rel_error),
              ...(withLoo ? [m.loo_rel_error === undefined ? "" : pct(m.loo_rel_error)] : []),
              ...(withLoso ? [m.loso_rel_error === undefined ? "" : pct(m.loso_rel_error)] : []),
              m.interval ? `${formatNumber(m.interval[0], 3)} – ${formatNumber(m.interval[1], 3)}` : "",
            ]),
          ),
        );
        if (c.layout) {
          const l = c.layout;
          io.out(
            `layout: tp ${l.tp}, ep ${l.ep}, attention-DP ${l.dp_attention}, pp ${l.pp}, ${l.chips_per_instance} chip${l.chips_per_instance === 1 ? "" : "s"} an instance, batch ${Number(l.batch.toFixed(1))} a replica\n`,
          );
        }
        if (c.assumptions?.length) io.out(`assumed: ${c.assumptions.join("; ")}\n`);
        io.out("\n");
      }
      for (const r of rejected) {
        const where = r.id ?? (r.index === null ? "a case" : `case [${r.index}]`);
        io.out(`${where}  [${r.file}]: not read (${r.error})\n\n`);
      }
      if (ignored.length > 0) {
        io.out(`Fields the case format does not define, left out (${ignored.length}):\n`);
        for (const f of ignored) io.out(`  ${f.id}: ${f.path}\n`);
        io.out("\n");
      }
      const s = report.summary;
      const leftOut = new Set(ignored.map((f) => f.id)).size;
      const notRead =
        (rejected.length > 0 ? `, ${rejected.length} not read` : "") +
        (leftOut > 0 ? ` (${leftOut} read without fields the format does not define)` : "");
      io.out(
        `Summary: ${s.ok} predicted, ${s.error} errors, ${s.unsupported} unsupported${notRead}, of ${s.cases + rejected.length} cases\n`,
      );
      io.out("(errors over each case's first observed metric)\n");
      const loo = s.left_out;
      if (loo !== null) {
        io.out(
          `(left out of the fit: median |err| ${formatPercent(loo.median_abs_error)} over the ${loo.cases} calibration cases, ${formatPercent(loo.within_35pct, 0)} within 35 %)\n`,
        );
      }
      const loso = s.left_out_source;
      if (loso !== null) {
        io.out(
          `(with their whole publication left out: median |err| ${formatPercent(loso.median_abs_error)} over ${loso.cases}, ${formatPercent(loso.within_35pct, 0)} within 35 %; the 80 % intervals start from these)\n`,
        );
      }
      const head = [
        "group",
        "cases",
        "median |err|",
        "p90 |err|",
        "≤10 %",
        "≤25 %",
        "≤35 %",
        "in 80 % interval",
      ];
      io.out(
        table(head, [
          statsRow("all", s.overall),
          ...Object.entries(s.by_kind).map(([k, v]) => statsRow(k, v)),
          ...Object.entries(s.by_kind_and_family).map(([k, v]) => statsRow(k, v)),
        ]),
      );
      // why the share can read near 100 % (new-user review 21): the intervals are widened for runs no fit has seen
      const bands = builtinPredictionBands();
      const coverage = (["serve", "train"] as const)
        // only for the kinds this report holds (reliability intervals are not widened)
        .filter((k) => s.by_kind[k] !== undefined)
        .map((k) => [k, bands?.[k]?.leave_one_source_out_coverage] as const)
        .filter((x): x is readonly ["serve" | "train", number] => typeof x[1] === "number")
        .map(([k, c]) => `${k === "serve" ? "serving" : "training"} ${formatPercent(c, 0)}`);
      if (coverage.length > 0) {
        io.out(
          `(the 80 % intervals are widened at each end to the spread of held-out deployments (src/calibrate/data/prediction-bands.json): runs like those fitted fall inside nearly always; left out of that spread, a publication's runs fell inside them: ${coverage.join(", ")})\n`,
        );
      }
      nothing();
    });
}
