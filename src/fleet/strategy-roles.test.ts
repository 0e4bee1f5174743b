import { describe, expect, it } from "vitest";
import { compareStrategies } from "./compare-strategies.ts";
import { defaultScenario } from "./default-scenario.ts";
import { poolsForRole, STRATEGY_ROLES } from "./strategy-roles.ts";

const pools = [
  { name: "h800", vendor: "nvidia" as const },
  { name: "910c", vendor: "ascend" as const },
  { name: "mi300x", vendor: "amd" as const },
];

describe("poolsForRole()", () => {
  it("poolsForRole() keeps the vendors a fixed strategy gives each role", () => {
    expect(poolsForRole(pools, "all-nvidia", "train").map((p) => p.name)).toEqual(["h800"]);
    expect(poolsForRole(pools, "all-ascend", "serve").map((p) => p.name)).toEqual(["910c"]);
    expect(poolsForRole(pools, "train-nvidia-serve-ascend", "train").map((p) => p.name)).toEqual(["h800"]);
    expect(poolsForRole(pools, "train-nvidia-serve-ascend", "serve").map((p) => p.name)).toEqual(["910c"]);
    expect(poolsForRole(pools, "cross-vendor-training", "train").map((p) => p.name)).toEqual([
      "h800",
      "910c",
    ]);
  });

  it("poolsForRole() admits every pool where a strategy's role takes any", () => {
    expect(poolsForRole(pools, "best-split", "train")).toEqual(pools);
    expect(poolsForRole(pools, "cross-vendor-training", "serve")).toEqual(pools);
  });

  it("STRATEGY_ROLES matches what compareStrategies() allocates on the default scenario", () => {
    const scenario = defaultScenario();
    const vendorOfPool = new Map(
      scenario.pools.map((p) => [p.name, p.chip.startsWith("nvidia-") ? "nvidia" : "ascend"] as const),
    );
    const r = compareStrategies(scenario, { breakEven: false });
    for (const s of r.strategies) {
      const roles = STRATEGY_ROLES[s.id];
      for (const a of s.allocation) {
        const vendor = vendorOfPool.get(a.pool);
        if (vendor === undefined) throw new Error(`pool ${a.pool} not in the scenario`);
        if (a.train > 0 && roles.train !== null) expect(roles.train).toContain(vendor);
        if (a.serve > 0 && roles.serve !== null) expect(roles.serve).toContain(vendor);
      }
    }
  }, 120_000);
});
