import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { chip, LLAMA_405B_JOB, LLAMA_405B_PLAN, plan } from "./_test-fixtures.ts";
import { resolveTrainLayout } from "./train-launch-job.ts";

describe("resolveTrainLayout()", () => {
  it("derives Llama 3.1 405B's 2,048 nodes and 16 micro-batches per step (Table 4: 16 sequences per DP rank)", () => {
    expect(resolveTrainLayout(LLAMA_405B_JOB, LLAMA_405B_PLAN)).toEqual({
      worldRanks: 16384,
      chipsPerNode: 8,
      ranksPerNode: 8,
      nodes: 2048,
      globalBatchSeqs: 2048,
      microBatches: 16,
    });
  });

  it("counts two ranks per 910C package", () => {
    const job = { ...LLAMA_405B_JOB, chip: chip("huawei-ascend-910c"), count: 8192 };
    expect(resolveTrainLayout(job, LLAMA_405B_PLAN)).toMatchObject({
      worldRanks: 16384,
      ranksPerNode: 16,
      nodes: 1024,
    });
  });

  it("refuses expert parallelism on a dense model and heads that do not split over tp", () => {
    expect(() => resolveTrainLayout(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, ep: 8 })).toThrow(/has no experts/);
    const job = { ...LLAMA_405B_JOB, count: 3 * 16 * 128 };
    expect(() => resolveTrainLayout(job, plan({ tp: 3, pp: 16, dp: 128 }))).toThrow(
      /128 attention heads do not split/,
    );
  });

  it("accepts exactly the plans whose degrees multiply to the rank count", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom(1, 2, 7, 14),
        fc.integer({ min: 1, max: 64 }),
        (tp, pp, dp) => {
          const p = plan({ tp, pp, dp });
          const job = { ...LLAMA_405B_JOB, count: 8 * 16 * 16, globalBatchTokens: 8192 * 64 * 7 * 16 };
          const fits = tp * pp * dp === job.count;
          if (fits) expect(resolveTrainLayout(job, p).worldRanks).toBe(job.count);
          else expect(() => resolveTrainLayout(job, p)).toThrow(FleetcastError);
        },
      ),
    );
  });
});
