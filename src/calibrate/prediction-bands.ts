import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { FleetcastError } from "../errors.ts";
import type { LogBand } from "./out-of-sample-band.ts";

const KindBandSchema = z.object({
  log_lo: z.number().nonpositive(),
  log_hi: z.number().nonnegative(),
  runs: z.number().int().positive(),
  sources: z.number().int().positive(),
  /** The share of runs inside the band formed without their source: the coverage to expect on a new source. */
  leave_one_source_out_coverage: z.number().min(0).max(1).nullable(),
  /** log(observed / predicted) at 5 %, 10 % ... 95 % of the weight (RESIDUAL_QUANTILE_PROBS); absent in older files. */
  log_quantiles: z.array(z.number()).length(19).optional(),
});

/**
 * How one serving engine's predictions on one chip family fared on the held-out runs (first metric of each run):
 * what a plan priced for that pair can expect, said beside its calibration advisory.
 */
const TrackRecordSchema = z.object({
  family: z.string(),
  stack: z.string(),
  runs: z.number().int().positive(),
  sources: z.number().int().positive(),
  /** Median of |predicted / observed - 1|. */
  median_abs_error: z.number().nonnegative(),
  within_35pct: z.number().int().nonnegative(),
  /** Runs predicted optimistic: more throughput (or less time) than observed. */
  optimistic: z.number().int().nonnegative(),
});
export type TrackRecord = z.infer<typeof TrackRecordSchema>;

/**
 * The out-of-sample 80 % bands written by `npm run calibrate:bands` (scripts/fit-prediction-bands.ts) from the
 * residuals of the held-out sets (data/holdout/), which no fitted factor has seen: they set the width of the
 * intervals only, never a prediction (src/calibrate/out-of-sample-band.ts says how).
 */
export const PredictionBandsSchema = z.object({
  kind: z.literal("fleetcast-prediction-bands"),
  method: z.string(),
  coverage: z.number().gt(0).lt(1),
  files: z.array(z.string()),
  serve: KindBandSchema.nullable(),
  train: KindBandSchema.nullable(),
  /**
   * The training band of mixtures of experts alone (absent in older files): their held-out runs read faster than
   * measured more often than not (moeTrainingAdvisory), a skew the pooled band's symmetric use hides (QA 40 M9).
   */
  train_moe: KindBandSchema.nullable().optional(),
  /** Each serving engine's held-out record on each chip family (absent in older files). */
  serve_track_record: z.array(TrackRecordSchema).optional(),
});

export type PredictionBands = z.infer<typeof PredictionBandsSchema>;

const BUILTIN = fileURLToPath(new URL("./data/prediction-bands.json", import.meta.url));
let builtin: PredictionBands | null | undefined;

/** The built-in out-of-sample bands, or null when they were never written. */
export function builtinPredictionBands(): PredictionBands | null {
  if (builtin === undefined) {
    if (!existsSync(BUILTIN)) builtin = null;
    else {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(BUILTIN, "utf8"));
      } catch (error) {
        throw new FleetcastError(
          `Cannot read ${BUILTIN}: not valid JSON (${(error as Error).message}); \`npm run calibrate:bands\` rewrites it`,
        );
      }
      const parsed = PredictionBandsSchema.safeParse(json);
      if (!parsed.success)
        throw new FleetcastError(`Cannot read ${BUILTIN}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      builtin = parsed.data;
    }
  }
  return builtin;
}

/** The kinds of prediction a band is written for: serving, training, and training of mixtures of experts. */
export type BandKind = "serve" | "train" | "train_moe";

/** The held-out residuals' log quantiles of a kind of prediction (RESIDUAL_QUANTILE_PROBS), or null. */
export function residualQuantilesOf(kind: BandKind, bands = builtinPredictionBands()): number[] | null {
  return bands?.[kind]?.log_quantiles ?? null;
}

/** The out-of-sample band of a kind of prediction, as a log band (null when none was written). */
export function outOfSampleBandOf(kind: BandKind, bands = builtinPredictionBands()): LogBand | null {
  const b = bands?.[kind];
  return b == null ? null : { logLo: b.log_lo, logHi: b.log_hi };
}

/** The held-out record of serving `stack` on `family`, or null when no held-out run priced that pair. */
export function serveTrackRecordOf(
  family: string,
  stack: string,
  bands = builtinPredictionBands(),
): TrackRecord | null {
  return bands?.serve_track_record?.find((r) => r.family === family && r.stack === stack) ?? null;
}

/**
 * A track record as a sentence: "held out, vllm on nvidia-hopper: 64 runs from 20 publications, median |error|
 * 20 %, 42 within 35 %, predicted faster than measured in 35 (data/holdout)".
 */
export function trackRecordText(r: TrackRecord): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `held out, ${r.stack} on ${r.family}: ${plural(r.runs, "run")} from ${plural(r.sources, "publication")}, median |error| ${Math.round(r.median_abs_error * 100)} %, ${r.within_35pct} within 35 %, predicted faster than measured in ${r.optimistic} (data/holdout)`;
}
