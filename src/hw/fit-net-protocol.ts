import { A100, H100 } from "./_reference-chips.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { collectiveTimeS } from "./collective-time.ts";
import { type FabricSpec, fabricOf } from "./fabric.ts";

/** One published nccl-tests all_reduce_perf sweep: out-of-place times (us) as printed, by buffer size (bytes). */
export interface AllReduceSweep {
  id: string;
  source: string;
  chip: FabricSpec;
  ranks: number;
  ranksPerDomain: number;
  /** [bytes, us] pairs; sizes missing from the table are left out. */
  points: readonly (readonly [number, number])[];
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/**
 * The largest buffer a fit reads: above it the network busbw sets the time and the term is a rounding error (2-node
 * tree runs there pass the ring's cap, nccl-tests#309's "aberration" of 2 nodes, which no latency term should chase).
 */
export const NET_PROTOCOL_FIT_MAX_BYTES = 64 * MB;

/**
 * Fits `extra = E x bytes / (bytes + b0)` (E us, b0 bytes) to sweeps by least squares in log time over the sizes up to
 * NET_PROTOCOL_FIT_MAX_BYTES, on a grid (E 0-150 us by 1, log2 b0 10-24 by 0.1), the model's own time taken without
 * the term. Returns the best pair and its sum of squared log errors, with the loss without the term and whether the
 * optimum sits on the grid's edge.
 * @example fitNetProtocol(hopperSweeps) // { us: 76, halfBytes: ~790e3, loss: ..., lossWithout: ... }
 */
export function fitNetProtocol(sweeps: readonly AllReduceSweep[]): {
  us: number;
  halfBytes: number;
  loss: number;
  lossWithout: number;
  /** The optimum sits on the grid's edge: the term is absorbing something else (review 24b: A100 on every OCI row). */
  atGridEdge: boolean;
} {
  const rows: { base: number; bytes: number; us: number }[] = [];
  for (const s of sweeps) {
    const fabric = { ...fabricOf(s.chip, defaultCollectiveEfficiency(s.chip.family)), netProtocolMaxS: 0 };
    for (const [bytes, us] of s.points) {
      if (bytes > NET_PROTOCOL_FIT_MAX_BYTES) continue;
      const base = collectiveTimeS(
        "allReduce",
        bytes,
        { size: s.ranks, ranksPerDomain: s.ranksPerDomain },
        fabric,
      );
      rows.push({ base: base * 1e6, bytes, us });
    }
  }
  const loss = (e: number, b0: number) =>
    rows.reduce((sum, r) => sum + Math.log(r.us / (r.base + e / (1 + b0 / r.bytes))) ** 2, 0);
  let best = { us: 0, halfBytes: 1, loss: loss(0, 1) };
  const lossWithout = best.loss;
  for (let e = 1; e <= 150; e++) {
    for (let k = 100; k <= 240; k++) {
      const b0 = 2 ** (k / 10);
      const l = loss(e, b0);
      if (l < best.loss) best = { us: e, halfBytes: b0, loss: l };
    }
  }
  const atGridEdge =
    best.us <= 1 ||
    best.us >= 150 ||
    best.halfBytes <= 2 ** 10 * 1.0001 ||
    best.halfBytes >= 2 ** 24 * 0.9999;
  return { ...best, lossWithout, atGridEdge };
}

/** 2 x 8 A100 sweeps (research/collective-sizes.md): the Ampere profile's fit. */
export const AMPERE_SWEEPS: readonly AllReduceSweep[] = [
  {
    id: "azure-ndm-a100-v4-2n",
    source:
      "Azure NDm A100 v4, 2 x 8 A100, HDR IB 8 x 200G (a write-up of Microsoft's 'Deploy NDm_v4 (A100)' blog)",
    chip: A100,
    ranks: 16,
    ranksPerDomain: 8,
    points: [
      [8, 34],
      [8 * KB, 43],
      [64 * KB, 59],
      [128 * KB, 63],
      [MB, 97],
      [16 * MB, 331],
    ],
  },
  {
    id: "oci-bm-gpu4-8-2n",
    source:
      "oracle-quickstart/oci-hpc-oke README 'Run the NCCL test': OCI BM.GPU4.8, 2 x 8 A100-40GB, 16 x 100G RoCE",
    chip: A100,
    ranks: 16,
    ranksPerDomain: 8,
    points: [
      [8, 36.47],
      [KB, 41.97],
      [8 * KB, 48.16],
      [64 * KB, 51.69],
      [128 * KB, 54.86],
      [256 * KB, 67.95],
      [MB, 85.58],
      [4 * MB, 127.0],
      [16 * MB, 282.7],
      [64 * MB, 821.7],
      [256 * MB, 3042.7],
      [GB, 9187.8],
    ],
  },
];

/** 2 and 4 nodes of 8 H100 on NDR (nccl-tests#309, NCCL 2.26.2; 8 B rows left out: first-size warm-ups). */
export const HOPPER_SWEEPS: readonly AllReduceSweep[] = [
  {
    id: "nccl-tests-309-2n",
    source:
      "NVIDIA/nccl-tests#309 first table: 2 x Dell XE9680 (8 x H100 SXM), 8 x CX-7 NDR 400G, NCCL 2.26.2",
    chip: H100,
    ranks: 16,
    ranksPerDomain: 8,
    points: [
      [KB, 29.75],
      [8 * KB, 32.12],
      [64 * KB, 33.84],
      [128 * KB, 38.77],
      [256 * KB, 48.67],
      [MB, 71.93],
      [4 * MB, 94.38],
      [16 * MB, 185.4],
      [64 * MB, 466.1],
      [256 * MB, 1282.8],
      [GB, 4484.9],
    ],
  },
  {
    id: "nccl-tests-309-4n",
    source:
      "NVIDIA/nccl-tests#309, the same author's 4 hosts (VMs), 8 x H100 and 8 x NDR 400G each, NCCL 2.26.2",
    chip: H100,
    ranks: 32,
    ranksPerDomain: 8,
    points: [
      [KB, 39.79],
      [8 * KB, 46.84],
      [64 * KB, 50.83],
      [128 * KB, 55.87],
      [256 * KB, 67.82],
      [MB, 82.17],
      [4 * MB, 151.1],
      [16 * MB, 259.6],
      [64 * MB, 579.1],
      [256 * MB, 1768.0],
      [GB, 5808.8],
    ],
  },
];

/** Hopper sweeps no fit reads: a second NDR cluster (2 and 8 nodes, nccl-tests#309) and 2 x 8 H20 (nccl#1244). */
export const HOPPER_CHECK_SWEEPS: readonly AllReduceSweep[] = [
  {
    id: "nccl-tests-309-gj-aion-2n",
    source: "NVIDIA/nccl-tests#309, gj-aion's cluster, 2 of its 8 nodes of 8 x H100, IB 400G",
    chip: H100,
    ranks: 16,
    ranksPerDomain: 8,
    points: [
      [MB, 93.25],
      [4 * MB, 110.9],
      [16 * MB, 201.6],
      [64 * MB, 477.2],
    ],
  },
  {
    id: "nccl-1244-h20-2n",
    source: "NVIDIA/nccl#1244 description: 2 x 8 H20, 16 CX-7 NDR, NCCL 2.21.5, default algorithm",
    chip: H100,
    ranks: 16,
    ranksPerDomain: 8,
    points: [
      [MB, 121.8],
      [4 * MB, 127.6],
      [16 * MB, 203.0],
      [64 * MB, 467.9],
    ],
  },
  {
    id: "nccl-tests-309-gj-aion-8n",
    source: "NVIDIA/nccl-tests#309, gj-aion's 8 nodes of 8 x H100, IB 400G",
    chip: H100,
    ranks: 64,
    ranksPerDomain: 8,
    points: [
      [MB, 117.0],
      [4 * MB, 203.8],
      [16 * MB, 378.1],
      [64 * MB, 718.1],
    ],
  },
];
