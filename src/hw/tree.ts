import { clampRanks, ringBusBps } from "./_bandwidth.ts";
import type { Fabric } from "./fabric.ts";
import { protocolSwitchS } from "./protocol-switch.ts";

// NCCL's tree all-reduce (double binary tree across nodes, a chain inside each node; Sanders, Speck & Träff 2009
// for the double binary tree). Latency per NVIDIA/nccl src/graph/tuning.cc: 2 x ((ranks per node - 1) intra
// steps + log2(nodes) network steps). Bandwidth: tree algbw = 0.5 x 0.92 x busbw (same file: "busBw*.92",
// ratio .5), i.e. the whole buffer up and down once, 8% below the pipe rate.
const TREE_BW_FRACTION = 0.92;

/** Tree (double-binary-tree) all-reduce time, seconds. Arguments as `ringAllReduceS`. */
export function treeAllReduceS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  const treeDepth = m > 1 ? Math.ceil(Math.log2(m)) : 0;
  return (
    f.baseS +
    2 * ((r - 1) * f.alphaIntraS + treeDepth * f.alphaInterS) +
    protocolSwitchS(f, bytes, m > 1) +
    (2 * bytes) / (TREE_BW_FRACTION * ringBusBps(f, r, m))
  );
}
