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
  precision: "int8",
  outputTokensPerSPerChip: 901.2608923582968,
  ttftMs: 704,
  tpotMs: 49.5,
  instance: planned({
    dpAttention: 512,
    ep: 512,
    chipsPerInstance: 256,
    batch: 30,
    tokensPerSPerChip: 1211.3928477565435,
    kvCapacityTokens: 2_000_000,
  }),
  prefillInstance: planned({
    dpAttention: 512,
    ep: 512,
    chipsPerInstance: 256,
    batch: 3.738,
    kvCapacityTokens: 50_000,
  }),
  instances: { prefill: 3, decode: 8 },
  atLoad: null,
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
    // each role's --max-model-len fits its own KV pool (review 17: one value for both could exceed the prefill pool)
    const pre = ASCEND_PD.prefillInstance!;
    const dec = ASCEND_PD.instance!;
    expect(Number(flagValue(prefill!.args, "--max-model-len"))).toBe(
      maxModelLenFor(163_840, pre.kvCapacityTokens),
    );
    expect(Number(flagValue(decode!.args, "--max-model-len"))).toBe(
      maxModelLenFor(163_840, dec.kvCapacityTokens),
    );
    expect(flagValue(prefill!.args, "--max-model-len")).toBe("44992");
    expect(flagValue(decode!.args, "--max-model-len")).toBe("163840");
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

  it("servingLaunch() runs a part at the precision it was priced at, not the scenario's", () => {
    const s = strategy([ASCEND_PD], 2816, 256);
    // the default scenario asks for FP8; the 910C part was priced in INT8 W8A8
    expect(defaultScenario().serving.precision).toBe("fp8");
    const args = (p: ServingPart) =>
      servingLaunch(defaultScenario(), strategy([p], 2816, 256), CATALOG, "vllm-ascend").roles[0]!.command;
    expect(args(ASCEND_PD)).toContain("--quantization ascend");
    expect(args({ ...ASCEND_PD, precision: "bf16" })).not.toContain("--quantization");
    expect(servingLaunch(defaultScenario(), s, CATALOG).roles.length).toBe(2);
  });
});

describe("servingLaunch() KV pools", () => {
  it("servingLaunch() says when a role's KV pool bounds --max-model-len below a mean request", () => {
    const small: ServingPart = {
      ...ASCEND_PD,
      prefillInstance: { ...ASCEND_PD.prefillInstance!, kvCapacityTokens: 3000 },
    };
    const launch = servingLaunch(defaultScenario(), strategy([small], 2816, 256), CATALOG);
    const advice = launch.advisories.find((a) => a.code === "kv-pool-below-request");
    expect(advice?.message).toMatch(/prefill \(2688 < 4383 mean prompt\)$/);
    expect(advice?.message).not.toMatch(/decode \(/);
    // pools that hold the requests: nothing to say
    const fine = servingLaunch(defaultScenario(), strategy([ASCEND_PD], 2816, 256), CATALOG);
    expect(fine.advisories.map((a) => a.code)).not.toContain("kv-pool-below-request");
  });
});

describe("maxModelLenFor()", () => {
  it("maxModelLenFor() accepts the model's whole context where the KV pool holds it, else 90 % of the pool in 16-token blocks", () => {
    // DeepSeek-V3's 163,840 positions on a pool of 900,000 tokens
    expect(maxModelLenFor(163_840, 900_000)).toBe(163_840);
    // a pool of 60,000.7 tokens: vLLM refuses to start past what it holds, and its own estimate may be smaller
    const bounded = maxModelLenFor(131_072, 60_000.7);
    expect(bounded).toBe(54_000);
    expect(bounded % 16).toBe(0);
    expect(bounded).toBeLessThanOrEqual(60_000);
    // the pool alone when the context is unknown
    expect(maxModelLenFor(null, 70_000)).toBe(62_992);
  });
});
