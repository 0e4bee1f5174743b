import { describe, expect, it } from "vitest";
import { defaultsOf, fieldError, fieldErrors, numberOf, valuesOf } from "./fields.ts";

const fields = [
  { key: "count", label: "chips", default: "8" },
  {
    key: "precision",
    label: "precision",
    default: "bf16",
    kind: "select" as const,
    options: ["bf16", "fp8"],
  },
];

describe("fields", () => {
  it("valuesOf() overlays known params on the defaults and ignores unknown keys", () => {
    expect(defaultsOf(fields)).toEqual({ count: "8", precision: "bf16" });
    expect(valuesOf(fields, { count: "16", other: "x" })).toEqual({ count: "16", precision: "bf16" });
  });

  it("numberOf() reads finite numbers and gives null for empty or non-numbers", () => {
    expect(numberOf({ a: "1e3", b: "", c: "x", d: "Infinity" }, "a")).toBe(1000);
    expect(numberOf({ b: "" }, "b")).toBeNull();
    expect(numberOf({ c: "x" }, "c")).toBeNull();
    expect(numberOf({ d: "Infinity" }, "d")).toBeNull();
    expect(numberOf({}, "missing")).toBeNull();
  });

  it("fieldError() refuses negative, fractional (for a count), empty and non-numeric values", () => {
    // review 19 A3: -5 chips dropped the pool, 1.5 became 2, "abc" and "" used the story's 2,048
    const count = { key: "h800_count", label: "h800 chips", default: "2048", min: 0, step: 1 };
    expect(fieldError(count, "-5")).toBe("must be at least 0");
    expect(fieldError(count, "1.5")).toBe("must be a whole number");
    expect(fieldError(count, "abc")).toBe("must be a number");
    expect(fieldError(count, "")).toBe("enter a number");
    expect(fieldError(count, "0")).toBeNull();
    expect(fieldError(count, "2048")).toBeNull();
  });

  it("fieldError() allows a fraction where the step is not 1, empty where optional, and any text field", () => {
    const share = { key: "s", label: "share", default: "0", min: 0, max: 1, step: 0.05 };
    expect(fieldError(share, "0.33")).toBeNull();
    expect(fieldError(share, "1.5")).toBe("must be at most 1");
    expect(
      fieldError({ key: "p", label: "price", default: "2", min: 0.001, optional: true }, " "),
    ).toBeNull();
    expect(fieldError({ key: "chip", label: "chip", default: "x", kind: "text" }, "")).toBeNull();
  });

  it("fieldErrors() names only the fields with an unusable value", () => {
    const specs = [
      { key: "a", label: "a", default: "1", min: 0 },
      { key: "b", label: "b", default: "1", min: 0 },
    ];
    expect(fieldErrors(specs, { a: "-1", b: "2" })).toEqual({ a: "must be at least 0" });
    expect(fieldErrors(specs, { a: "1", b: "2" })).toEqual({});
  });
});
