// vLLM shards a mixture of experts' experts by tensor parallelism unless told otherwise: expert parallelism is an
// opt-in flag (`--enable-expert-parallel`, EngineArgs.enable_expert_parallel default False: vllm-project/vllm
// vllm/engine/arg_utils.py; the docs' "Expert Parallel Deployment": "set --enable-expert-parallel"); its ports keep
// the flag (vLLM on ROCm, vLLM-Ascend's `enable_expert_parallel`). Only where attention is not data-parallel: DP
// attention meets the experts over every rank (search-instances.ts).
const VLLM_FAMILY = new Set(["vllm", "rocm-vllm", "vllm-ascend"]);
const EXPERT_PARALLEL_TEXT = [
  // named, not denied ("experts tensor-sharded ... rather than expert-parallel")
  /(?<!\b(?:than|not|no|without) )(?:enable[-_ ]expert[-_ ]parallel|expert[- _]parallel(?:ism)?\b)|\bep[-_ ]?size\b|--ep\b|\bep ?\d+\b|deepep/i,
  // "large-scale EP", "wide EP": the capital abbreviation only ("ep" is too common a fragment)
  /\bEP\b/,
];

// Mentions that say expert parallelism was off: "EP 1", "EP=1", "no EP", "expert parallelism not enabled",
// "--enable-expert-parallel was not set" (review 23: read as naming it)
const EXPERT_PARALLEL_OFF = [
  /\bEP ?[=:]? ?1\b(?!\.?\d)|\bno EP\b|\bEP (?:off|disabled)\b/,
  /(?:expert[- _]parallel(?:ism)?|enable[-_ ]expert[-_ ]parallel)\b[^.;]{0,12}\b(?:not|n't|was not|is not|disabled|off)\b/i,
];

/**
 * The expert-parallel degree a colocated or pool case implies by its engine's default when it states none: 1 (the
 * experts tensor-parallel) for vLLM and its ports when nothing in the case's text mentions expert parallelism and
 * attention is not data-parallel; null (the predictor's to search) otherwise.
 */
export function engineDefaultEp(
  stack: string | undefined,
  text: string,
  stated: { ep: number | null | undefined; dpAttention: number | boolean | null | undefined },
): 1 | null {
  if (stated.ep != null) return null;
  if (stated.dpAttention != null && stated.dpAttention !== false && stated.dpAttention !== 1) return null;
  if (stack === undefined || !VLLM_FAMILY.has(stack)) return null;
  if (EXPERT_PARALLEL_OFF.some((re) => re.test(text))) return 1;
  return EXPERT_PARALLEL_TEXT.some((re) => re.test(text)) ? null : 1;
}
