import { Argument, Command, Option } from "@commander-js/extra-typings";
import { builtinProfile } from "../../calibrate/index.ts";
import { FleetcastError, isFleetcastError } from "../../errors.ts";
import { k8sManifests } from "../../export/index.ts";
import {
  compareStrategies,
  type StrategyId,
  servingLaunch,
  strategyFor,
  trainingLaunch,
} from "../../fleet/index.ts";
import { snakeCaseKeys } from "../../server/snake-case-keys.ts";
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
      const comparison = compareStrategies(scenario, {
        catalog,
        profile: builtinProfile().train,
        breakEven: false,
      });
      const strategy = strategyFor(comparison, opts.strategy as StrategyId | undefined);
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
        const parts: string[] = [];
        const attempts = [
          ["training", () => k8sManifests(trainingLaunch(scenario, strategy, catalog))],
          ["serving", () => k8sManifests(servingLaunch(scenario, strategy, catalog))],
        ] as const;
        for (const [what, make] of attempts) {
          try {
            parts.push(make());
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
          ? trainingLaunch(scenario, strategy, catalog, engine)
          : servingLaunch(scenario, strategy, catalog, engine);
      if (opts.json) {
        // snake_case like every other --json and the API's /api/export (environment variable names kept)
        io.out(json(snakeCaseKeys(launch, { keep: ["env"] })));
        return;
      }
      if ("command" in launch) io.out(`${launch.command}\n`);
      else for (const role of launch.roles) io.out(`${role.command}\n`);
      for (const a of launch.advisories) io.err(`advice: ${a.message}\n`);
    });
}
