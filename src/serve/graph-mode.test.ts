import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { type GraphMode, graphModeAdvisory, graphModeOf, hostDispatchS } from "./graph-mode.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { stepBreakdown } from "./step-time.ts";

describe("graphModeOf()", () => {
  it("graphModeOf() follows vLLM-Ascend's builds: eager before v0.9, PIECEWISE to v0.20, FULL_AND_PIECEWISE from v0.21", () => {
    // graph mode by default from v0.9 (vllm-ascend#1083); FULL_AND_PIECEWISE the default from v0.21 (its guides)
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.8.4rc2 (V1 engine)")).toBe("eager");
    expect(graphModeOf("vllm-ascend", "vllm_ascend 0.7.3 on 910B")).toBe("eager");
    expect(graphModeOf("vllm-ascend", "vllm-ascend v0.9.1: vllm serve Qwen/Qwen3-8B")).toBe("piecewise");
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.18.0 stock image")).toBe("piecewise");
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend v0.23.0rc1 stock image")).toBe("full-and-piecewise");
    expect(graphModeOf("vllm-ascend", "vLLM-Ascend main (mid-2025)")).toBe("piecewise");
    // a plan prices today's default
    expect(graphModeOf("vllm-ascend", null)).toBe("full-and-piecewise");
    expect(graphModeOf("vllm", null)).toBe("full-and-piecewise");
  });

  it("graphModeOf() reads a stated mode over the build's default", () => {
    const ascend = (text: string, notes = "") =>
      graphModeOf("vllm-ascend", `vLLM-Ascend v0.13.0 ${text}`, notes);
    expect(ascend(`--compilation-config '{"cudagraph_mode": "FULL_DECODE_ONLY"}'`)).toBe("decode-only");
    expect(ascend("aclgraph FULL_DECODE_ONLY")).toBe("decode-only");
    expect(ascend(`-O '{"cudagraph_mode": "FULL"}'`)).toBe("full");
    expect(ascend(`-O '{"cudagraph_mode":"FULL_AND_PIECEWISE"}'`)).toBe("full-and-piecewise");
    expect(ascend(`-O '{"cudagraph_mode": "NONE"}'`)).toBe("eager");
    expect(ascend(`--additional-config '{"torchair_graph_config": {"enabled": true}}'`)).toBe("full");
    expect(ascend(`--additional-config '{"xlite_graph_config": {"enabled": false}}'`)).toBe("piecewise");
    expect(ascend("(no torchair graph)")).toBe("piecewise");
    expect(ascend("--enforce-eager, --max-num-seqs 64")).toBe("eager");
    expect(ascend("--no-enforce-eager")).toBe("piecewise");
    expect(ascend("enforce_eager=False")).toBe("piecewise");
    expect(ascend("(compared with eager mode)")).toBe("piecewise");
    expect(graphModeOf("vllm", `vLLM 0.9.2 -O '{"full_cuda_graph": true}'`)).toBe("decode-only");
    // notes count for the decode node's FULL_DECODE_ONLY only, never for other runs' flags
    expect(ascend("", "Prefill: --enforce-eager; Decode: aclgraph FULL_DECODE_ONLY")).toBe("decode-only");
    expect(ascend("", "Unlike the other rows (FULL_DECODE_ONLY), this row ran the default")).toBe(
      "piecewise",
    );
    expect(ascend("", "the same page's other rows ran with --enforce-eager")).toBe("piecewise");
  });

  it("graphModeOf() reads vLLM's builds and the other engines' switches", () => {
    expect(graphModeOf("vllm", "vLLM v0.10.2")).toBe("piecewise");
    expect(graphModeOf("vllm", "vLLM v0.11.0")).toBe("full-and-piecewise");
    expect(graphModeOf("vllm", "vLLM 0.6.3 (V0)")).toBe("decode-only");
    expect(graphModeOf("vllm", "vLLM 0.9.1 with VLLM_USE_V1=0")).toBe("decode-only");
    expect(graphModeOf("vllm", "vLLM v0.12.0 --enforce-eager")).toBe("eager");
    expect(graphModeOf("sglang", "SGLang v0.5.3")).toBe("full");
    expect(graphModeOf("sglang", "SGLang v0.5.3 --disable-cuda-graph")).toBe("eager");
    expect(graphModeOf("sglang", "SGLang v0.5.3 --disable-cuda-graph-padding")).toBe("full");
    expect(graphModeOf("tensorrt-llm", "TensorRT-LLM 1.0, cuda_graph_config: null")).toBe("eager");
    expect(graphModeOf("tensorrt-llm", "TensorRT-LLM 1.0")).toBe("full");
    expect(graphModeOf("mindie", "MindIE 2.1RC1")).toBe("full");
    // a run read as vLLM-Ascend by its chip alone, or a Huawei stack built on vLLM, runs its own fused graphs
    expect(graphModeOf("vllm-ascend", "Huawei Pangu inference stack on Ascend (fused operators)")).toBe(
      "full",
    );
    expect(graphModeOf("vllm-ascend", "Huawei MoE inference on a vLLM-based framework (2025)")).toBe("full");
  });
});

describe("hostDispatchS()", () => {
  it("hostDispatchS() launches from the host only the steps a mode does not capture", () => {
    const layers = 64;
    const npu = (mode: GraphMode, prompt: boolean) => hostDispatchS(mode, "ascend-910b", layers, prompt);
    for (const prompt of [false, true]) expect(npu("full", prompt)).toBe(0);
    // decode-only steps in one graph under FULL_DECODE_ONLY and FULL_AND_PIECEWISE; their prompt steps launched
    expect(npu("decode-only", false)).toBe(0);
    expect(npu("full-and-piecewise", false)).toBe(0);
    expect(npu("decode-only", true)).toBe(npu("eager", true));
    expect(npu("full-and-piecewise", true)).toBe(npu("piecewise", true));
    // eager launches every operator, piecewise attention's only: never cheaper (on Ascend the same figure, a lower
    // bound for eager: graph-mode.ts)
    expect(npu("eager", false)).toBeGreaterThanOrEqual(npu("piecewise", false));
    expect(hostDispatchS("eager", "nvidia-hopper", 80)).toBeGreaterThan(
      hostDispatchS("piecewise", "nvidia-hopper", 80),
    );
    expect(npu("piecewise", false)).toBeGreaterThan(0);
    // proportional to the layers launched
    expect(hostDispatchS("eager", "ascend-910c", 2 * layers)).toBeCloseTo(2 * npu("eager", false), 12);
    // GPUs: PIECEWISE not priced (no per-layer figure holds: graph-mode.ts), eager priced
    expect(hostDispatchS("piecewise", "nvidia-hopper", 80)).toBe(0);
    expect(hostDispatchS("eager", "nvidia-ampere", 28)).toBeGreaterThan(0);
  });
});

describe("graphModeAdvisory()", () => {
  it("graphModeAdvisory() says nothing where every step replays a graph, and gives the family's own figure", () => {
    expect(graphModeAdvisory("full", "sglang", "nvidia-hopper", 61)).toBeNull();
    expect(graphModeAdvisory("full-and-piecewise", "vllm", "nvidia-hopper", 32)).toBeNull();
    const npu = graphModeAdvisory("full-and-piecewise", "vllm-ascend", "ascend-910b", 64)?.message ?? "";
    expect(npu).toMatch(
      /decode-only steps replay one graph; steps with prompt tokens no shorter than ~51 ms/,
    );
    expect(npu).toMatch(/0\.80 ms a layer on ascend-910b/);
    // a GPU's eager launches are its own estimate, not Ascend's profile
    const gpu = graphModeAdvisory("eager", "vllm", "nvidia-hopper", 32)?.message ?? "";
    expect(gpu).toMatch(/every step is no shorter than ~5 ms/);
    expect(gpu).not.toMatch(/9404/);
  });
});

describe("stepBreakdown() with host-launched kernels", () => {
  const chip = builtinChips().find((c) => c.id === "huawei-ascend-910b3") as Chip;
  const arch = importModel(findBuiltinModel("qwen3-30b-a3b")?.config).arch;
  const setup = (graphMode: GraphMode, hostOverlap = true, stepOverheadMs?: number) =>
    serveSetup({
      arch,
      chip,
      config: { tp: 2, dpAttention: 1, ep: 1 },
      precision: "bf16",
      engine: "vllm-ascend",
      efficiency: {
        ...serveEfficiencyPrior("vllm-ascend", chip.family),
        ...(stepOverheadMs === undefined ? {} : { stepOverheadMs }),
      },
      hostOverlap,
      graphMode,
    });
  const decode1 = { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 0, prefillKeys: 0 };

  it("stepBreakdown() waits for a slower host at small batch and not once the device is the slower", () => {
    const full = setup("full", true, 0);
    const eager = setup("eager", true, 0);
    const a = stepBreakdown(full, decode1);
    const b = stepBreakdown(eager, decode1);
    // a one-sequence decode step of a 3B-active MoE runs under the host's launches of its 48 layers
    expect(a.totalS).toBeLessThan(eager.hostDispatchS);
    expect(b.totalS).toBeCloseTo(eager.hostDispatchS, 12);
    // an 8,192-token prefill step keeps the device busier than the host: the same step either way
    const prefill = { decodeSeqs: 0, kvTokens: 0, prefillTokens: 8192, prefillKeys: 8192 * 4096 };
    expect(stepBreakdown(full, prefill).totalS).toBeGreaterThan(eager.promptHostDispatchS);
    expect(stepBreakdown(eager, prefill).totalS).toBeCloseTo(stepBreakdown(full, prefill).totalS, 12);
  });

  it("stepBreakdown() under FULL_DECODE_ONLY waits for the host only in steps that carry prompt tokens", () => {
    const full = setup("full", true, 0);
    const decodeOnly = setup("decode-only", true, 0);
    expect(stepBreakdown(decodeOnly, decode1).totalS).toBeCloseTo(stepBreakdown(full, decode1).totalS, 12);
    const mixed = { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 64, prefillKeys: 64 * 32 };
    expect(stepBreakdown(full, mixed).totalS).toBeLessThan(decodeOnly.promptHostDispatchS);
    expect(stepBreakdown(decodeOnly, mixed).totalS).toBeCloseTo(decodeOnly.promptHostDispatchS, 12);
  });

  it("stepBreakdown() keeps a launching host's step work in series with its launches (review 38 M5)", () => {
    // with an overlap scheduler the host's step work hides behind the device, not behind its own launches
    const hostMs = 5;
    const graphed = stepBreakdown(setup("full", true, hostMs), decode1);
    const launched = setup("eager", true, hostMs);
    const b = stepBreakdown(launched, decode1);
    expect(graphed.overheadS).toBeLessThan(hostMs / 1000);
    expect(b.totalS).toBeCloseTo(launched.hostDispatchS + hostMs / 1000, 12);
    // without one, the host's work precedes the step either way
    const serial = setup("eager", false, hostMs);
    expect(stepBreakdown(serial, decode1).totalS).toBeCloseTo(serial.hostDispatchS + hostMs / 1000, 12);
  });
});
