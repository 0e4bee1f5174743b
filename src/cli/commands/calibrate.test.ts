import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TRAIN_FIT_METHOD } from "../../calibrate/index.ts";
import { memoryIo } from "../io.ts";
import { run } from "../main.ts";

describe("calibrateCommand()", () => {
  it("calibrateCommand() --help says the intervals come from leave-one-source-out residuals widened to the held-out band, as the fit does (QA 27)", async () => {
    const io = memoryIo();
    expect(await run(["calibrate", "--help"], io)).toBe(0);
    const text = io.stdout().replace(/\s+/g, " ");
    // the fit's own account (fit-train-profile.ts) says leave-one-source-out; the help said leave-one-out
    expect(TRAIN_FIT_METHOD).toContain("80 % intervals from leave-one-source-out residuals");
    expect(text).toContain("80 % intervals from leave-one-source-out residuals");
    expect(text).not.toMatch(/intervals from leave-one-out/);
    // predictionHalfWidth and widenedInterval: never narrower than the held-out sets' band
    expect(text).toContain("widened to the out-of-sample band of the held-out sets");
  });

  // a Llama 3 405B case restated on 4,096 910B2 at TP8 PP16 DP7: its stated degrees do not divide the ranks
  const unpredictable = fileURLToPath(new URL("./_fixtures/unpredictable-train-case.json", import.meta.url));

  it("calibrateCommand() refuses a fit on no predictable case instead of writing an empty profile (QA 40)", async () => {
    const io = memoryIo();
    const out = join(mkdtempSync(join(tmpdir(), "fleetcast-calibrate-")), "p.json");
    expect(await run(["calibrate", unpredictable, "--out", out], io)).toBe(1);
    expect(io.stderr()).toContain(
      "Cannot calibrate: case mm could not be predicted; `fleetcast validate` on the file says why",
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it("calibrateCommand() never writes the profile over one of its case files (QA 40)", async () => {
    const io = memoryIo();
    const copy = join(mkdtempSync(join(tmpdir(), "fleetcast-calibrate-")), "cases.json");
    copyFileSync(unpredictable, copy);
    expect(await run(["calibrate", copy, "--out", copy], io)).toBe(1);
    expect(io.stderr()).toContain(`Cannot write the profile ${copy}: it is one of the case files read`);
    expect(readFileSync(copy, "utf8")).toBe(readFileSync(unpredictable, "utf8"));
  });
});
