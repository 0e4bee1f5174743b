import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readUrlState, subParams, VIEWS, withSubParams, writeUrlState } from "./url-state.ts";

describe("url-state", () => {
  it("readUrlState() reads the view and its params from the hash", () => {
    expect(readUrlState("#/train?count=2048&chip=nvidia-h100-sxm")).toEqual({
      view: "train",
      params: { count: "2048", chip: "nvidia-h100-sxm" },
    });
  });

  it("readUrlState() falls back to the Fleet view for an empty or unknown hash", () => {
    expect(readUrlState("")).toEqual({ view: "fleet", params: {} });
    expect(readUrlState("#/nope?x=1").view).toBe("fleet");
  });

  it("writeUrlState() leaves out params equal to their defaults and empty ones", () => {
    expect(writeUrlState({ view: "fleet", params: { a: "1", b: "2", c: "" } }, { a: "1" })).toBe(
      "#/fleet?b=2",
    );
    expect(writeUrlState({ view: "validation", params: {} })).toBe("#/validation");
  });

  it("readUrlState() reads back what writeUrlState() wrote (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VIEWS),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 12 })),
        (view, params) => {
          expect(readUrlState(writeUrlState({ view, params }))).toEqual({ view, params: { ...params } });
        },
      ),
    );
  });
});

describe("subParams()", () => {
  it("subParams() reads a panel's params under its prefix, and withSubParams() replaces them", () => {
    const params = { chip: "huawei-ascend-910c", sim_requests: "1234", sim_tp: "8" };
    expect(subParams(params, "sim_")).toEqual({ requests: "1234", tp: "8" });
    expect(withSubParams(params, "sim_", { requests: "99" })).toEqual({
      chip: "huawei-ascend-910c",
      sim_requests: "99",
    });
    expect(withSubParams(params, "sim_", {})).toEqual({ chip: "huawei-ascend-910c" });
  });
});
