import { clampRanks } from "./_bandwidth.ts";
import type { Fabric } from "./fabric.ts";

// Pairwise all-to-all (NCCL grouped send/recv, DeepEP dispatch/combine): a rank sends 1/n of its buffer to each
// of the other n-1 members at once. The r-1 peers of its own domain are reached over the scale-up fabric, the
// n-r others over its NIC; both run concurrently, so the slower share sets the time. nccl-tests alltoall busbw =
// algbw x (n-1)/n. Measured anchors (hardware.md §5.3): H800 EP8 153/158 GB/s over NVLink, EP>=16 drops to
// the ~43-58 GB/s RDMA rate; CloudMatrix UB keeps EP up to 128 inside the domain at 57-146 GB/s.

/** All-to-all time, seconds; `bytes` = the whole send buffer of one rank (1/n to each member, itself included). */
export function allToAllS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  let intraS = 0;
  if (r > 1) {
    const viaPeers = (r - 1) * f.alltoallPeerBps;
    const bw = Math.min(viaPeers, f.alltoallIntraBps);
    intraS = (((r - 1) / n) * bytes) / bw;
  }
  const interS = n > r ? (((n - r) / n) * bytes) / f.interBps : 0;
  return f.baseS + (n > r ? f.alphaInterS : f.alphaIntraS) + Math.max(interS, intraS);
}
