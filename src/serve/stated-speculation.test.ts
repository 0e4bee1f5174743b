import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { assumedAcceptance, chainAcceptedTokens, statedSpeculation } from "./stated-speculation.ts";

const base = parseCases(
  readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).find((c): c is ServeCase => c.kind === "serve" && c.id === "ant-h20-decode-sla-base");
if (base === undefined) throw new Error("case ant-h20-decode-sla-base missing");
const withText = (software: string, notes: string[] = []): ServeCase => ({ ...base, software, notes });
const read = (software: string, notes: string[] = []) => statedSpeculation(withText(software, notes));

describe("statedSpeculation()", () => {
  it("statedSpeculation() reads SGLang's algorithm and chain steps from a launch line", () => {
    // blind-33's SGLang-Ascend cookbook commands
    const cookbook =
      "--speculative-algorithm EAGLE3 --speculative-num-steps 3 --speculative-eagle-topk 1 --speculative-num-draft-tokens 4";
    expect(read("sglang", [cookbook])).toEqual({ method: "eagle", draftTokens: 3 });
    // draft tokens count the root in SGLang's spelling
    expect(read("EAGLE3 draft (Qwen3-a3B_eagle3), --speculative-num-draft-tokens 5")).toEqual({
      method: "eagle",
      draftTokens: 4,
    });
    // without a depth SGLang picks its own, by version and model (server_args auto_choose_speculative_params)
    expect(read("sglang --speculative-algorithm NEXTN")).toEqual({ method: "mtp", draftTokens: null });
  });

  it("statedSpeculation() takes the deepest drafts of a split deployment and no chain from a tree's draft tokens", () => {
    // review 40: blind-41's 2P1D notes print the prefill side's one step before the decode side's three
    const split =
      "prefill: --speculative-algorithm NEXTN --speculative-num-steps 1; decode: --speculative-num-steps 3";
    expect(read("sglang", [split])).toEqual({ method: "mtp", draftTokens: 3 });
    const tree = "--speculative-algorithm EAGLE3 --speculative-eagle-topk 4 --speculative-num-draft-tokens 8";
    expect(read(tree)).toEqual({ method: "eagle", draftTokens: null });
  });

  it("statedSpeculation() reads vLLM's speculative config and a collector's prose", () => {
    const config =
      'vllm serve --speculative-config \'{"method": "deepseek_mtp", "num_speculative_tokens": 2}\'';
    expect(read(config)).toEqual({ method: "mtp", draftTokens: 2 });
    expect(read("vLLM-Ascend", ["MTP speculative decoding (deepseek_mtp, 1 draft token)"])).toEqual({
      method: "mtp",
      draftTokens: 1,
    });
    expect(read("sglang", ["EAGLE3 (3 steps, 4 draft tokens, unquantised draft)"])).toEqual({
      method: "eagle",
      draftTokens: 3,
    });
    // blind-30b: a semicolon inside the parenthesis
    expect(
      read("sglang", ["EAGLE3 speculative decoding (draft x, unquantized; 4 steps, 5 draft tokens)"]),
    ).toEqual({
      method: "eagle",
      draftTokens: 4,
    });
    // blind-45: on, its depth not given
    expect(read("sglang", ["MTP speculative decoding is ON (recipe x_mtp.sh)"])).toEqual({
      method: "mtp",
      draftTokens: null,
    });
  });

  it("statedSpeculation() reads none where a run does not draft", () => {
    for (const notes of [
      ["No MTP/speculative decoding in the launch commands."],
      ["'No EAGLE3' (no speculative decoding in this cell)."],
      ["(MLA, 256 routed + 1 shared expert, top-8, 3 dense layers, 1 MTP module). Single-user latency run"],
      ["MTP speculation 'none', FUSED_MC2 on"],
    ])
      expect(read("sglang", notes)).toBeNull();
  });
});

describe("chainAcceptedTokens()", () => {
  it("chainAcceptedTokens() is 1 + alpha + ... + alpha^k", () => {
    // DeepSeek-V3 §5.4.3: the second token accepted 85-90 % of the time, so one MTP draft yields 1.875 a step
    expect(chainAcceptedTokens(0.875, 1)).toBeCloseTo(1.875, 12);
    expect(chainAcceptedTokens(0.7, 3)).toBeCloseTo(1 + 0.7 + 0.49 + 0.343, 12);
    expect(chainAcceptedTokens(0.7, 0)).toBe(1);
  });

  it("assumedAcceptance() never exceeds the step's tokens, grows with the drafts, and is null without a depth", () => {
    let previous = 1;
    for (let k = 1; k <= 6; k++) {
      const a = assumedAcceptance({ method: "eagle", draftTokens: k }) ?? 0;
      expect(a).toBeGreaterThan(previous);
      expect(a).toBeLessThan(1 + k);
      previous = a;
    }
    expect(assumedAcceptance({ method: "mtp", draftTokens: null })).toBeNull();
  });
});
