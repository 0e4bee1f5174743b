import type { Fabric } from "./fabric.ts";

/**
 * Achievable bus bandwidth (B/s) of one rank when `r` ranks of a group share one scale-up domain. On a switch
 * every rank drives its whole link; on a switchless mesh a rank reaches the other r-1 members over r-1 direct
 * links only (hardware.md §1, §4 item 5: 910B all_reduce on 2 cards runs at one link's 28 GB/s, not 196).
 */
export function intraBusBps(f: Fabric, r: number): number {
  if (r <= 1) return Number.POSITIVE_INFINITY;
  const viaPeers = (r - 1) * f.peerBps;
  return Math.min(viaPeers, f.intraBps);
}

/**
 * Bus bandwidth (B/s) of a ring or pipelined collective over `m` domains with `r` ranks in each. A ring crosses
 * each domain boundary once per channel, and NCCL spreads the channels over the r NICs of the domain, so the
 * network side carries r x NIC per rank: DGX-A100 with 8x200G IB measures 192 GB/s all-reduce busbw
 * (NVIDIA/nccl#812), close to 8 x 25 GB/s, not 25.
 */
export function ringBusBps(f: Fabric, r: number, m: number): number {
  const intra = intraBusBps(f, r);
  if (m <= 1) return intra;
  const network = r * f.interBps;
  return Math.min(network, intra);
}

/** Clamps ranks-per-domain to [1, n] so a caller's rounding cannot make a cost negative. */
export function clampRanks(ranksPerDomain: number, n: number): number {
  return ranksPerDomain < 1 ? 1 : Math.min(ranksPerDomain, n);
}
