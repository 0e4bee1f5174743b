import type { ChipFamily } from "./chip-schema.ts";

/**
 * Chip families whose packages are built from the same compute die, so that a software stack's kernels reach the
 * same fraction of peak on each (per die) and one calibration can serve them all. The catalog keeps them apart
 * as families (their packages, links and scale-up domains differ); the serving calibration fits them together
 * (fit-serve-profile.ts).
 *
 * Ascend 910B and 910C: research/hardware.json gives the 910C package as two dies of ~376 dense FP16/BF16 TFLOP/s,
 * 64 GB and 1.6 TB/s each (752 TFLOP/s, 128 GB, 3.2 TB/s per package; Zuo et al., arXiv 2506.12708), exactly a
 * 910B2's 376 TFLOP/s, 64 GB and 1.6 TB/s, and the software schedules each die as one device. Secondary: the
 * package "combines two Ascend 910B chips" (L. Heim, as reported by nogameover.net, 2025); flagged: Tom's
 * Hardware (via wm.org.tr) calls the 910C's die "a more sophisticated version" of the 910B's Virtuvian chiplet
 * on SMIC N+2 rather than the same one. Observed: SGLang's Ascend backend, same build and flags, Qwen3-32B W8A8 at TP 4
 * (four dies), 1,415.63 output tok/s on two 910C packages against 1,395.33 on four 910B-class NPUs of an Atlas 800I
 * A2 (data/holdout/ascend.json, which is never fitted on).
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
