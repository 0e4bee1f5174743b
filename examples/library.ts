// fleetcast as a library: DeepSeek-V3 trained on 2,048 H800 and served on Ascend 910C, then the default mixed-fleet
// comparison. Run it with `node bin/run-ts.js examples/library.ts` (from a project: import from "fleetcast").
import {
  builtinChips,
  builtinProfile,
  builtinServeProfile,
  compareStrategies,
  comparisonAnswer,
  defaultScenario,
  intervalFactorLogSigma,
  makeChipCatalog,
  planServeWithLayouts,
  planTraining,
  resolveModel,
  simulateReliability,
  simulateServing,
} from "../src/index.ts";

export function libraryExample() {
  const chips = makeChipCatalog(builtinChips());
  const { arch } = resolveModel("deepseek-v3");

  // Training: the best parallel plan and the days for 14.8T tokens, failures included (DeepSeek-V3 report, Table 1).
  const h800 = chips.get("nvidia-h800-sxm");
  const train = planTraining({
    model: arch,
    chip: h800,
    count: 2048,
    seqLen: 4096,
    globalBatchTokens: 15_360 * 4096,
    precision: "fp8",
    stackId: "hai-llm",
    tokens: 14.8e12,
    deadlineDays: 60,
    profile: builtinProfile().train,
  });
  const best = train.plans[0];

  // Reliability of the same job on its own (spares, checkpoints, deadlines): the failure-free days and the step-time
  // model's own interval in (as planTraining drew them: skewed for a mixture of experts), wall-clock days and goodput
  // out (seeded); the same P90 planTraining gives.
  const reliability = simulateReliability(
    {
      chipFamily: h800.family,
      chipCount: 2048,
      trainDays: train.budget?.drawn?.medianDays ?? 60,
      trainDaysLogSigma: intervalFactorLogSigma(train.budget?.drawn?.intervalFactor ?? 1),
      deadlineDays: 60,
    },
    { seed: 1, replicas: 1000 },
  );

  // Serving: chips of Ascend 910C for one trillion tokens a day under a 50 ms TPOT, then one replica of the best
  // colocated layout (prefill and decode on the same chips) simulated, seeded, at 70 % of the rate it carries. The
  // simulator runs one attention-DP replica: the instance's rate is split over its dpAttention replicas.
  const { plan: serve, layouts } = planServeWithLayouts(
    arch,
    chips.get("huawei-ascend-910c"),
    { inputTokens: 2048, outputTokens: 512, tpotMs: 50, demand: { tokensPerDay: 1e12 } },
    builtinServeProfile(),
  );
  const colocated = layouts.colocated[0];
  const simulated = colocated
    ? simulateServing(
        colocated.setup,
        {
          arrivals: "poisson",
          ratePerS:
            (0.7 * colocated.tokensPerSPerChip * colocated.chipsPerInstance) /
            colocated.config.dpAttention /
            512,
          requests: 2000,
          inputTokens: 2048,
          outputTokens: 512,
        },
        { seed: 1 },
      )
    : null;

  // The fleet: which pool trains and which serves (the `fleetcast compare` default scenario).
  const comparison = compareStrategies(defaultScenario(), { breakEven: false });

  return {
    plan: best?.metrics ? { mfu: best.metrics.mfu, tokensPerSPerChip: best.metrics.tokensPerSPerChip } : null,
    trainDaysP90: train.budget?.withFailures?.wallDaysP90 ?? null,
    reliabilityP90Days: reliability.wallDays.p90,
    pFinishIn60Days: reliability.pFinishByDeadline,
    goodput: reliability.goodput.mean,
    servingChips: serve.capacity?.chips ?? null,
    simulatedTpotP50Ms: simulated?.tpotMs.p50 ?? null,
    answer: comparisonAnswer(comparison).answer,
  };
}

// run as a script (node bin/run-ts.js examples/library.ts): print the answers
const [, runner, script] = process.argv;
if (
  runner?.endsWith("run-ts.js") &&
  script !== undefined &&
  import.meta.url.endsWith(script.replace(/^\.\//, ""))
)
  console.log(libraryExample());
