/**
 * Whether an engine streams one prompt's chunks through its pipeline stages (chunked pipeline parallelism, CPP:
 * Mooncake's; each stage works on a different chunk of the same prompt, so a long prompt's prefill takes about
 * 1/pp of its time on one stage holding every layer, plus the pipeline's fill), rather than passing one chunk
 * through every stage before the next starts. Engines and builds differ:
 * - SGLang: its pipeline parallelism came as chunked pipelining (sgl-project/sglang#4842, answered "Supported in
 *   #5724", 2025-04), and its roadmap counts "almost linear scaling by doing chunked pipeline parallelism with
 *   prefill on a long context" done (sglang#11857, 2025-10). The LMSYS blog of 2026-01-15 measures it on H20.
 * - vLLM: a GB300 report finds chunks "serialized rather than pipelined" under --pipeline-parallel-size
 *   (vllm-project/vllm#41682, 2026-05; a fix for async scheduling, #38726, says sync builds stream them): not
 *   taken unless a run names the feature. Its ports likewise: vLLM-Ascend's "Dynamic Chunked Pipeline Parallel"
 *   and ROCm ATOM's CPP (ROCm/ATOM#1552, 2026-07) are features a run names.
 * - TensorRT-LLM: requested, not announced (NVIDIA/TensorRT-LLM#13036, 2026-04). MindIE: no statement found.
 * A run that does not cut its prompts into chunks ("no chunking") streams nothing. A plan (no text) is for the
 * engine's current builds.
 */
export function pipelinesPromptChunks(engine: string | undefined, text = ""): boolean {
  // a prompt not cut into chunks has none to stream ("no chunking", SGLang's --chunked-prefill-size -1)
  if (/\bno[- ]chunking\b|\bchunking (?:off|disabled)\b|--chunked[-_]prefill[-_]size[ =]+-1\b/i.test(text))
    return false;
  if (/\bchunked[- ]pipeline|\bdynamic[- ]chunk\w*[- ]pipeline/i.test(text) || /\bCPP\b/.test(text))
    return true;
  return engine === "sglang" || engine === "sglang-ascend";
}
