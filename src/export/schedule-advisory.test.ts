import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { FleetcastError } from "../errors.ts";
import { planTraining } from "../train/index.ts";
import { arch, chip, DEEPSEEK_V3_JOB, LLAMA_70B_910B_JOB, plan } from "./_test-fixtures.ts";
import { megatronLaunch } from "./megatron-args.ts";
import { mindspeedLaunch } from "./mindspeed-args.ts";
import { SCHEDULE_NOT_SUPPORTED, scheduleAdvisory, withScheduleCost } from "./schedule-advisory.ts";
import type { CostedPlan, LaunchScheduleCost, TrainCostBasis } from "./schedule-cost.ts";
import type { TrainLaunchJob } from "./train-launch-job.ts";

const PROFILE = builtinProfile().train;

/** The basis a job was planned on: the job's own fields, a stack, the built-in profile. */
function basisOf(job: TrainLaunchJob, stackId: string): TrainCostBasis {
  return {
    model: job.arch,
    chip: chip(job.chip.id),
    count: job.count,
    seqLen: job.seqLen,
    globalBatchTokens: job.globalBatchTokens,
    precision: job.precision,
    profile: PROFILE,
    stackId,
  };
}

/** "23.7 s" as the advisory writes a step time. */
const s = (stepTimeS: number) => `${Number(stepTimeS.toPrecision(3))} s`;

/** The step time the planner gives one fixed plan on a stack. */
function stepOf(basis: TrainCostBasis, stackId: string, fixed: ReturnType<typeof plan>): number {
  const r = planTraining({ ...basis, stackId, constraints: fixed, top: 1 });
  const evaluation = r.plans[0] ?? r.nearest;
  return evaluation!.metrics!.stepTimeS;
}

/** The plan `compare` trains DeepSeek-V3 with on the default scenario's 2,048 H800 (HAI-LLM). */
const DUALPIPE_PLAN = plan({
  tp: 2,
  pp: 4,
  dp: 256,
  ep: 256,
  recompute: "selective",
  schedule: "dualpipe",
});

/**
 * Mixtral 8x22B on 128 H800 (16 nodes), 4,096 sequences of 4K: HAI-LLM's FP8 SwiGLU cache and BF16 Adam moments
 * hold this DualPipe plan in about 70 GiB; Megatron-LM's 1F1B without them needs about 90 GiB of the 80.
 */
const MIXTRAL_JOB: TrainLaunchJob = {
  arch: arch("mixtral-8x22b"),
  seqLen: 4096,
  globalBatchTokens: 4096 * 4096,
  precision: "fp8",
  chip: chip("nvidia-h800-sxm"),
  count: 128,
};
const MIXTRAL_PLAN = plan({ tp: 2, pp: 16, dp: 4, ep: 8, microBatch: 2, schedule: "dualpipe" });

describe("withScheduleCost()", () => {
  it("states the 1F1B step Megatron-LM will run against the DualPipe step that was planned, as the planner costs both", () => {
    const basis = basisOf(DEEPSEEK_V3_JOB, "hai-llm");
    const launch = withScheduleCost(megatronLaunch(DEEPSEEK_V3_JOB, DUALPIPE_PLAN), DUALPIPE_PLAN, basis);
    const advice = launch.advisories.find((a) => a.code === SCHEDULE_NOT_SUPPORTED);
    const planned = stepOf(basis, "hai-llm", DUALPIPE_PLAN);
    const launched = stepOf(basis, "megatron", { ...DUALPIPE_PLAN, schedule: "1f1b" });
    expect(launched).toBeGreaterThan(planned);
    const pct = Math.round((launched / planned - 1) * 100);
    expect(advice?.message).toBe(
      `DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule: the launch runs 1F1B, ${s(launched)} a step on megatron against ${s(planned)} with DualPipe on hai-llm (+${pct} %)`,
    );
    expect(advice?.hint).toMatch(/^exported with the plan's degrees on 1F1B; /);
    expect(advice?.hint).toMatch(/--schedules-method dualpipev$/);
    // replaced in place: one schedule advisory, the others kept in order
    expect(launch.advisories.filter((a) => a.code === SCHEDULE_NOT_SUPPORTED)).toHaveLength(1);
    expect(launch.advisories.map((a) => a.code)).toEqual(
      megatronLaunch(DEEPSEEK_V3_JOB, DUALPIPE_PLAN).advisories.map((a) => a.code),
    );
  });

  it("says when the plan's degrees do not fit in memory on 1F1B, and names the nearest plan that does", () => {
    const basis = basisOf(MIXTRAL_JOB, "hai-llm");
    const launch = withScheduleCost(megatronLaunch(MIXTRAL_JOB, MIXTRAL_PLAN), MIXTRAL_PLAN, basis);
    const advice = launch.advisories.find((a) => a.code === SCHEDULE_NOT_SUPPORTED)!;
    expect(advice.message).toMatch(
      /^DualPipe \(DeepSeek-V3 §3\.2\.1\) is not a Megatron-LM schedule: the launch runs 1F1B, where these degrees do not fit on megatron \(needs \d+\.\d GiB per chip, has 80\.0 GiB\); they would take [\d.]+ s a step against [\d.]+ s with DualPipe on hai-llm \(\+\d+ %\); nearest plan that fits: TP2 PP16 DP4 EP8 .+, [\d.]+ s a step \([+-]\d+ %\)$/,
    );
    expect(advice.hint).toMatch(/which will run out of memory: launch the plan named instead/);
  });

  it("leaves a launch as it is when the engine runs the plan's schedule (MindSpeed-LLM's DualPipeV, 1F1B)", () => {
    const dualpipe = plan({ tp: 8, pp: 4, dp: 2, recompute: "full", schedule: "dualpipe" });
    const mindspeed = mindspeedLaunch(LLAMA_70B_910B_JOB, dualpipe);
    expect(withScheduleCost(mindspeed, dualpipe, basisOf(LLAMA_70B_910B_JOB, "mindspeed"))).toBe(mindspeed);
    const oneF1B = { ...DUALPIPE_PLAN, schedule: "1f1b" as const };
    const megatron = megatronLaunch(DEEPSEEK_V3_JOB, oneF1B);
    expect(withScheduleCost(megatron, oneF1B, basisOf(DEEPSEEK_V3_JOB, "megatron"))).toBe(megatron);
  });

  it("says the plan could not be costed on a stack without its schedule, and still costs the launch", () => {
    const basis = basisOf(DEEPSEEK_V3_JOB, "megatron");
    const launch = withScheduleCost(megatronLaunch(DEEPSEEK_V3_JOB, DUALPIPE_PLAN), DUALPIPE_PLAN, basis);
    expect(launch.advisories.find((a) => a.code === SCHEDULE_NOT_SUPPORTED)?.message).toMatch(
      /: the launch runs 1F1B, [\d.]+ s a step; DualPipe could not be costed on megatron$/,
    );
  });

  it("refuses a stack that does not exist, serves or runs on other chips, naming the field", () => {
    const launch = megatronLaunch(DEEPSEEK_V3_JOB, DUALPIPE_PLAN);
    for (const [stackId, why] of [
      ["hai-lm", /^Cannot find stack 'hai-lm'/],
      ["vllm", /^Cannot cost the plan on vllm: it is a serving stack$/],
      ["mindspeed", /^Cannot cost the plan on mindspeed: it runs on .*, not nvidia-hopper$/],
    ] as const) {
      let error: unknown = null;
      try {
        withScheduleCost(launch, DUALPIPE_PLAN, basisOf(DEEPSEEK_V3_JOB, stackId));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FleetcastError);
      expect((error as FleetcastError).message).toMatch(why);
      expect((error as FleetcastError).path).toBe("stack");
    }
  });
});

describe("scheduleAdvisory()", () => {
  const costed = (stepTimeS: number, fits: boolean, stackId = "megatron"): CostedPlan => ({
    plan: { ...DUALPIPE_PLAN, schedule: "1f1b" },
    stackId,
    stepTimeS,
    chipHoursPerTrillionTokens: 0,
    fits,
    neededGiB: fits ? 70 : 91.23,
    capacityGiB: 80,
  });
  const cost = (over: Partial<LaunchScheduleCost>): LaunchScheduleCost => ({
    engine: "megatron",
    plannedStackId: "hai-llm",
    launchedStackId: "megatron",
    rank: "chip",
    planned: { ...costed(20, true, "hai-llm"), plan: DUALPIPE_PLAN },
    launched: costed(30, true),
    sameDegrees: null,
    fastest: null,
    ...over,
  });

  it("keeps the uncosted advisory without a cost, and gives none for a schedule the engine runs", () => {
    expect(scheduleAdvisory("megatron", DUALPIPE_PLAN)).toEqual({
      code: SCHEDULE_NOT_SUPPORTED,
      message: "DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule",
      hint: "exported as 1F1B; MindSpeed-LLM has --schedules-method dualpipev",
    });
    expect(scheduleAdvisory("mindspeed", DUALPIPE_PLAN)).toBeNull();
    expect(
      scheduleAdvisory("megatron", plan({ tp: 8, pp: 4, dp: 2, vpp: 2, schedule: "interleaved" })),
    ).toBeNull();
  });

  it("names the stacks only when they differ, and the fastest plan when it beats the launch", () => {
    const fastest = { ...costed(25, true), plan: plan({ tp: 4, pp: 2, dp: 256, ep: 64 }) };
    const same = scheduleAdvisory(
      "megatron",
      DUALPIPE_PLAN,
      cost({ plannedStackId: "megatron", planned: { ...costed(20, true), plan: DUALPIPE_PLAN }, fastest }),
    );
    expect(same?.message).toBe(
      "DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule: the launch runs 1F1B, 30 s a step against 20 s with DualPipe (+50 %)",
    );
    expect(same?.hint).toBe(
      "exported with the plan's degrees on 1F1B; the fastest plan fleetcast finds for Megatron-LM on these chips: TP4 PP2 DP256 EP64 mb1 ZeRO1, 25 s a step; MindSpeed-LLM has --schedules-method dualpipev",
    );
  });

  it("says the degrees overflow memory, with both step times, and the fastest plan when none of these degrees fits", () => {
    const fastest = { ...costed(33, true), plan: plan({ tp: 4, pp: 2, dp: 256, ep: 64 }) };
    const a = scheduleAdvisory("megatron", DUALPIPE_PLAN, cost({ launched: costed(30, false), fastest }));
    expect(a?.message).toBe(
      "DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule: the launch runs 1F1B, where these degrees do not fit on megatron (needs 91.2 GiB per chip, has 80.0 GiB); they would take 30 s a step against 20 s with DualPipe on hai-llm (+50 %); no plan of these degrees fits; the fastest that does: TP4 PP2 DP256 EP64 mb1 ZeRO1, 33 s a step (+65 %)",
    );
    const none = scheduleAdvisory(
      "megatron",
      DUALPIPE_PLAN,
      cost({ launched: costed(30, false), rank: "die" }),
    );
    expect(none?.message).toMatch(
      /\(needs 91\.2 GiB per die, has 80\.0 GiB\).*; no plan fleetcast finds for Megatron-LM fits these chips$/,
    );
    expect(none?.hint).toMatch(/launch on more chips/);
  });
});
