import type { ChipFamily } from "../chips/index.ts";
import type { StackRole } from "./stack-schema.ts";

/**
 * The usual stack per chip family and role: Megatron / vLLM on NVIDIA, MindSpeed / vLLM-Ascend on Ascend
 * (MindSpore / MindIE named for the 910A, which vLLM-Ascend does not support: research/hardware.md §5.5), the ROCm
 * builds on AMD. Families without a stack in the catalog (TPU, Cambricon, other) get Megatron / vLLM as a
 * generic stand-in. The name is not a promise that the stack runs there: the catalog's MindIE does not list the
 * 910A (no source says it serves on it), nor vLLM the TPU; callers check `runsOn` and say so (stackChoiceHint).
 * @example defaultStackFor("ascend-910b", "serve") // "vllm-ascend"
 */
export function defaultStackFor(family: ChipFamily, role: StackRole): string {
  if (family === "ascend-910a") return role === "train" ? "mindspore" : "mindie";
  if (family.startsWith("ascend-")) return role === "train" ? "mindspeed" : "vllm-ascend";
  if (family.startsWith("amd-")) return role === "train" ? "rocm-megatron" : "rocm-vllm";
  return role === "train" ? "megatron" : "vllm";
}
