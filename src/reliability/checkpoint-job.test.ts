import { describe, expect, it } from "vitest";
import { checkpointJob } from "./checkpoint-job.ts";

describe("checkpointJob()", () => {
  it("checkpointJob() gives a larger job a shorter MTBF, and an assumed family its rates as assumptions", () => {
    const small = checkpointJob({ chipFamily: "nvidia-hopper", chipCount: 1024, chipsPerNode: 8 });
    const large = checkpointJob({ chipFamily: "nvidia-hopper", chipCount: 16384, chipsPerNode: 8 });
    // unexpected failures scale with the chips: 16x the chips, about 1/16 of the MTBF
    expect(large.mtbfH).toBeLessThan(small.mtbfH / 10);
    expect(large.checkpointBlockingS).toBeGreaterThan(0);
    expect(large.restartMin).toBeGreaterThan(0);
    expect(large.assumedRates).toBe(0);
    // Ascend's failure rates are labelled assumptions (reliability.md)
    expect(
      checkpointJob({ chipFamily: "ascend-910c", chipCount: 1024, chipsPerNode: 8 }).assumedRates,
    ).toBeGreaterThan(0);
  });
});
