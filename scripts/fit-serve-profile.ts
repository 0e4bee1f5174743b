// Refits the built-in serving profile on the calibration cases and rewrites src/serve/data/serve-profile.json:
// `npm run calibrate:serve` (`node bin/run-ts.js scripts/fit-serve-profile.ts`), ~20-30 s on two cores.
import { readFileSync, writeFileSync } from "node:fs";
import { parseCases, type ServeCase } from "../src/cases/index.ts";
import { fitServeProfile } from "../src/serve/index.ts";

const cases = parseCases(
  readFileSync(new URL("../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).filter((c): c is ServeCase => c.kind === "serve");
const profile = fitServeProfile(cases);
writeFileSync(
  new URL("../src/serve/data/serve-profile.json", import.meta.url),
  `${JSON.stringify(profile, null, 2)}\n`,
);
process.stdout.write(`wrote src/serve/data/serve-profile.json (${cases.length} cases)\n`);
