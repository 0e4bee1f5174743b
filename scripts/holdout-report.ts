// Prints how the built-in profiles predict the held-out sets (data/holdout/*.json, which no fitted factor has
// seen): per file and kind, the runs predicted, the median absolute error of each run's first metric and the share
// within 35 %; then pooled per kind, with the mean |log(observed / predicted)|. `npm run holdout`, seconds.
// The figures a closing note quotes for generalisation come from here; `--json` writes them as data; `--by-stack`
// groups the runs by family, stack and metric with the signed median (predicted / observed − 1, read in log space):
// where a bias, not scatter, makes the error.
import { fileURLToPath } from "node:url";
import { type HeldOutRun, heldOutRuns } from "../src/validate/index.ts";

type Row = HeldOutRun;

const rows: Row[] = heldOutRuns(fileURLToPath(new URL("../data/holdout/", import.meta.url)));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

function stats(rs: readonly Row[]) {
  const abs = rs.map((r) => Math.abs(r.relError));
  return {
    runs: rs.length,
    median_abs_error: median(abs),
    within_35pct: abs.filter((a) => a <= 0.35).length,
    mean_abs_log: rs.reduce((s, r) => s + Math.abs(Math.log1p(r.relError)), 0) / Math.max(1, rs.length),
  };
}

const groups = new Map<string, Row[]>();
for (const r of rows) {
  const k = `${r.kind}\t${r.file}`;
  groups.set(k, [...(groups.get(k) ?? []), r]);
}
const byFamily = new Map<string, Row[]>();
for (const r of rows) {
  const k = `${r.kind}\t${r.family}`;
  byFamily.set(k, [...(byFamily.get(k) ?? []), r]);
}
const pooled = (kind: string) => stats(rows.filter((r) => r.kind === kind));

if (process.argv.includes("--by-stack")) {
  const groups3 = new Map<string, Row[]>();
  for (const r of rows) {
    const k = [r.kind, r.family, r.stack, r.metric].join(" | ");
    groups3.set(k, [...(groups3.get(k) ?? []), r]);
  }
  for (const [k, rs] of [...groups3].sort((a, b) => b[1].length - a[1].length)) {
    const signed = Math.expm1(median(rs.map((r) => Math.log1p(r.relError))));
    const s = stats(rs);
    process.stdout.write(
      `${k.padEnd(72)} ${String(s.runs).padStart(4)} runs  signed ${`${(100 * signed).toFixed(1)} %`.padStart(8)}  median |err| ${(100 * s.median_abs_error).toFixed(1)} %\n`,
    );
  }
} else if (process.argv.includes("--json")) {
  process.stdout.write(
    `${JSON.stringify(
      {
        by_file: [...groups].map(([k, rs]) => ({
          kind: k.split("\t")[0],
          file: k.split("\t")[1],
          ...stats(rs),
        })),
        by_family: [...byFamily].map(([k, rs]) => ({
          kind: k.split("\t")[0],
          family: k.split("\t")[1],
          ...stats(rs),
        })),
        pooled: { serve: pooled("serve"), train: pooled("train") },
        runs: rows.map((r) => ({
          file: r.file,
          kind: r.kind,
          family: r.family,
          id: r.id,
          stack: r.stack,
          metric: r.metric,
          rel_error: r.relError,
        })),
      },
      null,
      2,
    )}\n`,
  );
} else {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const line = (label: string, s: ReturnType<typeof stats>) =>
    `${label.padEnd(36)} ${String(s.runs).padStart(4)} runs  median ${pct(s.median_abs_error).padStart(7)}  within 35 % ${String(s.within_35pct).padStart(4)}  mean|log| ${s.mean_abs_log.toFixed(3)}\n`;
  for (const kind of ["serve", "train"]) {
    process.stdout.write(`# ${kind}, by file\n`);
    for (const [k, rs] of groups)
      if (k.startsWith(`${kind}\t`)) process.stdout.write(line(k.split("\t")[1] ?? "", stats(rs)));
    process.stdout.write(`# ${kind}, by family\n`);
    for (const [k, rs] of byFamily)
      if (k.startsWith(`${kind}\t`)) process.stdout.write(line(k.split("\t")[1] ?? "", stats(rs)));
    process.stdout.write(line(`${kind} pooled`, pooled(kind)));
  }
}
