import { intraBusBps } from "./_bandwidth.ts";
import type { Fabric } from "./fabric.ts";

// One-shot ("Mesh") collectives on a switchless full mesh: every rank sends each peer its 1/n share at once
// over the direct links, so reduce-scatter and all-gather take one step each and all-reduce two. HCCL picks Mesh
// inside an 8-NPU 910B server (hiascend hcclug_000114). Bandwidth: (n-1) links of one peer's rate each
// (hardware.md §1: a 910B pair gets 1/7 of the 196 GB/s aggregate). Only for groups inside one mesh domain:
// elsewhere they return Infinity (not applicable).

/** One-shot all-reduce time on a full mesh, seconds; Infinity off-mesh or across domains. */
export function directAllReduceS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  if (!f.isMesh || ranksPerDomain < n) return Number.POSITIVE_INFINITY;
  return f.baseS + 2 * f.alphaIntraS + (((2 * (n - 1)) / n) * bytes) / intraBusBps(f, n);
}

/** One-shot reduce-scatter (or all-gather) time on a full mesh, seconds; Infinity off-mesh or across domains. */
export function directReduceScatterS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  if (!f.isMesh || ranksPerDomain < n) return Number.POSITIVE_INFINITY;
  return f.baseS + f.alphaIntraS + (((n - 1) / n) * bytes) / intraBusBps(f, n);
}

/** One-shot all-gather time on a full mesh, seconds: the mirror of reduce-scatter. */
export function directAllGatherS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  return directReduceScatterS(n, ranksPerDomain, bytes, f);
}
