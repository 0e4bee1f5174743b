import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { FleetcastError } from "../errors.ts";
import { fitServeProfile } from "./fit-serve-profile.ts";
import { layeredServeProfile, mergeServeProfiles } from "./layered-serve-profile.ts";
import { builtinServeProfile, profileEfficiency, type ServeProfile } from "./serve-profile.ts";

/** A family entry as a group's values (groups carry no multipliers). */
function withoutMultipliers<T extends { multipliers?: unknown }>(x: T): Omit<T, "multipliers"> {
  const { multipliers: _m, ...rest } = x;
  return rest;
}

/** A user's profile fitted on Hopper alone, with one vLLM group, its decode bandwidth halved. */
function userHopperProfile(): ServeProfile {
  const base = builtinServeProfile();
  const hopper = base.families["nvidia-hopper"]!;
  const slow = { ...hopper, decode_hbm_fraction: hopper.decode_hbm_fraction / 2, n_cases: 3 };
  return {
    ...base,
    fitted_on: ["my-h100-run"],
    families: { "nvidia-hopper": slow },
    groups: [{ ...withoutMultipliers(slow), family: "nvidia-hopper", stack: "vllm" }],
    pooled_multipliers: { prefill_matmul_fraction: 9, moe_gemm_fraction: 9 },
    cases: [],
  };
}

describe("mergeServeProfiles()", () => {
  it("lays a user's families and groups over the base and keeps the base's other families", () => {
    const base = builtinServeProfile();
    const merged = mergeServeProfiles(base, userHopperProfile());
    const half = base.families["nvidia-hopper"]!.decode_hbm_fraction / 2;
    expect(merged.families["nvidia-hopper"]?.decode_hbm_fraction).toBe(half);
    expect(merged.families["nvidia-blackwell"]).toEqual(base.families["nvidia-blackwell"]);
    expect(profileEfficiency(merged, "nvidia-hopper", "vllm")).toMatchObject({
      source: "group",
      efficiency: { decodeHbmFraction: half },
    });
    // a base group of the same family and another stack stays
    const sglang = base.groups.find((g) => g.family === "nvidia-hopper" && g.stack === "sglang");
    expect(merged.groups).toContainEqual(sglang);
    expect(merged.groups.filter((g) => g.family === "nvidia-hopper" && g.stack === "vllm")).toHaveLength(1);
    // the pooled multipliers rest on every published family: the base's stay
    expect(merged.pooled_multipliers).toEqual(base.pooled_multipliers);
    expect(merged.fitted_on).toEqual([...base.fitted_on, "my-h100-run"]);
    // statistics: the overall ones stay the base's; a refitted family's are the user's or none
    const user = userHopperProfile();
    const withStats = mergeServeProfiles(base, {
      ...user,
      residual_quantiles: { all: [-9, 9], "nvidia-hopper": [-0.5, 0.5] },
      summary: { all: { ...base.summary.all!, cases: 1 } },
    });
    expect(withStats.residual_quantiles.all).toEqual(base.residual_quantiles.all);
    expect(withStats.residual_quantiles["nvidia-hopper"]).toEqual([-0.5, 0.5]);
    expect(withStats.residual_quantiles["nvidia-blackwell"]).toEqual(
      base.residual_quantiles["nvidia-blackwell"],
    );
    expect(withStats.summary.all).toEqual(base.summary.all);
    expect(withStats.summary["nvidia-hopper"]).toBeUndefined();
    expect(withStats.summary["nvidia-blackwell"]).toEqual(base.summary["nvidia-blackwell"]);
  });
});

describe("mergeServeProfiles() with a user's fit on one family of a shared die", () => {
  it("keeps the base's level for the same-die family the user had no case on", () => {
    const cases = parseCases(
      readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
      "serve.json",
    ).filter((c): c is ServeCase => c.kind === "serve" && c.hardware.chip.startsWith("huawei-ascend-910b"));
    expect(cases.length).toBeGreaterThan(0);
    const user = fitServeProfile(cases, { leaveOneOut: false });
    expect(Object.keys(user.families)).toEqual(["ascend-910b"]);
    const base = builtinServeProfile();
    const merged = mergeServeProfiles(base, user);
    expect(merged.families["ascend-910c"]).toEqual(base.families["ascend-910c"]);
    expect(merged.summary["ascend-910c"]).toEqual(base.summary["ascend-910c"]);
    expect(profileEfficiency(merged, "ascend-910c", "vllm-ascend").efficiency).toEqual(
      profileEfficiency(base, "ascend-910c", "vllm-ascend").efficiency,
    );
  });
});

describe("layeredServeProfile()", () => {
  it("is the built-in profile without a part, and refuses a part that is not a serving profile, naming the field", () => {
    expect(layeredServeProfile(null)).toEqual(builtinServeProfile());
    expect(() => layeredServeProfile({ version: 2 })).toThrow(FleetcastError);
    expect(() => layeredServeProfile({ version: 2 })).toThrow(
      /^Cannot read the serving profile: serve\.version/,
    );
    const layered = layeredServeProfile(userHopperProfile());
    expect(layered.families["ascend-910c"]).toEqual(builtinServeProfile().families["ascend-910c"]);
  });
});
