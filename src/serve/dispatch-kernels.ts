import type { StepLoad } from "./step-time.ts";

/**
 * How an engine picks the kernels of its expert-parallel dispatch and combine (DeepEP's two kinds: `normal`,
 * high-throughput, a token sent once per remote node and fanned out over the scale-up fabric; `low-latency`, every
 * (token, expert) copy sent on its own, CUDA-graph friendly):
 * - `per-step`: the kind follows the batch. SGLang's DeepEP "auto" mode resolves to normal whenever a step carries
 *   prompt (extend) tokens on any rank and to low-latency for decode-only steps (`DeepEPMode.resolve`,
 *   python/sglang/srt/layers/moe/utils.py); DeepSeek's own system runs normal kernels in prefill and low-latency ones in decode (Day 6 inference
 *   system overview). Engines without a documented choice are read so.
 * - `per-instance`: one backend for the engine's life. vLLM takes `--all2all-backend` once (deepep_high_throughput
 *   or deepep_low_latency, docs.vllm.ai expert-parallel deployment); fleetcast's vLLM export writes the
 *   high-throughput one for a prefill pool and the low-latency one otherwise (src/export/_vllm-args.ts), so only a
 *   prefill pool's steps (prompts alone) take the normal kernels.
 */
export type DispatchSwitch = "per-step" | "per-instance";

const PER_INSTANCE_ENGINES: ReadonlySet<string> = new Set(["vllm", "vllm-ascend", "rocm-vllm"]);

/** The way an engine (a stack id) picks its dispatch kernels; `per-step` when unknown. */
export function engineDispatchSwitch(engine: string | undefined): DispatchSwitch {
  return engine !== undefined && PER_INSTANCE_ENGINES.has(engine) ? "per-instance" : "per-step";
}

/** Whether a step runs the normal (node-deduplicated) dispatch kernels rather than the low-latency ones. */
export function runsNormalDispatch(
  dispatch: DispatchSwitch,
  load: Pick<StepLoad, "decodeSeqs" | "prefillTokens">,
): boolean {
  if (load.prefillTokens <= 0) return false;
  return dispatch === "per-step" || load.decodeSeqs === 0;
}
