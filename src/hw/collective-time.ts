import { allToAllS } from "./all-to-all.ts";
import { directAllReduceS, directReduceScatterS } from "./direct.ts";
import type { Fabric } from "./fabric.ts";
import { hierarchicalAllReduceS, hierarchicalReduceScatterS } from "./hierarchical.ts";
import { nvlsAllReduceS } from "./nvls.ts";
import { ringAllReduceS, ringBroadcastS, ringReduceScatterS } from "./ring.ts";
import { sendRecvS } from "./send-recv.ts";
import { treeAllReduceS } from "./tree.ts";

/** The collectives the cost model prices. */
export type CollectiveOp =
  | "allReduce"
  | "reduceScatter"
  | "allGather"
  | "allToAll"
  | "broadcast"
  | "sendRecv";

/** The algorithms it can pick from. `direct` is the full-mesh one-shot (and pairwise for all-to-all, send/recv). */
export type CollectiveAlgorithm = "ring" | "tree" | "hierarchical" | "direct" | "nvls";

/** A communicating group: its size and how many of its members share one scale-up domain. */
export interface CollectiveGroup {
  readonly size: number;
  readonly ranksPerDomain: number;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * Time of one algorithm for one collective, seconds; Infinity when the algorithm does not apply (NVLS off a
 * switch, one-shot off a mesh, tree for anything but all-reduce as in NCCL).
 */
export function algorithmTimeS(
  op: CollectiveOp,
  algorithm: CollectiveAlgorithm,
  bytes: number,
  group: CollectiveGroup,
  fabric: Fabric,
): number {
  const n = group.size;
  const r = group.ranksPerDomain;
  switch (op) {
    case "allReduce":
      if (algorithm === "ring") return ringAllReduceS(n, r, bytes, fabric);
      if (algorithm === "tree") return treeAllReduceS(n, r, bytes, fabric);
      if (algorithm === "hierarchical") return hierarchicalAllReduceS(n, r, bytes, fabric);
      if (algorithm === "direct") return directAllReduceS(n, r, bytes, fabric);
      return nvlsAllReduceS(n, r, bytes, fabric);
    case "reduceScatter":
    case "allGather":
      if (algorithm === "ring") return ringReduceScatterS(n, r, bytes, fabric);
      if (algorithm === "hierarchical") return hierarchicalReduceScatterS(n, r, bytes, fabric);
      if (algorithm === "direct") return directReduceScatterS(n, r, bytes, fabric);
      return n <= 1 || bytes <= 0 ? 0 : INF;
    case "allToAll":
      return algorithm === "direct" ? allToAllS(n, r, bytes, fabric) : n <= 1 || bytes <= 0 ? 0 : INF;
    case "broadcast":
      return algorithm === "ring" ? ringBroadcastS(n, r, bytes, fabric) : n <= 1 || bytes <= 0 ? 0 : INF;
    case "sendRecv":
      return algorithm === "direct" ? sendRecvS(n, r, bytes, fabric) : n <= 1 || bytes <= 0 ? 0 : INF;
  }
}

/**
 * Time of a collective with the algorithm a tuned library would pick (the fastest the model knows for that op
 * on that fabric), seconds. Allocation-free: a handful of arithmetic operations per candidate.
 * `bytes` follows nccl-tests "size": the whole buffer per rank (all-gather: the gathered output; all-to-all:
 * the whole send buffer; send/recv: the message). Bytes <= 0 or a group of one cost nothing.
 * @example collectiveTimeS("allReduce", 2 ** 30, { size: 8, ranksPerDomain: 8 }, h100Fabric) // ~2.2e-3
 */
export function collectiveTimeS(
  op: CollectiveOp,
  bytes: number,
  group: CollectiveGroup,
  fabric: Fabric,
): number {
  const n = group.size;
  const r = group.ranksPerDomain;
  switch (op) {
    case "allReduce": {
      let t = ringAllReduceS(n, r, bytes, fabric);
      const tree = treeAllReduceS(n, r, bytes, fabric);
      if (tree < t) t = tree;
      const hier = hierarchicalAllReduceS(n, r, bytes, fabric);
      if (hier < t) t = hier;
      const direct = directAllReduceS(n, r, bytes, fabric);
      if (direct < t) t = direct;
      const nvls = nvlsAllReduceS(n, r, bytes, fabric);
      return Math.min(nvls, t);
    }
    case "reduceScatter":
    case "allGather": {
      let t = ringReduceScatterS(n, r, bytes, fabric);
      const hier = hierarchicalReduceScatterS(n, r, bytes, fabric);
      if (hier < t) t = hier;
      const direct = directReduceScatterS(n, r, bytes, fabric);
      return Math.min(direct, t);
    }
    case "allToAll":
      return allToAllS(n, r, bytes, fabric);
    case "broadcast":
      return ringBroadcastS(n, r, bytes, fabric);
    case "sendRecv":
      return sendRecvS(n, r, bytes, fabric);
  }
}

const ALGORITHMS: readonly CollectiveAlgorithm[] = ["ring", "tree", "hierarchical", "direct", "nvls"];

/** Which algorithm `collectiveTimeS` picks, with its time (for reports and tests; allocates one object). */
export function bestCollectiveAlgorithm(
  op: CollectiveOp,
  bytes: number,
  group: CollectiveGroup,
  fabric: Fabric,
): { algorithm: CollectiveAlgorithm; timeS: number } {
  let best: CollectiveAlgorithm = op === "allToAll" || op === "sendRecv" ? "direct" : "ring";
  let bestS = algorithmTimeS(op, best, bytes, group, fabric);
  for (const algorithm of ALGORITHMS) {
    const t = algorithmTimeS(op, algorithm, bytes, group, fabric);
    if (t < bestS) {
      best = algorithm;
      bestS = t;
    }
  }
  return { algorithm: best, timeS: bestS };
}
