import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
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
