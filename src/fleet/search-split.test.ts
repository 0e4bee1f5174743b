import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { compareStrategies } from "./compare-strategies.ts";
import { parseScenario } from "./parse-scenario.ts";
import { trainingCounts } from "./search-split.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;

describe("trainingCounts()", () => {
  it("tries only whole 8-GPU servers, the pool's largest first", () => {
    // 60 H100: the exporters refuse 60 (not a whole number of 8-GPU nodes); 56 is the most that trains
    expect(trainingCounts({ count: 60, chip: chip("nvidia-h100-sxm") })).toEqual([56, 48, 40, 32, 24, 16, 8]);
    // 5 x 2^k as well as 2^k and 3 x 2^k (QA 27: 1,280 of 1,466 910B2 trains 15 % faster than 1,024)
    expect(trainingCounts({ count: 1466, chip: chip("huawei-ascend-910b2") }).slice(0, 4)).toEqual([
      1464, 1280, 1024, 768,
    ]);
    expect(trainingCounts({ count: 2048, chip: chip("nvidia-h800-sxm") })[0]).toBe(2048);
  });

  it("keeps a pool smaller than one server whole", () => {
    expect(trainingCounts({ count: 4, chip: chip("nvidia-h100-sxm") })).toEqual([4]);
  });

  it("returns multiples of the server size for every count", () => {
    for (const n of trainingCounts({ count: 1000, chip: chip("huawei-ascend-910b2") })) expect(n % 8).toBe(0);
  });
});

describe("searchSplit() through compareStrategies()", () => {
  it("compareStrategies() trains on fewer chips when the pool's whole count has no split (QA 40: 10,000 H100 trained on none)", () => {
    const text = readFileSync(new URL("./_fixtures/one-pool-10000-h100.yaml", import.meta.url), "utf8");
    const r = compareStrategies(parseScenario(text, "one-pool-10000-h100.yaml"), { breakEven: false });
    const nvidia = r.strategies.find((s) => s.id === "all-nvidia")!;
    const trained = nvidia.allocation.find((a) => a.chip === "nvidia-h100-sxm")!.train;
    // 10,000 ranks have no TP x PP x CP x DP split for this job; 8,192 has
    expect(trained).toBeGreaterThan(0);
    expect(trained).toBeLessThan(10_000);
    expect(nvidia.training?.p50Days).toBeLessThan(Number.POSITIVE_INFINITY);
  });
});
