import type { ChipFamily } from "../catalog/chips/index.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import { shellCommand } from "./shell-command.ts";
import { torchrunArgs } from "./torchrun-args.ts";
import type { TrainLaunchJob, TrainLayout } from "./train-launch-job.ts";

/** A ready training launch: the engine's arguments, the torchrun line around them, environment and geometry. */
export interface TrainLaunch {
  engine: "megatron" | "mindspeed";
  /** The training entry point, relative to the engine's repository root. */
  script: string;
  /** The engine's own arguments (what megatronArgs / mindspeedArgs return). */
  args: string[];
  torchrunArgs: string[];
  /** Environment every rank needs, beyond the rendezvous variables. */
  env: Record<string, string>;
  vendor: string;
  chipFamily: ChipFamily;
  nodes: number;
  chipsPerNode: number;
  ranksPerNode: number;
  worldRanks: number;
  /** The whole command as shell text (export lines, then torchrun … script … args). */
  command: string;
  advisories: ExportAdvisory[];
}

/** Assembles a launch from an engine's arguments: the torchrun line, the node geometry and the shell command. */
export function assembleTrainLaunch(
  engine: TrainLaunch["engine"],
  script: string,
  job: TrainLaunchJob,
  layout: TrainLayout,
  built: { args: string[]; env: Record<string, string>; advisories: ExportAdvisory[] },
): TrainLaunch {
  const launcher = torchrunArgs(layout.nodes, layout.ranksPerNode);
  return {
    engine,
    script,
    args: built.args,
    torchrunArgs: launcher,
    env: built.env,
    vendor: job.chip.vendor,
    chipFamily: job.chip.family,
    nodes: layout.nodes,
    chipsPerNode: layout.chipsPerNode,
    ranksPerNode: layout.ranksPerNode,
    worldRanks: layout.worldRanks,
    command: shellCommand(["torchrun"], [...launcher, script, ...built.args], built.env),
    advisories: built.advisories,
  };
}
