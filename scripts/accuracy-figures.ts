// Writes the README's current accuracy figures (between its `<!-- accuracy:start -->` and `<!-- accuracy:end -->`
// markers) from the calibration sets, the held-out sets and the bands, as `validate` and `npm run holdout` compute
// them with the built-in profiles. `npm run figures` after a refit, a new held-out set or `npm run calibrate:bands`;
// `npm run figures -- --check` exits 1 when the README's block is stale (a test checks it too).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { accuracyFigures, accuracyFiguresMarkdown, withAccuracyBlock } from "../src/validate/index.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const before = readFileSync(readme, "utf8");
const after = withAccuracyBlock(before, accuracyFiguresMarkdown(accuracyFigures(root)));
if (process.argv.includes("--check")) {
  if (after !== before) {
    process.stderr.write("README.md's accuracy figures are stale: run `npm run figures`\n");
    process.exit(1);
  }
  process.stdout.write("README.md's accuracy figures are current\n");
} else {
  writeFileSync(readme, after);
  process.stdout.write(after === before ? "README.md unchanged\n" : "wrote README.md's accuracy figures\n");
}
