import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchApi } from "./api.ts";
import { benchCli } from "./cli.ts";
import { benchFleet } from "./fleet.ts";
import { benchReliability } from "./reliability.ts";
import { benchServe } from "./serve.ts";
import { benchTrain } from "./train.ts";

/** Runs every benchmark on this process (one core) and writes bench/results.json. */
const started = new Date();
const results: Record<string, number> = {};
for (const [name, bench] of [
  ["train", benchTrain],
  ["reliability", benchReliability],
  ["serve", benchServe],
  ["fleet", benchFleet],
  ["api", benchApi],
  ["cli", benchCli],
] as const) {
  process.stderr.write(`bench: ${name}...\n`);
  Object.assign(results, await bench());
}
const report = {
  date: started.toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  results,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
