import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { collectiveTimeS } from "./collective-time.ts";
import { fabricOf } from "./fabric.ts";
import { moeAllToAllS } from "./moe-all-to-all.ts";

/**
 * DeepEP's normal kernels on H800 + CX-7 400G, 4,096 tokens a batch, hidden 7168, top-8 (deepseek-ai/DeepEP README,
 * "Normal kernels with NVLink and RDMA forwarding"): the internode "bottleneck bandwidth", GB/s, which its test
 * computes over one copy per distinct node a token's experts sit on, the sender's own included
 * (tests/test_internode.py: `num_rdma_token_sent`). Its test draws experts within at most 4 nodes (as DeepSeek-V3's
 * router does); the model draws them over every node, so it carries more at EP64.
 */
const DEEPEP_NORMAL: [ep: number, rdmaGBps: number][] = [
  [16, 43],
  [32, 58],
  [64, 51],
];

describe("moeAllToAllS() against DeepEP's published normal-kernel rates", () => {
  const h800 = builtinChips().find((c) => c.id === "nvidia-h800-sxm")!;
  const fabric = fabricOf(
    { ...h800, scaleUp: { ...h800.scaleUp, name: "NVLink" } },
    defaultCollectiveEfficiency("nvidia-hopper"),
  );
  const tokens = 4096;
  const hidden = 7168;

  it.each(DEEPEP_NORMAL)("EP%i combine (BF16) within 25 % of the measured time", (ep, rdmaGBps) => {
    const nodes = ep / 8;
    const touched = Math.min(4, nodes * (1 - (1 - 1 / nodes) ** 8));
    const measuredS = (tokens * touched * hidden * 2) / (rdmaGBps * 1e9);
    const modelS = moeAllToAllS(tokens, hidden, 2, 8, ep, 8, fabric);
    expect(Math.abs(modelS / measuredS - 1)).toBeLessThan(0.25);
  });

  it("sends less over the network than an all-to-all of every expert copy once experts span nodes", () => {
    // EP16 is bound by the NVLink fan-out (7 copies a token); from EP32 on the network sets both, and a token
    // crosses it once per remote node it reaches, (d - 1)(1 - (1 - 1/d)^8) of d nodes, instead of once per remote
    // copy, 8 (d - 1) / d: 2.7 against 6 at EP32, the saving shrinking as random routing reaches more nodes
    const ratio = (ep: number) =>
      moeAllToAllS(tokens, hidden, 1, 8, ep, 8, fabric) /
      collectiveTimeS("allToAll", tokens * 8 * hidden, { size: ep, ranksPerDomain: 8 }, fabric);
    expect(ratio(16)).toBeLessThan(0.7);
    for (const ep of [32, 64, 128]) {
      const d = ep / 8;
      const expected = ((d - 1) * (1 - (1 - 1 / d) ** 8)) / ((8 * (d - 1)) / d);
      expect(Math.abs(ratio(ep) / expected - 1)).toBeLessThan(0.1);
    }
    // inside one node the two agree: every copy crosses NVLink
    const inside = collectiveTimeS("allToAll", tokens * 8 * hidden, { size: 8, ranksPerDomain: 8 }, fabric);
    expect(moeAllToAllS(tokens, hidden, 1, 8, 8, 8, fabric)).toBeCloseTo(inside, 9);
  });

  it("counts a partial last domain by its share of the experts", () => {
    // EP12 over 8-GPU nodes: 4 ranks on the other node hold a third of the experts, reached by 1 - (2/3)^8 of tokens
    const t = moeAllToAllS(tokens, hidden, 2, 8, 12, 8, fabric);
    const remote = 1 - (2 / 3) ** 8;
    const interS = (tokens * remote * hidden * 2) / fabric.interBps + fabric.alphaInterS + fabric.baseS;
    const intraS =
      (tokens * 8 * (7 / 8) * hidden * 2) / fabric.alltoallIntraBps + fabric.alphaIntraS + fabric.baseS;
    expect(t).toBeCloseTo(Math.max(interS, intraS), 12);
    // more ranks on the other node, more of the network: EP12 < EP16 on the network side
    const netOnly = { ...fabric, alltoallIntraBps: 1e18, alltoallPeerBps: 1e18 };
    expect(moeAllToAllS(tokens, hidden, 2, 8, 12, 8, netOnly)).toBeLessThan(
      moeAllToAllS(tokens, hidden, 2, 8, 16, 8, netOnly),
    );
  });

  it("prices an unknown scale-up bandwidth as unpriceable, not free", () => {
    const blind = { ...fabric, alltoallIntraBps: 0, alltoallPeerBps: 0 };
    expect(moeAllToAllS(tokens, hidden, 2, 8, 8, 8, blind)).toBe(Number.POSITIVE_INFINITY);
  });
});
