import { vllmArgsFor, vllmLaunchFor } from "./_vllm-args.ts";
import type { ServeInstanceConfig } from "./serve-instance-config.ts";
import type { ServeExportOptions, ServeLaunch, ServeRole } from "./serve-launch.ts";

/**
 * Arguments after `vllm serve MODEL` for one instance on Ascend NPUs with the vLLM-Ascend plugin (node 0's when it
 * spans nodes): vLLM's CLI, int8 as `--quantization ascend` (msModelSlim W8A8 weights), Mooncake KV transfer for
 * P/D roles and the optional `--additional-config` JSON.
 * @throws FleetcastError "Cannot export fp8 for Ascend: …" for FP8 or FP4, and for an ep vLLM would not use.
 */
export function vllmAscendServeArgs(
  instance: ServeInstanceConfig,
  options: ServeExportOptions & { role?: ServeRole } = {},
): string[] {
  return vllmArgsFor("vllm-ascend", instance, options.role ?? "both", options).args;
}

/**
 * Every role's commands (one per node when an instance spans nodes), each node's Ascend environment
 * (ASCEND_RT_VISIBLE_DEVICES limited to the node's NPUs, HCCL_BUFFSIZE, …) and advisories.
 */
export function vllmAscendServeLaunch(
  instance: ServeInstanceConfig,
  options: ServeExportOptions = {},
): ServeLaunch {
  return vllmLaunchFor("vllm-ascend", instance, options);
}
