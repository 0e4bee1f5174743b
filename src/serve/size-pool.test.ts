import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { type InstanceCandidate, searchInstances } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import type { LatencyStats } from "./simulate-serving.ts";
import {
  atLoadOf,
  longWaitAdvisory,
  MAX_PLANNED_LOAD,
  nearLimitAdvisory,
  poolChoices,
  replicaAtLoad,
  sizePool,
} from "./size-pool.ts";

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const llama8b = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;

function candidates(): InstanceCandidate[] {
  return searchInstances({
    arch: llama8b,
    chip: h100,
    precision: "bf16",
    efficiency: serveEfficiencyPrior("vllm", h100.family),
    phase: "both",
    inputTokens: 1000,
    outputTokens: 200,
    maxRanks: 8,
    divideRanks: true,
  });
}

const stats = (p99: number): LatencyStats => ({ mean: p99 / 2, p50: p99 / 2, p90: p99, p99 });

describe("poolChoices()", () => {
  it("carries the demand in whole instances, fewest chips first, skipping infeasible layouts", () => {
    const all = candidates();
    const first = all.find((c) => c.feasible)!;
    const demand = 3.5 * first.tokensPerSPerChip * first.chipsPerInstance;
    const choices = poolChoices("colocated", all, demand);
    expect(choices.length).toBe(all.filter((c) => c.feasible && c.tokensPerSPerChip > 0).length);
    for (let i = 1; i < choices.length; i++) {
      expect(choices[i]!.pool.chips).toBeGreaterThanOrEqual(choices[i - 1]!.pool.chips);
    }
    for (const { pool, candidate } of choices) {
      const perInstance = candidate.tokensPerSPerChip * candidate.chipsPerInstance;
      expect(pool.instances * perInstance).toBeGreaterThanOrEqual(demand * (1 - 1e-9));
      // no more instances than the planned load needs (each carries at most MAX_PLANNED_LOAD of its full rate)
      expect((pool.instances - 1) * perInstance * MAX_PLANNED_LOAD).toBeLessThan(demand);
      expect(pool.load).toBeLessThanOrEqual(1);
    }
  });

  it("does not round an exact multiple of an instance at its planned load up to one more", () => {
    const first = candidates().find((c) => c.feasible)!;
    const perInstance = first.tokensPerSPerChip * first.chipsPerInstance;
    const [choice] = poolChoices("decode", [first], 4 * perInstance * MAX_PLANNED_LOAD);
    expect(choice!.pool.instances).toBe(4);
    expect(choice!.pool.load).toBeCloseTo(MAX_PLANNED_LOAD, 9);
    // the full-load rate of 4 instances takes 5: no pool is planned past MAX_PLANNED_LOAD
    expect(poolChoices("decode", [first], 4 * perInstance)[0]!.pool.instances).toBe(5);
  });
});

describe("sizePool()", () => {
  it("grows a pool whose replica misses a tight TTFT limit at load, and keeps one that meets a loose one", () => {
    const all = candidates();
    const first = all.find((c) => c.feasible)!;
    const rate = 0.95 * first.requestsPerSPerChip * first.chipsPerInstance * first.config.dpAttention;
    const choices = poolChoices("colocated", all, 0.95 * first.tokensPerSPerChip * first.chipsPerInstance);
    const input = { inputTokens: 1000, outputTokens: 200, cacheHitRate: 0 };
    const loose = sizePool(choices, rate, { ...input, ttftMs: 1e9 });
    expect(loose.met).toBe(true);
    expect(loose.choice.pool.instances).toBe(choices[0]!.pool.instances);
    // near full load the queue makes the p99 TTFT far longer than an unloaded prefill; a limit of twice the
    // unloaded TTFT needs more instances than throughput alone
    const tight = sizePool(choices, rate, { ...input, ttftMs: 2 * first.ttftMs });
    expect(tight.choice.pool.chips).toBeGreaterThan(loose.choice.pool.chips);
    expect(tight.advisories.map((a) => a.code)).toContain(
      tight.met ? "grown_for_latency" : "limit_not_met_at_load",
    );
  });
});

describe("replicaAtLoad()", () => {
  it("keeps a prefill pool's one-token answers to itself: no undefined-TPOT advice (review 34)", () => {
    const best = candidates()[0]!;
    const load = { inputTokens: 1000, outputTokens: 200, cacheHitRate: 0 };
    const prefill = replicaAtLoad("prefill", best, 1, 1, load)!;
    expect(prefill.atLoad.advisories.map((a) => a.code)).not.toContain("tpot_undefined");
    // a colocated pool whose answers are one token long still says so
    const oneToken = replicaAtLoad("colocated", best, 1, 1, { ...load, outputTokens: 1 })!;
    expect(oneToken.atLoad.advisories.map((a) => a.code)).toContain("tpot_undefined");
  });
});

describe("atLoadOf()", () => {
  it("reports a colocated replica as it is and a split plan as prefill TTFT with decode TPOT", () => {
    const colocated = {
      role: "colocated" as const,
      requests: 10,
      seeds: [1, 101],
      ratePerS: 2,
      maxBatch: 8,
      ttftMs: stats(100),
      tpotMs: stats(20),
      advisories: [],
    };
    expect(atLoadOf([{ atLoad: colocated }])?.split).toBeNull();
    const prefill = { ...colocated, role: "prefill" as const, maxBatch: null, ttftMs: stats(300) };
    const decode = {
      ...colocated,
      role: "decode" as const,
      maxBatch: 16,
      requests: 5,
      ratePerS: 1,
      ttftMs: stats(40),
      tpotMs: stats(30),
    };
    const split = atLoadOf([{ atLoad: prefill }, { atLoad: decode }])!;
    expect(split.ttftMs.p99).toBe(300);
    expect(split.tpotMs.p99).toBe(30);
    expect(split.requests).toBe(5);
    expect(split.split?.decodeWaitMs.p99).toBe(40);
    // the seeds of each side, as simulated
    const prefillSeeds = [...split.seeds];
    expect(prefillSeeds).toEqual([1, 101]);
    // the batch cap simulated is the decode replica's (the one a TPOT check reads)
    expect(split.maxBatch).toBe(16);
    expect(atLoadOf([{ atLoad: colocated }])?.maxBatch).toBe(8);
    expect(atLoadOf([{ atLoad: prefill }, { atLoad: null }])).toBeNull();
  });
});

describe("longWaitAdvisory()", () => {
  it("warns only when a p99 wait passes ten seconds", () => {
    const at = (ttft: number, wait: number | null) => ({
      requests: 10,
      seeds: [1, 101],
      ratePerS: 1,
      maxBatch: 8,
      ttftMs: stats(ttft),
      tpotMs: stats(20),
      split: wait === null ? null : { decodeRatePerS: 1, decodeWaitMs: stats(wait), decodeSeeds: [2, 102] },
    });
    expect(longWaitAdvisory(at(9_000, null))).toBeNull();
    expect(longWaitAdvisory(at(11_000, null))?.code).toBe("long_wait_at_load");
    expect(longWaitAdvisory(at(1_000, 12_000))?.message).toContain("wait for a decode slot");
    expect(longWaitAdvisory(null)).toBeNull();
  });
});

describe("nearLimitAdvisory()", () => {
  it("says a p99 that meets its limit by less than 10 % is borderline, and nothing otherwise", () => {
    const at = (ttft: number, tpot: number, split = false, wait = 10) => ({
      requests: 2000,
      seeds: [1, 101],
      ratePerS: 1,
      maxBatch: 8,
      ttftMs: stats(ttft),
      tpotMs: stats(tpot),
      split: split ? { decodeRatePerS: 1, decodeWaitMs: stats(wait), decodeSeeds: [2, 102] } : null,
    });
    const limits = { ttftMs: 2000, tpotMs: 50 };
    expect(nearLimitAdvisory(at(1500, 30), limits)).toBeNull();
    expect(nearLimitAdvisory(at(1950, 30), limits)?.message).toMatch(
      /^At this load TTFT p99 1,950 ms against 2,000:/,
    );
    expect(nearLimitAdvisory(at(1500, 48), limits)?.message).toMatch(
      /^At this load TPOT p99 48 ms against 50:/,
    );
    // both borderline: both said, with both margins
    const both = nearLimitAdvisory(at(1950, 48), limits);
    expect(both?.message).toMatch(/TTFT p99 1,950 ms against 2,000; TPOT p99 48 ms against 50/);
    expect(both?.hint).toMatch(/--ttft-ms 1800 --tpot-ms 45; API ttft_ms, tpot_ms/);
    // a margin under a small limit stays above zero
    expect(nearLimitAdvisory(at(500, 0.95), { tpotMs: 1 })?.hint).toMatch(/--tpot-ms 0\.9;/);
    // a miss is another advisory's (limit_not_met_at_load), not this one's
    expect(nearLimitAdvisory(at(2100, 30), limits)).toBeNull();
    // split pools: the prefill replica answers for its 80 % share of the TTFT limit
    expect(nearLimitAdvisory(at(1500, 30, true), limits)?.message).toMatch(
      /^At this load TTFT \(the prefill pool's share\) p99 1,500 ms against 1,600/,
    );
    // and the decode pool's wait for a slot its 20 % share
    expect(nearLimitAdvisory(at(1000, 30, true, 390), limits)?.message).toMatch(
      /wait for a decode slot .* 390 ms against 400/,
    );
    // a margin the CLI takes as it is written (review 26: "1,800" was refused)
    expect(nearLimitAdvisory(at(1950, 30), limits)?.hint).toMatch(/--ttft-ms 1800; API ttft_ms\)/);
    expect(nearLimitAdvisory(at(1500, 30), {})).toBeNull();
    expect(nearLimitAdvisory(null, limits)).toBeNull();
  });
});
