import { builtSince, engineVersion } from "./host-overlap.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";

/**
 * How an engine launches a step's kernels, decode-only steps and steps that carry prompt tokens:
 * - `full`: every step replays one captured graph (CUDA graphs, ACLGraph FULL, torchair/GE graphs, xlite; taken for
 *   TensorRT-LLM, SGLang, MindIE and in-house engines): the host launches one graph, each kernel pays only its device
 *   latency (step-time.ts, `KERNEL_LATENCY_S`).
 * - `full-and-piecewise`: decode-only steps in one graph, steps with prompt tokens piecewise (vLLM's default from
 *   v0.11.0, vLLM-Ascend's from v0.21).
 * - `decode-only`: FULL_DECODE_ONLY: decode-only steps in one graph, steps with prompt tokens eager (vLLM's CUDA-graph
 *   design; vLLM-Ascend's recommended mode before v0.21).
 * - `piecewise`: the layers between attention calls are captured, attention's operators launched one by one by the
 *   host each layer (vLLM V1's PIECEWISE default before v0.11; vLLM-Ascend's ACLGraph default from v0.9 to v0.20).
 * - `eager`: every operator is launched by the host (`--enforce-eager`, vLLM-Ascend before v0.9).
 * Where the host launches, the device waits whenever launching a layer takes longer than running it: the step is
 * no shorter than the host's dispatch time (`hostDispatchS`).
 */
export const GRAPH_MODES = ["full", "full-and-piecewise", "decode-only", "piecewise", "eager"] as const;
export type GraphMode = (typeof GRAPH_MODES)[number];

// A stated mode. cudagraph_mode / aclgraph_mode values (vLLM, vLLM-Ascend), vLLM 0.9-0.10's full_cuda_graph (decode
// steps in one graph), torchair and xlite graphs only where enabled.
const STATED: readonly (readonly [RegExp, GraphMode])[] = [
  [/(cuda|acl)graph_mode["'\s:=]*full_and_piecewise\b/, "full-and-piecewise"],
  [/(cuda|acl)graph_mode["'\s:=]*full\b(?!_)/, "full"],
  [/(cuda|acl)graph_mode["'\s:=]*piecewise\b/, "piecewise"],
  [/(cuda|acl)graph_mode["'\s:=]*none\b/, "eager"],
  [/full_cuda_graph["'\s:=]*true/, "decode-only"],
  [/(torchair|xlite)_graph_config[^}]*enabled["'\s:=]*true/, "full"],
];
// FULL_DECODE_ONLY, with its key or without ("cudagraph_mode": "FULL_DECODE_ONLY", "aclgraph FULL_DECODE_ONLY")
const DECODE_ONLY_NAMED = /full[_ ]decode[_ ]only/;
// the flags that turn graphs off: --enforce-eager (not --no-enforce-eager, not "enforce_eager: false"), SGLang's
// --disable-cuda-graph (not --disable-cuda-graph-padding), TensorRT-LLM's use_cuda_graph false / cuda_graph_config null
const EAGER =
  /(^|[^-\w])-?-?enforce[-_]eager(?![-\w])(?!["'\s]*[:=]\s*false)|disable[-_]cuda[-_]graph(?![-\w])(?!["'\s]*[:=]\s*false)|use_cuda_graph["'\s]*[:=]\s*false|cuda_graph_config["'\s]*[:=]\s*(null|none)\b/;

/**
 * The graph mode a run's engine build uses (its command's flags, else its build's default), or today's builds'
 * default for a plan (no text):
 * - vLLM: V1's PIECEWISE until v0.11.0, which made FULL_AND_PIECEWISE the default (vllm-project/vllm#25444,
 *   2025-09-23); V0 (before 0.8 unless the text names V1, or `VLLM_USE_V1=0`) captured decode graphs, its prompts
 *   eager (`decode-only`).
 * - vLLM-Ascend: eager before v0.9 (graph mode by default from v0.9.0rc1 or v0.9.1rc1: its guides differ, vllm-ascend
 *   #1083); ACLGraph PIECEWISE from then (FULL_AND_PIECEWISE downgraded to it on NPU: vllm-ascend#5739, 2026-01) until
 *   FULL_AND_PIECEWISE became the default (v0.21.0rc1's release notes; "FULL_AND_PIECEWISE: the default mode", the
 *   v0.23.0 and later graph-mode guides).
 * - Other engines: `full` unless the run turns graphs off.
 * A run's notes are read for FULL_DECODE_ONLY only where they name the decode node's mode (a disaggregated run's notes
 * give its prefill node's eager flags beside it; other notes name other runs' flags).
 */
export function graphModeOf(stackId: string, softwareText: string | null, notesText = ""): GraphMode {
  const software = (softwareText ?? "").toLowerCase();
  for (const [pattern, mode] of STATED) if (pattern.test(software)) return mode;
  if (DECODE_ONLY_NAMED.test(software)) return "decode-only";
  if (/decode[^.;\n]*full[_ ]decode[_ ]only/.test(notesText.toLowerCase())) return "decode-only";
  if (EAGER.test(software)) return "eager";
  switch (stackId) {
    case "vllm":
    case "rocm-vllm": {
      if (softwareText === null) return "full-and-piecewise";
      const v = engineVersion(software, ["vllm"]);
      const v0 =
        /vllm_use_v1["'\s]*=\s*0/.test(software) ||
        (v !== null && v[0] === 0 && v[1] < 8 && !/\bv1\b|vllm_use_v1=1/.test(software));
      if (v0) return "decode-only";
      return builtSince(softwareText, ["vllm"], [0, 11], [2025, 10]) ? "full-and-piecewise" : "piecewise";
    }
    case "vllm-ascend": {
      if (softwareText === null) return "full-and-piecewise";
      // a run read as vLLM-Ascend only by its chip, or a Huawei stack built on vLLM (Omni-Infer, MindIE's vLLM
      // frontend, "vLLM-based"), is taken to run its own fused graphs
      if (!/vllm[-_ ]?ascend|vllm \+ |vllm serve|vllm\.entrypoints|\bvllm v?\d/.test(software)) return "full";
      if (/vllm-based|omni-infer|mindie/.test(software)) return "full";
      const names = ["vllm-ascend", "vllm ascend", "vllm_ascend"];
      if (builtSince(softwareText, names, [0, 21], [2026, 6])) return "full-and-piecewise";
      return builtSince(softwareText, names, [0, 9], [2025, 6]) ? "piecewise" : "eager";
    }
    default:
      return "full";
  }
}

// Host time to launch one layer's operators where the host launches them, seconds (the step is no shorter than the
// layers' sum, the device idling while the host falls behind: Ascend's own host-bound analysis guide, "Host Bound
// Issue Classification", MindStudio 8.3).
// - Ascend (torch_npu) PIECEWISE: 0.8 ms a layer, one profile: a decode transformer block of Qwen3-VL-30B-A3B on two
//   910B3 under vLLM-Ascend 0.18.0rc1 took 832 us, 591 us of it with the NPU free, until FULL_DECODE_ONLY was set
//   (vllm-ascend#9404, 2026-05; the mode before is not stated, the default PIECEWISE read). Two held-out runs read as
//   PIECEWISE sit below it (review 38): vLLM-Ascend issue 1605's Qwen3-30B-A3B (mid-2025 main) decodes at 23.9 ms
//   over 48 layers (0.50 ms a layer), issue 4395's Qwen3-235B (v0.11) at 71.4 ms over 94 (0.76): the figure varies
//   with the host and build; 0.5 was tried (history, stop 38).
// - Ascend eager: the same 0.8 ms, which no published eager run contradicts: a lower bound. Qwen2.5-0.5B eager at 50 in
//   flight steps in ~19 ms over 24 layers (blind-23a, held out), QwQ-32B W8A8 eager at one in flight 95 ms over 64
//   (1.5 ms, blind-36), and the xlite team's A/B puts an eager 512-token prompt step ~110 ms above a captured one
//   (Qwen3-32B, 64 layers, TTFT 181 against 71 ms: vllm-ascend PR 4526; Qwen3-VL-8B, 36 layers, 178 against 69: PR
//   5228), 1.7-3.0 ms a layer: eager launches vary with the model's operators (quantisation, norms).
// - GPU eager: 0.15 ms a layer, an estimate: 9.4 us of CPU a kernel in PyTorch eager on H100 (NVIDIA/Fuser#3507) x ~16
//   launches a vLLM decoder layer (its 9 fused kernels, step-time.ts, plus cache writes, residual adds and views: an
//   assumption). Qwen2.5-Omni-7B's thinker (28 layers) on two A800 decoding at ~22-23 ms a token with
//   `enforce_eager` against ~13 ms with CUDA graphs (vllm-project/vllm-omni#7960, its author's comment of
//   2026-09-22) bounds it from above at 0.8 ms; no held-out case runs eager at small batch on a GPU.
// - GPU PIECEWISE: no floor (0). vLLM's own comparison (vllm-project/vllm#25444: Qwen3-Coder-30B-A3B-FP8 on one H100,
//   4.07 requests/s PIECEWISE, 5.98 FULL_AND_PIECEWISE, 6.1 ms more a decode step over 48 layers) would put one at
//   ~0.3 ms a layer, but AMD's vLLM 0.10.2 on MI300X decodes Llama 3.1 70B (80 layers) at 7.75 ms a token at batch 1
//   in that build's PIECEWISE default (data/holdout/blind-26b.json; 0.1 ms a layer at most): no per-layer figure holds
//   both (tried 2026-12-03, history), and CUDA's launches are cheap (9.4 us of CPU a kernel in PyTorch eager on H100:
//   NVIDIA/Fuser#3507). ROCm builds take the GPU figures (assumption: no ROCm measurement found).
const HOST_S_PER_LAYER: Readonly<Record<"npu" | "gpu", Readonly<Record<Exclude<Launch, "graph">, number>>>> =
  {
    npu: { piecewise: 0.8e-3, eager: 0.8e-3 },
    gpu: { piecewise: 0, eager: 0.15e-3 },
  };

/** How a mode launches a decode-only step and a step with prompt tokens. */
type Launch = "graph" | "piecewise" | "eager";
const LAUNCHES: Readonly<Record<GraphMode, readonly [decode: Launch, withPrompt: Launch]>> = {
  full: ["graph", "graph"],
  "full-and-piecewise": ["graph", "piecewise"],
  "decode-only": ["graph", "eager"],
  piecewise: ["piecewise", "piecewise"],
  eager: ["eager", "eager"],
};

/**
 * The host's time to launch one forward pass of `layers` layers in `mode` on a chip family, seconds: the floor
 * under a step's device time (0 where the step replays a graph). `withPrompt`: the step carries prompt tokens.
 */
export function hostDispatchS(mode: GraphMode, family: string, layers: number, withPrompt = false): number {
  const launch = LAUNCHES[mode][withPrompt ? 1 : 0];
  if (launch === "graph") return 0;
  const platform = family.startsWith("ascend-") ? "npu" : "gpu";
  return layers * HOST_S_PER_LAYER[platform][launch];
}

/**
 * Says which graph mode a plan or simulation priced where it launches any step from the host (null where every step
 * replays a graph): the floors it puts under decode steps and steps with prompt tokens, and the flag that changes it.
 */
export function graphModeAdvisory(
  mode: GraphMode,
  stackId: string,
  family: string,
  layers: number,
): ServeAdvisory | null {
  const decodeMs = hostDispatchS(mode, family, layers) * 1000;
  const promptMs = hostDispatchS(mode, family, layers, true) * 1000;
  if (decodeMs === 0 && promptMs === 0) return null;
  const floors =
    decodeMs === promptMs
      ? `every step is no shorter than ~${decodeMs.toFixed(0)} ms`
      : `${decodeMs === 0 ? "decode-only steps replay one graph; " : `decode steps are no shorter than ~${decodeMs.toFixed(0)} ms; `}steps with prompt tokens no shorter than ~${promptMs.toFixed(0)} ms`;
  return {
    code: "graph_mode",
    message: `${stackId} priced in graph mode ${mode}: its host launches kernels layer by layer where no graph is replayed, and ${floors} for ${layers} layers (${(Math.max(decodeMs, promptMs) / layers).toFixed(2)} ms a layer on ${family}: graph-mode.ts, ${family.startsWith("ascend-") ? "vllm-ascend#9404" : "an estimate from NVIDIA/Fuser#3507"})`,
    hint: "--graph-mode full (API graph_mode) prices a deployment that captures every step, the figures' lower bound; decode-only is vLLM's FULL_DECODE_ONLY, eager --enforce-eager",
  };
}
