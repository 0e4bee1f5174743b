import * as z from "zod";
import { optimizeCheckpointInputSchema, optimizeCheckpointInterval } from "../reliability/index.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";

// Field bounds are the library's (reliability/optimize-checkpoint-interval.ts), under snake_case names.
const lib = optimizeCheckpointInputSchema.shape;

/**
 * Replicas per evaluated interval: 5,000 (the library's default is 200). The optimizer evaluates 31 intervals
 * (17 grid points and 14 golden-section steps) of ~100 failures per replica, so 5,000 replicas is ~1.6e7 failures.
 */
const MAX_OPTIMIZE_REPLICAS = 5_000;

/** `POST /api/reliability/optimize`: the inputs of `fleetcast reliability optimize`, snake_case. */
export const ReliabilityOptimizeBodySchema = z.strictObject({
  mtbf_h: lib.mtbfH.meta({ description: "Mean time between failures of the job, hours" }),
  checkpoint_blocking_s: lib.checkpointBlockingS.meta({
    description: "Seconds training stalls per checkpoint",
  }),
  restart_min: lib.restartMin.meta({ description: "Failure to resumed training, minutes" }),
  seed: SeedSchema.default(1),
  replicas: z.int().min(1).max(MAX_OPTIMIZE_REPLICAS).default(200),
});
export type ReliabilityOptimizeBody = z.output<typeof ReliabilityOptimizeBodySchema>;

/**
 * The checkpoint interval three ways (Young, Daly, simulated best) for a request body, as
 * `fleetcast reliability optimize --json`.
 * @throws {FleetcastError} when restart or checkpoint cost is many MTBFs (the job would hardly progress)
 */
export function reliabilityOptimizeJob(body: ReliabilityOptimizeBody) {
  const inputs = {
    mtbfH: body.mtbf_h,
    checkpointBlockingS: body.checkpoint_blocking_s,
    restartMin: body.restart_min,
  };
  const best = optimizeCheckpointInterval(inputs, { seed: body.seed, replicas: body.replicas });
  return snakeCaseKeys({ inputs: { ...inputs, seed: body.seed, replicas: body.replicas }, ...best });
}
