import type { Fabric } from "./fabric.ts";

// Point-to-point send/recv (pipeline-stage activations): one step of latency and the message over one path.
// Inside a domain the path is one peer link (a single 910B HCCS link is 1/7 of the chip's aggregate; on a
// switch the whole NVLink); across domains it is the rank's own NIC. nccl-tests sendrecv busbw = algbw.

/**
 * Send/recv time between two ranks, seconds. `n` is the pair size (2; 1 means no transfer) and
 * `ranksPerDomain` 2 when both ends share a scale-up domain, 1 when the message crosses the network.
 */
export function sendRecvS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  return ranksPerDomain >= 2
    ? f.baseS + f.alphaIntraS + bytes / f.peerBps
    : f.baseS + f.alphaInterS + bytes / f.interBps;
}
