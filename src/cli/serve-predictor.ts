import type { Profile } from "../calibrate/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";
import type { ServePredictor } from "../validate/index.ts";

/** The serving predictor for validate, once the serving model provides one. */
export function servePredictorOrUndefined(
  _chips: ChipCatalog,
  _profile: Profile,
): ServePredictor | undefined {
  return undefined;
}
