import { layerInventory } from "./layer-inventory.ts";
import type { ModelArch } from "./model-arch.ts";

export interface ParamCounts {
  /** Every parameter of the main model (multi-token-prediction modules excluded). */
  total: number;
  /** Parameters one token touches: all but the routed experts it skips (embedding and head included). */
  active: number;
  /** Parameters of the multi-token-prediction modules, counted apart (DeepSeek-V3: 671B + 14B MTP = 685B). */
  mtp: number;
  embedding: number;
  head: number;
  /** All attention parameters of the main layers. */
  attention: number;
  /** Dense MLPs, shared experts and routers of the main layers. */
  denseMlp: number;
  /** Routed experts of the main layers (all of them). */
  routedExperts: number;
  /** Linear (matmul) weights one token goes through, head included, input embedding excluded: the N of 6N. */
  activeMatmul: number;
}

/**
 * Parameter counts from the layer inventory. Conventions as the publishers count: DeepSeek-V3 "671B total, 37B
 * activated" (DeepSeek-V3 technical report §1, MTP's 14B apart); Mixtral "46.7B total, 12.9B active" (Jiang et al.
 * 2024 §2): both include embeddings.
 */
export function paramCounts(arch: ModelArch): ParamCounts {
  const inv = layerInventory(arch);
  const layers = inv.denseLayers + inv.moeLayers;
  const attention = layers * (inv.attentionLinear + inv.attentionOther);
  const denseMlp =
    inv.denseLayers * (inv.denseMlpLinear + inv.mlpBiasPerDense) +
    inv.moeLayers * (inv.sharedLinear + inv.routerLinear);
  const perExpert = inv.expertLinear + inv.mlpBiasPerExpert;
  const routedExperts = inv.moeLayers * inv.numExperts * perExpert;
  const norms = layers * inv.layerNorms + inv.finalNorm;
  const total =
    attention + denseMlp + routedExperts + norms + inv.embedding + inv.positionEmbedding + inv.head;
  const active = total - inv.moeLayers * (inv.numExperts - inv.topK) * perExpert;

  const activeMatmul =
    layers * inv.attentionLinear +
    inv.denseLayers * inv.denseMlpLinear +
    inv.moeLayers * (inv.sharedLinear + inv.routerLinear + inv.topK * inv.expertLinear) +
    arch.vocabSize * arch.hiddenSize;

  // One MTP module = one MoE (or dense, for dense models) transformer layer + its own norms and projection;
  // embedding and head are shared with the main model (DeepSeek-V3 report §2.2).
  const mtpLayer =
    inv.attentionLinear +
    inv.attentionOther +
    inv.layerNorms +
    (inv.moeLayers > 0
      ? inv.sharedLinear + inv.routerLinear + inv.numExperts * perExpert
      : inv.denseMlpLinear + inv.mlpBiasPerDense);
  const mtp = arch.mtpLayers * (mtpLayer + inv.mtpExtra);

  return {
    total,
    active,
    mtp,
    embedding: inv.embedding + inv.positionEmbedding,
    head: inv.head,
    attention,
    denseMlp,
    routedExperts,
    activeMatmul,
  };
}
