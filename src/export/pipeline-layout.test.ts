import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pipelineLayout } from "./pipeline-layout.ts";

describe("pipelineLayout()", () => {
  it("gives Llama 3 405B's 7 | 8 x 14 | 7 split of 126 layers over 16 stages (arXiv 2407.21783 §3.3.2)", () => {
    expect(pipelineLayout(126, 16)).toEqual({ stages: 16, first: 7, middle: 8, last: 7, even: false });
  });

  it("splits DeepSeek-V3's 61 layers over 16 stages as 2 | 4 x 14 | 3", () => {
    expect(pipelineLayout(61, 16)).toMatchObject({ first: 2, middle: 4, last: 3 });
  });

  it("keeps even splits even", () => {
    expect(pipelineLayout(80, 4)).toEqual({ stages: 4, first: 20, middle: 20, last: 20, even: true });
  });

  it("refuses fewer layers than stages", () => {
    expect(() => pipelineLayout(12, 16)).toThrow(/^Cannot split 12 layers over pp=16/);
  });

  it("always places every layer, at least one per stage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 400 }), (pp, extra) => {
        const layers = pp + extra;
        const l = pipelineLayout(layers, pp);
        const total = pp === 1 ? l.first : l.first + l.last + l.middle * (pp - 2);
        expect(total).toBe(layers);
        expect(l.first).toBeGreaterThanOrEqual(1);
        expect(l.last).toBeGreaterThanOrEqual(1);
        if (pp > 2) expect(l.middle).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
