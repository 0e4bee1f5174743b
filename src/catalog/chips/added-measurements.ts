import { z } from "zod";
import { type ChipEntry, MeasuredSchema, SourceSchema } from "./chip-schema.ts";
import added from "./data/added-measurements.json" with { type: "json" };

const AddedMeasurementSchema = z.strictObject({
  chip: z.string().min(1),
  measured: MeasuredSchema,
  source: SourceSchema,
});

const ADDED = z.array(AddedMeasurementSchema).parse(added);

/**
 * A built-in entry with the measurements fleetcast added after the research file was copied (data/added-measurements.json,
 * each with its source, appended to the entry's `measured` and `sources`); entries without additions come back
 * unchanged. The research file itself stays a verbatim copy (data/README.md).
 * @example withAddedMeasurements(h20Entry).measured[0].metric // "max achievable FP8 matmul"
 */
export function withAddedMeasurements(entry: ChipEntry): ChipEntry {
  const mine = ADDED.filter((a) => a.chip === entry.id);
  if (mine.length === 0) return entry;
  return {
    ...entry,
    measured: [...entry.measured, ...mine.map((a) => a.measured)],
    sources: [
      ...entry.sources,
      ...mine.map((a) => a.source).filter((s) => !entry.sources.some((e) => e.ref === s.ref)),
    ],
  };
}

/** Ids of the chips with added measurements (for tests: each must name a built-in chip). */
export const ADDED_MEASUREMENT_CHIPS: readonly string[] = [...new Set(ADDED.map((a) => a.chip))];
