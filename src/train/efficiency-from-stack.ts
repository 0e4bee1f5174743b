import type { StackEfficiency } from "../catalog/stacks/index.ts";
import { DEFAULT_TRAIN_EFFICIENCY, type TrainEfficiency } from "./train-efficiency.ts";

/**
 * Communication overlap by stack and family, where the stack documents it. Megatron-Core hides TP collectives with
 * Transformer Engine userbuffers (`--tp-comm-overlap`, Hopper and later; the NeMo performance recipes turn it on)
 * and overlaps MoE all-to-all with 1F1B compute in its 2025 releases (Megatron-Core MoE README, "EP A2A overlap");
 * the 0.6 / 0.5 shares are assumptions. Older stacks and other families: nothing hidden.
 */
const COMM_OVERLAP: Record<string, Partial<Record<string, { tp?: number; ep?: number }>>> = {
  megatron: { "nvidia-hopper": { tp: 0.6, ep: 0.5 }, "nvidia-blackwell": { tp: 0.6, ep: 0.5 } },
};

/** The training efficiencies a stack's priors give on a family (fields the stack lacks keep the defaults). */
export function trainEfficiencyFromStack(eff: StackEfficiency, stackId = "", family = ""): TrainEfficiency {
  const overlap = COMM_OVERLAP[stackId]?.[family] ?? {};
  const bf16 =
    eff.matmulFraction.bf16?.value ??
    eff.matmulFraction.fp16?.value ??
    DEFAULT_TRAIN_EFFICIENCY.matmulFraction;
  return {
    ...DEFAULT_TRAIN_EFFICIENCY,
    matmulFraction: bf16,
    matmulFractionFp8:
      eff.matmulFraction.fp8?.value ??
      bf16 * (DEFAULT_TRAIN_EFFICIENCY.matmulFractionFp8 / DEFAULT_TRAIN_EFFICIENCY.matmulFraction),
    attentionFraction: eff.attentionFraction.value,
    overlapFraction: eff.overlapFraction.value,
    stepOverheadS: eff.stepOverheadS.value,
    tpOverlapFraction: overlap.tp ?? DEFAULT_TRAIN_EFFICIENCY.tpOverlapFraction,
    epOverlapFraction: overlap.ep ?? DEFAULT_TRAIN_EFFICIENCY.epOverlapFraction,
  };
}
