import { Argument, Command, Option } from "@commander-js/extra-typings";
import { builtinProfile, type TrainProfile } from "../../calibrate/index.ts";
import type { ChipCatalog } from "../../catalog/chips/index.ts";
import { resolveModel } from "../../catalog/models/index.ts";
import { findStack } from "../../catalog/stacks/index.ts";
import { FleetcastError, isFleetcastError } from "../../errors.ts";
import { type ExportAdvisory, k8sManifests, type TrainLaunch, withScheduleCost } from "../../export/index.ts";
import {
  compareStrategies,
  poolsForRole,
  type Scenario,
  type StrategyId,
  type StrategyResult,
  servingLaunch,
  strategyFor,
  trainingLaunch,
  vendorOf,
} from "../../fleet/index.ts";
import { TRAIN_PRECISIONS } from "../../train/index.ts";
import { snakeCaseKeys } from "../../util/snake-case-keys.ts";
import { chipCatalog } from "../context.ts";
import type { CliIo } from "../io.ts";
import { json } from "../render.ts";
import { loadScenario } from "./compare.ts";

const ENGINES = ["megatron", "mindspeed", "vllm", "vllm-ascend", "k8s"] as const;
const STRATEGIES = [
  "all-nvidia",
  "all-ascend",
  "train-nvidia-serve-ascend",
  "best-split",
  "cross-vendor-training",
] as const;

export function exportCommand(io: CliIo) {
  return new Command("export")
    .description("Write the launch configs of a scenario's chosen plans for the real engines")
    .addArgument(new Argument("<engine>", "the engine to write for").choices(ENGINES))
    .argument("[scenario]", "a scenario file; default: the story's")
    .addOption(
      new Option("--strategy <id>", "export this strategy instead of the recommended one").choices(
        STRATEGIES,
      ),
    )
    .option("--json", "print the launch as JSON (args, env, nodes, advisories)")
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast export megatron\n  $ fleetcast export vllm-ascend\n  $ fleetcast export k8s my-fleet.yaml --strategy all-ascend",
    )
    .action((engine, file, opts) => {
      const catalog = chipCatalog(opts.catalog);
      const scenario = loadScenario(file, catalog);
      const chosen = opts.strategy as StrategyId | undefined;
      // an engine no pool of the scenario can run (the stack catalog's families) is refused before the comparison's
      // seconds (review 34); k8s wraps whichever engines the plans use
      if (engine !== "k8s") refuseUnrunnable(engine, scenario, catalog, chosen);
      const profile = builtinProfile().train;
      const comparison = compareStrategies(scenario, { catalog, profile, breakEven: false });
      const strategy = strategyFor(comparison, chosen);
      io.err(`exporting ${engine} for strategy '${strategy.label}'\n`);
      if (!strategy.feasible) {
        // an explicit --strategy may name one the comparison rejected: write it, but say why it was rejected
        io.err(
          `note: '${strategy.label}' does not meet this scenario${strategy.nearestFeasible[0] ? ` (${strategy.nearestFeasible[0]})` : ""}; its launch is written as planned\n`,
        );
      }
      if (engine === "k8s") {
        // Each workload apart: one that cannot be expressed (a serving instance wider than a node) is reported, the
        // other still written.
        // the manifests carry the advisories of the engine launches they wrap, as comments (k8sManifests) and here
        const parts: string[] = [];
        const attempts = [
          ["training", () => costedTrainingLaunch(scenario, strategy, catalog, profile)],
          ["serving", () => servingLaunch(scenario, strategy, catalog)],
        ] as const;
        for (const [what, launch] of attempts) {
          try {
            const written = launch();
            parts.push(k8sManifests(written));
            printAdvice(io, written.advisories, what);
          } catch (error) {
            if (!isFleetcastError(error)) throw error;
            io.err(`skipped ${what}: ${error.message}\n`);
          }
        }
        if (parts.length === 0)
          throw new FleetcastError(`Cannot export k8s for '${strategy.id}': no workload could be written`);
        io.out(parts.join("---\n"));
        return;
      }
      const launch =
        engine === "megatron" || engine === "mindspeed"
          ? costedTrainingLaunch(scenario, strategy, catalog, profile, engine)
          : servingLaunch(scenario, strategy, catalog, engine);
      if (opts.json) {
        // snake_case like every other --json and the API's /api/export (environment variable names kept)
        io.out(json(snakeCaseKeys(launch, { keep: ["env"] })));
        return;
      }
      if ("command" in launch) io.out(`${launch.command}\n`);
      else for (const role of launch.roles) io.out(`${role.command}\n`);
      printAdvice(io, launch.advisories);
    });
}

/**
 * Refuses, before the comparison's seconds, an engine no pool of the scenario runs (the stack catalog's families),
 * or, with a strategy named, none of the pools that strategy may give the engine's job (STRATEGY_ROLES: MindSpeed
 * for "all-nvidia" on a mixed fleet) (review 34).
 */
function refuseUnrunnable(
  engine: Exclude<(typeof ENGINES)[number], "k8s">,
  scenario: Scenario,
  catalog: ChipCatalog,
  strategy: StrategyId | undefined,
): void {
  const runsOn = findStack(engine).runsOn;
  const pools = scenario.pools.map((p) => ({ ...p, vendor: vendorOf(catalog.get(p.chip)) }));
  const list = (ps: readonly { name: string; chip: string }[]) =>
    ps.map((p) => `${p.name}: ${p.chip}`).join(", ");
  const runs = (p: { chip: string }) => runsOn.includes(catalog.get(p.chip).family);
  if (!pools.some(runs)) {
    throw new FleetcastError(
      `Cannot export ${engine} for scenario '${scenario.name}': it runs on ${runsOn.join(", ")}, and none of its pools does (${list(pools)})`,
      "engine",
    );
  }
  if (strategy === undefined) return;
  const role = engine === "megatron" || engine === "mindspeed" ? "train" : "serve";
  const admitted = poolsForRole(pools, strategy, role);
  if (!admitted.some(runs)) {
    throw new FleetcastError(
      `Cannot export ${engine} for strategy '${strategy}': it runs on ${runsOn.join(", ")}, and the pools this strategy ${role === "train" ? "trains" : "serves"} on do not (${admitted.length > 0 ? list(admitted) : "none"})`,
      "engine",
    );
  }
}

/**
 * The strategy's training launch, its schedule advisory costed as the comparison costed the plan (the part's stack,
 * chips and number format, the built-in profile): a DualPipe plan on Megatron-LM says what the 1F1B launch costs.
 */
function costedTrainingLaunch(
  scenario: Scenario,
  strategy: StrategyResult,
  catalog: ChipCatalog,
  profile: TrainProfile | null,
  engine?: "megatron" | "mindspeed",
): TrainLaunch {
  const launch = trainingLaunch(scenario, strategy, catalog, engine);
  // the part trainingLaunch writes; a cross-vendor segment was costed on its share of the layers, not the model
  const part = strategy.training?.parts.find((p) => p.plan !== null);
  const precision = TRAIN_PRECISIONS.find((p) => p === part?.precision);
  if (!part?.plan || part.layerShare !== 1 || precision === undefined) return launch;
  const pool = scenario.pools.find((p) => p.name === part.pool);
  return withScheduleCost(launch, part.plan, {
    model: resolveModel(scenario.training.model).arch,
    chip: catalog.get(part.chip),
    count: part.chips,
    ...(pool?.scaleout_gbps_per_chip === undefined
      ? {}
      : { scaleOutGbpsPerChip: pool.scaleout_gbps_per_chip }),
    seqLen: scenario.training.seq_len,
    globalBatchTokens: scenario.training.global_batch_tokens,
    precision,
    profile,
    stackId: part.stackId,
  });
}

/** A launch's advisories on stderr, one "advice:" line each; `workload` names the launch when several are written. */
function printAdvice(io: CliIo, advisories: readonly ExportAdvisory[], workload?: string): void {
  for (const a of advisories) io.err(`advice${workload ? ` (${workload})` : ""}: ${a.message}\n`);
}
