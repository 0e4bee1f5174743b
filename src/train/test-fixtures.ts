import { importModel, type ModelArch } from "../arch/index.ts";
import { QWEN3_NEXT_80B_CONFIG } from "../arch/test-fixtures.ts";
import { builtinChips, type Chip, makeChipCatalog } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { defaultCollectiveEfficiency } from "../hw/index.ts";
import { type JobContext, jobContext, type TrainPrecision } from "./job-context.ts";
import { DEFAULT_TRAIN_EFFICIENCY, type TrainEfficiency } from "./train-efficiency.ts";

/** Test helper: a job context for a built-in model on a built-in chip. */
export function fixtureContext(options: {
  model: string;
  chip: string;
  count: number;
  seqLen?: number;
  globalBatchTokens?: number;
  precision?: TrainPrecision;
  efficiency?: Partial<TrainEfficiency>;
  chipPatch?: (chip: Chip) => Chip;
  /** A model not in the catalog (then `model` only names it). */
  arch?: ModelArch;
}): JobContext {
  let arch: ModelArch;
  if (options.arch !== undefined) arch = options.arch;
  else {
    const entry = findBuiltinModel(options.model);
    if (!entry) throw new Error(`no built-in model ${options.model}`);
    arch = importModel(entry.config, entry.displayName).arch;
  }
  let chip = makeChipCatalog(builtinChips()).get(options.chip);
  if (options.chipPatch) chip = options.chipPatch(chip);
  const seqLen = options.seqLen ?? 4096;
  return jobContext(
    {
      arch,
      seqLen,
      globalBatchTokens: options.globalBatchTokens ?? seqLen * 1024,
      precision: options.precision ?? "bf16",
    },
    {
      chip,
      count: options.count,
      stackId: "megatron",
      efficiency: { ...DEFAULT_TRAIN_EFFICIENCY, ...options.efficiency },
      collective: defaultCollectiveEfficiency(chip.family),
    },
  );
}

/**
 * Job contexts of Qwen3-Next-80B on 64 H100 (arch/test-fixtures.ts): as it is, 36 Gated DeltaNet layers and 12
 * full-attention ones, and the same shapes read as a softmax-attention MoE in every layer.
 */
export function hybridContexts(seqLen: number): { hybrid: JobContext; allFull: JobContext } {
  const at = (config: object) =>
    fixtureContext({
      model: "qwen3-next",
      arch: importModel(config, "qwen3-next").arch,
      chip: "nvidia-h100-sxm",
      count: 64,
      seqLen,
    });
  return {
    hybrid: at(QWEN3_NEXT_80B_CONFIG),
    allFull: at({ ...QWEN3_NEXT_80B_CONFIG, model_type: "qwen3_moe", linear_num_value_heads: undefined }),
  };
}
