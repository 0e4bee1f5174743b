import { describe, expect, it } from "vitest";
import type { ServeCase } from "../cases/index.ts";
import { calibrationServeCases, gpustackBurstCase, llama8bOnH100 } from "./_burst-fixtures.ts";
import {
  burstLengths,
  closedBurst,
  closedLoopRequests,
  isClosedBurst,
  isClosedLoop,
} from "./closed-burst.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { builtinServeProfile } from "./serve-profile.ts";

const cases = calibrationServeCases;
const gpustack = gpustackBurstCase;
const best = llama8bOnH100();

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
    // a static batch is one burst (TensorRT-LLM's early blogs: output_seqlen x batch_size / total_latency)
    expect(isClosedBurst({ ...gpustack, notes: ["Static-batch max-throughput measurement"] })).toBe(true);
    expect(isClosedBurst({ ...gpustack, notes: ["not a static batch: in-flight batching"] })).toBe(false);
    // a mention of the technique is not this run's description (review 23)
    for (const note of [
      "in-flight batching, not static batching",
      "compared with static batching, continuous batching doubles throughput",
      "unlike static batch inference",
    ])
      expect(isClosedBurst({ ...gpustack, notes: [note] })).toBe(false);
    // MLPerf offline and production averages are steady states
    expect(cases.filter(isClosedBurst).map((c) => c.id)).toEqual([gpustack.id]);
  });
});

/** The GPUStack case run as a closed loop of 32 clients sending 320 prompts. */
const loop: ServeCase = {
  ...gpustack,
  software: "vLLM",
  notes: ["vllm bench serve --max-concurrency 32 --num-prompts 320, random 1000/200"],
  serve: { ...gpustack.serve, concurrency: 32 },
};

describe("isClosedLoop() and closedLoopRequests()", () => {
  it("isClosedLoop() takes a colocated case with requests in flight that is not one burst", () => {
    expect(isClosedLoop(loop)).toBe(true);
    expect(isClosedLoop({ ...loop, notes: [] })).toBe(true);
    expect(isClosedLoop(gpustack)).toBe(false);
    expect(isClosedLoop({ ...loop, serve: { ...loop.serve, concurrency: null } })).toBe(false);
    expect(isClosedLoop({ ...loop, serve: { ...loop.serve, phase: "decode" } })).toBe(false);
  });

  it("closedLoopRequests() reads the prompts sent from the notes, else the tools' default of 1,000", () => {
    expect(closedLoopRequests(loop)).toEqual({ requests: 320, stated: true });
    expect(closedLoopRequests({ ...loop, notes: ["2,000 prompts, 32 at a time"] })).toEqual({
      requests: 2000,
      stated: true,
    });
    // a rate is not a count; never fewer prompts than clients
    expect(closedLoopRequests({ ...loop, notes: ["at 5 requests/s"] })).toEqual({
      requests: 1000,
      stated: false,
    });
    expect(
      closedLoopRequests({ ...loop, notes: ["8 prompts"], serve: { ...loop.serve, concurrency: 16 } }),
    ).toEqual({
      requests: 16,
      stated: true,
    });
    // a count per client, as a script sets it (stop 31: "--num-prompts 10*C" had been read as 10 prompts)
    const perClient = (note: string) =>
      closedLoopRequests({ ...loop, notes: [note], serve: { ...loop.serve, concurrency: 128 } });
    expect(perClient("--max-concurrency C --num-prompts 10*C --ignore-eos")).toEqual({
      requests: 1280,
      stated: true,
    });
    expect(perClient("--num-prompts 5 x concurrency")).toEqual({ requests: 640, stated: true });
    expect(perClient("--num-prompts 2000 --max-concurrency 128")).toEqual({ requests: 2000, stated: true });
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

  it("closedBurst() with clients: a closed loop waits less than one burst and keeps at most the clients' replicas busy", () => {
    const burst = closedBurst(best, 1, 8 * best.batch, 1000, 200);
    const loop = closedBurst(
      best,
      1,
      8 * best.batch,
      1000,
      200,
      { lengthDistribution: "uniform" },
      best.batch,
    );
    expect(loop.ttftMs).toBeLessThan(burst.ttftMs);
    // one client on four chips: one request at a time, on one replica; four clients: four at a time
    const alone = closedBurst(best, 4, 40, 1000, 200, { lengthDistribution: "uniform" }, 1);
    const four = closedBurst(best, 4, 40, 1000, 200, { lengthDistribution: "uniform" }, 4);
    expect(alone.requestsPerReplica).toBe(40);
    expect(four.requestsPerReplica).toBe(10);
    expect(four.requestsPerS).toBeGreaterThan(3.5 * alone.requestsPerS);
    // five clients on four chips: one replica holds two, three hold one (review 22b: all four were simulated with
    // two, +59 %); more clients, more throughput, up to twice as many
    const two = closedBurst(best, 1, 80, 1000, 200, { lengthDistribution: "uniform" }, 2);
    const five = closedBurst(best, 4, 400, 1000, 200, { lengthDistribution: "uniform" }, 5);
    const many = closedBurst(best, 4, 400, 1000, 200, { lengthDistribution: "uniform" }, 8);
    expect(five.requestsPerS).toBeCloseTo(3 * alone.requestsPerS + two.requestsPerS, 1);
    expect(five.requestsPerS).toBeLessThan(many.requestsPerS);
  });

  it("predictServeCase() simulates a closed loop's TTFT, with the prompts its clients send together", () => {
    const p = predictServeCase(loop, builtinServeProfile());
    expect(p.assumptions.some((a) => a.startsWith("closed loop of 32 clients sending 320 prompts"))).toBe(
      true,
    );
    // its TTFT is the simulated loop's: the prompts sent together wait, where the steady state's one prompt joins
    const withTtft = { ...loop, observed: { ...loop.observed, ttft_ms: 100 } };
    const ttft = (c: ServeCase) =>
      predictServeCase(c, builtinServeProfile()).metrics.find((m) => m.metric === "ttft_ms")!.predicted!;
    const steady: ServeCase = {
      ...withTtft,
      serve: { ...withTtft.serve, concurrency: null, batch_per_chip: 32 },
    };
    expect(ttft(withTtft)).toBeGreaterThan(2 * ttft(steady));
    // a loop of ShareGPT prompts draws them long-tailed, and says so, as a burst does
    const chat = predictServeCase(
      { ...loop, notes: [...(loop.notes ?? []), "ShareGPT prompts"] },
      builtinServeProfile(),
    );
    expect(chat.assumptions.some((a) => a.startsWith("ShareGPT lengths"))).toBe(true);
    // trtllm-bench's count is read too
    expect(
      closedLoopRequests({ ...loop, notes: ["trtllm-bench --concurrency 32 --num_requests 4096"] }),
    ).toEqual({
      requests: 4096,
      stated: true,
    });
  });

  it("predictServeCase() predicts a closed-burst case over its simulated makespan and says so", () => {
    const p = predictServeCase(gpustack, builtinServeProfile());
    expect(p.assumptions.some((a) => a.startsWith("closed burst of 1000 prompts"))).toBe(true);
    const steady = predictServeCase({ ...gpustack, notes: [] }, builtinServeProfile());
    expect(p.metrics[0]!.predicted!).toBeLessThan(steady.metrics[0]!.predicted!);
  });
});
