import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import type { GraphMode } from "./graph-mode.ts";
import { graphModeOf, hostDispatchS } from "./graph-mode.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { stepBreakdown } from "./step-time.ts";

describe("graphModeOf()", () => {
  it("graphModeOf() follows vLLM-Ascend's builds: eager before v0.9, piecewise ACLGraph after, full when stated", () => {
    // v0.8.4rc2 predates ACLGraph (vllm-ascend#1083: graph mode by default from v0.9.0rc1)
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.8.4rc2 (V1 engine)")).toBe("eager");
    expect(graphModeOf("vllm-ascend", "vllm-ascend v0.9.1: vllm serve Qwen/Qwen3-8B")).toBe("piecewise");
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.18.0 stock image")).toBe("piecewise");
    expect(
      graphModeOf(
        "vllm-ascend",
        `vLLM-Ascend v0.23.0 --compilation-config '{"cudagraph_mode": "FULL_DECODE_ONLY"}'`,
      ),
    ).toBe("decode-only");
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.11.0, cudagraph_mode FULL_DECODE_ONLY")).toBe(
      "decode-only",
    );
    expect(graphModeOf("vllm-ascend", `vLLM-Ascend v0.13.0 -O '{"cudagraph_mode": "FULL"}'`)).toBe("full");
    expect(graphModeOf("vllm", `vLLM v0.10.1 -O '{"cudagraph_mode":"FULL_AND_PIECEWISE"}'`)).toBe("full");
    expect(
      graphModeOf(
        "vllm-ascend",
        `vLLM-Ascend --additional-config '{"torchair_graph_config": {"enabled": true}}'`,
      ),
    ).toBe("full");
    // a disaggregated run's notes name its decode node's graphs (and its prefill node's eager flags)
    expect(
      graphModeOf(
        "vllm-ascend",
        "vLLM + vLLM-Ascend (tutorial)",
        "Prefill: --enforce-eager; Decode: aclgraph FULL_DECODE_ONLY",
      ),
    ).toBe("decode-only");
    // eager flags count in the command only, not in notes about other runs
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend 0.18.0rc1; --enforce-eager, --max-num-seqs 64")).toBe(
      "eager",
    );
    expect(
      graphModeOf(
        "vllm-ascend",
        "vLLM-Ascend v0.13.0",
        "the same page's other rows ran with --enforce-eager",
      ),
    ).toBe("piecewise");
    expect(graphModeOf("vllm", "vllm serve ... enforce_eager: false")).not.toBe("eager");
    // a run read as vLLM-Ascend by its chip alone (Huawei's own fused stack) is not taken to launch from the host
    expect(graphModeOf("vllm-ascend", "Huawei Pangu inference stack on Ascend (fused operators)")).toBe(
      "full",
    );
    // a plan takes today's default: vLLM-Ascend's PIECEWISE (vllm-ascend#5739), vLLM's FULL_AND_PIECEWISE
    expect(graphModeOf("vllm-ascend", null)).toBe("piecewise");
    expect(graphModeOf("vllm", null)).toBe("full");
  });

  it("graphModeOf() reads vLLM's builds and the other engines' switches", () => {
    expect(graphModeOf("vllm", "vLLM v0.10.2")).toBe("piecewise");
    expect(graphModeOf("vllm", "vLLM v0.11.0")).toBe("full");
    expect(graphModeOf("vllm", "vLLM 0.6.3 (V0)")).toBe("full");
    expect(graphModeOf("vllm", "vLLM v0.12.0 --enforce-eager")).toBe("eager");
    expect(graphModeOf("sglang", "SGLang v0.5.3")).toBe("full");
    expect(graphModeOf("sglang", "SGLang v0.5.3 --disable-cuda-graph")).toBe("eager");
    expect(graphModeOf("tensorrt-llm", "TensorRT-LLM 1.0")).toBe("full");
    expect(graphModeOf("mindie", "MindIE 2.1RC1")).toBe("full");
  });
});

describe("hostDispatchS()", () => {
  it("hostDispatchS() charges the host's launches per layer where the host launches them, nothing with full graphs", () => {
    expect(hostDispatchS("full", "ascend-910b", 36)).toBe(0);
    // 0.80 ms a layer on Ascend (vllm-ascend#9404: 832 us a block; #5228: 27.75 ms over 36 layers)
    expect(hostDispatchS("piecewise", "ascend-910b", 36)).toBeCloseTo(0.0288, 9);
    expect(hostDispatchS("eager", "ascend-910c", 61)).toBeCloseTo(0.0488, 9);
    // CUDA's piecewise launches are not priced (no per-layer figure holds; graph-mode.ts), eager ones are
    expect(hostDispatchS("piecewise", "nvidia-hopper", 80)).toBe(0);
    expect(hostDispatchS("eager", "nvidia-ampere", 28)).toBeCloseTo(0.0224, 9);
    // FULL_DECODE_ONLY: decode-only steps in one graph, steps with prompt tokens eager
    expect(hostDispatchS("decode-only", "ascend-910b", 64)).toBe(0);
    expect(hostDispatchS("decode-only", "ascend-910b", 64, true)).toBeCloseTo(
      hostDispatchS("eager", "ascend-910b", 64),
      12,
    );
    expect(hostDispatchS("full", "ascend-910b", 64, true)).toBe(0);
  });
});

describe("stepBreakdown() with host-launched kernels", () => {
  const chip = builtinChips().find((c) => c.id === "huawei-ascend-910b3") as Chip;
  const arch = importModel(findBuiltinModel("qwen3-30b-a3b")?.config).arch;
  const setup = (graphMode: GraphMode) =>
    serveSetup({
      arch,
      chip,
      config: { tp: 2, dpAttention: 1, ep: 1 },
      precision: "bf16",
      engine: "vllm-ascend",
      efficiency: serveEfficiencyPrior("vllm-ascend", chip.family),
      hostOverlap: true,
      graphMode,
    });

  it("stepBreakdown() waits for a slower host at small batch and not once the device is the slower", () => {
    const full = setup("full");
    const piecewise = setup("piecewise");
    const decode1 = { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 0, prefillKeys: 0 };
    const a = stepBreakdown(full, decode1);
    const b = stepBreakdown(piecewise, decode1);
    // a one-sequence decode step of a 3B-active MoE runs under the host's 48 x 0.8 ms
    expect(a.totalS).toBeLessThan(piecewise.hostDispatchS);
    expect(b.totalS).toBeGreaterThan(piecewise.hostDispatchS * (1 - 1e-12));
    expect(b.kernelS - a.kernelS).toBeCloseTo(piecewise.hostDispatchS - (a.totalS - a.overheadS), 9);
    // an 8,192-token prefill step keeps the device busier than the host: the same step either way
    const prefill = { decodeSeqs: 0, kvTokens: 0, prefillTokens: 8192, prefillKeys: 8192 * 4096 };
    expect(stepBreakdown(full, prefill).totalS).toBeGreaterThan(piecewise.hostDispatchS);
    expect(stepBreakdown(piecewise, prefill).totalS).toBeCloseTo(stepBreakdown(full, prefill).totalS, 12);
  });

  it("stepBreakdown() under FULL_DECODE_ONLY waits for the host only in steps that carry prompt tokens", () => {
    const full = setup("full");
    const decodeOnly = setup("decode-only");
    const decode1 = { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 0, prefillKeys: 0 };
    expect(stepBreakdown(decodeOnly, decode1).totalS).toBeCloseTo(stepBreakdown(full, decode1).totalS, 12);
    // a 64-token prompt beside one decoding sequence: eager, under the host's 48 x 0.8 ms
    const mixed = { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 64, prefillKeys: 64 * 32 };
    expect(stepBreakdown(full, mixed).totalS).toBeLessThan(decodeOnly.promptHostDispatchS);
    expect(stepBreakdown(decodeOnly, mixed).totalS).toBeGreaterThan(
      decodeOnly.promptHostDispatchS * (1 - 1e-12),
    );
  });
});
