import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { DEEPSEEK_V32_CONFIG } from "../arch/test-fixtures.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { simulateServing } from "./simulate-serving.ts";

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const archOf = (name: string) => importModel(findBuiltinModel(name)!.config).arch;
/** One replica of `arch` on H100s, FP8, vLLM's priors. */
const onH100 = (arch: ReturnType<typeof archOf>, tp = 1, ep = 1, specDecodeAccept?: number) =>
  serveSetup({
    arch,
    chip: h100,
    config: { tp, dpAttention: 1, ep },
    precision: "fp8",
    efficiency: serveEfficiencyPrior("vllm", h100.family),
    ...(specDecodeAccept === undefined ? {} : { specDecodeAccept }),
  });
const setup = onH100(archOf("llama-3.1-8b"));
const poisson = {
  arrivals: "poisson" as const,
  ratePerS: 30,
  requests: 3000,
  inputTokens: 800,
  outputTokens: 150,
};

describe("simulateServing()", () => {
  it("simulateServing() refuses weights without room for a KV cache, naming a larger SKU of the same part", () => {
    const on = (id: string) => {
      const chip = builtinChips().find((c) => c.id === id)!;
      const s = serveSetup({
        arch: archOf("qwen3-235b-a22b"),
        chip,
        config: { tp: 8, dpAttention: 1, ep: 1 },
        precision: "int8",
        efficiency: serveEfficiencyPrior("vllm-ascend", chip.family),
      });
      return () => simulateServing(s, poisson, { seed: 1 });
    };
    // 235 GB of INT8 over eight 32 GB 910B4: the 64 GB SKU is named; the 64 GB SKU itself runs
    expect(on("huawei-atlas-800i-a2")).toThrow(
      /no room for a KV cache \(the same part is sold with 64 GB: huawei-atlas-800i-a2-64g\)/,
    );
    expect(on("huawei-atlas-800i-a2-64g")().requests).toBe(poisson.requests);
    // a part sold in one size is not given a hint
    const h100Setup = serveSetup({
      arch: archOf("qwen3-235b-a22b"),
      chip: h100,
      config: { tp: 2, dpAttention: 1, ep: 1 },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("vllm", h100.family),
    });
    expect(() => simulateServing(h100Setup, poisson, { seed: 1 })).toThrow(/no room for a KV cache$/);
  });

  it("gives the same percentiles for the same seed and different ones for another", () => {
    const a = simulateServing(setup, poisson, { seed: 7 });
    const b = simulateServing(setup, poisson, { seed: 7 });
    const c = simulateServing(setup, poisson, { seed: 8 });
    expect(b.ttftMs).toEqual(a.ttftMs);
    expect(b.e2eMs).toEqual(a.e2eMs);
    expect(c.e2eMs.p99).not.toBe(a.e2eMs.p99);
  });

  it("satisfies Little's law: time-averaged requests in system = arrival rate x mean sojourn", () => {
    for (const workload of [poisson, { ...poisson, arrivals: "bursty" as const, burstiness: 0.3 }]) {
      const r = simulateServing(setup, workload, { seed: 3 });
      expect(r.meanInSystem).toBeCloseTo(r.arrivalRatePerS * r.meanSojournS, 6);
      expect(r.meanInSystem).toBeGreaterThan(0);
    }
  });

  it("runs a pipelined replica: same seed same result, Little's law, its tokens per chip over tp x pp chips", () => {
    const staged = serveSetup({
      arch: archOf("llama-3.1-70b"),
      chip: h100,
      config: { tp: 4, dpAttention: 1, ep: 1, pp: 2 },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("vllm", h100.family),
    });
    const load = { ...poisson, ratePerS: 4, requests: 800 };
    const a = simulateServing(staged, load, { seed: 5 });
    expect(simulateServing(staged, load, { seed: 5 }).e2eMs).toEqual(a.e2eMs);
    expect(a.meanInSystem).toBeCloseTo(a.arrivalRatePerS * a.meanSojournS, 6);
    expect(a.outputTokensPerSPerChip).toBeCloseTo(a.outputTokensPerS / 8, 6);
    // a light load is carried at the offered rate, each token crossing both stages
    expect(a.requestsPerS).toBeGreaterThan(3.4);
    const flat = simulateServing(onH100(archOf("llama-3.1-70b"), 4), load, { seed: 5 });
    expect(a.tpotMs.p50).toBeGreaterThan(0.8 * flat.tpotMs.p50);
  });

  it("serves a light load at about the offered rate and a burst with longer tails", () => {
    const r = simulateServing(setup, poisson, { seed: 1 });
    expect(r.requestsPerS).toBeGreaterThan(25);
    expect(r.requestsPerS).toBeLessThan(35);
    const bursty = simulateServing(setup, { ...poisson, arrivals: "bursty", burstiness: 0.1 }, { seed: 1 });
    expect(bursty.ttftMs.p99).toBeGreaterThan(r.ttftMs.p99);
  });

  it("keeps a frozen seeded result (a change to the scheduler or the step model shows here)", () => {
    const r = simulateServing(setup, { ...poisson, requests: 500 }, { seed: 1 });
    const round = (x: number) => Math.round(x * 1000) / 1000;
    expect({
      requests: r.requests,
      steps: r.steps,
      preemptions: r.preemptions,
      durationS: round(r.durationS),
      ttftP50Ms: round(r.ttftMs.p50),
      tpotP99Ms: round(r.tpotMs.p99),
      e2eP99Ms: round(r.e2eMs.p99),
    }).toMatchInlineSnapshot(`
      {
        "durationS": 16.721,
        "e2eP99Ms": 1412.89,
        "preemptions": 0,
        "requests": 500,
        "steps": 2030,
        "tpotP99Ms": 9.329,
        "ttftP50Ms": 18.393,
      }
    `);
  });

  it("draws lengths around the means with a length spread: the mean output is kept, the latencies spread", () => {
    const fixed = simulateServing(setup, poisson, { seed: 4 });
    expect(simulateServing(setup, { ...poisson, lengthSpread: 0 }, { seed: 4 })).toEqual(fixed);
    const spread = simulateServing(setup, { ...poisson, lengthSpread: 0.8 }, { seed: 4 });
    const meanOutput = (spread.outputTokensPerS * spread.durationS) / spread.requests;
    expect(meanOutput).toBeGreaterThan(150 * 0.97);
    expect(meanOutput).toBeLessThan(150 * 1.03);
    expect((fixed.outputTokensPerS * fixed.durationS) / fixed.requests).toBeCloseTo(150, 6);
    expect(spread.e2eMs.p99 - spread.e2eMs.p50).toBeGreaterThan(2 * (fixed.e2eMs.p99 - fixed.e2eMs.p50));
  });

  it("simulateServing() keeps one-token answers one token under exponential lengths, the prompts drawn", () => {
    // a prefill pool's load (size-pool.ts): the first token leaves the pool, so only the prompts spread
    const w = { ...poisson, ratePerS: 5, requests: 2000, inputTokens: 400, outputTokens: 1 };
    const exp = simulateServing(setup, { ...w, lengthDistribution: "exponential" }, { seed: 5 });
    const fixed = simulateServing(setup, w, { seed: 5 });
    expect(exp.outputTokensPerS * exp.durationS).toBeCloseTo(exp.requests, 6);
    expect(exp.ttftMs.p99 - exp.ttftMs.p50).toBeGreaterThan(2 * (fixed.ttftMs.p99 - fixed.ttftMs.p50));
  });

  it("simulateServing() draws long-tailed exponential lengths within their caps, the means kept", () => {
    const w = { ...poisson, ratePerS: 20, requests: 4000, inputTokens: 400, outputTokens: 150 };
    const exp = simulateServing(
      setup,
      { ...w, lengthDistribution: "exponential", maxInputTokens: 1024, maxTotalTokens: 2048 },
      { seed: 3 },
    );
    const fixed = simulateServing(setup, w, { seed: 3 });
    const meanOutput = (exp.outputTokensPerS * exp.durationS) / exp.requests;
    expect(meanOutput).toBeGreaterThan(150 * 0.95);
    expect(meanOutput).toBeLessThan(150 * 1.05);
    // the tail: the slowest answers take far longer than any fixed-length one
    expect(exp.e2eMs.p99).toBeGreaterThan(2 * fixed.e2eMs.p99);
    expect(simulateServing(setup, { ...w, lengthDistribution: "exponential" }, { seed: 3 })).toEqual(
      simulateServing(setup, { ...w, lengthDistribution: "exponential" }, { seed: 3 }),
    );
    expect(() =>
      simulateServing(setup, { ...w, lengthDistribution: "exponential", lengthSpread: 0.5 }, { seed: 3 }),
    ).toThrow(/workload\.lengthSpread is 0\.5/);
  });

  it("simulateServing() with cached prompts (a decode pool: all of them) spends less or no time on prefill", () => {
    const w = { ...poisson, ratePerS: 5, requests: 500, inputTokens: 4000, outputTokens: 100 };
    const colocated = simulateServing(setup, w, { seed: 9 });
    const decodePool = simulateServing(setup, w, { seed: 9, cachedPromptShare: 1 });
    const halfCached = simulateServing(setup, w, { seed: 9, cachedPromptShare: 0.5 });
    // the first token comes one decode step after admission, not after a 4,000-token prefill
    expect(decodePool.ttftMs.p50).toBeLessThan(colocated.ttftMs.p50 / 3);
    expect(decodePool.ttftMs.p50).toBeLessThan(3 * decodePool.tpotMs.p50);
    // half of each prompt cached: a first token between the two
    expect(halfCached.ttftMs.p50).toBeLessThan(colocated.ttftMs.p50);
    expect(halfCached.ttftMs.p50).toBeGreaterThan(decodePool.ttftMs.p50);
    // a decode pool whose KV pool overflows preempts, recomputes the context locally, and still finishes
    const tight = simulateServing(
      setup,
      { ...w, outputTokens: 2000 },
      { seed: 9, cachedPromptShare: 1, kvCapacityTokens: 30_000 },
    );
    expect(tight.preemptions).toBeGreaterThan(0);
    expect(tight.requests).toBe(500);
    expect(() => simulateServing(setup, w, { seed: 9, cachedPromptShare: 1.5 })).toThrow(
      /cachedPromptShare is 1\.5/,
    );
  });

  it("simulateServing() keeps the means when the total cap binds, and refuses caps it cannot honour", () => {
    const w = {
      arrivals: "burst" as const,
      requests: 3000,
      inputTokens: 500,
      outputTokens: 500,
      lengthDistribution: "exponential" as const,
      maxTotalTokens: 1500,
    };
    const r = simulateServing(setup, w, { seed: 5 });
    const meanOutput = (r.outputTokensPerS * r.durationS) / r.requests;
    expect(meanOutput).toBeGreaterThan(500 * 0.95);
    expect(meanOutput).toBeLessThan(500 * 1.05);
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as FleetcastError;
      }
      throw new Error("did not throw");
    };
    const tight = error(() => simulateServing(setup, { ...w, maxTotalTokens: 900 }, { seed: 5 }));
    expect(tight.path).toBe("workload.maxTotalTokens");
    expect(tight.message).toMatch(
      /^Cannot simulate serving: workload\.maxTotalTokens leaves no exponential output/,
    );
    const uniform = error(() =>
      simulateServing(setup, { ...w, lengthDistribution: "uniform", maxInputTokens: 900 }, { seed: 5 }),
    );
    expect(uniform.path).toBe("workload.maxInputTokens");
    // a cap beyond what the KV pool holds for one request is named; without a cap, the pool bounds the draws
    const pool = error(() =>
      simulateServing(setup, { ...w, maxTotalTokens: 10_000 }, { seed: 5, kvCapacityTokens: 2_000 }),
    );
    expect(pool.path).toBe("workload.maxTotalTokens");
    const { maxTotalTokens: _, ...uncapped } = w;
    expect(simulateServing(setup, uncapped, { seed: 5, kvCapacityTokens: 2_000 }).requests).toBe(3000);
  });

  it("starts a trace's clock at its first request: epoch stamps give the same latencies, a span past 1e8 s an error (QA 39)", () => {
    const trace = Array.from({ length: 200 }, (_, k) => ({
      arrivalS: k * 0.05,
      inputTokens: 500 + (k % 7) * 100,
      outputTokens: 100 + (k % 5) * 20,
    }));
    const fromZero = simulateServing(setup, { arrivals: "trace", trace }, { seed: 3 });
    // stamped in 2026's epoch seconds (a double resolves 0.24 us there, so the gaps are the same to 1e-6 s)
    for (const originS of [1.7e9]) {
      const shifted = trace.map((r) => ({ ...r, arrivalS: r.arrivalS + originS }));
      const run = simulateServing(setup, { arrivals: "trace", trace: shifted }, { seed: 3 });
      expect(run.ttftMs.p99).toBeCloseTo(fromZero.ttftMs.p99, 3);
      expect(run.tpotMs.mean).toBeCloseTo(fromZero.tpotMs.mean, 3);
      expect(run.requestsPerS).toBeCloseTo(fromZero.requestsPerS, 6);
    }
    const far = [trace[0]!, { ...trace[1]!, arrivalS: 1e300 }];
    expect(() => simulateServing(setup, { arrivals: "trace", trace: far }, { seed: 3 })).toThrow(
      /Cannot simulate serving: the trace spans 1\.00e\+300 s from its first request to its last \(at most 1e\+8 s/,
    );
  });

  it("serves a burst (every request at t = 0) as the same trace would, without an overload advisory", () => {
    const burst = simulateServing(
      setup,
      { arrivals: "burst", requests: 300, inputTokens: 800, outputTokens: 150 },
      { seed: 1 },
    );
    const trace = Array.from({ length: 300 }, () => ({ arrivalS: 0, inputTokens: 800, outputTokens: 150 }));
    expect(simulateServing(setup, { arrivals: "trace", trace }, { seed: 1 })).toEqual(burst);
    expect(burst.advisories).toEqual([]);
    expect(burst.backlogAtLastArrival).toBe(300);
    expect(burst.offeredRatePerS).toBeNull();
  });

  it("simulateServing() runs a closed loop as its clients send: a burst when they outnumber the requests", () => {
    const closed = (concurrency: number, requests = 300) =>
      simulateServing(
        setup,
        { arrivals: "closed", concurrency, requests, inputTokens: 800, outputTokens: 150 },
        { seed: 1 },
      );
    const burst = simulateServing(
      setup,
      { arrivals: "burst", requests: 300, inputTokens: 800, outputTokens: 150 },
      { seed: 1 },
    );
    expect(closed(300)).toEqual(burst);
    expect(closed(1000)).toEqual(burst);
    // one client: each request alone, sent when the last one ends; no wait, the same latencies every time
    const one = closed(1, 20);
    expect(one.ttftMs.p99).toBeCloseTo(one.ttftMs.mean, 9);
    // two clients: a prompt sent while the other one decodes reaches the engine after its next step has started and
    // joins the step after (a decode step, ~8 ms, then its own prefill, ~12 ms), not the next one
    expect(closed(2, 40).ttftMs.p50).toBeGreaterThan(1.4 * one.ttftMs.p50);
    expect(one.durationS).toBeCloseTo((20 * one.e2eMs.mean) / 1000, 6);
    expect(one.meanInSystem).toBeCloseTo(1, 9);
    // 32 clients: never more than 32 in the system, Little's law, no overload advice (the loop offers what it gets)
    const c = closed(32, 600);
    expect(c.meanInSystem).toBeLessThanOrEqual(32 + 1e-9);
    expect(c.meanInSystem).toBeGreaterThan(30);
    expect(c.meanInSystem).toBeCloseTo(c.arrivalRatePerS * c.meanSojournS, 6);
    expect(c.offeredRatePerS).toBeNull();
    expect(c.advisories).toEqual([]);
    // the prompts sent together wait for one another: the mean TTFT is well above a lone request's
    expect(c.ttftMs.mean).toBeGreaterThan(3 * one.ttftMs.mean);
    // more clients, more throughput and longer waits, until the batch is full
    const c8 = closed(8, 600);
    expect(c.outputTokensPerS).toBeGreaterThan(c8.outputTokensPerS);
    expect(c.e2eMs.mean).toBeGreaterThan(c8.e2eMs.mean);
  });

  it("says a queue a few percent over the replica's rate cannot keep up, however short its waits still look", () => {
    // the rate the replica sustains: a long burst keeps its batch full
    const sat = simulateServing(
      setup,
      { arrivals: "burst", requests: 4000, inputTokens: 800, outputTokens: 150 },
      { seed: 5 },
    ).requestsPerS;
    const at = (share: number) =>
      simulateServing(
        setup,
        {
          arrivals: "poisson",
          ratePerS: share * sat,
          requests: 4000,
          inputTokens: 800,
          outputTokens: 150,
        },
        { seed: 5 },
      ).advisories.map((a) => a.code);
    // 1.1x used to pass as stable: the run's carried rate, drain included, stayed above 90 % of the offered one
    expect(at(1.1)).toEqual(["overloaded"]);
    expect(at(0.85)).toEqual([]);
  });

  it("says when the replica cannot keep up with the arrivals, and not when it can", () => {
    const light = simulateServing(setup, poisson, { seed: 5 });
    expect(light.advisories).toEqual([]);
    expect(light.offeredRatePerS).toBeGreaterThan(27);
    expect(light.offeredRatePerS).toBeLessThan(33);
    const heavy = simulateServing(setup, { ...poisson, ratePerS: 200 }, { seed: 5 });
    expect(heavy.advisories.map((a) => a.code)).toEqual(["overloaded"]);
    expect(heavy.requestsPerS).toBeLessThan(0.9 * (heavy.offeredRatePerS ?? 0));
    expect(heavy.backlogAtLastArrival).toBeGreaterThan(0.05 * heavy.requests);
    // the same overload starting late (rates over the span of the arrivals, not from t = 0)
    const late = Array.from({ length: 3000 }, (_, k) => ({
      arrivalS: 1000 + k / 200,
      inputTokens: 800,
      outputTokens: 150,
    }));
    expect(
      simulateServing(setup, { arrivals: "trace", trace: late }, { seed: 5 }).advisories.map((a) => a.code),
    ).toEqual(["overloaded"]);
    expect(heavy.advisories[0]!.message).toMatch(
      /^Cannot keep up with [\d.,]+ requests\/s: the replica carried/,
    );
    // a short, stable trace of long answers ends with many still in flight, and is not an overload
    const short = Array.from({ length: 200 }, (_, k) => ({
      arrivalS: k / 5,
      inputTokens: 800,
      outputTokens: 1000,
    }));
    const stable = simulateServing(setup, { arrivals: "trace", trace: short }, { seed: 5 });
    expect(stable.backlogAtLastArrival).toBeGreaterThan(10);
    expect(stable.requestsPerS).toBeLessThan(0.9 * (stable.offeredRatePerS ?? 0));
    expect(stable.advisories).toEqual([]);
  });

  it("preempts when the KV pool is small and still finishes every request", () => {
    const r = simulateServing(setup, { ...poisson, ratePerS: 200 }, { seed: 2, kvCapacityTokens: 20_000 });
    expect(r.preemptions).toBeGreaterThan(0);
    expect(r.requests).toBe(3000);
    expect(Number.isFinite(r.e2eMs.p99)).toBe(true);
  });

  it("reserve-max admission (TensorRT-LLM) never preempts: a pool of ten whole requests serves a burst in waves of ten", () => {
    const burst = (requests: number) => ({
      arrivals: "burst" as const,
      requests,
      inputTokens: 200,
      outputTokens: 150,
    });
    const pool = { seed: 2, kvCapacityTokens: 10 * 350, maxBatch: 1024 };
    const onDemand = simulateServing(setup, burst(40), pool);
    const reserve = simulateServing(setup, burst(40), { ...pool, admission: "reserve-max" });
    const oneWave = simulateServing(setup, burst(10), { ...pool, admission: "reserve-max" });
    // on demand, 17 prompts of 200 fit at first and their growth overflows the pool
    expect(onDemand.preemptions).toBeGreaterThan(0);
    expect(reserve.preemptions).toBe(0);
    expect(reserve.requests).toBe(40);
    expect(reserve.durationS).toBeCloseTo(4 * oneWave.durationS, 6);
    expect(reserve.meanInSystem).toBeCloseTo(reserve.arrivalRatePerS * reserve.meanSojournS, 6);
  });

  it("replays a trace and reports progress up to 1", () => {
    const seen: number[] = [];
    const trace = [
      { arrivalS: 0, inputTokens: 100, outputTokens: 10 },
      { arrivalS: 0.5, inputTokens: 200, outputTokens: 1 },
    ];
    const r = simulateServing(
      setup,
      { arrivals: "trace", trace },
      { seed: 1, onProgress: (f) => seen.push(f) },
    );
    expect(r.requests).toBe(2);
    expect(seen.at(-1)).toBe(1);
  });

  it("admits more long sequences of a sliding-window model into the same KV pool (gpt-oss)", () => {
    // Hugging Face openai/gpt-oss-120b config.json: 18 of 36 layers keep at most 128 tokens
    const gptOss = archOf("gpt-oss-120b");
    const on = (arch: typeof gptOss) => onH100(arch, 4);
    const burst = { arrivals: "burst" as const, requests: 40, inputTokens: 4000, outputTokens: 1000 };
    const pool = { seed: 1, kvCapacityTokens: 60_000 };
    const windowed = simulateServing(on(gptOss), burst, pool);
    const full = simulateServing(on({ ...gptOss, slidingWindowLayers: 0, slidingWindow: null }), burst, pool);
    // ~12 sequences of 5,000 tokens fit at full context, ~23 with half the layers capped at 128
    expect(windowed.e2eMs.p99).toBeLessThan(0.8 * full.e2eMs.p99);
    // twice the sequences admitted at once: the median prompt no longer waits for a slot
    expect(windowed.ttftMs.p50).toBeLessThan(0.5 * full.ttftMs.p50);
  });

  it("refuses, rather than spins on, a windowed-model request larger than the pool its neighbours leave", () => {
    const setupOss = onH100(archOf("gpt-oss-120b"), 4);
    // 300 short requests set the pool's raw-token scale (~6,400 raw tokens for 5,000 windowed ones); the long one
    // fits windowed (~3,600) but not raw (7,100), so admission could never take it
    const trace = Array.from({ length: 300 }, (_, k) => ({
      arrivalS: k / 100,
      inputTokens: 200,
      outputTokens: 50,
    }));
    trace.push({ arrivalS: 3.005, inputTokens: 7000, outputTokens: 100 });
    expect(() =>
      simulateServing(setupOss, { arrivals: "trace", trace }, { seed: 1, kvCapacityTokens: 5000 }),
    ).toThrow(/a request of 7000 prompt \+ 100 output tokens needs more KV than the pool holds/);
  });

  it("takes a trace in any order, and counts its rates from the first arrival", () => {
    const early = { arrivalS: 100, inputTokens: 100, outputTokens: 10 };
    const late = { arrivalS: 110, inputTokens: 100, outputTokens: 10 };
    const sorted = simulateServing(setup, { arrivals: "trace", trace: [early, late] }, { seed: 1 });
    const reversed = simulateServing(setup, { arrivals: "trace", trace: [late, early] }, { seed: 1 });
    expect(reversed.ttftMs).toEqual(sorted.ttftMs);
    // the window is 100 s -> the last answer, not 0 -> it: the idle first 100 s carry no load
    expect(sorted.durationS).toBeGreaterThan(10);
    expect(sorted.durationS).toBeLessThan(11);
    expect(sorted.requestsPerS).toBeCloseTo(2 / sorted.durationS, 12);
    // two arrivals are one gap of 10 s
    expect(sorted.offeredRatePerS).toBeCloseTo(0.1, 12);
  });

  it("has no time per output token when every answer is one token", () => {
    const one = simulateServing(
      setup,
      { arrivals: "trace", trace: [{ arrivalS: 0, inputTokens: 100, outputTokens: 1 }] },
      { seed: 1 },
    );
    expect(Number.isNaN(one.tpotMs.p50)).toBe(true);
    expect(one.ttftMs.p50).toBeGreaterThan(0);
    // said as data, not left to a null (QA 30); answers of two tokens have a TPOT and no such advice
    expect(one.advisories.map((a) => a.code)).toContain("tpot_undefined");
    const two = simulateServing(
      setup,
      { arrivals: "trace", trace: [{ arrivalS: 0, inputTokens: 100, outputTokens: 2 }] },
      { seed: 1 },
    );
    expect(two.advisories.map((a) => a.code)).not.toContain("tpot_undefined");
  });

  it("says the weights do not fit when a layout leaves no KV pool, instead of a 0-token pool", () => {
    const tight = onH100(archOf("deepseek-v3"), 8, 8);
    expect(() => simulateServing(tight, poisson, { seed: 1 })).toThrow(
      /weights take [\d.]+ GB per rank on TP 8 x DP 1, EP 8, more than the [\d.]+ GB usable on nvidia-h100-sxm/,
    );
  });

  it("rejects a zero rate and a prompt larger than the KV pool, naming the field", () => {
    expect(() => simulateServing(setup, { ...poisson, ratePerS: 0 }, { seed: 1 })).toThrow(
      /workload\.ratePerS/,
    );
    expect(() => simulateServing(setup, poisson, { seed: 1, kvCapacityTokens: 100 })).toThrow(FleetcastError);
  });

  it("refuses a request whose prompt and output together outgrow the KV pool (it would be preempted for ever)", () => {
    // 800 + 150 tokens: the prompt alone fits a 900-token pool, the whole request does not
    expect(() => simulateServing(setup, poisson, { seed: 1, kvCapacityTokens: 900 })).toThrow(
      /a request of 800 prompt \+ 150 output tokens needs more KV than the pool holds \(900 tokens\)/,
    );
    const trace = [{ arrivalS: 0, inputTokens: 500, outputTokens: 400 }];
    expect(
      simulateServing(setup, { arrivals: "trace", trace }, { seed: 1, kvCapacityTokens: 900 }).requests,
    ).toBe(1);
  });
});

describe("simulateServing() with a model holding more than a token's KV per token", () => {
  it("draws long-tailed lengths the pool can admit (DSA's indexer keys beside the cache)", () => {
    const arch = importModel(DEEPSEEK_V32_CONFIG).arch;
    const h800 = builtinChips().find((c) => c.id === "nvidia-h800-sxm")!;
    const setup = serveSetup({
      arch,
      chip: h800,
      config: { tp: 1, dpAttention: 8, ep: 8 },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("sglang", h800.family),
    });
    for (const seed of [1, 2, 3]) {
      const r = simulateServing(
        setup,
        {
          arrivals: "poisson",
          ratePerS: 0.5,
          requests: 200,
          inputTokens: 20_000,
          outputTokens: 200,
          lengthDistribution: "exponential",
        },
        { seed, kvCapacityTokens: 100_000 },
      );
      expect(r.requests).toBe(200);
    }
  });
});

describe("simulateServing() with speculative decoding", () => {
  it("gives back exactly the KV each answer took, so a long burst preempts no more than without drafts", () => {
    // 1.7 tokens a step: the last step passes the answer's length by up to 0.7 tokens; counted back as the answer's
    // length, the difference piled up in the pool (12,000 phantom tokens after 20,000 requests) until it preempted
    const spec = onH100(archOf("llama-3.1-8b"), 1, 1, 1.7);
    const run = (s: typeof spec) =>
      simulateServing(
        s,
        { arrivals: "burst", requests: 6000, inputTokens: 200, outputTokens: 150 },
        // 64 answers of 200 + 150 tokens fit with ~500 to spare: a few hundred phantom tokens preempt
        { seed: 2, kvCapacityTokens: 23_000, maxBatch: 64 },
      );
    expect(run(setup).preemptions).toBe(0);
    expect(run(spec).preemptions).toBe(0);
  });
});

describe("simulateServing() requests past the model's context", () => {
  it("simulateServing() says how many requests exceed the model's context, and nothing when none does", () => {
    const long = simulateServing(
      setup,
      { arrivals: "poisson", ratePerS: 0.2, requests: 20, inputTokens: 140_000, outputTokens: 100 },
      { seed: 1, kvCapacityTokens: 2_000_000 },
    );
    const advice = long.advisories.find((a) => a.code === "context_beyond_model");
    expect(advice?.message).toMatch(
      /^20 of 20 requests \(the longest 140000 prompt \+ 100 output tokens\) exceed/,
    );
    expect(simulateServing(setup, poisson, { seed: 1 }).advisories.map((a) => a.code)).not.toContain(
      "context_beyond_model",
    );
  });
  it("simulateServing() says when the KV pool holds only a few requests, and not when it holds many", () => {
    const arch = importModel(findBuiltinModel("llama-3.1-70b")!.config).arch;
    const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const setupOf = (tp: number) =>
      serveSetup({
        arch,
        chip: h100,
        config: { tp, dpAttention: 1, ep: 1 },
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", h100.family),
      });
    const workload = {
      arrivals: "poisson" as const,
      ratePerS: 0.2,
      requests: 20,
      inputTokens: 2000,
      outputTokens: 200,
    };
    const codes = (tp: number) =>
      simulateServing(setupOf(tp), workload, { seed: 1 }).advisories.map((a) => a.code);
    // 70B in FP8 on one 80 GB H100: ~4,400 tokens of KV, two requests of 2,200
    expect(codes(1)).toContain("kv_pool_small");
    expect(codes(4)).not.toContain("kv_pool_small");
  });
});
