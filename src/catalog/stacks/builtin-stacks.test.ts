import { describe, expect, it } from "vitest";
import { CHIP_FAMILIES, PRECISIONS } from "../chips/index.ts";
import { builtinStacks } from "./builtin-stacks.ts";
import type { Prior, StackEfficiency } from "./stack-schema.ts";

const priorsOf = (e: StackEfficiency): Prior[] => [
  ...Object.values(e.matmulFraction),
  e.attentionFraction,
  e.intraBusBwFraction,
  e.interBusBwFraction,
  e.overlapFraction,
  e.stepOverheadS,
  e.decodeHbmFraction,
  e.prefillMatmulFraction,
  e.stepOverheadMs,
];

describe("builtinStacks()", () => {
  it("holds the stacks the published cases and the brief name, with unique ids", () => {
    const ids = builtinStacks().map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "megatron",
      "torchtitan",
      "deepspeed",
      "mindspeed",
      "mindspore",
      "vllm",
      "sglang",
      "tensorrt-llm",
      "vllm-ascend",
      "sglang-ascend",
      "mindie",
      "rocm-megatron",
      "rocm-vllm",
      "meta-internal",
      "hai-llm",
      "llm-foundry",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("uses the vendor's collective library", () => {
    for (const s of builtinStacks()) {
      const vendorOf = s.runsOn[0]?.split("-")[0];
      const expected = { nvidia: "nccl", ascend: "hccl", amd: "rccl" }[vendorOf ?? ""];
      expect([s.id, s.collectiveLib]).toEqual([s.id, expected]);
    }
  });

  it("gives every stack known families and precisions, sources, and a byFamily entry per family", () => {
    for (const s of builtinStacks()) {
      expect(s.runsOn.length).toBeGreaterThan(0);
      expect(s.runsOn.every((f) => CHIP_FAMILIES.includes(f))).toBe(true);
      expect(s.precisions.every((p) => PRECISIONS.includes(p))).toBe(true);
      expect(s.sources.length).toBeGreaterThan(0);
      expect(Object.keys(s.byFamily).sort()).toEqual([...s.runsOn].sort());
    }
  });

  it("keeps every prior a sourced fraction in (0, 1], or a positive overhead, and flags assumptions", () => {
    for (const s of builtinStacks()) {
      for (const e of [s.efficiency, ...Object.values(s.byFamily)]) {
        const full = e as StackEfficiency;
        for (const p of priorsOf(full)) {
          expect(p.source.length).toBeGreaterThan(0);
          if (p.source.startsWith("assumption") || p.source.startsWith("placeholder"))
            expect(p.uncertain).toBe(true);
          if (p.range !== undefined) expect(p.range[0] <= p.value && p.value <= p.range[1]).toBe(true);
        }
        for (const p of priorsOf(full).filter((x) => x !== full.stepOverheadS && x !== full.stepOverheadMs)) {
          expect(p.value > 0 && p.value <= 1).toBe(true);
        }
      }
    }
  });

  it("lists a GEMM fraction only for precisions the stack runs or the hardware measured", () => {
    const megatron = builtinStacks().find((s) => s.id === "megatron")!;
    // research/hardware.md §2: A100 has no FP8
    expect(megatron.byFamily["nvidia-ampere"]?.matmulFraction?.fp8).toBeUndefined();
    expect(megatron.byFamily["nvidia-hopper"]?.matmulFraction?.fp8?.value).toBe(0.71);
  });
});
