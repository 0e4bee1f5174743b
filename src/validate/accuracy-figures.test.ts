import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type AccuracyFigures,
  accuracyFigures,
  accuracyFiguresMarkdown,
  withAccuracyBlock,
} from "./accuracy-figures.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("accuracyFigures()", () => {
  it("accuracyFigures() gives the figures README.md quotes (rerun `npm run figures` after a refit or a new set)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const figures = accuracyFigures(root);
    expect(withAccuracyBlock(readme, accuracyFiguresMarkdown(figures))).toBe(readme);
    // the sets it reads: both calibration sets, every held-out kind, both bands
    expect(figures.calibration.train[0]?.inSample.n).toBe(34);
    expect(figures.calibration.serve[0]?.inSample.n).toBe(38);
    expect(figures.heldOut.pooled.map((p) => p.kind).sort()).toEqual(["serve", "train"]);
    expect(figures.bands.map((b) => b.kind)).toEqual(["serve", "train"]);
    expect(figures.named.map((n) => n.id)).toContain("ds-prod-h800-prefill");
  }, 120_000);
});

describe("accuracyFiguresMarkdown()", () => {
  const stats = (n: number, medianAbs: number, within: number) => ({ n, medianAbs, within });
  const figures: AccuracyFigures = {
    calibration: {
      train: [
        { family: "all", inSample: stats(2, 0.05, 2), leaveOneOut: null, sourceLeftOut: stats(2, 0.3, 1) },
      ],
      serve: [
        { family: "all", inSample: stats(3, 0.1234, 3), leaveOneOut: stats(3, 0.2, 2), sourceLeftOut: null },
      ],
    },
    named: [{ id: "x", metric: "tpot_ms", observed: 49.4, predicted: 51.98, relError: -0.054 }],
    heldOut: {
      byFile: [{ kind: "serve", file: "a.json", stats: stats(4, 0.25, 3) }],
      byFamily: [{ kind: "serve", family: "nvidia-hopper", stats: stats(4, 0.25, 3) }],
      pooled: [{ kind: "serve", stats: stats(4, 0.25, 3) }],
    },
    bands: [{ kind: "serve", lo: 0.4812, hi: 1.7249, runs: 4, sources: 2, coverage: 0.859 }],
  };

  it("accuracyFiguresMarkdown() writes each table row from its figures, the training rows against 20 %", () => {
    const md = accuracyFiguresMarkdown(figures);
    expect(md).toContain("| all | 2 | 5.0 % (2 / 2 within 20 %) | — | 30.0 % (1 / 2 within 20 %) |");
    expect(md).toContain("| all | 3 | 12.3 % (3 / 3 within 35 %) | 20.0 % (2 / 3 within 35 %) | — |");
    expect(md).toContain("| x | tpot_ms | 49.4 | 52 | −5.4 % |");
    expect(md).toContain("| serve: nvidia-hopper | 4 | 25.0 % | 3 |");
    expect(md).toContain("| serve: `a.json` | 4 | 25.0 % | 3 |");
    expect(md).toContain("| serve | x0.48 to x1.72 | 4 | 2 | 85.9 % |");
  });
});

describe("withAccuracyBlock()", () => {
  it("withAccuracyBlock() replaces what its markers hold and nothing else, and refuses a README without them", () => {
    const start = "<!-- accuracy:start (npm run figures writes this block) -->";
    const readme = `# t\n\nbefore\n${start}\nold\n<!-- accuracy:end -->\nafter\n`;
    expect(withAccuracyBlock(readme, "new")).toBe(
      `# t\n\nbefore\n${start}\n\nnew\n\n<!-- accuracy:end -->\nafter\n`,
    );
    expect(() => withAccuracyBlock("# t\n", "new")).toThrow(
      /^Cannot write the accuracy figures: README.md has no/,
    );
  });
});
