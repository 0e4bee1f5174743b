import type { Fabric } from "./fabric.ts";

// In-switch reduction (NVLink SHARP, "NVLS") all-reduce: the NVSwitch adds the contributions, so each GPU
// sends and receives the buffer about once. Measured 8xH100 algbw ~273-275 GB/s of 450 (nccl-tests#212;
// nccl#1455: algbw 258-273 for 5-8 GPUs), i.e. busbw up to ~480 > link rate. NCCL charges it a flat 23 us on
// NVLink (NVIDIA/nccl src/graph/tuning.cc hwLat NVLS), so it only wins for large messages. Inside one domain
// only (NVLSTree across nodes is not modelled).

/** NVLS all-reduce time, seconds; Infinity when the fabric has no in-switch reduction or the group spans domains. */
export function nvlsAllReduceS(n: number, ranksPerDomain: number, bytes: number, f: Fabric): number {
  if (n <= 1 || bytes <= 0) return 0;
  if (f.nvlsAlgBps <= 0 || ranksPerDomain < n) return Number.POSITIVE_INFINITY;
  return f.nvlsS + bytes / f.nvlsAlgBps;
}
