import type { JobContext } from "./job-context.ts";
import type { Plan, Recompute, Schedule, ZeroStage } from "./plan.ts";
import { EMPTY_END_CHUNKS, vppLayersViolation } from "./vpp-layers.ts";

/** Plan fields a caller fixes; the others are searched. */
export type PlanConstraints = Partial<Plan>;

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      out.push(d);
      if (d * d !== n) out.push(n / d);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Limits of the search space, defaults chosen to cover what published runs use. */
export interface PlanSpaceLimits {
  /** Pipeline schedules the stack implements (DualPipe only in DeepSeek's HAI-LLM and ports of it). */
  schedules: readonly Schedule[];
  /** ZeRO stages the stack offers when data-parallel (3 = FSDP). */
  zeroStages: readonly ZeroStage[];
  maxMicroBatch: number;
  maxVpp: number;
  maxCp: number;
  /** Most pipeline stages (1 = the stack has no pipeline parallelism). */
  maxPp: number;
}

export const DEFAULT_LIMITS: PlanSpaceLimits = {
  schedules: ["1f1b", "interleaved"],
  zeroStages: [1, 3],
  maxMicroBatch: 16,
  maxVpp: 8,
  maxCp: 32,
  maxPp: Number.POSITIVE_INFINITY,
};

/**
 * Enumerates the plans that respect the constraints and the cheap divisibility rules (degrees multiply to the
 * ranks; TP divides the heads and stays inside the scale-up domain unless fixed; PP at most the layers; EP divides
 * the experts and DP x CP x TP; micro-batches divide the per-replica batch). Calls `visit` for each, so a search
 * over 10^5 plans allocates nothing but the plan objects it keeps.
 */
export function forEachPlan(
  ctx: JobContext,
  constraints: PlanConstraints,
  visit: (plan: Plan) => void,
  limits: PlanSpaceLimits = DEFAULT_LIMITS,
): void {
  const arch = ctx.job.arch;
  const world = ctx.worldRanks;
  const sequences = ctx.sequences;
  const fixed = <K extends keyof Plan>(key: K, all: Plan[K][]): Plan[K][] =>
    constraints[key] !== undefined ? [constraints[key] as Plan[K]] : all;

  const tps = fixed(
    "tp",
    // a TP group must nest in the scale-up domain: with 12 chips in 8-chip servers TP 6 straddles a server and
    // its every all-reduce crosses the network (~9x slower than the in-domain price)
    // (a job that fits in one domain has no boundary to straddle: TP 16 on 64 of an NVL72's 72 GPUs)
    divisors(world).filter(
      (t) =>
        t <= ctx.domainRanks &&
        (ctx.domainRanks % t === 0 || world <= ctx.domainRanks) &&
        arch.numHeads % t === 0,
    ),
  );
  const cps = fixed(
    "cp",
    divisors(world).filter(
      (c) => c === 1 || (c <= limits.maxCp && ctx.job.seqLen % (2 * c) === 0 && ctx.job.seqLen >= 8192),
    ),
  );
  const recomputes = fixed("recompute", ["none", "selective", "full"] as Recompute[]);
  const moe = arch.moe;
  for (const tp of tps) {
    for (const cp of cps) {
      if (world % (tp * cp) !== 0) continue;
      const rest = world / (tp * cp);
      const pps = fixed(
        "pp",
        divisors(rest).filter((p) => p <= arch.numLayers && p <= limits.maxPp),
      );
      for (const pp of pps) {
        if (rest % pp !== 0) continue;
        const dp = rest / pp;
        if (constraints.dp !== undefined && constraints.dp !== dp) continue;
        if (!Number.isInteger(sequences / dp)) continue;
        const eps = fixed("ep", moe ? divisors(moe.numExperts).filter((e) => (dp * cp * tp) % e === 0) : [1]);
        const schedules: { schedule: Schedule; vpp: number }[] = [];
        if (pp === 1) schedules.push({ schedule: "1f1b", vpp: 1 });
        else {
          if (limits.schedules.includes("1f1b")) schedules.push({ schedule: "1f1b", vpp: 1 });
          // Virtual stages that split the layers evenly (uneven splits are allowed when fixed by the caller).
          // a caller's fixed vpp may leave a virtual stage of the first and last ranks to the embedding and the head
          // (Llama 3 405B: 126 layers on 16 x 8 virtual stages, Llama 3 paper §3.3.2)
          const fixedVpp = constraints.vpp ?? 0;
          const maxV = Math.max(limits.maxVpp, fixedVpp);
          for (let v = 2; v <= maxV; v++) {
            if (pp * v > arch.numLayers + (v === fixedVpp ? EMPTY_END_CHUNKS : 0)) break;
            if (v > limits.maxVpp && v !== fixedVpp) continue;
            if (
              limits.schedules.includes("interleaved") &&
              (arch.numLayers % (pp * v) === 0 || constraints.vpp === v)
            )
              schedules.push({ schedule: "interleaved", vpp: v });
          }
          if (pp % 2 === 0 && limits.schedules.includes("dualpipe"))
            schedules.push({ schedule: "dualpipe", vpp: 1 });
        }
        const schedulesKept = schedules.filter(
          (s) =>
            (constraints.schedule === undefined || constraints.schedule === s.schedule) &&
            (constraints.vpp === undefined ||
              constraints.vpp === s.vpp ||
              (constraints.vpp === 1 && s.schedule !== "interleaved")),
        );
        const perReplica = sequences / dp;
        const mbs = fixed(
          "microBatch",
          divisors(perReplica).filter((m) => m <= limits.maxMicroBatch),
        );
        const zeros = fixed("zero", dp * cp > 1 ? [...limits.zeroStages] : [0 as ZeroStage]);
        for (const ep of eps) {
          for (const s of schedulesKept) {
            for (const microBatch of mbs) {
              if (!Number.isInteger(perReplica / microBatch)) continue;
              for (const recompute of recomputes) {
                for (const zero of zeros) {
                  visit({
                    tp,
                    pp,
                    dp,
                    cp,
                    ep,
                    vpp: s.vpp,
                    microBatch,
                    recompute,
                    zero,
                    sequenceParallel: constraints.sequenceParallel ?? tp > 1,
                    schedule: s.schedule,
                  });
                }
              }
            }
          }
        }
      }
    }
  }
}

/** Why fixed plan fields cannot work on this job at all (checked before enumerating). */
export function constraintViolations(
  ctx: JobContext,
  c: PlanConstraints,
): { code: string; message: string; hint: string }[] {
  const out: { code: string; message: string; hint: string }[] = [];
  const world = ctx.worldRanks;
  const arch = ctx.job.arch;
  const fixedProduct = (c.tp ?? 1) * (c.pp ?? 1) * (c.cp ?? 1) * (c.dp ?? 1);
  if (world % fixedProduct !== 0) {
    out.push({
      code: "degrees-product",
      message: `Cannot use the fixed degrees (product ${fixedProduct}) on ${world} ranks: they do not divide it`,
      hint: "pick degrees whose product divides the rank count",
    });
  }
  if (c.tp !== undefined && arch.numHeads % c.tp !== 0) {
    out.push({
      code: "tp-heads",
      message: `Cannot use TP=${c.tp}: does not divide the ${arch.numHeads} attention heads`,
      hint: "pick a TP that divides the heads",
    });
  }
  if (c.pp !== undefined && c.pp > arch.numLayers) {
    out.push({
      code: "pp-layers",
      message: `Cannot use PP=${c.pp}: more stages than the ${arch.numLayers} layers`,
      hint: "use fewer pipeline stages",
    });
  }
  // virtual stages belong to the interleaved schedule, and it needs two or more (diff review 19: these fell through to
  // "the divisibility rules")
  if (c.vpp !== undefined && c.vpp > 1 && c.schedule !== undefined && c.schedule !== "interleaved") {
    out.push({
      code: "vpp-schedule",
      message: `Cannot use ${c.vpp} virtual stages with the ${c.schedule} schedule: only the interleaved schedule has them`,
      hint: "use --schedule interleaved, or drop --vpp",
    });
  }
  if (c.schedule === "interleaved" && c.vpp !== undefined && c.vpp < 2) {
    out.push({
      code: "interleaved-vpp",
      message: `Cannot interleave with ${c.vpp} virtual stage: the interleaved schedule needs two or more`,
      hint: "set vpp >= 2 or use the 1f1b schedule",
    });
  }
  const vppLayers = c.vpp === undefined ? null : vppLayersViolation(c.pp, c.vpp, arch.numLayers);
  if (vppLayers !== null) out.push(vppLayers);
  if (c.ep !== undefined && c.ep > 1) {
    if (!arch.moe)
      out.push({ code: "ep-dense", message: `Cannot use EP=${c.ep} on a dense model`, hint: "set ep=1" });
    else if (arch.moe.numExperts % c.ep !== 0) {
      out.push({
        code: "ep-experts",
        message: `Cannot use EP=${c.ep}: does not divide the ${arch.moe.numExperts} experts`,
        hint: "pick an EP that divides the experts",
      });
    }
  }
  return out;
}
