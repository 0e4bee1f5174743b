import { describe, expect, it } from "vitest";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { flagValue } from "../export/_test-fixtures.ts";
import type { PlannedInstance } from "../serve/index.ts";
import { defaultScenario } from "./default-scenario.ts";
import { servingLaunch } from "./launch-configs.ts";
import type { ServingPart, StrategyResult } from "./strategy-result.ts";

const CATALOG = makeChipCatalog(builtinChips());

function planned(partial: Partial<PlannedInstance>): PlannedInstance {
  return {
    tp: 1,
    dpAttention: 1,
    ep: 1,
    chipsPerInstance: 1,
    batch: 1,
    tokensPerSPerChip: 1,
    ttftMs: 0,
    tpotMs: 0,
    kvCapacityTokens: 0,
    violates: [],
    stepMs: {
      dense: 0,
      experts: 0,
      attention: 0,
      kernelLaunches: 0,
      communication: 0,
      overhead: 0,
      total: 0,
      microBatches: 1,
    },
    ...partial,
  };
}

/**
 * The default scenario's Ascend serving part as `compare` plans it: a split pool of 2,645 910C sized per chip,
 * decode and prefill instances of DP512 (256 packages); decode's 1,211.4 output tokens/s per chip over the pair's
 * 901.3 puts 74.4 % of the chips on decode.
 */
const ASCEND_PD: ServingPart = {
  pool: "ascend-910c",
  chip: "huawei-ascend-910c",
  chips: 2645,
  mode: "disaggregated",
  outputTokensPerSPerChip: 901.2608923582968,
  ttftMs: 704,
  tpotMs: 49.5,
  instance: planned({
    dpAttention: 512,
    ep: 512,
    chipsPerInstance: 256,
    batch: 30,
    tokensPerSPerChip: 1211.3928477565435,
  }),
  prefillInstance: planned({ dpAttention: 512, ep: 512, chipsPerInstance: 256, batch: 3.738 }),
};

function strategy(parts: ServingPart[], serve: number, idle: number): StrategyResult {
  return {
    id: "train-nvidia-serve-ascend",
    serving: { parts },
    allocation: [
      { pool: "ascend-910c", chip: "huawei-ascend-910c", count: 3072, train: 0, serve, idle, domestic: true },
    ],
  } as unknown as StrategyResult;
}

describe("servingLaunch()", () => {
  it("writes a disaggregated plan as prefill and decode pools whose planned chips add up to the plan's", () => {
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2645, 427), CATALOG);
    const [prefill, decode] = launch.roles;
    expect(prefill?.role).toBe("prefill");
    expect(decode?.role).toBe("decode");
    expect((prefill?.plannedChips ?? 0) + (decode?.plannedChips ?? 0)).toBeCloseTo(2645, 6);
    expect(decode?.plannedChips).toBeCloseTo(2645 * (901.2608923582968 / 1211.3928477565435), 6);
    // each role rounded up to whole 256-package instances: ceil(677.2 / 256) = 3, ceil(1,967.8 / 256) = 8
    expect([prefill?.instances, decode?.instances]).toEqual([3, 8]);
    expect(launch.chips).toBe(11 * 256);
    expect(flagValue(prefill!.args, "--max-num-seqs")).toBe("4");
    expect(flagValue(decode!.args, "--max-num-seqs")).toBe("30");
    expect(decode?.nodesPerInstance).toBe(32);
    const codes = launch.advisories.map((a) => a.code);
    expect(codes).toContain("instances-rounded");
    expect(codes).not.toContain("instances-exceed-pool");
  });

  it("rounds each role up, never down, so that it keeps its planned capacity", () => {
    // 2,200 chips: 563.1 prefill = 2.2 instances, 1,636.9 decode = 6.39 instances
    const launch = servingLaunch(
      defaultScenario(),
      strategy([{ ...ASCEND_PD, chips: 2200 }], 2200, 872),
      CATALOG,
    );
    expect(launch.roles.map((r) => r.instances)).toEqual([3, 7]);
    for (const r of launch.roles) expect(r.chips).toBeGreaterThanOrEqual(r.plannedChips!);
  });

  it("says when whole instances need more chips than the pool has for serving", () => {
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2645, 43), CATALOG);
    expect(launch.advisories.find((a) => a.code === "instances-exceed-pool")?.message).toBe(
      "2,816 chips of whole instances exceed the 2,688 ascend-910c has for serving",
    );
  });

  it("writes a colocated part as its whole instances, with nothing rounded", () => {
    const colocated: ServingPart = { ...ASCEND_PD, chips: 2560, mode: "colocated", prefillInstance: null };
    const launch = servingLaunch(defaultScenario(), strategy([colocated], 2560, 512), CATALOG);
    expect(launch.roles.map((r) => [r.role, r.instances, r.plannedChips, r.chips])).toEqual([
      ["both", 10, 2560, 2560],
    ]);
    expect(launch.advisories.map((a) => a.code)).not.toContain("instances-rounded");
  });

  it("names the serving parts the launch leaves out", () => {
    const other: ServingPart = { ...ASCEND_PD, pool: "ascend-910c-b", chips: 512 };
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD, other], 2645, 427), CATALOG);
    expect(launch.advisories.find((a) => a.code === "serving-parts-not-exported")?.message).toBe(
      "this launch covers ascend-910c (2,645 chips); the plan also serves on ascend-910c-b (512 chips)",
    );
  });
});
