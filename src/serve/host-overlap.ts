/**
 * Whether a serving engine prepares its next step on the host while the device runs this one (an overlap or
 * asynchronous scheduler), so that a step takes the longer of the two (`hostExposedS` in step-time.ts) instead of
 * their sum. Engines differ, and so do builds of one engine:
 * - SGLang: the overlap scheduler, on by default since v0.4 ("no single idle time on the GPU" over consecutive
 *   decode batches: LMSYS blog 2024-12-04, SGLang v0.4). Its NPU port runs the same scheduler.
 * - TensorRT-LLM: the PyTorch flow's overlap scheduler (the calibration's TensorRT-LLM cases name it).
 * - vLLM: asynchronous scheduling came as an opt-in `--async-scheduling` (vllm-project/vllm#19970, 2025-06) and is on
 *   by default from v0.14.0 (its release notes, 2026-01: "Async scheduling is now enabled by default", #27614). The
 *   ROCm build follows vLLM's versions. (A pipeline overlaps its micro-batches' host work in any build: step-time.ts.)
 * - vLLM-Ascend: on by default from its v0.20 builds (vllm-project/vllm-ascend#9567, 2026-05-26: "async-scheduling
 *   is now enabled by default", at vLLM v0.20.2); before, `--async-scheduling` where the run states it.
 * - MindIE: asynchronous scheduling is an option (`MINDIE_ASYNC_SCHEDULING_ENABLE`, MindIE LLM guide); Huawei's own
 *   profiling case shows the serving decode step at 66-95 ms against 36 ms of model time without it
 *   (docs/research/hbm-bandwidth-and-step-overhead.md). Off unless a run says so.
 * - DeepSeek's and Huawei's in-house systems (deepseek-infer, cloudmatrix-infer): taken to overlap (an assumption:
 *   neither publication describes its host loop).
 * An engine build not named (a plan for today's engines) takes the current default.
 */
export function hostOverlapOf(stackId: string, softwareText: string | null): boolean {
  const text = (softwareText ?? "").toLowerCase();
  // vLLM's --no-async-scheduling, SGLang's --disable-overlap-schedule, TensorRT-LLM's disable_overlap_scheduler
  const refused = /no[-_ ]async[-_ ]?schedul|disable[-_ ]async|disable[-_ ]overlap[-_ ]?schedul/.test(text);
  const asked = /async[-_ ]?schedul/.test(text) && !refused;
  if (refused) return false;
  switch (stackId) {
    case "vllm":
    case "rocm-vllm": {
      const v = engineVersion(text, ["vllm"]);
      if (v === null) return true;
      return asked || atLeast(v, [0, 14]);
    }
    case "vllm-ascend": {
      const v = engineVersion(text, ["vllm-ascend", "vllm ascend"]);
      if (v === null) return true;
      return asked || atLeast(v, [0, 20]);
    }
    case "mindie":
      return asked;
    default:
      return true;
  }
}

/** The first "NAME v0.11.1" / "NAME 0.9.1" version after one of `names` in a software text, as [major, minor]. */
export function engineVersion(text: string, names: readonly string[]): [number, number] | null {
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // "vllm 0.11.1", "vllm v0.10.2", "vllm-ascend v0.9.1", "vllm_0.11.1" (a docker tag), "vllm version 0.6"
    const m = new RegExp(`${escaped}[\\s:=/_-]*(?:version\\s*)?v?(\\d+)\\.(\\d+)`).exec(text);
    if (m) return [Number(m[1]), Number(m[2])];
  }
  return null;
}

function atLeast(v: [number, number], min: [number, number]): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}
