import type { ChipFamily } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";

/**
 * The extended resource a Kubernetes device plugin advertises for a chip family:
 * - `nvidia.com/gpu` — NVIDIA k8s-device-plugin (github.com/NVIDIA/k8s-device-plugin, README "Running GPU Jobs");
 * - `huawei.com/Ascend910` — Ascend Device Plugin of MindCluster, for 910-series NPUs; an Atlas A3 (910C) node
 *   shows its 16 dies as 16 devices (MindCluster docs, "Usage on the Containerd Integrated with Kubernetes",
 *   https://www.hiascend.com/document/detail/en/mindcluster/730/clustersched/schedulingug/dlruntime_ug_007.html);
 * - `amd.com/gpu` — ROCm k8s-device-plugin (github.com/ROCm/k8s-device-plugin, README).
 * @throws FleetcastError for families whose resource name is not documented (Ascend 950, TPU, others).
 */
export function acceleratorResourceName(family: ChipFamily, chipId: string = family): string {
  if (family.startsWith("nvidia")) return "nvidia.com/gpu";
  if (family === "ascend-910a" || family === "ascend-910b" || family === "ascend-910c")
    return "huawei.com/Ascend910";
  if (family.startsWith("amd-")) return "amd.com/gpu";
  throw new FleetcastError(
    `Cannot export a Kubernetes resource request for ${chipId}: no documented device-plugin resource for family ${family}`,
    "chip",
  );
}
