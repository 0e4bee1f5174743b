// Rewrites src/calibrate/data/prediction-bands.json: the 80 % out-of-sample bands of serving and training predictions,
// from the residuals of the held-out sets (data/holdout/*.json), which no fitted factor has seen
// (src/validate/fit-prediction-bands.ts, src/calibrate/out-of-sample-band.ts). `npm run calibrate:bands`, a few
// seconds. Run it after a refit (`npm run calibrate`, `npm run calibrate:serve`): the residuals are the built-in
// profiles' as they stand, and a test fails while the file is stale.
import { readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinProfile } from "../src/calibrate/index.ts";
import { readCaseFiles } from "../src/cases/index.ts";
import { builtinChips, makeChipCatalog } from "../src/catalog/chips/index.ts";
import { fitPredictionBands, servePredictorOrUndefined, validateCases } from "../src/validate/index.ts";

const dir = fileURLToPath(new URL("../data/holdout/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const fileOf = new Map<string, string>();
for (const f of files) for (const c of readCaseFiles([`${dir}${f}`])) fileOf.set(c.id, f);
const cases = readCaseFiles(files.map((f) => `${dir}${f}`)).filter((c) => c.kind !== "reliability");
const chips = makeChipCatalog(builtinChips());
const profile = builtinProfile();
const report = validateCases(cases, {
  chips,
  profile,
  servePredictor: servePredictorOrUndefined(chips, profile),
});
// the files that gave serving or training runs (reliability.json's records have no band)
const used = files.filter((f) => cases.some((c) => fileOf.get(c.id) === f));
const bands = fitPredictionBands(
  cases,
  report,
  used.map((f) => `data/holdout/${f}`),
);
writeFileSync(
  new URL("../src/calibrate/data/prediction-bands.json", import.meta.url),
  `${JSON.stringify(bands, null, 2)}\n`,
);
for (const kind of ["serve", "train"] as const) {
  const b = bands[kind];
  if (b === null) continue;
  process.stdout.write(
    `${kind}: x${Math.exp(b.log_lo).toFixed(2)} .. x${Math.exp(b.log_hi).toFixed(2)} from ${b.runs} runs of ${b.sources} sources; a source left out falls inside ${b.leave_one_source_out_coverage === null ? "(one source: not checked)" : `${(100 * b.leave_one_source_out_coverage).toFixed(0)} % of the time`}\n`,
  );
}
process.stdout.write("wrote src/calibrate/data/prediction-bands.json\n");
