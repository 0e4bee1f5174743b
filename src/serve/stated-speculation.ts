import type { ServeCase } from "../cases/index.ts";

/** How a run drafts: the model's own MTP modules (DeepSeek's NEXTN) or an EAGLE head. */
export type SpeculationMethod = "mtp" | "eagle";

/** Speculative decoding a run's launch line or notes configure, without its acceptance. */
export interface StatedSpeculation {
  readonly method: SpeculationMethod;
  /** Draft tokens a step proposes (a chain: SGLang's `--speculative-num-steps`, vLLM's `num_speculative_tokens`). */
  readonly draftTokens: number;
}

// Acceptance of one draft position, where a run configures speculative decoding but states no acceptance.
// MTP: DeepSeek-V3 technical report (arXiv 2412.19437) §5.4.3, "the acceptance rate of the second token prediction
// ranges between 85% and 90%": 0.875. EAGLE: the public EAGLE-3 head of Llama 3.1 8B Instruct
// (yuhuili/EAGLE3-LLaMA3.1-Instruct-8B) accepts 2.77 / 3.49 / 3.34 tokens a step on MT-bench / HumanEval / GSM8K with
// 7 chained drafts (nebius/EAGLE3-Llama-3.3-70B-Instruct model card, temperature 1), which a chain of equal
// per-position acceptance meets at 0.65 / 0.74 / 0.72: 0.70. Later positions are taken to accept as the first (an
// assumption: a chain's later drafts condition on earlier ones and accept less, so long chains read optimistic).
const POSITION_ACCEPTANCE: Readonly<Record<SpeculationMethod, number>> = { mtp: 0.875, eagle: 0.7 };

/**
 * Tokens a decode step yields with `draftTokens` chained drafts each accepted with probability `alpha` once the
 * ones before it were: 1 + alpha + ... + alpha^k (the target's own token always counts).
 * @example chainAcceptedTokens(0.875, 1) // 1.875
 */
export function chainAcceptedTokens(alpha: number, draftTokens: number): number {
  let sum = 1;
  let p = 1;
  for (let i = 0; i < draftTokens; i++) {
    p *= alpha;
    sum += p;
  }
  return sum;
}

/** The acceptance fleetcast assumes for a configured method and draft count (see POSITION_ACCEPTANCE). */
export function assumedAcceptance(s: StatedSpeculation): number {
  return chainAcceptedTokens(POSITION_ACCEPTANCE[s.method], s.draftTokens);
}

const ALGORITHM = /--speculative[-_]algorithm[ =]+["']?(EAGLE3|EAGLE|NEXTN|MTP)\b/i;
const SGLANG_STEPS = /--speculative[-_]num[-_]steps[ =]+(\d+)/i;
const SGLANG_DRAFTS = /--speculative[-_]num[-_]draft[-_]tokens[ =]+(\d+)/i;
const VLLM_TOKENS = /num[-_]speculative[-_]tokens["']?\s*[:= ]\s*(\d+)/i;
const VLLM_METHOD =
  /["']?method["']?\s*[:= ]\s*["']?(deepseek_mtp|mtp|eagle3|eagle)\b|--method[ =]+(mtp|eagle3|eagle)\b/i;
// the method named beside the counts when no flag names it ("EAGLE3 draft (...), --speculative-num-steps 3")
const METHOD_WORD = /\b(EAGLE-?3?|NEXTN|deepseek_mtp|MTP)\b/i;
// prose a collector wrote from a launch script: "MTP 1 draft token", "NEXTN 1 step", "EAGLE3 (3 steps, 4 draft
// tokens)", "MTP speculative decoding (deepseek_mtp, 1 draft token)", "MTP 1 speculative token"
const PROSE = /\b(MTP|NEXTN|EAGLE-?3?)\b[^.;]{0,45}?\b(\d+) (step|draft token|speculative token)s?\b/i;

function methodOf(word: string): SpeculationMethod | null {
  const w = word.toLowerCase();
  if (w.includes("eagle")) return "eagle";
  if (w.includes("mtp") || w === "nextn") return "mtp";
  return null;
}

/** Draft tokens a text's launch flags configure: SGLang's steps (or draft tokens less the root), vLLM's tokens. */
function flaggedDrafts(text: string): number | null {
  const steps = SGLANG_STEPS.exec(text)?.[1];
  if (steps !== undefined) return Number(steps);
  const drafts = SGLANG_DRAFTS.exec(text)?.[1];
  if (drafts !== undefined) return Number(drafts) - 1;
  const tokens = VLLM_TOKENS.exec(text)?.[1];
  return tokens === undefined ? null : Number(tokens);
}

/**
 * The speculative decoding a serving case's software line or notes configure (SGLang's `--speculative-algorithm` with
 * `--speculative-num-steps`, vLLM's speculative config with `num_speculative_tokens`, or a collector's "MTP 1 draft
 * token"), or null when none is read. Only launch settings count: "no MTP" or a sweep's other variant are not flags.
 * Draft models of their own and n-gram lookup are not read (their acceptance has no published centre here).
 */
export function statedSpeculation(c: ServeCase): StatedSpeculation | null {
  const texts = [c.software ?? "", ...(c.notes ?? [])];
  for (const text of texts) {
    const k = flaggedDrafts(text);
    const named = ALGORITHM.exec(text)?.[1];
    const vllm = VLLM_METHOD.exec(text);
    const word = named ?? vllm?.[1] ?? vllm?.[2] ?? METHOD_WORD.exec(text)?.[1];
    const method = word === undefined ? null : methodOf(word);
    // SGLang's NEXTN without a step count drafts one token
    if (method !== null && (k ?? (named === undefined ? 0 : 1)) >= 1) return { method, draftTokens: k ?? 1 };
  }
  for (const text of texts) {
    const prose = PROSE.exec(text);
    if (prose?.[1] !== undefined && prose[2] !== undefined) {
      const method = methodOf(prose[1]);
      const n = Number(prose[2]);
      // "4 draft tokens" after EAGLE counts the root in SGLang's spelling (steps + 1); MTP's are the drafts
      const k = prose[3]?.toLowerCase() === "draft token" && method === "eagle" ? n - 1 : n;
      if (method !== null && k >= 1) return { method, draftTokens: k };
    }
  }
  return null;
}
