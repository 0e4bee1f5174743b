import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snakeCase, snakeCaseKeys } from "./snake-case-keys.ts";

describe("snakeCase()", () => {
  it.each([
    ["tokensPerSPerChip", "tokens_per_s_per_chip"],
    ["hbmGB", "hbm_gb"],
    ["hbmTBps", "hbm_tbps"],
    ["chipGBpsUnidir", "chip_gbps_unidir"],
    ["reserveGiB", "reserve_gib"],
    ["trainingMWh", "training_mwh"],
    ["servingMWhPerDay", "serving_mwh_per_day"],
    ["jobMtbfH", "job_mtbf_h"],
    ["bf16DensePflops", "bf16_dense_pflops"],
    ["p50", "p50"],
    ["already_snake", "already_snake"],
  ])("snakeCase(%s) is %s", (key, expected) => {
    expect(snakeCase(key)).toBe(expected);
  });

  it("leaves snake_case keys unchanged and never emits capitals", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), (key) => {
        expect(snakeCase(key)).toBe(key);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,20}$/), (key) => {
        expect(snakeCase(key)).toMatch(/^[a-z0-9_]*$/);
      }),
    );
  });
});

describe("snakeCaseKeys()", () => {
  it("converts keys at every depth and non-finite numbers to null", () => {
    expect(snakeCaseKeys({ wallDays: { p50: 1 }, runs: [{ mttiH: Infinity }, Number.NaN] })).toEqual({
      wall_days: { p50: 1 },
      runs: [{ mtti_h: null }, null],
    });
  });

  it("keeps the values under the keys named in keep", () => {
    expect(snakeCaseKeys({ env: { NCCL_DEBUG: "INFO" }, chipFamily: "x" }, { keep: ["env"] })).toEqual({
      env: { NCCL_DEBUG: "INFO" },
      chip_family: "x",
    });
  });

  it("gives a value that survives JSON unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const out = snakeCaseKeys(value);
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      }),
    );
  });
});
