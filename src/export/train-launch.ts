import type { ChipFamily } from "../catalog/chips/index.ts";
import type { ExportAdvisory } from "./export-advisory.ts";

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
