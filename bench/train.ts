import { builtinProfile } from "../src/calibrate/index.ts";
import { builtinChips, makeChipCatalog } from "../src/catalog/chips/index.ts";
import { resolveModel } from "../src/catalog/models/index.ts";
import { evaluatePlan, forEachPlan, type Plan, planTraining } from "../src/train/index.ts";
import { fixtureContext } from "../src/train/test-fixtures.ts";

/**
 * Issue 3's speed checks: plans costed per second on one core, and the full searches for DeepSeek-V3 on 2,048 H800
 * and GPT-3 175B on 1,024 H100 (each under 2 s), with the counts of plans enumerated, pruned and costed.
 */
export async function benchTrain(): Promise<Record<string, number>> {
  const chips = makeChipCatalog(builtinChips());
  const profile = builtinProfile().train;
  const out: Record<string, number> = {};

  // Raw evaluation rate: every plan of a space, each checked, memory-sized and costed.
  const ctx = fixtureContext({
    model: "gpt-3-175b",
    chip: "nvidia-h100-sxm",
    count: 1024,
    seqLen: 2048,
    globalBatchTokens: 2048 * 1536,
  });
  const plans: Plan[] = [];
  forEachPlan(ctx, {}, (p) => plans.push(p));
  for (const p of plans.slice(0, 2000)) evaluatePlan(ctx, p); // warm-up
  let evaluated = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const p of plans) evaluatePlan(ctx, p);
    evaluated += plans.length;
  }
  out.train_plans_evaluated_per_s = evaluated / ((performance.now() - start) / 1000);

  const searches = [
    {
      key: "dsv3_2048_h800",
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      count: 2048,
      seqLen: 4096,
      batch: 4096 * 15360,
      precision: "fp8" as const,
      stackId: "hai-llm",
    },
    {
      key: "gpt3_1024_h100",
      model: "gpt-3-175b",
      chip: "nvidia-h100-sxm",
      count: 1024,
      seqLen: 2048,
      batch: 2048 * 1536,
      precision: "bf16" as const,
      stackId: "megatron",
    },
  ];
  for (const s of searches) {
    const t0 = performance.now();
    const r = planTraining({
      model: resolveModel(s.model).arch,
      chip: chips.get(s.chip),
      count: s.count,
      seqLen: s.seqLen,
      globalBatchTokens: s.batch,
      precision: s.precision,
      stackId: s.stackId,
      top: 5,
      profile,
    });
    out[`search_${s.key}_seconds`] = (performance.now() - t0) / 1000;
    out[`search_${s.key}_enumerated`] = r.search.enumerated;
    out[`search_${s.key}_pruned_invalid`] = r.search.prunedInvalid;
    out[`search_${s.key}_pruned_memory`] = r.search.prunedMemory;
    out[`search_${s.key}_costed`] = r.search.costed;
  }
  return out;
}
