import { type Advisory, evaluatePlan, type PlanEvaluation, planViolations } from "./evaluate-plan.ts";
import type { JobContext } from "./job-context.ts";
import { memoryPerRank } from "./memory.ts";
import { planLabel } from "./plan.ts";
import {
  constraintViolations,
  DEFAULT_LIMITS,
  forEachPlan,
  type PlanConstraints,
  type PlanSpaceLimits,
} from "./plan-space.ts";
import { stepTime } from "./step-time.ts";

export interface SearchOptions {
  /** How many plans to return, best first. */
  top?: number;
  /** Called now and then with the number of plans enumerated so far (progress for long searches). */
  onProgress?: (enumerated: number) => void;
  /** Stop after this many plans (a bound on the work; the result says it was truncated). */
  maxPlans?: number;
  /** Bounds of the enumeration (schedules the stack supports, largest micro-batch, ...). */
  limits?: Partial<PlanSpaceLimits>;
}

export interface SearchResult {
  best: PlanEvaluation[];
  enumerated: number;
  prunedInvalid: number;
  prunedMemory: number;
  costed: number;
  truncated: boolean;
  /** When nothing fits: the plan that came closest, and why it fails. */
  nearest: PlanEvaluation | null;
  /** The first reason a plan was invalid, when every plan was (e.g. a fixed TP that does not divide the heads). */
  firstViolation: Advisory | null;
  /** True when the fixed fields contradict the job on their own (EP on a dense model, TP not dividing the ranks). */
  fixedInvalid: boolean;
  advisories: Advisory[];
}

/**
 * Searches the plan space: enumerate (plan-space), prune on divisibility, then on memory (cheap), cost the rest
 * (step time) and keep the top K by throughput. Ties break on memory headroom.
 */
export function searchPlans(
  ctx: JobContext,
  constraints: PlanConstraints = {},
  options: SearchOptions = {},
): SearchResult {
  const top = options.top ?? 5;
  const maxPlans = options.maxPlans ?? 5_000_000;
  let enumerated = 0;
  let prunedInvalid = 0;
  let prunedMemory = 0;
  let costed = 0;
  let truncated = false;
  const kept: { plan: PlanEvaluation["plan"]; stepS: number }[] = [];
  let worstKept = Number.POSITIVE_INFINITY;
  let nearest: { plan: PlanEvaluation["plan"]; overflow: number } | null = null;
  let firstViolation: Advisory | null = null;

  const limits: PlanSpaceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  firstViolation = constraintViolations(ctx, constraints)[0] ?? null;
  if (
    firstViolation === null &&
    constraints.schedule !== undefined &&
    !limits.schedules.includes(constraints.schedule)
  ) {
    // review 19: DualPipe on Megatron said "no plan satisfies the divisibility rules"
    firstViolation = {
      code: "schedule-not-in-stack",
      message: `Cannot use the ${constraints.schedule} schedule: the stack implements ${limits.schedules.join(", ")}`,
      hint: `pick one of those, or a stack that has ${constraints.schedule}${constraints.schedule === "dualpipe" ? " (DeepSeek's hai-llm)" : ""}`,
    };
  }
  const fixedInvalid = firstViolation !== null;
  let firstInvalid: Advisory | null = null;
  forEachPlan(
    ctx,
    constraints,
    (plan) => {
      if (truncated) return;
      enumerated++;
      if (enumerated > maxPlans) {
        truncated = true;
        return;
      }
      if (options.onProgress && enumerated % 20000 === 0) options.onProgress(enumerated);
      const violations = planViolations(ctx, plan);
      if (violations.length > 0) {
        prunedInvalid++;
        // the first rule a plan broke, for the message when every plan breaks one (review 19: "the divisibility
        // rules" said nothing of the layers an interleaved split needs)
        firstInvalid ??= violations[0] ?? null;
        return;
      }
      const microBatches = ctx.sequences / (plan.dp * plan.microBatch);
      const mem = memoryPerRank(ctx, plan, microBatches);
      if (!mem.fits) {
        prunedMemory++;
        const overflow = mem.totalBytes / mem.capacityBytes;
        if (!nearest || overflow < nearest.overflow) nearest = { plan, overflow };
        return;
      }
      costed++;
      const stepS = stepTime(ctx, plan).stepTimeS;
      if (kept.length < top || stepS < worstKept) {
        kept.push({ plan, stepS });
        kept.sort((a, b) => a.stepS - b.stepS);
        if (kept.length > top) kept.pop();
        worstKept = kept[kept.length - 1]!.stepS;
      }
    },
    limits,
  );

  const best = kept.map((k) => evaluatePlan(ctx, k.plan));
  const advisories: Advisory[] = [];
  const first = best[0];
  if (first?.step) {
    for (const runnerUp of best.slice(1)) {
      if (!runnerUp.step) continue;
      runnerUp.advisories.unshift(whyItLoses(first, runnerUp));
    }
  }
  if (truncated) {
    advisories.push({
      code: "search-truncated",
      message: `search stopped after ${maxPlans} plans`,
      hint: "fix some plan fields (tp, pp, ep...) to narrow the space",
    });
  }
  const near = nearest as { plan: PlanEvaluation["plan"]; overflow: number } | null;
  // with nothing fixed, an empty space means no split of the ranks exists (with fixed fields, callers say which)
  const free = Object.values(constraints).every((v) => v === undefined);
  if (enumerated === 0 && firstViolation === null) {
    firstViolation = free
      ? noSplitViolation(ctx)
      : {
          code: "no-plan-with-fixed",
          message: `no plan with ${Object.entries(constraints)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ", ",
            )} satisfies the divisibility rules (degrees multiply to ${ctx.worldRanks} ranks, micro-batches divide each DP replica's share of the ${ctx.sequences} sequences)`,
          hint: "relax the fixed plan fields",
        };
  }
  // every plan enumerated broke a rule and none overflowed memory: say the rule
  if (firstViolation === null && costed === 0 && prunedMemory === 0) firstViolation = firstInvalid;
  return {
    best,
    enumerated,
    prunedInvalid,
    prunedMemory,
    costed,
    truncated,
    nearest: best.length === 0 && near ? evaluatePlan(ctx, near.plan) : null,
    firstViolation,
    fixedInvalid,
    advisories,
  };
}

const PARTS = [
  ["bubbleS", "pipeline bubble"],
  ["tpExposedS", "tensor-parallel communication"],
  ["cpExposedS", "context-parallel communication"],
  ["epExposedS", "expert all-to-all"],
  ["ppExposedS", "pipeline sends"],
  ["dpExposedS", "data-parallel gradient reduction"],
  ["recomputeS", "recomputation"],
  ["elementwiseS", "element-wise kernels"],
  ["attentionLinearS", "attention GEMMs"],
  ["mlpS", "MLP GEMMs"],
  ["expertsS", "expert GEMMs"],
  ["headS", "output head"],
  ["optimizerS", "optimizer step"],
] as const;

/** Names the largest difference between a runner-up's step and the best one's. */
export function whyItLoses(best: PlanEvaluation, other: PlanEvaluation): Advisory {
  const b = best.step!;
  const o = other.step!;
  let worst: (typeof PARTS)[number] = PARTS[0];
  let worstDelta = Number.NEGATIVE_INFINITY;
  for (const part of PARTS) {
    const delta = o[part[0]] - b[part[0]];
    if (delta > worstDelta) {
      worstDelta = delta;
      worst = part;
    }
  }
  const slower = o.stepTimeS / b.stepTimeS - 1;
  return {
    code: "runner-up",
    // a tie (under 0.05 %) said as one, not "0.0 % slower"
    message:
      slower < 5e-4
        ? `as fast as ${planLabel(best.plan)} (within 0.05 %): ranked after it`
        : `${(slower * 100).toFixed(1)} % slower than ${planLabel(best.plan)}: ${worst[1]} +${worstDelta.toFixed(3)} s per step`,
    hint: `its ${worst[1]} is the largest difference`,
  };
}

/**
 * Why a search found no plan that fits: what the nearest plan (the one that overflowed memory least) lacks, else
 * the search's first violation (a fixed field, no split of the ranks), else the divisibility rules.
 */
export function noPlanReason(result: Pick<SearchResult, "nearest" | "firstViolation">): Advisory {
  const nearest = result.nearest;
  const first = nearest?.violations[0];
  // the plan the message speaks of, named (review 19: "with this plan" named none); a memory overflow says it is the
  // plan needing least, not "this plan", which the user may not have fixed (QA 27)
  if (nearest && first) {
    const memory = MEMORY_MESSAGE.exec(first.message);
    if (memory)
      return {
        ...first,
        message: `Cannot fit ${memory[1]} on ${memory[2]}: even the plan needing least memory, ${planLabel(nearest.plan)}, ${memory[3]}`,
      };
    return { ...first, message: `${first.message} (nearest plan: ${planLabel(nearest.plan)})` };
  }
  return (
    result.firstViolation ?? {
      code: "no-plan",
      message: "no plan satisfies the divisibility rules",
      hint: "add chips, use chips with more memory, shorten the sequence, or relax fixed plan fields",
    }
  );
}

/**
 * `noPlanReason` as the tail of a "Cannot train X on N x chip: ..." sentence: its message (without a "Cannot fit X on
 * chip:" the sentence already says), then its hint.
 */
export function noPlanText(result: Pick<SearchResult, "nearest" | "firstViolation">): string {
  const why = noPlanReason(result);
  return `${why.message.replace(/^Cannot fit .+? on \S+: (?=even the plan)/, "").replace(/^Cannot /, "cannot ")} (${why.hint})`;
}

// evaluatePlan's memory violation: "Cannot fit <model> with this plan on <chip>: needs X GiB per chip, has Y GiB"
const MEMORY_MESSAGE = /^Cannot fit (.+) with this plan on (\S+): (needs .+)$/;

/**
 * Why no plan was enumerated at all: no TP x PP x CP x DP split of the ranks exists whose DP divides the global
 * batch's sequences (the other degrees bounded by the heads and layers), with a rank count that would split.
 */
function noSplitViolation(ctx: JobContext): Advisory {
  const ranks = ctx.worldRanks;
  const seqs = ctx.sequences;
  const dps: number[] = [];
  for (let d = 1; d <= Math.min(ranks, seqs); d++) if (ranks % d === 0 && seqs % d === 0) dps.push(d);
  const rest = ranks / (dps.at(-1) ?? 1);
  // the powers of two around the count, the smaller first: one the user has, one to grow to (QA 40: 1,000 chips were
  // told 1,024 only)
  const below = 2 ** Math.floor(Math.log2(ranks));
  const above = 2 ** Math.ceil(Math.log2(ranks));
  return {
    code: "no-split",
    message: `no split of ${ranks} ranks into TP x PP x CP x DP is valid: DP must divide the ${seqs} sequences of the global batch (${dps.join(", ")} here), which leaves at least ${rest} ranks for TP x PP x CP (TP within the ${ctx.job.arch.numHeads} heads and the scale-up domain, PP at most ${ctx.job.arch.numLayers} stages)`,
    hint:
      below !== ranks
        ? `use a rank count with more factors of two (e.g. ${below} or ${above}), or a global batch of more sequences`
        : "use a global batch of more sequences, or fewer ranks",
  };
}
