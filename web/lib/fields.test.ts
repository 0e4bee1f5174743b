import { describe, expect, it } from "vitest";
import { defaultsOf, numberOf, valuesOf } from "./fields.ts";

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
});
