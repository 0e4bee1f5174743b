import * as z from "zod";
import { builtinProfile } from "../calibrate/index.ts";
import { type Case, CaseSchema } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { servePredictorOrUndefined, validateCases } from "../validate/index.ts";
import { MAX_CASES } from "./api-limits.ts";

/**
 * `POST /api/validate`: published cases in the format of data/cases/FORMAT.md (the schema of `src/cases`), each id
 * once, and the seed and replicas of the reliability simulations. Field values are the format's own: the CLI's file
 * reader also reads engines' spellings of values ("NVFP4", "HSDP": src/cases/read-aliases.ts) and says so; a request
 * body does not (its schema is the published contract, /openapi.json). What the predictors read the same way for
 * both (a chip id naming one catalog chip, TP and attention DP as engines count them) is said in each case's
 * assumptions.
 */
export const ValidateBodySchema = z.strictObject({
  cases: z
    .array(CaseSchema)
    .min(1)
    .max(MAX_CASES)
    .superRefine((cases, ctx) => {
      const seen = new Map<string, number>();
      cases.forEach((c, i) => {
        const first = seen.get(c.id);
        if (first !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [i, "id"],
            message: `repeats the id of cases[${first}] ("${c.id}")`,
          });
        else seen.set(c.id, i);
      });
    }),
  seed: SeedSchema.default(1),
  reliability_replicas: z.int().min(1).max(5_000).default(400),
});
export type ValidateBody = z.output<typeof ValidateBodySchema>;

/**
 * Predicts every case with the built-in chips and calibration profile and compares with what was observed: the
 * answer of `fleetcast validate --json` (cases with metrics and errors, and the summary per family).
 */
export function validateJob(body: ValidateBody) {
  const chips = makeChipCatalog(builtinChips());
  const profile = builtinProfile();
  const servePredictor = servePredictorOrUndefined(chips, profile);
  const report = validateCases(body.cases as Case[], {
    chips,
    profile,
    ...(servePredictor ? { servePredictor } : {}),
    seed: body.seed,
    reliabilityReplicas: body.reliability_replicas,
  });
  return snakeCaseKeys(report);
}
