import { importModel, type ModelArch } from "../arch/index.ts";
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
