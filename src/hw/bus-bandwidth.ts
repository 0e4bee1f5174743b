import type { CollectiveOp } from "./collective-time.ts";

/**
 * The nccl-tests bus-bandwidth factor busbw / algbw for a group of n (NVIDIA/nccl-tests doc/PERFORMANCE.md):
 * all-reduce 2(n-1)/n; reduce-scatter, all-gather and all-to-all (n-1)/n; broadcast and send/recv 1.
 * HCCL's hccl_test reports algbw only (hiascend HCCLpertest_16_0006), so convert with this before comparing.
 */
export function busBwFactor(op: CollectiveOp, n: number): number {
  if (n <= 1) return 0;
  if (op === "allReduce") return (2 * (n - 1)) / n;
  if (op === "broadcast" || op === "sendRecv") return 1;
  return (n - 1) / n;
}

/** Bus bandwidth in GB/s of a collective of `bytes` (nccl-tests "size") over n ranks that took timeS seconds. */
export function busBwGBps(op: CollectiveOp, bytes: number, n: number, timeS: number): number {
  return ((bytes / timeS) * busBwFactor(op, n)) / 1e9;
}
