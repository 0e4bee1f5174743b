import { clampRanks, ringBusBps } from "./_bandwidth.ts";
import type { Fabric } from "./fabric.ts";
import { protocolSwitchS } from "./protocol-switch.ts";

// Ring collectives (Patarasuk & Yuan 2009; NCCL's ring): all-reduce moves 2(n-1)/n of the buffer through every
// rank in 2(n-1) steps, reduce-scatter and all-gather (n-1)/n in n-1 steps (the nccl-tests busbw factors,
// NVIDIA/nccl-tests doc/PERFORMANCE.md). Of those steps, 2(m-1) (resp. m-1) cross the network when the ring spans
// m domains (NVIDIA/nccl src/graph/tuning.cc counts inter-node ring steps per node the same way).
// Across domains an all-reduce also pays the protocol switch of mid sizes (protocol-switch.ts; every table
// behind it is all_reduce_perf: reduce-scatter, all-gather and broadcast, unmeasured, do not).
// Arguments: n = group size, ranksPerDomain = members sharing one scale-up domain, bytes = nccl-tests "size"
// (the whole buffer per rank: input of all-reduce and reduce-scatter, output of all-gather). Returns seconds.

/** Ring all-reduce time, seconds. */
export function ringAllReduceS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  const interSteps = m > 1 ? 2 * (m - 1) : 0;
  return (
    f.baseS +
    (2 * (n - 1) - interSteps) * f.alphaIntraS +
    interSteps * f.alphaInterS +
    protocolSwitchS(f, bytes, m > 1) +
    ((2 * (n - 1)) / n) * (bytes / ringBusBps(f, r, m))
  );
}

/** Ring reduce-scatter (or all-gather: same cost) time, seconds. */
export function ringReduceScatterS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  const interSteps = m > 1 ? m - 1 : 0;
  return (
    f.baseS +
    (n - 1 - interSteps) * f.alphaIntraS +
    interSteps * f.alphaInterS +
    ((n - 1) / n) * (bytes / ringBusBps(f, r, m))
  );
}

/** Ring all-gather time, seconds: the mirror of reduce-scatter. */
export function ringAllGatherS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  return ringReduceScatterS(n, ranksPerDomain, bytes, f);
}

/** Pipelined ring broadcast time, seconds: n-1 hops of latency, the whole buffer once through each link. */
export function ringBroadcastS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  const interSteps = m > 1 ? m - 1 : 0;
  return (
    f.baseS + (n - 1 - interSteps) * f.alphaIntraS + interSteps * f.alphaInterS + bytes / ringBusBps(f, r, m)
  );
}
