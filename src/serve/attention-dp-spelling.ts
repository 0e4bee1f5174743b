/**
 * Reads a case's TP and attention-DP degrees written as the engines spell them, where `tp` counts every rank of the
 * instance and attention DP splits them (what FORMAT.md writes as tp x dp_attention ranks):
 * - TensorRT-LLM's `tp_size N` with `enable_attention_dp` (dp_attention `true`): every rank runs its own attention,
 *   so attention TP 1 x DP N (TensorRT-LLM docs, "attention data parallelism": each GPU holds the full attention
 *   weights and its own requests);
 * - SGLang's `--tp N --dp D --enable-dp-attention`: attention TP N / D x DP D (SGLang server arguments: with DP
 *   attention the attention TP size is tp_size / dp_size).
 * Only when the written degrees cannot be the format's: tp x dp_attention more ranks than the case has, or experts
 * over fewer ranks than the instance holds with all three degrees equal (`tp 4, ep 4, dp_attention 4`: in the
 * format's reading 16 ranks with experts over 4, which no engine here lays out; TensorRT-LLM's "TP 4, EP 4, DPA"
 * and SGLang's `--tp 4 --dp 4 --ep 4` are 4 ranks). Otherwise they are left as written. Null when nothing is re-read.
 */
export function attentionDpSpelling(
  tp: number | null | undefined,
  dpAttention: number | boolean | null | undefined,
  maxRanks: number,
  ep?: number | null,
): { tp: number; dpAttention: number; assumption: string } | null {
  if (tp == null || tp <= 1) return null;
  if (typeof dpAttention === "number" && dpAttention === tp && ep === tp) {
    return {
      tp: 1,
      dpAttention: tp,
      assumption: `parallelism tp ${tp}, ep ${tp}, dp_attention ${tp}: read as the engines spell one instance of ${tp} ranks (TensorRT-LLM's TP ${tp} with attention DP, SGLang's --tp ${tp} --dp ${tp}): attention TP 1 x DP ${tp}, experts over the ${tp} ranks`,
    };
  }
  if (dpAttention === true && tp * 2 > maxRanks) {
    return {
      tp: 1,
      dpAttention: tp,
      assumption: `parallelism tp ${tp} with attention DP on, over ${maxRanks} ranks: read as TensorRT-LLM's enable_attention_dp (tp_size counts the ranks, each runs its own attention): attention TP 1 x DP ${tp}`,
    };
  }
  if (
    typeof dpAttention === "number" &&
    dpAttention > 1 &&
    tp * dpAttention > maxRanks &&
    tp % dpAttention === 0
  ) {
    return {
      tp: tp / dpAttention,
      dpAttention,
      assumption: `parallelism tp ${tp} x dp_attention ${dpAttention} is more than the case's ${maxRanks} ranks: read as SGLang's --tp ${tp} --dp ${dpAttention} (attention TP ${tp / dpAttention} x DP ${dpAttention})`,
    };
  }
  return null;
}
