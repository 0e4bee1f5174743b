/**
 * Whether a serving engine prepares its next step on the host while the device runs this one (an overlap or
 * asynchronous scheduler), so that a step takes the longer of the two (`hostExposedS` in step-time.ts) instead of
 * their sum. Engines differ, and so do builds of one engine:
 * - SGLang: the overlap scheduler, on by default since v0.4 ("no single idle time on the GPU" over consecutive
 *   decode batches: LMSYS blog 2024-12-04, SGLang v0.4). Its NPU port runs the same scheduler.
 * - TensorRT-LLM: the PyTorch backend's overlap scheduler, on unless `disable_overlap_scheduler` is set (its LLM API
 *   option; the calibration's max-throughput case names the scheduler).
 * - vLLM: asynchronous scheduling came as an opt-in `--async-scheduling` (vllm-project/vllm#19970, 2025-06) and is on
 *   by default from v0.14.0 (its release notes, 2026-01: "Async scheduling is now enabled by default", #27614). The
 *   ROCm build follows vLLM's versions. (A pipeline overlaps each micro-batch's host work with the others' device
 *   time in any build: step-time.ts.)
 * - vLLM-Ascend: on by default by its v0.20.2 builds (vllm-project/vllm-ascend#9567, 2026-05-26: "async-scheduling
 *   is now enabled by default"; when it became the default before that is not stated, so earlier builds are taken
 *   without it unless a run states `--async-scheduling`).
 * - MindIE: asynchronous scheduling is an option (`MINDIE_ASYNC_SCHEDULING_ENABLE`, MindIE LLM guide); Huawei's own
 *   profiling case shows the serving decode step at 66-95 ms against 36 ms of model time without it
 *   (docs/research/hbm-bandwidth-and-step-overhead.md). Off unless a run says so.
 * - DeepSeek's and Huawei's in-house systems (deepseek-infer, cloudmatrix-infer): taken to overlap (an assumption:
 *   neither publication describes its host loop).
 * A plan (no text) is for today's builds; a case's text is read for its build's version or date (`builtSince`).
 */
export function hostOverlapOf(stackId: string, softwareText: string | null, notesText = ""): boolean {
  const software = (softwareText ?? "").toLowerCase();
  const text = `${software}\n${notesText.toLowerCase()}`;
  // vLLM's --no-async-scheduling, SGLang's --disable-overlap-schedule, TensorRT-LLM's disable_overlap_scheduler, and
  // the words a run's description uses ("no overlap scheduling": LMSYS's MTP blog, review 26b)
  const refused =
    /no[-_ ]async[-_ ]?schedul|disable[-_ ]async|disable[-_ ]overlap[-_ ]?schedul|(no|without) overlap[-_ ]?schedul|overlap[-_ ]?schedul\w* (off|disabled)/.test(
      text,
    );
  if (refused) return false;
  const asked = /async[-_ ]?schedul|overlap[-_ ]?schedul\w* on/.test(text);
  switch (stackId) {
    case "vllm":
    case "rocm-vllm":
      return asked || builtSince(softwareText, ["vllm"], [0, 14], [2026, 1]);
    case "vllm-ascend":
      return asked || builtSince(softwareText, ["vllm-ascend", "vllm ascend"], [0, 20], [2026, 5]);
    case "mindie":
      return asked;
    case "sglang":
      return asked || builtSince(softwareText, ["sglang"], [0, 4], [2024, 12]);
    default:
      return true;
  }
}

/**
 * Whether a run's build is at least the one that turned a default on: its version where the software text gives one
 * (also "~v0.10.1"), else its date ("2025-08-19", "mid-2026", "2024"; review 26b: these had been read as today's); a
 * plan (no text), or a case whose text neither versions nor dates its build, takes today's. Tried on 2026-12-01: taking
 * an undated case as older instead moved 300 held-out runs from 24.4 % to 26.0 % (InferenceX's undated gpt-oss runs
 * on H100, 12.7 -> 42.9 %), calibration 8.3 -> 8.0 % in-sample, the same left out.
 */
export function builtSince(
  softwareText: string | null,
  names: readonly string[],
  version: [number, number],
  date: [number, number],
): boolean {
  if (softwareText === null) return true;
  const text = softwareText.toLowerCase();
  const v = engineVersion(text, names) ?? approximateVersion(text);
  if (v !== null) return atLeast(v, version);
  const d = buildDate(text);
  return d === null || atLeast(d, date);
}

/** "~v0.10.1" / "~0.8.5" anywhere in a text, as [major, minor]. */
function approximateVersion(text: string): [number, number] | null {
  const m = /~\s*v?(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The first date a text gives, as [year, month]: "2025-08-19", "2025-08", "mid-2026" (June), "early 2025", "2024". */
function buildDate(text: string): [number, number] | null {
  const ym = /\b(20\d\d)-(\d\d)\b/.exec(text);
  if (ym) return [Number(ym[1]), Number(ym[2])];
  const season = /\b(early|mid|late)[- ](20\d\d)\b/.exec(text);
  if (season) return [Number(season[2]), season[1] === "early" ? 2 : season[1] === "mid" ? 6 : 10];
  const year = /\b(20[12]\d)\b/.exec(text);
  return year ? [Number(year[1]), 6] : null;
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
