import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import {
  DEFAULT_COLOCATED_CHUNK_TOKENS,
  DEPLOYED_MAX_BATCH,
  engineBatchLimit,
  engineStepTokens,
  statedStepTokens,
} from "./engine-batch-limit.ts";
import { evaluate } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { type InstanceConfig, serveSetup } from "./serve-setup.ts";

const chip = (id: string): Chip => builtinChips().find((c) => c.id === id)!;
const model = (name: string) => importModel(findBuiltinModel(name)!.config).arch;
const deepseek = model("deepseek-v3");
const llama8b = model("llama-3.1-8b");
const h800 = chip("nvidia-h800-sxm");
const setupOf = (c: Chip, arch = deepseek, config: InstanceConfig = { tp: 1, dpAttention: 1, ep: 1 }) =>
  serveSetup({
    arch,
    chip: c,
    config,
    precision: "fp8",
    efficiency: serveEfficiencyPrior("sglang", c.family),
  });
const ENGINES = [
  "tensorrt-llm",
  "sglang",
  "vllm",
  "rocm-vllm",
  "vllm-ascend",
  "mindie",
  "deepseek-infer",
  "x",
];

describe("engineBatchLimit()", () => {
  it("caps DeepEP decode at 256 per rank once experts span more than one NVLink domain", () => {
    // DeepEP README: low-latency num_max_dispatch_tokens_per_rank below 256; an H800 node is 8 GPUs
    const crossNode = setupOf(h800, deepseek, { tp: 1, dpAttention: 16, ep: 16 });
    const oneNode = setupOf(h800, deepseek, { tp: 1, dpAttention: 8, ep: 8 });
    expect(engineBatchLimit("sglang", crossNode, "decode").maxBatch).toBe(256);
    expect(engineBatchLimit("deepseek-infer", crossNode, "decode").kind).toBe("kernel");
    expect(engineBatchLimit("sglang", crossNode, "prefill").maxBatch).toBe(DEPLOYED_MAX_BATCH);
    expect(engineBatchLimit("sglang", oneNode, "decode").maxBatch).toBe(DEPLOYED_MAX_BATCH);
    expect(engineBatchLimit("tensorrt-llm", crossNode, "decode").maxBatch).toBe(DEPLOYED_MAX_BATCH);
  });

  it("reads vLLM's max_num_seqs default from device memory (1,024 from 70 GiB, 256 below and on A100)", () => {
    // vllm/engine/arg_utils.py get_batch_defaults
    const llama = (id: string) => setupOf(chip(id), llama8b);
    expect(engineBatchLimit("vllm", llama("nvidia-h100-sxm"), "both").engineMax).toBe(1024);
    expect(engineBatchLimit("rocm-vllm", llama("amd-mi300x"), "both").engineMax).toBe(1024);
    expect(engineBatchLimit("vllm", llama("nvidia-a100-sxm-80gb"), "both").engineMax).toBe(256);
    expect(engineBatchLimit("vllm-ascend", llama("huawei-ascend-910b2"), "both").maxBatch).toBe(256);
  });

  it("keeps engine defaults as data and applies at most the deployment cap", () => {
    const s = setupOf(h800, llama8b);
    expect(engineBatchLimit("tensorrt-llm", s, "both")).toMatchObject({ engineMax: 2048, maxBatch: 1024 });
    expect(engineBatchLimit("mindie", s, "both")).toMatchObject({ engineMax: 200, maxBatch: 200 });
    expect(engineBatchLimit("cloudmatrix-infer", s, "decode")).toMatchObject({
      engineMax: null,
      kind: "unknown",
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...ENGINES),
        fc.constantFrom("prefill", "decode", "both" as const),
        (e, phase) => {
          const l = engineBatchLimit(e, s, phase);
          expect(l.maxBatch).toBeLessThanOrEqual(DEPLOYED_MAX_BATCH);
          expect(l.maxBatch).toBeLessThanOrEqual(l.engineMax ?? Number.POSITIVE_INFINITY);
          expect(l.maxBatch).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("evaluate() with an engine", () => {
  it("never chooses a batch above the engine's cap when memory would allow more", () => {
    const req = {
      arch: llama8b,
      chip: chip("huawei-ascend-910b2"),
      precision: "int8" as const,
      efficiency: serveEfficiencyPrior("mindie", "ascend-910b"),
      phase: "both" as const,
      inputTokens: 200,
      outputTokens: 200,
      maxRanks: 1,
    };
    const config = { tp: 1, dpAttention: 1, ep: 1 };
    const free = evaluate({ ...req, engine: "x" }, config)!;
    const mindie = evaluate({ ...req, engine: "mindie" }, config)!;
    expect(free.batch).toBeGreaterThan(200);
    expect(mindie.batch).toBe(200);
    expect(mindie.tokensPerSPerChip).toBeLessThan(free.tokensPerSPerChip);
  });
});

describe("engineStepTokens()", () => {
  it("engineStepTokens() gives vLLM's server budget by device: 8,192 on large devices, 2,048 on A100 and small ones", () => {
    // vLLM EngineArgs.get_batch_defaults: >= 70 GiB and not an A100 -> 8,192, else 2,048 (OpenAI server)
    expect(engineStepTokens("vllm", chip("nvidia-h100-sxm"), 1)).toBe(8192);
    expect(engineStepTokens("vllm", chip("nvidia-a100-sxm-80gb"), 1)).toBe(2048);
    expect(engineStepTokens("vllm", chip("nvidia-l40s"), 1)).toBe(2048);
    expect(engineStepTokens("rocm-vllm", chip("amd-mi300x"), 1)).toBe(8192);
    // a 910C package is two 64 GB dies: each rank is a small device
    expect(engineStepTokens("vllm-ascend", chip("huawei-ascend-910c"), 2)).toBe(2048);
    expect(engineStepTokens("vllm-ascend", chip("huawei-ascend-910b2"), 1)).toBe(2048);
    // other engines keep the common default
    for (const engine of ["tensorrt-llm", "sglang", "mindie", undefined]) {
      expect(engineStepTokens(engine, chip("nvidia-a100-sxm-80gb"), 1)).toBe(DEFAULT_COLOCATED_CHUNK_TOKENS);
    }
  });

  it("serveSetup() carries the engine's step budget, which the simulator and the layout search share", () => {
    const a100 = chip("nvidia-a100-sxm-80gb");
    const on = (engine: string) =>
      serveSetup({
        arch: llama8b,
        chip: a100,
        config: { tp: 1, dpAttention: 1, ep: 1 },
        precision: "bf16",
        engine,
        efficiency: serveEfficiencyPrior(engine, a100.family),
      }).stepTokens;
    expect([on("vllm"), on("tensorrt-llm")]).toEqual([2048, 8192]);
  });
});

describe("statedStepTokens()", () => {
  it("statedStepTokens() reads the step budget a run sets, in each engine's spelling", () => {
    expect(statedStepTokens("vllm serve X --max-num-batched-tokens 131072 --max-num-seqs 1024")).toBe(131072);
    expect(statedStepTokens("max_num_batched_tokens=16,384")).toBe(16384);
    expect(statedStepTokens("python -m sglang.launch_server --chunked-prefill-size 32768")).toBe(32768);
    expect(statedStepTokens("extra_llm_api_options: max_num_tokens: 4608")).toBe(4608);
    // SGLang's -1 (no chunking) and nothing stated: the engine's default
    expect(statedStepTokens("--chunked-prefill-size -1")).toBeNull();
    expect(statedStepTokens("--max-num-seqs 256")).toBeNull();
  });
});
