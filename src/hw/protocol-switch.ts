import type { Fabric } from "./fabric.ts";

/**
 * What an all-reduce of `bytes` crossing the scale-out network pays for the library's switch from its low-latency
 * protocol to its bandwidth one, seconds (0 inside one domain): netProtocolMaxS x bytes / (bytes + halfBytes).
 */
export function protocolSwitchS(f: Fabric, bytes: number, crossesNetwork: boolean): number {
  // written as E / (1 + b0 / bytes): each operation is monotone, so the rounded result still grows with the buffer
  // (E x bytes / (bytes + b0) fell by an ulp between neighbouring sizes: a property test found it)
  return crossesNetwork && bytes > 0 ? f.netProtocolMaxS / (1 + f.netProtocolHalfBytes / bytes) : 0;
}
