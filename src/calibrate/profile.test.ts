import { describe, expect, it } from "vitest";
import { builtinProfile, mergeTrainProfiles } from "./profile.ts";

describe("mergeTrainProfiles()", () => {
  it("lays a user's families over the base and keeps the base's pooled scale and interval", () => {
    const base = builtinProfile().train!;
    // a user's profile fitted on a couple of runs: its own pooled figures rest on them alone
    const user = {
      ...base,
      global_compute_scale: 0.5,
      interval_log_halfwidth: 0.9,
      families: base.families.filter((f) => f.family === "nvidia-blackwell"),
      groups: base.groups.filter((g) => g.family === "nvidia-blackwell"),
      cases: base.cases.slice(0, 2),
      residuals: base.residuals.slice(0, 2),
    };
    const merged = mergeTrainProfiles(base, user)!;
    expect(merged.global_compute_scale).toBe(base.global_compute_scale);
    expect(merged.interval_log_halfwidth).toBe(base.interval_log_halfwidth);
    // a case the user refitted counts once
    expect(new Set(merged.cases).size).toBe(merged.cases.length);
    expect(merged.residuals.length).toBe(base.residuals.length);
  });
});
