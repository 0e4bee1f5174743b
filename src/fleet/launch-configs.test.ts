import { describe, expect, it } from "vitest";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { flagValue } from "../export/_test-fixtures.ts";
import { plannedInstance } from "./_test-fixtures.ts";
import { defaultScenario } from "./default-scenario.ts";
import { maxModelLenFor, servingLaunch } from "./launch-configs.ts";
import type { ServingPart, StrategyResult } from "./strategy-result.ts";

const CATALOG = makeChipCatalog(builtinChips());

const planned = plannedInstance;

/**
 * A split Ascend serving part as `compare` plans it (whole-instance-take.ts): 3 prefill and 8 decode instances of
 * DP512 (256 packages each), 2,816 chips.
 */
const ASCEND_PD: ServingPart = {
  pool: "ascend-910c",
  chip: "huawei-ascend-910c",
  chips: 2816,
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
  instances: { prefill: 3, decode: 8 },
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
  it("writes a disaggregated plan as the whole prefill and decode instances the fleet sized", () => {
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2816, 256), CATALOG);
    const [prefill, decode] = launch.roles;
    expect(prefill?.role).toBe("prefill");
    expect(decode?.role).toBe("decode");
    expect([prefill?.instances, decode?.instances]).toEqual([3, 8]);
    expect([prefill?.plannedChips, decode?.plannedChips]).toEqual([768, 2048]);
    expect(launch.chips).toBe(11 * 256);
    expect(flagValue(prefill!.args, "--max-num-seqs")).toBe("4");
    expect(flagValue(decode!.args, "--max-num-seqs")).toBe("30");
    expect(decode?.nodesPerInstance).toBe(32);
    const codes = launch.advisories.map((a) => a.code);
    expect(codes).not.toContain("instances-rounded");
    expect(codes).not.toContain("instances-exceed-pool");
  });

  it("says when a part's instances need more chips than the pool has for serving", () => {
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2560, 0), CATALOG);
    expect(launch.advisories.find((a) => a.code === "instances-exceed-pool")?.message).toBe(
      "2,816 chips of whole instances exceed the 2,560 ascend-910c has for serving",
    );
  });

  it("writes a colocated part as its whole instances, with nothing rounded", () => {
    const colocated: ServingPart = {
      ...ASCEND_PD,
      chips: 2560,
      mode: "colocated",
      prefillInstance: null,
      instances: { colocated: 10 },
    };
    const launch = servingLaunch(defaultScenario(), strategy([colocated], 2560, 512), CATALOG);
    expect(launch.roles.map((r) => [r.role, r.instances, r.plannedChips, r.chips])).toEqual([
      ["both", 10, 2560, 2560],
    ]);
    expect(launch.advisories.map((a) => a.code)).not.toContain("instances-rounded");
  });

  it("names the serving parts the launch leaves out", () => {
    const other: ServingPart = { ...ASCEND_PD, pool: "ascend-910c-b", chips: 512 };
    const launch = servingLaunch(defaultScenario(), strategy([ASCEND_PD, other], 2816, 256), CATALOG);
    expect(launch.advisories.find((a) => a.code === "serving-parts-not-exported")?.message).toBe(
      "this launch covers ascend-910c (2,816 chips); the plan also serves on ascend-910c-b (512 chips)",
    );
  });

  it("exports the part the named engine runs on (a split serving on H20 then 910C, for vLLM-Ascend)", () => {
    const h20: ServingPart = {
      ...ASCEND_PD,
      pool: "h20",
      chip: "nvidia-h20",
      chips: 512,
      mode: "colocated",
      prefillInstance: null,
      instance: planned({ dpAttention: 1, ep: 1, chipsPerInstance: 8, batch: 64 }),
      instances: { colocated: 64 },
    };
    const both = strategy([h20, ASCEND_PD], 2816, 256);
    expect(servingLaunch(defaultScenario(), both, CATALOG, "vllm-ascend").roles.map((r) => r.role)).toEqual([
      "prefill",
      "decode",
    ]);
    expect(servingLaunch(defaultScenario(), both, CATALOG, "vllm").chipFamily).toBe("nvidia-hopper");
    // an engine no part runs on is refused, naming the chips served
    expect(() => servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2816, 256), CATALOG, "vllm")).toThrow(
      "Cannot export vllm for 'train-nvidia-serve-ascend': it serves on huawei-ascend-910c (use vllm-ascend, or --strategy all-nvidia)",
    );
  });
});

describe("maxModelLenFor()", () => {
  it("maxModelLenFor() accepts the model's whole context where every replica's KV pool holds it, not the mean request", () => {
    // DeepSeek-V3's 163,840 positions; the scenario's mean request is 5,594 tokens
    expect(maxModelLenFor(163_840, [{ kvCapacityTokens: 900_000 }], 5594)).toBe(163_840);
    // the smallest pool bounds it: vLLM refuses to start when one max-length sequence does not fit its KV cache
    expect(
      maxModelLenFor(131_072, [{ kvCapacityTokens: 400_000 }, { kvCapacityTokens: 60_000.7 }], 5594),
    ).toBe(60_000);
    // never below the mean request, and the pool alone when the context is unknown
    expect(maxModelLenFor(131_072, [{ kvCapacityTokens: 3000 }], 5594)).toBe(5594);
    expect(maxModelLenFor(null, [{ kvCapacityTokens: 70_000 }], 5594)).toBe(70_000);
  });
});
