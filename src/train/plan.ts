import * as z from "zod";
import { MAX_CHIPS } from "../util/engineering-bounds.ts";

/**
 * A parallel plan for one training job, in Megatron-LM's terms (Shoeybi et al. 2019; Narayanan et al. 2021;
 * Korthikanti et al. 2022): tensor (tp), pipeline (pp), data (dp), context (cp) and expert (ep) parallel degrees;
 * world = tp · cp · dp · pp ranks, and expert parallelism is carved out of dp · cp · tp with an expert-tensor degree
 * of 1 (Megatron-Core's MoE layout: expert_tensor_parallel_size=1 as the DeepSeek-V3 recipes set it).
 */
export const RECOMPUTE_MODES = ["none", "selective", "full"] as const;
export type Recompute = (typeof RECOMPUTE_MODES)[number];

/** 1F1B (PipeDream-Flush), interleaved 1F1B with virtual stages, DualPipe (DeepSeek-V3 §3.2.1; zero-bubble family). */
export const SCHEDULES = ["1f1b", "interleaved", "dualpipe"] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** 0 = plain data parallel; 1 = optimizer states sharded (Megatron distributed optimizer); 2 = + gradients; 3 = + weights (FSDP). */
export type ZeroStage = 0 | 1 | 2 | 3;

export interface Plan {
  tp: number;
  pp: number;
  dp: number;
  cp: number;
  ep: number;
  /** Virtual pipeline stages (model chunks) per pipeline rank; 1 = none. */
  vpp: number;
  /** Sequences per micro-batch. */
  microBatch: number;
  recompute: Recompute;
  zero: ZeroStage;
  sequenceParallel: boolean;
  schedule: Schedule;
}

const degree = z.int().min(1).max(MAX_CHIPS);

export const PlanSchema = z.object({
  tp: degree,
  pp: degree,
  dp: degree,
  cp: degree.default(1),
  ep: degree.default(1),
  vpp: degree.default(1),
  micro_batch: degree.default(1),
  recompute: z.enum(RECOMPUTE_MODES).default("none"),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(1),
  sequence_parallel: z.boolean().default(true),
  schedule: z.enum(SCHEDULES).default("1f1b"),
});

/** A plan as JSON (snake_case) → a Plan. */
export function planFromJson(json: z.output<typeof PlanSchema>): Plan {
  return {
    tp: json.tp,
    pp: json.pp,
    dp: json.dp,
    cp: json.cp,
    ep: json.ep,
    vpp: json.vpp,
    microBatch: json.micro_batch,
    recompute: json.recompute,
    zero: json.zero as ZeroStage,
    sequenceParallel: json.sequence_parallel,
    schedule: json.schedule,
  };
}

/** A plan as JSON output. */
export function planToJson(plan: Plan): z.output<typeof PlanSchema> {
  return {
    tp: plan.tp,
    pp: plan.pp,
    dp: plan.dp,
    cp: plan.cp,
    ep: plan.ep,
    vpp: plan.vpp,
    micro_batch: plan.microBatch,
    recompute: plan.recompute,
    zero: plan.zero,
    sequence_parallel: plan.sequenceParallel,
    schedule: plan.schedule,
  };
}

/** "TP8 PP16 DP64 CP1 EP1 v1 mb1 rc:none z2" — a plan in one line for tables. */
export function planLabel(plan: Plan): string {
  const parts = [`TP${plan.tp}`, `PP${plan.pp}`, `DP${plan.dp}`];
  if (plan.cp > 1) parts.push(`CP${plan.cp}`);
  if (plan.ep > 1) parts.push(`EP${plan.ep}`);
  if (plan.pp > 1 && plan.schedule !== "1f1b")
    parts.push(plan.schedule === "interleaved" ? `VPP${plan.vpp}` : "DualPipe");
  parts.push(`mb${plan.microBatch}`);
  if (plan.recompute !== "none") parts.push(`rc:${plan.recompute}`);
  parts.push(plan.zero === 3 ? "FSDP" : `ZeRO${plan.zero}`);
  return parts.join(" ");
}
