import type { ChipFamily } from "../chips/index.ts";
import { builtinStacks } from "./builtin-stacks.ts";
import { defaultStackFor } from "./default-stack-for.ts";
import type { StackRole } from "./stack-schema.ts";

const ROCM_PATTERN = /rocm/;

/**
 * Names found in the free-text `software` of published cases (cases/train.json, cases/serve.json), with the
 * stack each means for training and for serving. The name written first in the text wins ("SGLang + ...
 * TRT-LLM attention kernels" is SGLang); on a tie the earlier rule here wins (Megatron-DeepSpeed before
 * Megatron).
 */
const RULES: readonly { pattern: RegExp; train?: string; serve?: string }[] = [
  { pattern: /cloudmatrix[- ]?infer/, serve: "cloudmatrix-infer" },
  { pattern: /vllm[- ]ascend/, serve: "vllm-ascend" },
  { pattern: /mindie/, serve: "mindie" },
  { pattern: /mindspeed|modellink/, train: "mindspeed" },
  { pattern: /mindspore|mindformers/, train: "mindspore" },
  { pattern: /megatron[- ]deepspeed/, train: "deepspeed" },
  { pattern: ROCM_PATTERN, train: "rocm-megatron", serve: "rocm-vllm" },
  { pattern: /deepspeed/, train: "deepspeed" },
  { pattern: /hai-llm/, train: "hai-llm" },
  { pattern: /deepseek\b.*\bin-house/, train: "hai-llm", serve: "deepseek-infer" },
  { pattern: /\bmeta\b.*\binternal\b/, train: "meta-internal" },
  { pattern: /llm-foundry|composer/, train: "llm-foundry" },
  { pattern: /torchtitan/, train: "torchtitan" },
  { pattern: /megatron|\bnemo\b|\bmcore\b/, train: "megatron" },
  { pattern: /sglang/, serve: "sglang" },
  { pattern: /tensorrt[- ]?llm|\btrt[- ]?llm\b/, serve: "tensorrt-llm" },
  // MLPerf's results list NVIDIA's TensorRT-LLM submissions by framework as "TensorRT 10.x" (the harness builds
  // TensorRT-LLM engines); TensorRT with its version and nothing else serves no LLM (blind set 22b: such rows were read
  // as vLLM). Not "TensorRT Model Optimizer" or a Triton backend, which quantise or host for other engines (review 22c)
  { pattern: /\btensorrt \d/, serve: "tensorrt-llm" },
  { pattern: /vllm/, serve: "vllm" },
];

/** A named stack on a family it does not run on, moved to that vendor's port of the same software. */
const PORTS: Readonly<Record<string, Partial<Record<"ascend" | "amd", string>>>> = {
  megatron: { ascend: "mindspeed", amd: "rocm-megatron" },
  vllm: { ascend: "vllm-ascend", amd: "rocm-vllm" },
  sglang: { ascend: "sglang-ascend" },
};

/**
 * Maps a case's free-text `software` ("NeMo 24.07 (Megatron-Core, Transformer Engine)") to a stack id for the
 * chip family and role: the first-named known software, moved to the vendor's port when the named stack does
 * not run on the family (vLLM on MI300X is rocm-vllm); `defaultStackFor(family, role)` when nothing known is
 * named or the named stack cannot run there.
 * @example stackForSoftwareText("ModelLink (Megatron-LM + MindSpeed on torch_npu)", "ascend-910b", "train") // "mindspeed"
 */
export function stackForSoftwareText(text: string, family: ChipFamily, role: StackRole): string {
  const lower = text.toLowerCase();
  let best = firstNamed(lower, role, RULES);
  if (best === undefined && role === "serve" && nimRunsTensorRtLlm(lower))
    best = { at: 0, id: "tensorrt-llm" };
  if (best === undefined) return defaultStackFor(family, role);
  if (runsOn(best.id, family)) return best.id;
  const vendor = family.startsWith("ascend-") ? "ascend" : family.startsWith("amd-") ? "amd" : undefined;
  const port = vendor === undefined ? undefined : PORTS[best.id]?.[vendor];
  if (port !== undefined && runsOn(port, family)) return port;
  return defaultStackFor(family, role);
}

/**
 * Why `stackForSoftwareText` read a text as it did, when the reading is not the text's own word: nothing the catalog
 * knows is named (Chitu, LMDeploy: the family's default engine stands in), or the engine named has no stack on the
 * family and no port (SGLang on AMD: the family's default). Null when the named engine, or its vendor port, is used.
 * @example stackReadingNote("SGLang v0.5.19 (ROCm)", "amd-cdna3", "serve") // "SGLang … has no serving stack on amd-cdna3 in the catalog: read as rocm-vllm"
 */
export function stackReadingNote(text: string, family: ChipFamily, role: StackRole): string | null {
  const lower = text.toLowerCase();
  const id = stackForSoftwareText(text, family, role);
  // "ROCm" names a platform, not an engine: when an engine is named beside it, that engine is the one said
  // ("PyTorch ROCm + DeepSpeed" names DeepSpeed; review 25b)
  const first =
    firstNamed(
      lower,
      role,
      RULES.filter((r) => r.pattern !== ROCM_PATTERN),
    ) ?? firstNamed(lower, role, RULES);
  if (first === undefined && (role !== "serve" || !nimRunsTensorRtLlm(lower))) {
    const what = text.trim() === "" ? "no software is stated" : "no engine the stack catalog knows is named";
    return `${what}: read as ${id}, the ${role === "serve" ? "serving" : "training"} stack fleetcast takes for ${family} when none is named`;
  }
  if (
    first === undefined ||
    first.id === id ||
    (PORTS[first.id] !== undefined && Object.values(PORTS[first.id]!).includes(id))
  )
    return null;
  const name = builtinStacks().find((x) => x.id === first.id)?.name ?? first.id;
  return `${name} has no ${role === "serve" ? "serving" : "training"} stack on ${family} in the catalog: read as ${id}`;
}

// --- internal ---

/** The stack of the rule whose name is written first in `lower` (on a tie the earlier rule), if any. */
function firstNamed(
  lower: string,
  role: StackRole,
  rules: readonly (typeof RULES)[number][],
): { at: number; id: string } | undefined {
  let best: { at: number; id: string } | undefined;
  for (const rule of rules) {
    const id = rule[role];
    if (id === undefined) continue;
    const at = lower.search(rule.pattern);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, id };
  }
  return best;
}

/**
 * NVIDIA NIM for LLMs 1.x, no engine named: its model-specific containers run pre-compiled TensorRT-LLM engines on the
 * GPUs NVIDIA optimised a profile for, vLLM or SGLang only in generic profiles, whose names say so (docs.nvidia.com
 * nim/large-language-models 1.3.0-1.12.0 "Model Profiles": "LLM-specific NIMs download pre-compiled TensorRT-LLM
 * engines for optimized profiles"; "Generic model profiles can be identified by the presence of local_build, vllm or
 * sglang in the profile name"). NIM 2.x names its backend in every profile (vllm, sglang, trtllm): not read.
 */
function nimRunsTensorRtLlm(lower: string): boolean {
  if (!/\bnim\b/.test(lower)) return false;
  // its version however written: "NIM 1.8.0", "NIM for LLMs version 2.0", "NIM 2", an image tag ".../nim/...:2.0.1"
  const m = /\bnim\b(?: for llms)?,?(?: version)? v?(\d+)(?:\.\d+)*\b|\/nim\/[^\s:]*:v?(\d+)\./.exec(lower);
  const major = m?.[1] ?? m?.[2];
  return major === undefined || major === "1";
}

function runsOn(id: string, family: ChipFamily): boolean {
  return builtinStacks().some((s) => s.id === id && s.runsOn.includes(family));
}
