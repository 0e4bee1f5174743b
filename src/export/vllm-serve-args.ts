import { vllmArgsFor, vllmLaunchFor } from "./_vllm-args.ts";
import type { ServeInstanceConfig } from "./serve-instance-config.ts";
import type { ServeExportOptions, ServeLaunch, ServeRole } from "./serve-launch.ts";

/**
 * Arguments after `vllm serve MODEL` for one instance on GPUs (node 0's when it spans nodes): parallel degrees
 * (TP, PP, DP attention, expert parallelism), batch and context limits, memory fraction, quantization, and the KV
 * connector for a P/D role.
 * @throws FleetcastError when the instance cannot be expressed (ep ≠ tp·dp, an ep on a dense model). FP8 on Ampere
 * exports `--quantization fp8` (W8A16 there), an FP4 checkpoint before Blackwell no flag (W4A16), as planned.
 * @example vllmServeArgs(instance) // ["--host", "0.0.0.0", "--port", "8000", "--tensor-parallel-size", "8", …]
 */
export function vllmServeArgs(
  instance: ServeInstanceConfig,
  options: ServeExportOptions & { role?: ServeRole } = {},
): string[] {
  return vllmArgsFor("vllm", instance, options.role ?? "both", options).args;
}

/**
 * Every role's commands (one per node when an instance spans nodes), its footprint in devices and chips, and
 * advisories, for vLLM on GPUs.
 */
export function vllmServeLaunch(
  instance: ServeInstanceConfig,
  options: ServeExportOptions = {},
): ServeLaunch {
  return vllmLaunchFor("vllm", instance, options);
}
