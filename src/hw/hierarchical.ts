import { clampRanks, intraBusBps } from "./_bandwidth.ts";
import type { Fabric } from "./fabric.ts";
import { protocolSwitchS } from "./protocol-switch.ts";

// Hierarchical ("2D") collectives: reduce-scatter inside each domain, the inter-domain collective on the 1/r
// slice each rank now owns (every rank over its own NIC), all-gather inside the domain. This is HCCL's default
// across servers (intra-server Mesh/Ring, inter-server Ring/RHD: hiascend hcclug_000114) and the shape of
// NCCL's NVLSTree/CollNet. Phases run one after the other. The inter phase is recursive halving-doubling:
// log2(m) steps each way, bandwidth-optimal 2(m-1)/m (Thakur, Rabenseifner & Gropp 2005). Inside a full mesh the
// intra phases are one direct step (HCCL Mesh); elsewhere a ring of r-1 steps. Inside a single domain the
// algorithm is the ring or the one-shot itself, so it returns Infinity there (not applicable).

function intraSteps(f: Fabric, r: number): number {
  return r <= 1 ? 0 : f.isMesh ? 1 : r - 1;
}

function interDepth(m: number): number {
  return Math.ceil(Math.log2(m));
}

/** Intra-domain reduce-scatter (or all-gather) phase over r ranks of a `bytes` buffer, seconds, without base. */
function intraPhaseS(f: Fabric, r: number, bytes: number): number {
  if (r <= 1) return 0;
  return intraSteps(f, r) * f.alphaIntraS + (((r - 1) / r) * bytes) / intraBusBps(f, r);
}

/** Hierarchical all-reduce time, seconds; Infinity inside one domain. Arguments as `ringAllReduceS`. */
export function hierarchicalAllReduceS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  if (m <= 1) return Number.POSITIVE_INFINITY;
  const inter =
    2 * interDepth(m) * f.alphaInterS +
    // charged on the whole buffer, as NCCL selects its protocol per call (NVLSTree/CollNet); HCCL's inter phase, its
    // own operation, would see bytes / r (its constants are NCCL's placeholders anyway)
    protocolSwitchS(f, bytes, true) +
    (((2 * (m - 1)) / m) * (bytes / r)) / f.interBps;
  return f.baseS + 2 * intraPhaseS(f, r, bytes) + inter;
}

/** Hierarchical reduce-scatter time, seconds: intra reduce-scatter, then inter reduce-scatter of the slice. */
export function hierarchicalReduceScatterS(
  n: number,
  ranksPerDomain: number,
  bytes: number,
  f: Fabric,
): number {
  if (n <= 1 || bytes <= 0) return 0;
  const r = clampRanks(ranksPerDomain, n);
  const m = n / r;
  if (m <= 1) return Number.POSITIVE_INFINITY;
  const inter = interDepth(m) * f.alphaInterS + (((m - 1) / m) * (bytes / r)) / f.interBps;
  return f.baseS + intraPhaseS(f, r, bytes) + inter;
}

/** Hierarchical all-gather time, seconds: the mirror of reduce-scatter. */
export function hierarchicalAllGatherS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  return hierarchicalReduceScatterS(n, ranksPerDomain, bytes, f);
}
