import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { FleetcastError } from "../errors.ts";
import { readTextFile } from "../util/read-text-file.ts";
import { type TrainProfile, TrainProfileSchema } from "./train-profile.ts";

/**
 * A calibration profile file: the fitted training profile and, when fitted, the serving one. The built-in
 * profile (`data/profile.json`) is fitted on the published cases of `data/cases/` by `npm run calibrate`;
 * `fleetcast calibrate FILE... --out P` writes a user's, and `--profile P` lays it over the built-in one.
 */
export const ProfileSchema = z.object({
  kind: z.literal("fleetcast-profile"),
  version: z.literal(1),
  train: TrainProfileSchema.nullable(),
  serve: z.unknown().nullable(),
});

export type Profile = z.infer<typeof ProfileSchema>;

const BUILTIN = fileURLToPath(new URL("./data/profile.json", import.meta.url));
let builtin: Profile | undefined;

/** The profile fitted on the built-in published cases (none if it was never written). */
export function builtinProfile(): Profile {
  if (!builtin) {
    builtin = existsSync(BUILTIN)
      ? parseProfile(readFileSync(BUILTIN, "utf8"), BUILTIN)
      : { kind: "fleetcast-profile", version: 1, train: null, serve: null };
  }
  return builtin;
}

export function parseProfile(text: string, fileName: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FleetcastError(`Cannot read profile ${fileName}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".") || "(root)";
    // a file that is not a profile at all says so, rather than quoting the schema on its first field
    const notProfile =
      typeof json !== "object" || json === null || (json as { kind?: unknown }).kind !== "fleetcast-profile";
    throw new FleetcastError(
      notProfile
        ? `Cannot read profile ${fileName}: not a fleetcast profile (kind must be "fleetcast-profile"; \`fleetcast calibrate --out FILE\` writes one)`
        : `Cannot read profile ${fileName}: ${path}: ${issue.message}`,
      issue.path.join("."),
    );
  }
  return parsed.data;
}

export function readProfileFile(path: string): Profile {
  return parseProfile(readTextFile(path, "profile"), path);
}

/** A user's training profile over a base one: its families and groups replace the base's of the same name. */
export function mergeTrainProfiles(
  base: TrainProfile | null,
  user: TrainProfile | null,
): TrainProfile | null {
  if (!base) return user;
  if (!user) return base;
  const families = [
    ...base.families.filter((f) => !user.families.some((u) => u.family === f.family)),
    ...user.families,
  ];
  const groups = [
    ...base.groups.filter((g) => !user.groups.some((u) => u.family === g.family && u.stack === g.stack)),
    ...user.groups,
  ];
  // the pooled figures rest on every published family: the base's stay (a user's two GB200 runs made the
  // interval of every other family theirs, and the scale of families without cases Blackwell's), as serving does
  const userIds = new Set(user.cases);
  return {
    ...user,
    global_compute_scale: base.global_compute_scale,
    interval_log_halfwidth: base.interval_log_halfwidth,
    families,
    groups,
    // a case refitted by the user is the user's (no duplicate ids)
    cases: [...base.cases.filter((id) => !userIds.has(id)), ...user.cases],
    residuals: [...base.residuals.filter((r) => !userIds.has(r.case)), ...user.residuals],
    interval_log_halfwidth_by_family: {
      ...base.interval_log_halfwidth_by_family,
      ...user.interval_log_halfwidth_by_family,
    },
  };
}

/** The profile to predict with: the built-in one, with a user's laid over it when given. */
export function effectiveProfile(userPath?: string): Profile {
  const base = builtinProfile();
  if (!userPath) return base;
  const user = readProfileFile(userPath);
  return {
    kind: "fleetcast-profile",
    version: 1,
    train: mergeTrainProfiles(base.train, user.train),
    serve: user.serve ?? base.serve,
  };
}
