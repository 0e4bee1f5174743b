// A module of its own, without imports: the CLI's and the dashboard's help texts state the number `planServe` uses
// without pulling in the serving model.

/**
 * Chips a mixture-of-experts instance may span when the caller does not say (`serve plan` without `--count`):
 * whole scale-up domains up to this many. Wide expert parallelism is how MoE models are served at scale (DeepSeek's
 * EP32 prefill and EP144 decode units, Day 6 inference system overview; SGLang's EP72 decode on 96 H100, lmsys.org
 * 2025-05-05), and spreading the experts over more ranks is what lets a decode step stop being bound by reading
 * them (review 17: Qwen3-235B on 910B2 searched on one 8-chip node needed 6,808 chips for a demand 624 carry at
 * EP64). 128 chips (16 eight-chip servers): a choice covering those deployments up to DeepSeek's decode unit; a
 * plan with a demand then took 1.7-2.2 s from the CLI (DeepSeek-V3, Qwen3-235B, gpt-oss, Mixtral on H100 or 910B2,
 * measured by hand in stop 17; the bench's plan cases run on the 910C's 384-chip domain).
 */
export const MOE_DEFAULT_INSTANCE_CHIPS = 128;
