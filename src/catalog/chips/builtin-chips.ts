import { withAddedMeasurements } from "./added-measurements.ts";
import { chipFromEntry } from "./chip-from-entry.ts";
import type { Chip } from "./chip-schema.ts";
import added from "./data/added-chips.json" with { type: "json" };
import hardware from "./data/hardware.json" with { type: "json" };
import { fillSpecGaps } from "./fill-spec-gaps.ts";
import { chipEntriesFromValue } from "./parse-chip-file.ts";

let cache: readonly Chip[] | undefined;

/**
 * The built-in chips: every entry of data/hardware.json (a verbatim copy of research/hardware.json, see
 * data/README.md), then of data/added-chips.json (chips fleetcast added later, each with its sources), that has a
 * dense 16-bit peak (BF16, else FP16: the 910A has no BF16), validated by the same
 * schema as user files, in file order, after the documented gap fills (fill-spec-gaps.ts: 910A HBM, 910B1 peak) and
 * with the measurements added later (data/added-measurements.json: H20's FP8 GEMM rate).
 * Entries with neither (the 950/960/970 roadmap parts, Cambricon MLU590) are left out.
 * @example builtinChips().find((c) => c.id === "nvidia-h100-sxm")?.peakTflops.bf16 // 989.4
 */
export function builtinChips(): readonly Chip[] {
  if (cache === undefined) {
    const entries = [
      ...chipEntriesFromValue(hardware, "data/hardware.json"),
      ...chipEntriesFromValue(added, "data/added-chips.json"),
    ];
    cache = Object.freeze(
      entries
        .map(fillSpecGaps)
        .map(withAddedMeasurements)
        .filter((e) => (e.bf16_dense_tflops ?? e.fp16_dense_tflops) !== null)
        .map(chipFromEntry),
    );
  }
  return cache;
}
