import type { Fabric } from "./fabric.ts";

/**
 * Time of one MoE dispatch (or combine) of `tokens` tokens of `hidden` elements over an expert-parallel group, with
 * hierarchical routing as DeepEP does it (deepseek-ai/DeepEP README: internode kernels send each token once per
 * remote node over RDMA and fan it out over NVLink; DeepSeek-V3 §3.2.2): every one of the topK copies crosses the
 * scale-up fabric, but only one copy per distinct remote domain crosses the scale-out network. With random
 * routing over D domains a token reaches (D-1)(1-(1-1/D)^k) remote domains on average. The two fabrics work in
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
  const domains = ep / perDomain;
  const tokenBytes = hidden * bytesPerElement;
  // Copies leaving the rank inside its domain (to the other perDomain-1 ranks, incl. forwarding of remote arrivals).
  const intraCopies = topK * ((perDomain - 1) / perDomain);
  const intraBps = fabric.isMesh ? fabric.alltoallPeerBps * (perDomain - 1) : fabric.alltoallIntraBps;
  const intraS = intraBps > 0 && perDomain > 1 ? (tokens * intraCopies * tokenBytes) / intraBps : 0;
  let interS = 0;
  if (domains > 1) {
    const remoteDomains = (domains - 1) * (1 - (1 - 1 / domains) ** topK);
    interS =
      fabric.interBps > 0
        ? (tokens * remoteDomains * tokenBytes) / fabric.interBps + fabric.alphaInterS
        : Number.POSITIVE_INFINITY;
  }
  return Math.max(intraS + (perDomain > 1 ? fabric.alphaIntraS : 0), interS) + fabric.baseS;
}
