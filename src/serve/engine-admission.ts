/**
 * How an engine admits a request into its KV pool (a request's answer is reserved at the length it will have:
 * TensorRT-LLM reserves its max_tokens, which benchmark clients set to the answer's length, as trtllm-bench and
 * `vllm bench serve` do; a service whose clients ask for more reserves more than this model does):
 * - `on-demand`: a prompt is admitted when its tokens fit now; when decode growth overflows the pool a running
 *   sequence is preempted and recomputed later (vLLM's scheduler, recompute preemption; SGLang retracts likewise).
 * - `reserve-max`: a request is admitted only when its prompt plus its whole answer fit beside the reservations of
 *   those already running, and a started request is never evicted (TensorRT-LLM's default capacity scheduler
 *   policy GUARANTEED_NO_EVICT: "guarantee that a started request is never paused"; nvidia.github.io/TensorRT-LLM
 *   performance-tuning-guide/useful-runtime-flags, "Capacity Scheduler Policy", and the LLM API's SchedulerConfig,
 *   whose capacity_scheduler_policy defaults to GUARANTEED_NO_EVICT).
 */
export type KvAdmission = "on-demand" | "reserve-max";

/** The KV admission of an engine (catalog stack id) in its default configuration; `on-demand` when unknown. */
export function engineKvAdmission(engine: string | undefined): KvAdmission {
  return engine === "tensorrt-llm" ? "reserve-max" : "on-demand";
}
