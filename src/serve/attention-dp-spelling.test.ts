import { describe, expect, it } from "vitest";
import { attentionDpSpelling } from "./attention-dp-spelling.ts";

describe("attentionDpSpelling()", () => {
  it("attentionDpSpelling() reads TensorRT-LLM's tp_size with attention DP on as attention TP 1 over every rank", () => {
    // MLPerf v5.1 CoreWeave GB300 DeepSeek-R1: tp 8, ep 8, attention DP on, 8 GPUs
    const r = attentionDpSpelling(8, true, 8);
    expect([r?.tp, r?.dpAttention]).toEqual([1, 8]);
    expect(r?.assumption).toMatch(/TensorRT-LLM's enable_attention_dp/);
  });

  it("attentionDpSpelling() reads SGLang's --tp N --dp D as attention TP N/D x DP D", () => {
    const r = attentionDpSpelling(8, 2, 8);
    expect([r?.tp, r?.dpAttention]).toEqual([4, 2]);
  });

  it("attentionDpSpelling() reads tp = ep = dp_attention as one instance of that many ranks, attention TP 1", () => {
    // stop 31 (blind-31): InferenceX's Dynamo + TensorRT-LLM "TP 4, EP 4, DPA" workers in a 32-GPU deployment had
    // been read as 16 ranks with experts over 4, and no layout fitted
    const r = attentionDpSpelling(4, 4, 32, 4);
    expect([r?.tp, r?.dpAttention]).toEqual([1, 4]);
    // experts over every rank of the format's reading: left as written
    expect(attentionDpSpelling(4, 4, 32, 16)).toBeNull();
    expect(attentionDpSpelling(4, 4, 32)).toBeNull();
  });

  it("attentionDpSpelling() leaves degrees the format can hold as written", () => {
    // tp x dp fits the ranks: the format's reading (TP 2 within each of 4 attention replicas)
    expect(attentionDpSpelling(2, 4, 8)).toBeNull();
    // attention DP on with room for it: searched as before (some degree > 1)
    expect(attentionDpSpelling(4, true, 16)).toBeNull();
    expect(attentionDpSpelling(null, true, 8)).toBeNull();
    expect(attentionDpSpelling(8, null, 8)).toBeNull();
    // D does not divide N: no engine reading, left for the search to refuse
    expect(attentionDpSpelling(8, 3, 8)).toBeNull();
  });
});
