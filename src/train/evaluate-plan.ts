import { tpDomainAdvisory } from "../hw/index.ts";
import type { JobContext } from "./job-context.ts";
import { type MemoryBreakdown, memoryPerRank } from "./memory.ts";
import type { Plan } from "./plan.ts";
import { type StepBreakdown, stepTime } from "./step-time.ts";
import { vppLayersViolation } from "./vpp-layers.ts";

export interface Advisory {
  code: string;
  message: string;
  hint: string;
}

/** The figures of one plan, per chip package (a 910C package = its two dies). */
export interface PlanMetrics {
  stepTimeS: number;
  tokensPerSPerChip: number;
  /** Model FLOPs (Megatron/PaLM convention: 6N + attention, no causal halving, recompute not counted) per second. */
  modelTflopsPerChip: number;
  /** Model FLOPs utilisation against the dense BF16 peak (PaLM's definition, Chowdhery et al. 2022 App. B). */
  mfu: number;
  /**
   * The same with causal attention's scores halved (the work a causal kernel does): at long sequences the
   * convention's MFU counts attention a causal kernel skips, and rises with the sequence where the hardware's use does
   * not (expert review 36: Llama 3.1 70B on 1,024 H100 read 46.6 % at 8K and 51.7 % at 128K).
   */
  mfuCausal: number;
  chipHoursPerTrillionTokens: number;
}

export interface PlanEvaluation {
  plan: Plan;
  valid: boolean;
  /** Why the plan is invalid (divisibility, degrees) or does not fit; empty for a valid plan. */
  violations: Advisory[];
  memory: MemoryBreakdown | null;
  step: StepBreakdown | null;
  metrics: PlanMetrics | null;
  advisories: Advisory[];
}

function violation(code: string, message: string, hint: string): Advisory {
  return { code, message, hint };
}

/**
 * Why a plan cannot run, or [] when its degrees are consistent with the job: degrees multiply to the ranks, divide
 * heads, layers, experts and the batch. Cheap: checked before any costing.
 */
export function planViolations(ctx: JobContext, plan: Plan): Advisory[] {
  const out: Advisory[] = [];
  const arch = ctx.job.arch;
  const world = plan.tp * plan.pp * plan.dp * plan.cp;
  if (world !== ctx.worldRanks) {
    out.push(
      violation(
        "degrees-product",
        `Cannot use TP${plan.tp} x PP${plan.pp} x DP${plan.dp} x CP${plan.cp} = ${world} ranks on ${ctx.worldRanks} ranks`,
        "choose degrees whose product is the rank count",
      ),
    );
  }
  if (arch.numHeads % plan.tp !== 0) {
    out.push(
      violation(
        "tp-heads",
        `Cannot use TP=${plan.tp}: does not divide the ${arch.numHeads} attention heads`,
        "pick a TP that divides the heads",
      ),
    );
  }
  if (!arch.mla && arch.numKvHeads % plan.tp !== 0 && plan.tp % arch.numKvHeads !== 0) {
    out.push(
      violation(
        "tp-kv-heads",
        `Cannot use TP=${plan.tp}: incompatible with ${arch.numKvHeads} KV heads`,
        "pick a TP that divides the KV heads or is a multiple of them",
      ),
    );
  }
  if (plan.pp > arch.numLayers) {
    out.push(
      violation(
        "pp-layers",
        `Cannot use PP=${plan.pp}: more stages than the ${arch.numLayers} layers`,
        "use fewer pipeline stages",
      ),
    );
  }
  const vppLayers = vppLayersViolation(plan.pp, plan.vpp, arch.numLayers);
  if (vppLayers !== null) out.push(vppLayers);
  if (plan.schedule === "interleaved" && plan.vpp < 2) {
    out.push(
      violation("interleaved-vpp", "Cannot interleave with one virtual stage", "set vpp >= 2 or use 1f1b"),
    );
  }
  if (plan.schedule === "dualpipe" && (plan.pp < 2 || plan.pp % 2 !== 0)) {
    out.push(
      violation(
        "dualpipe-pp",
        `Cannot use DualPipe with PP=${plan.pp}: needs an even number of stages`,
        "use an even PP",
      ),
    );
  }
  const moe = arch.moe;
  if (plan.ep > 1) {
    if (!moe) out.push(violation("ep-dense", `Cannot use EP=${plan.ep} on a dense model`, "set ep=1"));
    else if (moe.numExperts % plan.ep !== 0) {
      out.push(
        violation(
          "ep-experts",
          `Cannot use EP=${plan.ep}: does not divide the ${moe.numExperts} experts`,
          "pick an EP that divides the experts",
        ),
      );
    }
    if ((plan.dp * plan.cp * plan.tp) % plan.ep !== 0) {
      out.push(
        violation(
          "ep-ranks",
          `Cannot use EP=${plan.ep}: does not divide DP x CP x TP = ${plan.dp * plan.cp * plan.tp}`,
          "EP is carved out of the data-parallel ranks",
        ),
      );
    }
  }
  if (plan.cp > 1 && ctx.job.seqLen % (2 * plan.cp) !== 0) {
    out.push(
      violation(
        "cp-seq",
        `Cannot use CP=${plan.cp}: sequence ${ctx.job.seqLen} does not split into ${2 * plan.cp} chunks`,
        "CP splits each sequence into 2 x cp chunks",
      ),
    );
  }
  const perRank = ctx.sequences / (plan.dp * plan.microBatch);
  if (!Number.isInteger(perRank) || perRank < 1) {
    out.push(
      violation(
        "batch-split",
        `Cannot split ${ctx.sequences} sequences over DP=${plan.dp} x micro-batch ${plan.microBatch}`,
        "the global batch must be a multiple of dp x micro_batch sequences",
      ),
    );
  } else if (plan.pp > 1 && plan.schedule === "interleaved" && perRank % plan.pp !== 0) {
    // Megatron-LM's interleaved schedule runs micro-batches in groups of PP per virtual stage: it asserts
    // "number of microbatches is not divisible by pipeline-model-parallel-size when using interleaved schedule"
    // (megatron/core/pipeline_parallel/schedules.py, get_forward_backward_func); with fewer, nothing interleaves.
    out.push(
      violation(
        "interleaved-micro-batches",
        `Cannot interleave ${perRank} micro-batch${perRank === 1 ? "" : "es"} on PP=${plan.pp}: the interleaved schedule needs a multiple of the ${plan.pp} stages`,
        "lower dp x micro_batch, or use 1f1b",
      ),
    );
  } else if (plan.pp > 1 && plan.schedule === "dualpipe" && (perRank < 2 * plan.pp || perRank % 2 !== 0)) {
    // DualPipe feeds half the micro-batches from each end: deepseek-ai/DualPipe dualpipe/dualpipe.py (step) asserts
    // num_chunks % 2 == 0 and num_chunks >= 2 x num_ranks.
    out.push(
      violation(
        "dualpipe-micro-batches",
        `Cannot run DualPipe with ${perRank} micro-batch${perRank === 1 ? "" : "es"} on PP=${plan.pp}: it needs an even count of at least ${2 * plan.pp}`,
        "lower dp x micro_batch, or use 1f1b",
      ),
    );
  }
  return out;
}

/** Advisories for a valid plan that runs but leaves performance on the table. */
function planAdvisories(ctx: JobContext, plan: Plan, step: StepBreakdown): Advisory[] {
  const out: Advisory[] = [];
  const tpAdvice = tpDomainAdvisory(plan.tp, ctx.fabricSpec);
  if (tpAdvice !== null) out.push(tpAdvice);
  const bubbleShare = step.bubbleS / step.stepTimeS;
  if (bubbleShare > 0.15) {
    out.push({
      code: "pipeline-bubble",
      message: `pipeline bubble is ${(bubbleShare * 100).toFixed(0)} % of the step (${step.microBatches} micro-batches on ${plan.pp} stages)`,
      hint: "more micro-batches (larger global batch or smaller micro-batch), virtual stages, or fewer stages",
    });
  }
  const commShare =
    (step.tpExposedS + step.cpExposedS + step.epExposedS + step.ppExposedS + step.dpExposedS) /
    step.stepTimeS;
  if (commShare > 0.2) {
    out.push({
      code: "communication-bound",
      message: `exposed communication is ${(commShare * 100).toFixed(0)} % of the step`,
      hint: "keep TP and EP inside the scale-up domain, raise the micro-batch, or overlap more",
    });
  }
  if (plan.tp > 1 && !plan.sequenceParallel) {
    out.push({
      code: "no-sequence-parallel",
      message: "TP without sequence parallelism keeps activations replicated",
      hint: "enable sequence parallelism",
    });
  }
  return out;
}

/** Evaluates one plan: checks, memory, step time and the per-chip figures. */
export function evaluatePlan(ctx: JobContext, plan: Plan): PlanEvaluation {
  const violations = planViolations(ctx, plan);
  if (violations.length > 0) {
    return { plan, valid: false, violations, memory: null, step: null, metrics: null, advisories: [] };
  }
  const microBatches = ctx.sequences / (plan.dp * plan.microBatch);
  const memory = memoryPerRank(ctx, plan, microBatches);
  if (!memory.fits) {
    const GiB = 2 ** 30;
    violations.push(
      violation(
        "out-of-memory",
        `Cannot fit ${ctx.job.arch.name} with this plan on ${ctx.system.chip.id}: needs ${(memory.totalBytes / GiB).toFixed(1)} GiB per ${ctx.ranksPerChip > 1 ? "die" : "chip"}, has ${(memory.capacityBytes / GiB).toFixed(1)} GiB`,
        "raise TP/PP/EP, shard more (ZeRO/FSDP), recompute activations or lower the micro-batch",
      ),
    );
  }
  const step = stepTime(ctx, plan);
  const metrics = planMetrics(ctx, step.stepTimeS);
  return {
    plan,
    valid: memory.fits,
    violations,
    memory,
    step,
    metrics,
    advisories: planAdvisories(ctx, plan, step),
  };
}

/** Per-chip figures from a step time. */
export function planMetrics(ctx: JobContext, stepTimeS: number): PlanMetrics {
  const tokensPerS = ctx.job.globalBatchTokens / stepTimeS;
  const tokensPerSPerChip = tokensPerS / ctx.system.count;
  const modelTflopsPerChip = (tokensPerSPerChip * ctx.modelFlopsPerToken) / 1e12;
  const bf16PeakPerChip = (ctx.bf16PeakFlops * ctx.ranksPerChip) / 1e12;
  return {
    stepTimeS,
    tokensPerSPerChip,
    modelTflopsPerChip,
    mfu: modelTflopsPerChip / bf16PeakPerChip,
    mfuCausal: (tokensPerSPerChip * ctx.causalFlopsPerToken) / 1e12 / bf16PeakPerChip,
    chipHoursPerTrillionTokens: 1e12 / tokensPerSPerChip / 3600,
  };
}
