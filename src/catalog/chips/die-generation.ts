import type { ChipFamily } from "./chip-schema.ts";

/**
 * Chip families whose packages are built, we infer, from the same compute die, so that a software stack's kernels
 * reach the same fraction of peak on each (per die) and one calibration can serve them all. The catalog keeps them
 * apart as families (their packages, links and scale-up domains differ); the serving calibration fits them
 * together (fit-serve-profile.ts) and a family without training cases takes a same-die family's training fit
 * (calibrate/train-profile.ts).
 *
 * Ascend 910B and 910C, an inference from research/hardware.json, which does not state it: the 910C entry is a
 * "module with 2 dies joined by on-package SIO", 752 dense FP16/BF16 TFLOP/s per package "(~376 per die)", HBM2e in
 * "8 stacks, 2 x 64 GB", 3.2 TB/s (so ~1.6 TB/s per die, derived), software seeing "2 devices per 910C (scheduling
 * granularity = die)"; the 910B2 entry is one die of 376 TFLOP/s with 64 GB of HBM2e at 1.6 TB/s. Lower 910C bins
 * exist (626 and 560 TFLOP/s per package, same entry), as do lower 910B ones (910B3 313, 910B4 280). Outside the
 * research base and flagged: "it combines two Ascend 910B chips" (L. Heim, as reported by nogameover.net, 2025),
 * while Tom's Hardware (as reported by wm.org.tr) calls the 910C's die "a more sophisticated version" of the 910B's
 * chiplet. Observed, bin against bin: SGLang's Ascend backend, same build and flags, Qwen3-32B W8A8 at TP 4 (four
 * dies), 1,415.63 output tok/s on two 910C packages of an Atlas 800I A3 (560-TFLOP/s bin, 280 per die) against
 * 1,395.33 on four 910B4 (280 TFLOP/s) of an Atlas 800I A2 (data/holdout/ascend.json and its README, never fitted on).
 */
const SAME_DIE: readonly (readonly ChipFamily[])[] = [["ascend-910b", "ascend-910c"]];

/** The families that share `family`'s compute die (itself included; itself alone when none other does). */
export function sameDieFamilies(family: ChipFamily): readonly ChipFamily[] {
  return SAME_DIE.find((set) => set.includes(family)) ?? [family];
}

/** One name per die generation: the first family of its set (the family itself when it shares its die with none). */
export function dieGenerationOf(family: ChipFamily): ChipFamily {
  return sameDieFamilies(family)[0] ?? family;
}

/**
 * Where to look for a fit of `family`: the family itself first, then the others built from the same die (a 910C
 * without its own cases reads the 910B's).
 */
export function ownThenSameDie(family: ChipFamily): readonly ChipFamily[] {
  return [family, ...sameDieFamilies(family).filter((f) => f !== family)];
}
