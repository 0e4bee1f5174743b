import { describe, expect, it } from "vitest";
import { ascendAlone } from "./ascend-alone.ts";
import { comparisonFixture } from "./test-fixtures.ts";

describe("ascendAlone()", () => {
  it("ascendAlone() says whether the all-Ascend strategy trains by the deadline and how much it serves", () => {
    expect(ascendAlone(comparisonFixture())).toBe(
      "No: 1,024 huawei-ascend-910c train in 165 days (P(deadline) 0 %) while 2,000 huawei-ascend-910c serve 101 % of the peak.",
    );
    const c = comparisonFixture(40);
    c.strategies[1]!.feasible = true;
    expect(ascendAlone(c)).toMatch(/^Yes: 1,024 huawei-ascend-910c train in 40 days \(P\(deadline\) 100 %\)/);
  });

  it("ascendAlone() names a training failure, a pool that cannot serve, and a fleet without Ascend", () => {
    const c = comparisonFixture();
    const s = c.strategies[1]!;
    s.training!.failure = "no plan fits";
    s.serving.parts = [];
    s.advisories = [{ code: "pool-cannot-serve", message: "ascend-910c holds no replica", hint: "" }];
    expect(ascendAlone(c)).toBe(
      "No: 1,024 huawei-ascend-910c cannot train (no plan fits) while none serves (ascend-910c holds no replica).",
    );
    s.training!.parts = [];
    expect(ascendAlone(c)).toContain("no Ascend pool can be used");
    expect(ascendAlone({ ...c, strategies: [c.strategies[0]!] })).toBeNull();
  });
});
