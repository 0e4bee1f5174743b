import type { ModelArch } from "../arch/index.ts";
import type { ChipFamily } from "../catalog/chips/index.ts";
import { checkpointAdvisory, expertBitsAdvisory } from "./expert-weight-bits.ts";
import { graphModeAdvisory } from "./graph-mode.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import { calibrationAdvisory, moeCalibrationAdvisory, type ServeProfile } from "./serve-profile.ts";
import type { ServeSetup } from "./serve-setup.ts";

/** What a simulation of one replica was asked and built, for the advice it carries before it runs. */
export interface SimulationAdvisoryInput {
  readonly arch: ModelArch;
  readonly setup: ServeSetup;
  /** The serving profile the efficiencies came from (null: the stack catalog's priors). */
  readonly profile: ServeProfile | null;
  readonly family: ChipFamily;
  readonly stackId: string;
  /** 4-bit experts as asked (advised against on a dense model), and the precision asked. */
  readonly requestedExpertBits: 4 | undefined;
  readonly requestedPrecision: string;
}

/**
 * The advisories `serve simulate` and `POST /api/serve/simulate` carry besides the model's, the setup's and the run's
 * own, in one order: 4-bit experts asked of a dense model, the calibration the efficiencies rest on (the engine's own
 * fit, the family's, or priors; a mixture of experts priced on other engines' MoE cases), a checkpoint priced at other
 * weights than it ships (INT8 on Ascend for FP8 asked: the weights as priced), and host-launched graph modes. One
 * list for both shells (review 39 left them built twice).
 */
export function simulationAdvisories(input: SimulationAdvisoryInput): ServeAdvisory[] {
  const { arch, setup, profile, family, stackId } = input;
  const advisories = [
    expertBitsAdvisory(arch, input.requestedExpertBits, input.requestedPrecision),
    calibrationAdvisory(profile, family, stackId),
    moeCalibrationAdvisory(profile, family, stackId, arch.moe !== null),
    checkpointAdvisory(arch, setup.weightPrecision, setup.expertWeightBits ?? undefined),
    graphModeAdvisory(setup.graphMode, stackId, family, arch.numLayers),
  ];
  return advisories.filter((a) => a !== null);
}
