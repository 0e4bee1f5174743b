import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { burstLengths, closedBurst, isClosedBurst } from "./closed-burst.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { searchInstances } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { builtinServeProfile } from "./serve-profile.ts";

const cases = parseCases(
  readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).filter((c): c is ServeCase => c.kind === "serve");
const gpustack = cases.find((c) => c.id === "gpustack-910b-qwen3-8b-mindie-w8a8")!;

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const best = searchInstances({
  arch: importModel(findBuiltinModel("llama-3.1-8b")!.config).arch,
  chip: h100,
  precision: "fp8",
  efficiency: serveEfficiencyPrior("vllm", h100.family),
  phase: "both",
  inputTokens: 1000,
  outputTokens: 200,
  maxRanks: 1,
  engine: "vllm",
})[0]!;

describe("burstLengths()", () => {
  it("burstLengths() draws a ShareGPT burst long-tailed within vLLM's ShareGPT caps, keeps other runs fixed", () => {
    expect(burstLengths(gpustack)).toEqual({
      lengthDistribution: "exponential",
      maxInputTokens: 1024,
      maxTotalTokens: 2048,
    });
    expect(burstLengths({ ...gpustack, notes: ["random dataset, 1000 prompts sent at once"] })).toEqual({
      lengthDistribution: "uniform",
    });
  });

  it("closedBurst() takes longer with ShareGPT lengths than with every prompt at the means", () => {
    const fixed = closedBurst(best, 1, 1000, 220, 200);
    const drawn = closedBurst(best, 1, 1000, 220, 200, burstLengths(gpustack));
    // the last, longest answers decode alone: the makespan grows and the throughput falls
    expect(drawn.makespanS).toBeGreaterThan(1.3 * fixed.makespanS);
    expect(drawn.outputTokensPerSPerChip).toBeLessThan(fixed.outputTokensPerSPerChip / 1.2);
  });
});

describe("isClosedBurst()", () => {
  it("isClosedBurst() takes colocated cases whose text says the prompts were sent at once", () => {
    expect(isClosedBurst(gpustack)).toBe(true);
    expect(isClosedBurst({ ...gpustack, notes: [] })).toBe(false);
    expect(isClosedBurst({ ...gpustack, serve: { ...gpustack.serve, concurrency: null } })).toBe(false);
    expect(isClosedBurst({ ...gpustack, notes: ["vllm bench serve --request-rate inf"] })).toBe(true);
    // capped in flight (a closed loop), denied, or a rate that merely starts with "inf"
    expect(isClosedBurst({ ...gpustack, notes: ["Request rate: inf, Max request concurrency: 32"] })).toBe(
      false,
    );
    expect(isClosedBurst({ ...gpustack, notes: ["prompts were not sent at once"] })).toBe(false);
    expect(isClosedBurst({ ...gpustack, notes: ["the request rate influences TTFT"] })).toBe(false);
    // MLPerf offline and production averages are steady states
    expect(cases.filter(isClosedBurst).map((c) => c.id)).toEqual([gpustack.id]);
  });
});

describe("closedBurst()", () => {
  it("closedBurst() is slower than the steady state once the burst outgrows one batch, and queues its TTFT", () => {
    const burst = closedBurst(best, 1, 4 * best.batch, 1000, 200);
    expect(burst.outputTokensPerSPerChip).toBeLessThan(best.tokensPerSPerChip);
    expect(burst.outputTokensPerSPerChip).toBeGreaterThan(0.3 * best.tokensPerSPerChip);
    expect(burst.ttftMs).toBeGreaterThan(10 * best.ttftMs);
    expect(closedBurst(best, 1, 4 * best.batch, 1000, 200)).toEqual(burst);
  });

  it("closedBurst() spreads the prompts over the replicas: twice the chips, the same per-chip rate", () => {
    const one = closedBurst(best, 1, 2000, 1000, 200);
    const two = closedBurst(best, 2, 4000, 1000, 200);
    expect(two.requestsPerReplica).toBe(one.requestsPerReplica);
    expect(two.outputTokensPerSPerChip).toBeCloseTo(one.outputTokensPerSPerChip, 9);
  });

  it("predictServeCase() predicts a closed-burst case over its simulated makespan and says so", () => {
    const p = predictServeCase(gpustack, builtinServeProfile());
    expect(p.assumptions.some((a) => a.startsWith("closed burst of 1000 prompts"))).toBe(true);
    const steady = predictServeCase({ ...gpustack, notes: [] }, builtinServeProfile());
    expect(p.metrics[0]!.predicted!).toBeLessThan(steady.metrics[0]!.predicted!);
  });
});
