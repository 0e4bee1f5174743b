import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { placeGroups } from "./place-groups.ts";

describe("placeGroups()", () => {
  it("keeps TP=8 inside an HGX node and sends EP, DP and PP over the network", () => {
    const p = placeGroups({ tp: 8, cp: 1, ep: 8, dp: 16, pp: 4 }, 8);
    expect(p.worldRanks).toBe(512);
    expect(p.tp).toMatchObject({ size: 8, ranksPerDomain: 8, crossesScaleOut: false });
    expect(p.ep).toMatchObject({ size: 8, ranksPerDomain: 1, domainsSpanned: 8, crossesScaleOut: true });
    expect(p.dp.crossesScaleOut).toBe(true);
    expect(p.ppNeighbour).toMatchObject({ size: 2, ranksPerDomain: 1, crossesScaleOut: true });
  });

  it("spans 8 nodes with DeepSeek-V3's 64-way EP at TP=1", () => {
    // DeepSeek-V3 technical report §3.2.1: 16-way PP, 64-way EP spanning 8 nodes, ZeRO-1 DP, on 2048 H800.
    const p = placeGroups({ tp: 1, cp: 1, ep: 64, dp: 128, pp: 16 }, 8);
    expect(p.worldRanks).toBe(2048);
    expect(p.ep).toMatchObject({ ranksPerDomain: 8, domainsSpanned: 8 });
    expect(p.edp).toMatchObject({ size: 2, strideRanks: 64, ranksPerDomain: 1 });
  });

  it("keeps a whole 768-rank job inside one CloudMatrix UB domain", () => {
    const p = placeGroups({ tp: 1, cp: 1, ep: 64, dp: 64, pp: 12 }, 384 * 2);
    for (const g of [p.tp, p.ep, p.dp, p.dpCp, p.edp, p.pp, p.ppNeighbour])
      expect(g.crossesScaleOut).toBe(false);
  });

  it("puts neighbouring stages in one node when the pipeline fits", () => {
    const p = placeGroups({ tp: 2, cp: 1, ep: 1, dp: 2, pp: 2 }, 8);
    expect(p.ppNeighbour).toMatchObject({ size: 2, ranksPerDomain: 2, crossesScaleOut: false });
  });

  it("groups CP after TP and reduces dense gradients over dp x cp", () => {
    const p = placeGroups({ tp: 4, cp: 2, ep: 1, dp: 4, pp: 1 }, 8);
    expect(p.cp).toMatchObject({ size: 2, strideRanks: 4, ranksPerDomain: 2 });
    expect(p.dpCp).toMatchObject({ size: 8, strideRanks: 4, ranksPerDomain: 2, domainsSpanned: 4 });
  });

  it("flags TP=3 on an 8-rank node as straddling and assumes the worst group", () => {
    const p = placeGroups({ tp: 3, cp: 1, ep: 1, dp: 8, pp: 1 }, 8);
    expect(p.aligned).toBe(false);
    expect(p.tp).toMatchObject({ aligned: false, ranksPerDomain: 1, crossesScaleOut: true });
  });

  it("throws a FleetcastError naming the field when EP does not divide dp x cp", () => {
    expect(() => placeGroups({ tp: 1, cp: 1, ep: 3, dp: 8, pp: 1 }, 8)).toThrow(
      "Cannot place groups: degrees.ep is 3 (must divide dp x cp = 8)",
    );
    expect(() => placeGroups({ tp: 0, cp: 1, ep: 1, dp: 8, pp: 1 }, 8)).toThrow(FleetcastError);
  });
});

describe("placeGroups() properties", () => {
  const pow2 = (max: number) => fc.integer({ min: 0, max }).map((e) => 2 ** e);
  const plan = fc
    .record({ tp: pow2(4), cp: pow2(2), dp: pow2(8), pp: pow2(5), epShare: pow2(10), domain: pow2(9) })
    .map(({ epShare, domain, ...d }) => ({
      degrees: { ...d, ep: Math.min(epShare, d.dp * d.cp) },
      domain,
    }));

  it("has ranks-per-domain dividing the domain and the group, and world = tp x cp x dp x pp", () => {
    fc.assert(
      fc.property(plan, ({ degrees, domain }) => {
        const p = placeGroups(degrees, domain);
        expect(p.worldRanks).toBe(degrees.tp * degrees.cp * degrees.dp * degrees.pp);
        expect(p.aligned).toBe(true);
        for (const g of [p.tp, p.cp, p.ep, p.dp, p.dpCp, p.edp, p.pp, p.ppNeighbour]) {
          if (p.worldRanks > domain) expect(domain % g.ranksPerDomain).toBe(0);
          expect(g.size % g.ranksPerDomain).toBe(0);
          expect(g.domainsSpanned * g.ranksPerDomain).toBe(g.size);
          expect(g.crossesScaleOut).toBe(g.ranksPerDomain < g.size);
        }
        expect(p.ep.size * p.edp.size).toBe(degrees.dp * degrees.cp);
      }),
    );
  });
});
