import type { ServeCase } from "../cases/index.ts";

/** How a run drafts: the model's own MTP modules (DeepSeek's NEXTN) or an EAGLE head. */
export type SpeculationMethod = "mtp" | "eagle";

/** Speculative decoding a run's launch line or notes configure, without its acceptance. */
export interface StatedSpeculation {
  readonly method: SpeculationMethod;
  /**
   * Draft tokens a step proposes (a chain: SGLang's `--speculative-num-steps`, vLLM's `num_speculative_tokens`); null
   * where the run drafts but its depth is not read (SGLang's default depth depends on its version and the model).
   */
  readonly draftTokens: number | null;
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

/** What published acceptances give for a configured method and draft count (POSITION_ACCEPTANCE); null without one. */
export function assumedAcceptance(s: StatedSpeculation): number | null {
  return s.draftTokens === null ? null : chainAcceptedTokens(POSITION_ACCEPTANCE[s.method], s.draftTokens);
}

const ALGORITHM = /--speculative[-_]algorithm[ =]+["']?(EAGLE3|EAGLE|NEXTN|MTP)\b/i;
const SGLANG_STEPS = /--speculative[-_]num[-_]steps[ =]+(\d+)/gi;
const SGLANG_DRAFTS = /--speculative[-_]num[-_]draft[-_]tokens[ =]+(\d+)/gi;
const SGLANG_TOPK = /--speculative[-_]eagle[-_]topk[ =]+(\d+)/i;
const VLLM_TOKENS = /num[-_]speculative[-_]tokens["']?\s*[:= ]\s*(\d+)/gi;
const VLLM_METHOD =
  /["']?method["']?\s*[:= ]\s*["']?(deepseek_mtp|mtp|eagle3|eagle)\b|--method[ =]+(mtp|eagle3|eagle)\b/i;
// the method named beside the counts when no flag names it ("EAGLE3 draft (...), --speculative-num-steps 3")
const METHOD_WORD = /\b(EAGLE-?3?|NEXTN|deepseek_mtp|MTP)\b/i;
// prose a collector wrote from a launch script: "MTP 1 draft token", "NEXTN 1 step", "EAGLE3 (3 steps, 4 draft
// tokens)", "MTP speculative decoding (deepseek_mtp, 1 draft token)", "(draft ..., unquantized; 4 steps, 5 draft tokens)"
const PROSE = /\b(MTP|NEXTN|EAGLE-?3?)\b[^.]{0,45}?\b(\d+) (step|draft token|speculative token)s?\b/gi;
// drafting said to be on, its depth not given: "MTP speculative decoding is ON"
const SAID_ON = /\b(MTP|NEXTN|EAGLE-?3?)\b(?: speculative decoding)? (?:is |was )?(?:ON|enabled)\b/;

function methodOf(word: string): SpeculationMethod | null {
  const w = word.toLowerCase();
  if (w.includes("eagle")) return "eagle";
  if (w.includes("mtp") || w === "nextn") return "mtp";
  return null;
}

/** The largest capture of a global pattern in a text, or null: a split deployment's decode side drafts deepest. */
function largest(pattern: RegExp, text: string): number | null {
  let most: number | null = null;
  for (const m of text.matchAll(pattern)) {
    const n = Number(m[1]);
    if (Number.isFinite(n) && (most === null || n > most)) most = n;
  }
  return most;
}

/**
 * Draft tokens a text's launch flags configure (SGLang's steps, else its draft tokens less the root where drafts form
 * one chain, else vLLM's tokens), the deepest where a split deployment prints its prefill and decode sides (review 40).
 */
function flaggedDrafts(text: string): number | null {
  const steps = largest(SGLANG_STEPS, text);
  if (steps !== null) return steps;
  const drafts = largest(SGLANG_DRAFTS, text);
  const topk = Number(SGLANG_TOPK.exec(text)?.[1] ?? 1);
  if (drafts !== null) return topk === 1 ? drafts - 1 : null;
  return largest(VLLM_TOKENS, text);
}

/**
 * The speculative decoding a serving case's software line or notes configure (SGLang's `--speculative-algorithm` with
 * `--speculative-num-steps`, vLLM's speculative config with `num_speculative_tokens`, or a collector's "MTP 1 draft
 * token" / "MTP ... is ON"), or null when none is read. Only launch settings count: "no MTP" or a sweep's other
 * variant are not flags. Draft models of their own and n-gram lookup are not read (their acceptance has no published
 * centre here).
 */
export function statedSpeculation(c: ServeCase): StatedSpeculation | null {
  const texts = [c.software ?? "", ...(c.notes ?? [])];
  for (const text of texts) {
    const k = flaggedDrafts(text);
    const named = ALGORITHM.exec(text)?.[1];
    const vllm = VLLM_METHOD.exec(text);
    const word = named ?? vllm?.[1] ?? vllm?.[2] ?? METHOD_WORD.exec(text)?.[1];
    const method = word === undefined ? null : methodOf(word);
    // an algorithm flag drafts at its engine's default depth when no count is given
    if (method !== null && (k !== null || named !== undefined))
      return { method, draftTokens: k !== null && k >= 1 ? k : null };
  }
  for (const text of texts) {
    let found: StatedSpeculation | null = null;
    for (const m of text.matchAll(PROSE)) {
      const method = m[1] === undefined ? null : methodOf(m[1]);
      const n = Number(m[2]);
      // "5 draft tokens" after EAGLE counts the root in SGLang's spelling (steps + 1); MTP's are the drafts
      const k = m[3]?.toLowerCase() === "draft token" && method === "eagle" ? n - 1 : n;
      if (method !== null && k >= 1 && (found?.draftTokens ?? 0) < k) found = { method, draftTokens: k };
    }
    if (found !== null) return found;
  }
  for (const text of texts) {
    const on = SAID_ON.exec(text)?.[1];
    const method = on === undefined ? null : methodOf(on);
    if (method !== null) return { method, draftTokens: null };
  }
  return null;
}
