import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinChips, type ChipFamily } from "../chips/index.ts";
import { findStack } from "./find-stack.ts";
import { stackForSoftwareText, stackReadingNote } from "./stack-for-software-text.ts";

// `software` strings as written in cases/train.json and cases/serve.json
const TRAIN: [string, ChipFamily, string][] = [
  [
    "Meta internal training stack (PyTorch-based; 4D parallelism; FSDP ...)",
    "nvidia-hopper",
    "meta-internal",
  ],
  ["HAI-LLM (in-house); DualPipe; custom cross-node all-to-all kernels", "nvidia-hopper", "hai-llm"],
  ["Megatron-LM (commit 285068c8) baseline; MegaScale = Megatron-LM + ...", "nvidia-ampere", "megatron"],
  ["Megatron-Core r0.8.0 with --overlap-grad-reduce", "nvidia-hopper", "megatron"],
  ["NeMo 24.07 (Megatron-Core, Transformer Engine)", "nvidia-hopper", "megatron"],
  [
    "NeMo 25.11 container, Megatron-Bridge + Megatron-Core, Transformer Engine",
    "nvidia-blackwell",
    "megatron",
  ],
  ["MosaicML Composer + llm-foundry, PyTorch FSDP (FULL_SHARD)", "nvidia-hopper", "llm-foundry"],
  ["torchtitan (FSDP2)", "nvidia-ampere", "torchtitan"],
  ["Megatron-DeepSpeed (DeepSpeed BF16_Optimizer with ZeRO-1), PyTorch 1.11", "nvidia-ampere", "deepspeed"],
  ["MindSpeed + Megatron (PyTorch on Ascend); MC2 fused compute-communication", "ascend-910b", "mindspeed"],
  ["ModelLink (Megatron-LM + MindSpeed on torch_npu), mc2 enabled where noted", "ascend-910b", "mindspeed"],
];
const SERVE: [string, ChipFamily, string][] = [
  ["DeepSeek in-house inference system (not public at the time)", "nvidia-hopper", "deepseek-infer"],
  [
    "SGLang (PD disaggregation, DeepEP normal mode, DeepGEMM contiguous, TBO, EPLB)",
    "nvidia-hopper",
    "sglang",
  ],
  [
    "SGLang + Blackwell DeepGEMM, FlashInfer CuTe-DSL, TRT-LLM attention kernels",
    "nvidia-blackwell",
    "sglang",
  ],
  [
    "TensorRT-LLM PyTorch flow (CUDA graph, overlap scheduler, attention DP)",
    "nvidia-blackwell",
    "tensorrt-llm",
  ],
  ["CloudMatrix-Infer (Huawei, CANN); version: 2025-06", "ascend-910c", "cloudmatrix-infer"],
  ["MindIE 2.1RC1 (optimized) / vLLM-Ascend v0.9.1 (baseline)", "ascend-910b", "mindie"],
  ["vLLM (ROCm) 'VllmFp8' harness, Quark quantizer", "amd-cdna3", "rocm-vllm"],
  // MLPerf's framework line for NVIDIA's TensorRT-LLM harness
  ["TensorRT 10.13, CUDA 13.0, driver 580.67", "nvidia-blackwell", "tensorrt-llm"],
  // TensorRT's quantiser or a Triton backend beside another engine is that engine
  ["TensorRT Model Optimizer NVFP4 checkpoint, served with vLLM 0.10", "nvidia-blackwell", "vllm"],
];

describe("stackForSoftwareText()", () => {
  it("maps the training cases' software to their stacks", () => {
    for (const [text, family, id] of TRAIN)
      expect([text, stackForSoftwareText(text, family, "train")]).toEqual([text, id]);
  });

  it("maps the serving cases' software to their stacks", () => {
    for (const [text, family, id] of SERVE)
      expect([text, stackForSoftwareText(text, family, "serve")]).toEqual([text, id]);
  });

  it("moves a named stack to the vendor's port on another family", () => {
    expect(stackForSoftwareText("vLLM 0.9", "ascend-910b", "serve")).toBe("vllm-ascend");
    expect(stackForSoftwareText("Megatron-LM", "amd-cdna3", "train")).toBe("rocm-megatron");
    expect(stackForSoftwareText("vLLM 0.10", "amd-cdna4", "serve")).toBe("rocm-vllm");
    expect(stackForSoftwareText("Megatron-LM", "ascend-910c", "train")).toBe("mindspeed");
    // SGLang's Ascend backend (its docs' "Best Practice on Ascend NPU") is its own stack, not vLLM-Ascend
    expect(
      stackForSoftwareText("SGLang (Ascend backend: --attention-backend ascend)", "ascend-910c", "serve"),
    ).toBe("sglang-ascend");
    expect(stackForSoftwareText("SGLang v0.5.2", "nvidia-hopper", "serve")).toBe("sglang");
  });

  it("reads NVIDIA NIM 1.x with no engine named as TensorRT-LLM, its optimized profiles' engine (NIM docs 1.3-1.12)", () => {
    const nim = "NVIDIA NIM for LLMs 1.8.0 (llama-3.3-70b-instruct container; backend engine not stated)";
    expect(stackForSoftwareText(nim, "nvidia-hopper", "serve")).toBe("tensorrt-llm");
    expect(stackForSoftwareText("NIM", "nvidia-hopper", "serve")).toBe("tensorrt-llm");
    // a named engine wins; NIM 2.x names its backend per profile; "nimble" is not NIM; training is not serving
    expect(stackForSoftwareText("NIM 1.8 (vllm-bf16-tp2 generic profile)", "nvidia-hopper", "serve")).toBe(
      "vllm",
    );
    expect(stackForSoftwareText("NIM for LLMs 2.0.11", "nvidia-hopper", "serve")).toBe("vllm");
    // its version however written (review 23)
    for (const text of ["NIM for LLMs version 2.0", "NIM 2", "nvcr.io/nim/meta/llama-3.1-70b-instruct:2.0.1"])
      expect([text, stackForSoftwareText(text, "nvidia-hopper", "serve")]).toEqual([text, "vllm"]);
    expect(
      stackForSoftwareText("nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3.3", "nvidia-hopper", "serve"),
    ).toBe("tensorrt-llm");
    expect(stackForSoftwareText("nimble serving", "nvidia-hopper", "serve")).toBe("vllm");
    expect(stackForSoftwareText("NIM", "nvidia-hopper", "train")).toBe("megatron");
  });

  it("falls back to the family default for unknown or impossible software", () => {
    expect(stackForSoftwareText("our own trainer", "ascend-910b", "train")).toBe("mindspeed");
    expect(stackForSoftwareText("TensorRT-LLM", "ascend-910b", "serve")).toBe("vllm-ascend");
    expect(stackForSoftwareText("torchtitan", "nvidia-hopper", "serve")).toBe("vllm");
  });

  const casesDir = "/work/shared/cases";
  it.skipIf(!existsSync(`${casesDir}/train.json`))(
    "gives every published case a stack that runs on its chip",
    () => {
      const families = new Map(builtinChips().map((c) => [c.id, c.family]));
      for (const [file, role] of [
        ["train.json", "train"],
        ["serve.json", "serve"],
      ] as const) {
        const cases = JSON.parse(readFileSync(`${casesDir}/${file}`, "utf8")) as {
          id: string;
          software: string;
          hardware: { chip: string };
        }[];
        for (const c of cases) {
          const family = families.get(c.hardware.chip) ?? "other";
          const stack = findStack(stackForSoftwareText(c.software, family, role));
          expect([c.id, stack.role, stack.runsOn.includes(family)]).toEqual([c.id, role, true]);
        }
      }
    },
  );
});

describe("stackReadingNote()", () => {
  it("says when an engine is read as another: none known named, or one with no stack on the family", () => {
    // blind-25: Chitu and LMDeploy were priced as vLLM, SGLang on MI325X as ROCm vLLM, and nothing said so
    expect(stackReadingNote("Chitu (thu-pacman/chitu), version not stated", "nvidia-hopper", "serve")).toBe(
      "no engine the stack catalog knows is named: read as vllm, the serving stack fleetcast takes for nvidia-hopper when none is named",
    );
    expect(stackReadingNote("", "ascend-910b", "serve")).toMatch(
      /^no software is stated: read as vllm-ascend/,
    );
    expect(stackReadingNote("SGLang v0.5.19 on ROCm 7", "amd-cdna3", "serve")).toMatch(
      /^SGLang.* has no serving stack on amd-cdna3 in the catalog: read as rocm-vllm$/,
    );
    // ROCm is a platform: the engine named beside it is the one said, whatever the order (review 25b)
    expect(stackReadingNote("PyTorch ROCm 6.2 + DeepSpeed ZeRO-3", "amd-cdna3", "train")).toMatch(
      /^DeepSpeed.* has no training stack on amd-cdna3 in the catalog: read as rocm-megatron$/,
    );
  });

  it("says nothing when the named engine or its vendor port is used", () => {
    expect(stackReadingNote("SGLang 0.4.6", "nvidia-hopper", "serve")).toBeNull();
    expect(stackReadingNote("vLLM 0.9 (ROCm)", "amd-cdna3", "serve")).toBeNull();
    expect(stackReadingNote("vLLM 0.11", "ascend-910c", "serve")).toBeNull();
    expect(stackReadingNote("NVIDIA NIM 1.8.0", "nvidia-hopper", "serve")).toBeNull();
    expect(stackReadingNote("NeMo 24.07 (Megatron-Core)", "nvidia-hopper", "train")).toBeNull();
  });
});
