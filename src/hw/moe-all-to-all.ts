import type { Fabric } from "./fabric.ts";

/**
 * Time of one MoE dispatch (or combine) of `tokens` tokens of `hidden` elements over an expert-parallel group, with
 * hierarchical routing as DeepEP does it (deepseek-ai/DeepEP README: internode kernels send each token once per
 * remote node over RDMA and fan it out over NVLink; DeepSeek-V3 §3.2.2): every one of the topK copies crosses the
 * scale-up fabric, but only one copy per distinct remote domain crosses the scale-out network. With random
 * routing over D domains a token reaches (D-1)(1-(1-1/D)^k) remote domains on average (a partial last domain
 * counted by its share of the experts). The two fabrics work in
 * parallel: the slower one sets the time, plus one network latency.
 */
export function moeAllToAllS(
  tokens: number,
  hidden: number,
  bytesPerElement: number,
  topK: number,
  ep: number,
  epPerDomain: number,
  fabric: Fabric,
): number {
  if (ep <= 1 || tokens <= 0) return 0;
  const perDomain = Math.max(1, Math.min(ep, epPerDomain));
  const tokenBytes = hidden * bytesPerElement;
  // Copies leaving the rank inside its domain (to the other perDomain-1 ranks, incl. forwarding of remote arrivals).
  const intraCopies = topK * ((perDomain - 1) / perDomain);
  // a mesh's links in parallel, no faster than the rank's whole all-to-all rate (review 39: the 910B's measured rank
  // rate, 0.27 of its mesh, bounds the seven links' 0.64 each; allToAllS caps them alike)
  const intraBps = fabric.isMesh
    ? Math.min(fabric.alltoallPeerBps * (perDomain - 1), fabric.alltoallIntraBps)
    : fabric.alltoallIntraBps;
  // an unknown scale-up bandwidth cannot be priced: Infinity, as allToAllS gives (it was free before review 22)
  const intraS =
    perDomain <= 1
      ? 0
      : intraBps > 0
        ? (tokens * intraCopies * tokenBytes) / intraBps
        : Number.POSITIVE_INFINITY;
  let interS = 0;
  if (ep > perDomain) {
    // the rank sits in a full domain; the others are full ones and, when EP is no multiple of the domain, one
    // partial domain of the remaining ranks (EP128 over 72-GPU racks: 56 ranks): a domain holding a share s of the
    // experts is reached with probability 1 - (1 - s)^k
    const full = Math.floor(ep / perDomain);
    const rest = ep - full * perDomain;
    const remoteDomains =
      (full - 1) * (1 - (1 - perDomain / ep) ** topK) + (rest > 0 ? 1 - (1 - rest / ep) ** topK : 0);
    interS =
      fabric.interBps > 0
        ? (tokens * remoteDomains * tokenBytes) / fabric.interBps + fabric.alphaInterS
        : Number.POSITIVE_INFINITY;
  }
  return Math.max(intraS + (perDomain > 1 ? fabric.alphaIntraS : 0), interS) + fabric.baseS;
}
