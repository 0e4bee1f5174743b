import { FleetcastError } from "../errors.ts";
import { builtinServeProfile, type ServeProfile, ServeProfileSchema } from "./serve-profile.ts";

/**
 * A user's serving profile over a base one, as `mergeTrainProfiles` lays training profiles: the user's chip
 * families and (family, stack) groups replace the base's of the same name, the rest of the base stays. The pooled
 * GEMM multipliers (what a family without cases takes) and the overall ("all") residual quantiles and summary stay
 * the base's, which rest on every published family; a family the user refitted takes the user's quantiles and
 * summary, or none (then the overall ones); cases are the union, the user's winning on the same id.
 */
export function mergeServeProfiles(base: ServeProfile, user: ServeProfile): ServeProfile {
  const userGroup = (g: { family: string; stack: string }) =>
    user.groups.some((u) => u.family === g.family && u.stack === g.stack);
  const userCase = new Set(user.cases.map((c) => c.id));
  const refitted = new Set(Object.keys(user.families));
  // per-family statistics: the base's for families the user did not refit, the user's for those it did
  const byFamily = <T>(b: Record<string, T>, u: Record<string, T>): Record<string, T> => ({
    ...Object.fromEntries(Object.entries(b).filter(([k]) => k === "all" || !refitted.has(k))),
    ...Object.fromEntries(Object.entries(u).filter(([k]) => k !== "all")),
  });
  return {
    ...user,
    fitted_on: [...base.fitted_on.filter((id) => !userCase.has(id)), ...user.fitted_on],
    families: { ...base.families, ...user.families },
    groups: [...base.groups.filter((g) => !userGroup(g)), ...user.groups],
    ...(base.pooled_multipliers !== undefined
      ? { pooled_multipliers: base.pooled_multipliers }
      : user.pooled_multipliers !== undefined
        ? { pooled_multipliers: user.pooled_multipliers }
        : {}),
    residual_quantiles: byFamily(base.residual_quantiles, user.residual_quantiles),
    summary: byFamily(base.summary, user.summary),
    cases: [...base.cases.filter((c) => !userCase.has(c.id)), ...user.cases],
  };
}

/**
 * The serving profile to predict with: the built-in one (src/serve/data/serve-profile.json), with the `serve` part
 * of a `fleetcast calibrate` profile laid over it when there is one.
 * @throws FleetcastError naming the field when `part` is not a serving profile.
 */
export function layeredServeProfile(part: unknown): ServeProfile {
  const base = builtinServeProfile();
  if (part == null) return base;
  const parsed = ServeProfileSchema.safeParse(part);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = `serve.${issue?.path.join(".") ?? ""}`;
    throw new FleetcastError(
      `Cannot read the serving profile: ${path} ${issue?.message ?? "is invalid"}`,
      path,
    );
  }
  return mergeServeProfiles(base, parsed.data);
}
