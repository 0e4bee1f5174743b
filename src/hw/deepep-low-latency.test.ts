import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { collectiveTimeS } from "./collective-time.ts";
import { fabricOf } from "./fabric.ts";

/**
 * DeepEP's low-latency kernels on H800 + CX-7 400G, 128 tokens per batch, hidden 7168, top-8, FP8 dispatch and BF16
 * combine (deepseek-ai/DeepEP README, "Low-latency kernels with pure RDMA"): dispatch / combine latency in µs.
 * Internode sizes only: at EP8 DeepEP's low-latency mode still goes through RDMA, where our model uses NVLink.
 */
const DEEPEP_LL: [ep: number, dispatchUs: number, combineUs: number][] = [
  [16, 118, 195],
  [32, 155, 273],
  [64, 173, 314],
  [128, 192, 369],
  [256, 194, 360],
];

describe("collectiveTimeS() all-to-all against DeepEP's published low-latency figures", () => {
  const h800 = builtinChips().find((c) => c.id === "nvidia-h800-sxm")!;
  const fabric = fabricOf(
    { ...h800, scaleUp: { ...h800.scaleUp, name: "NVLink" } },
    defaultCollectiveEfficiency("nvidia-hopper"),
  );
  const bytes = 128 * 8 * 7168;

  it.each(DEEPEP_LL)("EP%i dispatch and combine within 30 %", (ep, dispatchUs, combineUs) => {
    const group = { size: ep, ranksPerDomain: 8 };
    const dispatch = collectiveTimeS("allToAll", bytes, group, fabric) * 1e6;
    const combine = collectiveTimeS("allToAll", 2 * bytes, group, fabric) * 1e6;
    expect(Math.abs(dispatch / dispatchUs - 1)).toBeLessThan(0.3);
    expect(Math.abs(combine / combineUs - 1)).toBeLessThan(0.3);
  });
});
