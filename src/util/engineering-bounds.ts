/**
 * Bounds that the core's schemas and the shells (CLI flags, HTTP bodies, scenario files) share, so that each value is
 * written once. Engineering limits, not facts about hardware: each rejects a typo by orders of magnitude and leaves a
 * wide margin above anything run today.
 */

/**
 * Chips in one job or serving instance: 2^20. The largest jobs the research considers are ~100K accelerators
 * (research/reliability.md row 18: "ETTR 0.9 at 100K GPUs"; research/anchors.md: SimAI-Ascend's spec at "100k Ascend
 * 950DT"), so 2^20 leaves a 10x margin and rejects 10^9. Also the largest parallel degree of a training plan.
 */
export const MAX_CHIPS = 2 ** 20;

/** A time-to-first-token limit, ms: 10^7 (hours: no limit at all). */
export const MAX_TTFT_MS = 1e7;

/** A time-per-output-token limit, ms: 10^6 (minutes a token: no limit at all). */
export const MAX_TPOT_MS = 1e6;
