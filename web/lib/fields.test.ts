import { describe, expect, it } from "vitest";
import {
  defaultsOf,
  type FieldSpec,
  fieldError,
  fieldErrors,
  fieldErrorsText,
  fieldProblems,
  fieldStatus,
  numberOf,
  valuesOf,
} from "./fields.ts";

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

  it("fieldError() writes its bounds grouped, as the help text does, with every digit", () => {
    // review 19: "must be at most 1000000" under help that says "at most 1,000,000"
    const requests = {
      key: "requests",
      label: "requests",
      default: "20000",
      min: 1,
      max: 1_000_000,
      step: 1,
    };
    expect(fieldError(requests, "2000000")).toBe("must be at most 1,000,000");
    expect(fieldError({ ...requests, max: 65_536 }, "70000")).toBe("must be at most 65,536");
    expect(fieldError({ key: "r", label: "rate", default: "1", min: 0.001 }, "0.0001")).toBe(
      "must be at least 0.001",
    );
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

  it("fieldErrorsText() lists the errors in the fields' order, each after its label", () => {
    const specs = [
      { key: "a", label: "chips", default: "1" },
      { key: "b", label: "plans to list", default: "1" },
    ];
    expect(fieldErrorsText(specs, { b: "must be at most 20", a: "enter a number" })).toBe(
      "chips enter a number; plans to list must be at most 20",
    );
    expect(fieldErrorsText(specs, {})).toBe("");
  });
});

describe("fieldProblems()", () => {
  const specs = [
    { key: "count", label: "chips", default: "8" },
    { key: "tokens_per_day_b", label: "demand", default: "1", path: "demand.tokens_per_day" },
    { key: "checkpoint", label: "checkpoint", default: "1", path: "checkpoint" },
    { key: "model", label: "model", default: "x", kind: "text" as const },
  ];

  it("fieldProblems() puts each error under the input of its path and writes the path as the label", () => {
    // review 19 C1: "demand.tokens_per_day must be > 0" named the API's path, not the input
    const out = fieldProblems(specs, {
      error: "Cannot plan serving: demand.tokens_per_day must be > 0, got -1; count must be >= 1, got 0",
      problems: [
        { path: "demand.tokens_per_day", message: "must be > 0, got -1" },
        { path: "count", message: "must be >= 1, got 0" },
        { path: "checkpoint.interval_min", message: "must be > 0, got 0" },
        { path: "unknown_field", message: "is not a known field" },
      ],
    });
    expect(out.errors).toEqual({
      tokens_per_day_b: "must be > 0, got -1",
      count: "must be >= 1, got 0",
      checkpoint: "must be > 0, got 0",
    });
    expect(out.message).toBe("Cannot plan serving: demand must be > 0, got -1; chips must be >= 1, got 0");
  });

  it("fieldProblems() takes a view's own paths, and marks a text input a pathless problem quotes", () => {
    const paths = { count: "scenario.pools[1].count" };
    expect(
      fieldProblems(
        specs,
        {
          error: "x: scenario.pools[1].count must be > 0",
          problems: [{ path: "scenario.pools[1].count", message: "must be > 0" }],
        },
        paths,
      ).errors,
    ).toEqual({ count: "must be > 0" });
    // a detail that names the path without its first part ("pools[1].count" of "scenario.pools[1].count")
    const sentence = "Cannot read scenario: pools[1].count is not a whole number";
    const apart = fieldProblems(
      specs,
      { error: sentence, problems: [{ path: "scenario.pools[1].count", message: sentence }] },
      paths,
    );
    expect(apart.message).toBe("Cannot read scenario: chips is not a whole number");
    expect(apart.errors).toEqual({ count: "Cannot read scenario: chips is not a whole number" });
    const quoted = fieldProblems(
      specs,
      { error: "Cannot find model 'bogus'", problems: [] },
      {},
      { model: "bogus" },
    );
    expect(quoted.errors).toEqual({ model: "Cannot find model 'bogus'" });
    expect(fieldProblems(specs, { error: null, problems: [] })).toEqual({ errors: {}, message: null });
  });
});

describe("fieldStatus()", () => {
  const fields: FieldSpec[] = [
    { key: "count", label: "chips", default: "8", min: 1, step: 1 },
    { key: "top", label: "plans to list", default: "5", min: 1, max: 20, step: 1 },
    { key: "model", label: "model", default: "deepseek-v3", kind: "text" },
  ];
  const refusedState = {
    error: "Cannot plan training: count must be >= 1, got 0",
    problems: [{ path: "count", message: "must be >= 1, got 0" }],
  };

  it("fieldStatus() says what was not done while a value is refused here, its own errors over the API's", () => {
    const status = fieldStatus(fields, { top: "must be at most 20" }, refusedState, "planned");
    expect(status.message).toBe("Not planned: plans to list must be at most 20.");
    expect(status.errors).toEqual({ count: "must be >= 1, got 0", top: "must be at most 20" });
    const both = fieldStatus(fields, { count: "must be at least 1" }, refusedState, "planned");
    expect(both.errors).toEqual({ count: "must be at least 1" });
  });

  it("fieldStatus() gives the API's problem, with paths as labels, when every value passed the local check", () => {
    expect(fieldStatus(fields, {}, refusedState, "planned")).toEqual({
      errors: { count: "must be >= 1, got 0" },
      message: "Cannot plan training: chips must be >= 1, got 0",
    });
    const model = fieldStatus(fields, {}, { error: "Cannot find model 'bogus'", problems: [] }, "planned", {
      values: { model: "bogus" },
    });
    expect(model.errors).toEqual({ model: "Cannot find model 'bogus'" });
    expect(fieldStatus(fields, {}, { error: null, problems: [] }, "planned")).toEqual({
      errors: {},
      message: null,
    });
  });
});
