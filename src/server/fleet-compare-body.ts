import * as z from "zod";
import { builtinProfile } from "../calibrate/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import {
  compareStrategies,
  comparisonChartData,
  comparisonJson,
  defaultScenario,
  ScenarioSchema,
  validateScenario,
} from "../fleet/index.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { MAX_CHIPS } from "./api-limits.ts";

/**
 * `POST /api/fleet/compare`: a scenario (the format of `fleetcast compare FILE`, src/fleet/scenario-schema.ts;
 * default: the story's scenario) and whether to run the what-Ascend-would-need sweep (the slow part). Each pool
 * holds at most 2^20 chips here (the scenario format allows 10^7).
 */
export const FleetCompareBodySchema = z.strictObject({
  scenario: ScenarioSchema.superRefine((s, ctx) => {
    s.pools.forEach((p, i) => {
      if (p.count > MAX_CHIPS)
        ctx.addIssue({
          code: "custom",
          path: ["pools", i, "count"],
          message: `must be <= ${MAX_CHIPS} in the API, got ${p.count}`,
        });
    });
  })
    .optional()
    .meta({ description: "A fleet scenario; default: the story's scenario (GET it from an empty body)" }),
  break_even: z.boolean().default(true),
});
export type FleetCompareBody = z.output<typeof FleetCompareBodySchema>;

/**
 * Compares the fleet strategies for a request body: the answer of `fleetcast compare --json` (strategies side by
 * side, sensitivity, policy costs, assumptions) with the scenario used and the chart data (days, tornado, cost).
 * @throws {FleetcastError} for repeated pool names, unknown chips, stacks that do not run on their pool's chip, or
 *   models that are not built-in (path under `scenario.`)
 */
export function fleetCompareJob(body: FleetCompareBody) {
  let scenario = defaultScenario();
  if (body.scenario !== undefined) {
    try {
      // as a file is checked (stacks that run on their pools' chips, known models: QA 27 #5), but a model only by
      // its built-in name: the API reads no file on a client's behalf (a path here was read from the server's disk)
      scenario = validateScenario(body.scenario, "scenario", { models: "builtin" });
    } catch (error) {
      if (!isFleetcastError(error)) throw error;
      throw new FleetcastError(error.message, error.path ? `scenario.${error.path}` : "scenario");
    }
  }
  const result = compareStrategies(scenario, { profile: builtinProfile().train, breakEven: body.break_even });
  return {
    ...comparisonJson(result),
    scenario_used: scenario,
    charts: snakeCaseKeys(comparisonChartData(result)),
  };
}
