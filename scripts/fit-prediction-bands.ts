// Rewrites src/calibrate/data/prediction-bands.json: the 80 % out-of-sample bands of serving and training predictions,
// from the residuals of the held-out sets (data/holdout/*.json), which no fitted factor has seen
// (src/validate/fit-prediction-bands.ts, src/calibrate/out-of-sample-band.ts). `npm run calibrate:bands`, a few
// seconds. Run it after a refit (`npm run calibrate`, `npm run calibrate:serve`): the residuals are the built-in
// profiles' as they stand, and a test fails while the file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { heldOutPredictionBands } from "../src/validate/index.ts";

const bands = heldOutPredictionBands(fileURLToPath(new URL("../data/holdout/", import.meta.url)));
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
