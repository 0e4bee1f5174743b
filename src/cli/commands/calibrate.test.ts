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
});
