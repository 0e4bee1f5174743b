import type { ModelArch } from "../arch/index.ts";
import type { Chip } from "../catalog/chips/index.ts";
import { builtSince, engineVersion } from "./host-overlap.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";

/**
 * How an engine launches a step's kernels:
 * - `full`: the whole forward pass replays as one captured graph (CUDA graphs, ACLGraph FULL, torchair/GE graphs,
 *   TensorRT-LLM's and SGLang's decode graphs; vLLM's FULL_AND_PIECEWISE, whose mixed steps run piecewise): the host
 *   launches one graph, each kernel pays only its device latency (step-time.ts, `KERNEL_LATENCY_S`).
 * - `decode-only`: FULL_DECODE_ONLY: decode-only steps replay one graph, steps that carry prompt tokens run eager
 *   (vLLM's CUDA graphs design doc; vLLM-Ascend's recommended mode).
 * - `piecewise`: the layers between attention calls are captured, attention's operators are launched one by one
 *   by the host each layer (vLLM's PIECEWISE cudagraph mode; vLLM-Ascend's default ACLGraph mode).
 * - `eager`: every operator is launched by the host (`--enforce-eager`, builds without graphs).
 * Where the host launches, the device waits whenever launching a layer takes longer than running it: the step is
 * no shorter than the host's dispatch time (`hostDispatchS`).
 */
export type GraphMode = "full" | "decode-only" | "piecewise" | "eager";

/**
 * The graph mode a run's engine build uses (its text: version, `--enforce-eager`, `cudagraph_mode`), or today's
 * builds' default for a plan (no text):
 * - vLLM: PIECEWISE was V1's default until v0.11.0, which made FULL_AND_PIECEWISE the default (decode steps one full
 *   graph: vllm-project/vllm#25444, 2025-09-23). V0 builds captured whole decode graphs; a build before 0.8 whose
 *   text does not name V1 is read as V0 (`full`).
 * - vLLM-Ascend: eager before v0.9.0rc1; from it ACLGraph by default (vllm-ascend#1083, its graph-mode guide), whose
 *   default mode is PIECEWISE (FULL_AND_PIECEWISE is downgraded to it on NPU: vllm-ascend#5739, 2026-01; a user of
 *   v0.18.0rc1 found decode host-bound until setting FULL_DECODE_ONLY: vllm-ascend#9404, 2026-05). A run stating
 *   FULL_DECODE_ONLY is `decode-only`, FULL, torchair graphs or xlite graphs `full`.
 * - Other engines (SGLang and its NPU port, TensorRT-LLM, MindIE, in-house systems): decode graphs by default
 *   (`full`), unless the run disables them (`--disable-cuda-graph`).
 */
// cudagraph_mode / aclgraph_mode FULL or FULL_DECODE_ONLY (FULL_AND_PIECEWISE's decode steps are full graphs),
// torchair and xlite graphs
const FULL_GRAPH =
  /(cuda|acl)graph_mode["'\s:=]*(full|full_and_piecewise)\b(?!_decode)|torchair_graph_config[^}]*enabled["'\s:=]*true|torchair graph|xlite_graph_config/;
// FULL_DECODE_ONLY: graphs for decode-only steps, eager steps with prompt tokens
const DECODE_ONLY_GRAPH = /full[_ ]decode[_ ]only/;
// --enforce-eager (not "enforce_eager: false"), graphs disabled, cudagraph_mode NONE
const EAGER =
  /enforce[-_ ]eager(?!["'\s:=]*false)|eager mode|\beager\b \(no graph|disable[-_ ]cuda[-_ ]graph\b|(cuda|acl)graph_mode["'\s:=]*none\b/;

export function graphModeOf(stackId: string, softwareText: string | null, notesText = ""): GraphMode {
  const software = (softwareText ?? "").toLowerCase();
  // a stated mode wins over the build's default; the notes' text is read for a stated full graph only (a disaggregated run's notes name its prefill node's eager
  // flags beside its decode node's graphs; other notes name other runs' flags)
  const notes = notesText.toLowerCase();
  if (DECODE_ONLY_GRAPH.test(software) || (!FULL_GRAPH.test(software) && DECODE_ONLY_GRAPH.test(notes))) {
    return "decode-only";
  }
  if (FULL_GRAPH.test(software) || FULL_GRAPH.test(notes)) return "full";
  if (/(cuda|acl)graph_mode["'\s:=]*piecewise\b/.test(software)) return "piecewise";
  if (EAGER.test(software)) return "eager";
  switch (stackId) {
    case "vllm":
    case "rocm-vllm": {
      if (softwareText === null) return "full";
      const v = engineVersion(software, ["vllm"]);
      // V0 (before 0.8, unless the text names the V1 engine) captured whole decode graphs
      if (v !== null && v[0] === 0 && v[1] < 8 && !/\bv1\b|vllm_use_v1=1/.test(software)) return "full";
      return builtSince(softwareText, ["vllm"], [0, 11], [2025, 10]) ? "full" : "piecewise";
    }
    case "vllm-ascend":
      if (softwareText === null) return "piecewise";
      // a run read as vLLM-Ascend only by its chip (Huawei's own stacks with fused operators) is not taken to launch
      // attention from the host
      if (!/vllm/.test(software)) return "full";
      return builtSince(softwareText, ["vllm-ascend", "vllm ascend"], [0, 9], [2025, 6])
        ? "piecewise"
        : "eager";
    default:
      return "full";
  }
}

// Host time to launch one layer's operators where the host launches them, seconds (the step is no shorter than the
// layers' sum, the device idling while the host falls behind: Ascend's own host-bound analysis guide, "Host Bound
// Issue Classification", MindStudio 8.3).
// - Ascend (torch_npu), ACLGraph PIECEWISE: 0.80 ms a layer. A decode transformer block of Qwen3-VL-30B-A3B (MoE) on
//   two 910B3, vLLM-Ascend 0.18.0rc1, took 832 us of which 591 us the NPU sat free, until FULL_DECODE_ONLY was set
//   (vllm-ascend#9404, 2026-05; the mode before is not stated, the default PIECEWISE read: an assumption).
// - Ascend eager: no profile of its own found; the piecewise figure, a lower bound (eager launches every operator,
//   piecewise attention's only). The xlite team's A/B runs put it higher for prompt steps: a 512-token prompt's
//   TTFT falls by ~110 ms when FULL_DECODE_ONLY's eager prefill is captured too (Qwen3-32B, 64 layers, 181 -> 71 ms:
//   vllm-ascend PR 4526; Qwen3-VL-8B, 36 layers, 178 -> 69 ms: PR 5228), 1.7-3.0 ms a layer; serving figures whose
//   other per-step work is not separated, so not taken.
// - CUDA eager: 0.80 ms a layer. Qwen2.5-Omni-7B's thinker (28 layers) on A800 decodes at ~22.5 ms a token with
//   `enforce_eager` and ~13 ms with CUDA graphs, vLLM 0.29 (vllm-project/vllm-omni#7960, 2026-09: 22.5 / 28).
// - CUDA PIECEWISE: no floor (0). vLLM's own comparison (vllm-project/vllm#25444: Qwen3-Coder-30B-A3B-FP8 on one H100,
//   4.07 requests/s PIECEWISE, 5.98 FULL_AND_PIECEWISE, 6.1 ms more a decode step over 48 layers) would put one at
//   ~0.3 ms a layer, but AMD's vLLM 0.10.2 on MI300X decodes Llama 3.1 70B (80 layers) at 7.75 ms a token at batch 1
//   in that build's PIECEWISE default (data/holdout/blind-26b.json; 0.1 ms a layer at most): no per-layer figure holds
//   both (tried 2026-12-03, history), the MoE model's cost lies elsewhere (its fused-MoE launches), and CUDA's
//   launches are cheap (9.4 us of CPU a kernel in PyTorch eager on H100: NVIDIA/Fuser#3507).
// ROCm builds take the CUDA figures (assumption: no ROCm measurement found).
const HOST_S_PER_LAYER: Readonly<Record<"npu" | "gpu", Readonly<Record<"piecewise" | "eager", number>>>> = {
  npu: { piecewise: 0.8e-3, eager: 0.8e-3 },
  gpu: { piecewise: 0, eager: 0.8e-3 },
};

/**
 * The host's time to launch one forward pass of `layers` layers in `mode` on a chip family, seconds: the floor
 * under a step's device time (0 for full graphs). `withPrompt`: the step carries prompt tokens, which a
 * FULL_DECODE_ONLY engine runs eager.
 */
export function hostDispatchS(mode: GraphMode, family: string, layers: number, withPrompt = false): number {
  const launched = mode === "decode-only" ? (withPrompt ? "eager" : null) : mode === "full" ? null : mode;
  if (launched === null) return 0;
  const platform = family.startsWith("ascend-") ? "npu" : "gpu";
  return layers * HOST_S_PER_LAYER[platform][launched];
}

/**
 * A plan's figures assume full decode graphs; where an engine's own default launches from the host (vLLM-Ascend's
 * PIECEWISE ACLGraph), this advisory says how long a decode step then takes at least, and how to turn graphs on.
 */
export function graphModeAdvisory(stackId: string, arch: ModelArch, chip: Chip): ServeAdvisory | null {
  const mode = graphModeOf(stackId, null);
  if (mode === "full" || mode === "decode-only") return null;
  const floorMs = hostDispatchS(mode, chip.family, arch.numLayers) * 1000;
  return {
    code: "graph_mode_assumed",
    message: `${stackId}'s default graph mode is ${mode}: its host launches attention's operators layer by layer, which keeps a decode step of ${arch.name} at or above ~${floorMs.toFixed(0)} ms on ${chip.id} (${(floorMs / arch.numLayers).toFixed(1)} ms a layer: vllm-ascend#9404); these figures assume full decode graphs`,
    hint: `start ${stackId} with --compilation-config '{"cudagraph_mode": "FULL_DECODE_ONLY"}' (its steps with prompt tokens still run eager)`,
  };
}
