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

describe("statedSpeculation()", () => {
  it("statedSpeculation() reads SGLang's algorithm and chain steps from a launch line", () => {
    // blind-33's SGLang-Ascend cookbook commands
    expect(
      statedSpeculation(
        withText("sglang", [
          "--speculative-algorithm EAGLE3 --speculative-num-steps 3 --speculative-eagle-topk 1 --speculative-num-draft-tokens 4",
        ]),
      ),
    ).toEqual({ method: "eagle", draftTokens: 3 });
    expect(statedSpeculation(withText("sglang --speculative-algorithm NEXTN"))).toEqual({
      method: "mtp",
      draftTokens: 1,
    });
    // draft tokens count the root in SGLang's spelling
    expect(
      statedSpeculation(withText("EAGLE3 draft (Qwen3-a3B_eagle3), --speculative-num-draft-tokens 5")),
    ).toEqual({ method: "eagle", draftTokens: 4 });
  });

  it("statedSpeculation() reads vLLM's speculative config and a collector's prose", () => {
    expect(
      statedSpeculation(
        withText(
          'vllm serve --speculative-config \'{"method": "deepseek_mtp", "num_speculative_tokens": 2}\'',
        ),
      ),
    ).toEqual({ method: "mtp", draftTokens: 2 });
    expect(
      statedSpeculation(withText("vLLM-Ascend", ["MTP speculative decoding (deepseek_mtp, 1 draft token)"])),
    ).toEqual({
      method: "mtp",
      draftTokens: 1,
    });
    expect(
      statedSpeculation(withText("sglang", ["EAGLE3 (3 steps, 4 draft tokens, unquantised draft)"])),
    ).toEqual({
      method: "eagle",
      draftTokens: 3,
    });
  });

  it("statedSpeculation() reads none where a run does not draft", () => {
    for (const notes of [
      ["No MTP/speculative decoding in the launch commands."],
      ["'No EAGLE3' (no speculative decoding in this cell)."],
      ["(MLA, 256 routed + 1 shared expert, top-8, 3 dense layers, 1 MTP module). Single-user latency run"],
      ["MTP speculation 'none', FUSED_MC2 on"],
    ])
      expect(statedSpeculation(withText("sglang", notes))).toBeNull();
  });
});

describe("chainAcceptedTokens()", () => {
  it("chainAcceptedTokens() is 1 + alpha + ... + alpha^k", () => {
    // DeepSeek-V3 §5.4.3: the second token accepted 85-90 % of the time, so one MTP draft yields 1.875 a step
    expect(chainAcceptedTokens(0.875, 1)).toBeCloseTo(1.875, 12);
    expect(chainAcceptedTokens(0.7, 3)).toBeCloseTo(1 + 0.7 + 0.49 + 0.343, 12);
    expect(chainAcceptedTokens(0.7, 0)).toBe(1);
  });

  it("assumedAcceptance() never exceeds the step's tokens and grows with the drafts", () => {
    let previous = 1;
    for (let k = 1; k <= 6; k++) {
      const a = assumedAcceptance({ method: "eagle", draftTokens: k });
      expect(a).toBeGreaterThan(previous);
      expect(a).toBeLessThan(1 + k);
      previous = a;
    }
  });
});
