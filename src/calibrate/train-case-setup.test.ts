import { describe, expect, it } from "vitest";
import { builtinCasePaths, readCaseFiles, type TrainCase } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { predictTrainCase } from "./predict-train-case.ts";
import { builtinProfile } from "./profile.ts";
import { assumedGlobalBatchTokens, wholeBatchForDp } from "./train-case-setup.ts";

describe("wholeBatchForDp()", () => {
  it("wholeBatchForDp() keeps a batch the stated DP divides, and any batch without a stated DP", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(16_777_216, 8192, 64, notes)).toBe(16_777_216);
    expect(wholeBatchForDp(2_097_152, 2048, null, notes)).toBe(2_097_152);
    expect(notes).toEqual([]);
  });

  // OPT-175B (Zhang et al. 2022, Table 1 and §2.4): "2M" tokens of 2,048 on DP 124 (992 A100 / TP 8)
  it("wholeBatchForDp() reads OPT-175B's rounded 2M batch as 8 sequences on each of 124 ranks, and says so", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(2_097_152, 2048, 124, notes)).toBe(8 * 124 * 2048);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("DP 124");
    expect(notes[0]).toContain("992 sequences");
  });

  it("wholeBatchForDp() gives each rank at least one sequence", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(4096 * 10, 4096, 64, notes)).toBe(64 * 4096);
  });
});

describe("assumedGlobalBatchTokens()", () => {
  it("assumedGlobalBatchTokens() takes 4 Mi tokens of whole sequences, per stated DP rank and micro-batch", () => {
    const said: string[] = [];
    expect(assumedGlobalBatchTokens(4096, {}, said)).toBe(2 ** 22);
    expect(said[0]).toMatch(/^global batch not stated: 4,194,304 tokens assumed \(1,024 sequences of 4,096/);
    // DP 96 x micro-batch 2: 1,024 sequences rounded to 5 steps of 192
    expect(assumedGlobalBatchTokens(4096, { dp: 96, micro_batch: 2 }, [])).toBe(5 * 192 * 4096);
  });

  it("assumedGlobalBatchTokens() gives a pipeline at least 2 x PP micro-batches per rank, a multiple of PP when interleaved", () => {
    // Llama 3 405B's PP 16 x DP 64 at 8K: 2 x 16 micro-batches per rank, 16M tokens, as Meta ran it
    expect(assumedGlobalBatchTokens(8192, { dp: 64, pp: 16 }, [])).toBe(16 * 2 ** 20);
    // Megatron's 145B: PP 8, VPP 2, DP 24 x micro-batch 2 at 2K: 43 micro-batches rounded up to 48
    expect(assumedGlobalBatchTokens(2048, { dp: 24, pp: 8, vpp: 2, micro_batch: 2 }, [])).toBe(
      48 * 48 * 2048,
    );
  });

  it("predictTrainCase() predicts a case that states no global batch, saying what it assumed", () => {
    const chips = makeChipCatalog(builtinChips());
    const c = readCaseFiles(builtinCasePaths()).find((x) => x.id === "llama3-405b-8k-8192gpu") as TrainCase;
    const p = predictTrainCase(
      { ...c, train: { ...c.train, global_batch_tokens: null } },
      chips,
      builtinProfile().train,
    );
    expect(p.status).toBe("ok");
    expect(p.assumptions?.join("\n")).toMatch(/global batch not stated: 16,777,216 tokens assumed/);
    // DP left out too: the ranks TP x PP leave (8,192 / 128 = 64) take the micro-batches (review 21b: DP 1 was taken)
    const noDp = {
      ...c,
      train: { ...c.train, global_batch_tokens: null, parallelism: { ...c.train.parallelism!, dp: null } },
    };
    const q = predictTrainCase(noDp, chips, builtinProfile().train);
    expect(q.assumptions?.join("\n")).toMatch(/global batch not stated: 16,777,216 tokens assumed/);
  });
});
