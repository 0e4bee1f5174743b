import { describe, expect, it } from "vitest";
import * as z from "zod";
import { FleetcastError } from "../errors.ts";
import {
  describeIssue,
  describeValue,
  formatPath,
  issuesError,
  issuesText,
  issueText,
  valueAt,
} from "./describe-issue.ts";

const Schema = z.strictObject({
  count: z.int().positive().max(1024),
  mode: z.enum(["a", "b"]),
  name: z.string().min(1).max(8).optional(),
  tags: z.array(z.string()).min(1).max(2).optional(),
  step: z.number().multipleOf(4).optional(),
  url: z.url().optional(),
  either: z.union([z.number(), z.string()]).optional(),
  even: z
    .number()
    .refine((n) => n % 2 === 0, "must be even")
    .optional(),
  pools: z.array(z.strictObject({ count: z.int() })).optional(),
  workload: z
    .discriminatedUnion("arrivals", [
      z.strictObject({ arrivals: z.literal("poisson"), rate: z.number() }),
      z.strictObject({ arrivals: z.literal("trace"), rows: z.array(z.number()) }),
    ])
    .optional(),
});

const valid = { count: 8, mode: "a" };

/** The issues of `value`, parsed without reported inputs (the root supplies the values) and with them. */
function issuesOf(value: unknown, reportInput = false) {
  const result = Schema.safeParse(value, { reportInput });
  if (result.success) throw new Error("expected a failure");
  return result.error.issues;
}

function messages(value: unknown): string[] {
  const withRoot = issuesOf(value).map((i) => describeIssue(i, { root: value }));
  // the same words whether the values come from the root or from the parse's reported inputs
  expect(issuesOf(value, true).map((i) => describeIssue(i))).toEqual(withRoot);
  return withRoot;
}

describe("describeIssue()", () => {
  it("describeIssue() says a number's bound and the value given", () => {
    expect(messages({ ...valid, count: -1 })).toEqual(["must be > 0, got -1"]);
    expect(messages({ ...valid, count: 1e9 })).toEqual(["must be <= 1024, got 1000000000"]);
    expect(messages({ ...valid, count: 1.5 })).toEqual(["must be an integer, got 1.5"]);
    expect(messages({ ...valid, step: 3 })).toEqual(["must be a multiple of 4, got 3"]);
  });

  it("describeIssue() says a missing field is required, with its allowed values when it has them", () => {
    expect(messages({ mode: "a" })).toEqual(["is required"]);
    expect(messages({ count: 8 })).toEqual(['is required (one of "a", "b")']);
    expect(messages({ ...valid, workload: {} })).toEqual(['is required (one of "poisson", "trace")']);
    // a field whose schema words its own rule says it is required first (QA 30: "model must be a built-in ...")
    const own = z.strictObject({ model: z.string({ error: "must be a model name" }) });
    const issues = own.safeParse({}).error?.issues ?? [];
    expect(issues.map((i) => describeIssue(i, { root: {} }))).toEqual([
      "is required (it must be a model name)",
    ]);
    expect(
      own.safeParse({ model: 3 }).error?.issues.map((i) => describeIssue(i, { root: { model: 3 } })),
    ).toEqual(["must be a model name, got 3"]);
  });

  it("describeIssue() lists the allowed values of an enum and of a discriminated union's tag", () => {
    expect(messages({ ...valid, mode: "c" })).toEqual(['must be one of "a", "b", got "c"']);
    expect(messages({ ...valid, workload: { arrivals: "x" } })).toEqual([
      'must be one of "poisson", "trace", got "x"',
    ]);
  });

  it("describeIssue() calls a record an object, as a JSON reader knows it (QA 30)", () => {
    const r = z.strictObject({ config: z.record(z.string(), z.unknown()) });
    const issues = r.safeParse({ config: "x" }).error?.issues ?? [];
    expect(issues.map((i) => describeIssue(i, { root: { config: "x" } }))).toEqual([
      'must be an object, got "x"',
    ]);
  });

  it("describeIssue() names a wrong type, a plain union's types and a format", () => {
    expect(messages({ ...valid, count: "8" })).toEqual(['must be a number, got "8"']);
    expect(messages({ ...valid, either: true })).toEqual(["must be a number or a string, got true"]);
    expect(messages({ ...valid, url: "nope" })).toEqual(['must be a valid URL, got "nope"']);
  });

  it("describeIssue() reads lengths of text and lists as counts", () => {
    expect(messages({ ...valid, name: "" })).toEqual(["must not be empty"]);
    expect(messages({ ...valid, name: "abcdefghij" })).toEqual(["must have at most 8 characters, got 10"]);
    expect(messages({ ...valid, tags: [] })).toEqual(["must not be empty"]);
    expect(messages({ ...valid, tags: ["a", "b", "c"] })).toEqual(["must have at most 2 items, got 3"]);
  });

  it("describeIssue() keeps a schema's own sentence, with the plain value it was given", () => {
    expect(messages({ ...valid, even: 3 })).toEqual(["must be even, got 3"]);
  });

  it("describeIssue() names unknown keys, with near ones when asked", () => {
    const [issue] = issuesOf({ ...valid, moed: "a" }).filter((i) => i.code === "unrecognized_keys");
    expect(describeIssue(issue!)).toBe('has unknown key "moed"');
    expect(describeIssue(issue!, { nearKeys: (key) => (key === "moed" ? ["mode"] : []) })).toBe(
      'has unknown key "moed" (did you mean mode?)',
    );
  });
});

describe("issueText()", () => {
  it("issueText() leads with the path, a prefix before it, and names the root as asked", () => {
    const value = { ...valid, pools: [{ count: 1 }, { count: 0.5 }] };
    const [issue] = issuesOf(value);
    expect(issueText(issue!, { root: value })).toBe("pools[1].count must be an integer, got 0.5");
    expect(issueText(issue!, { root: value, prefix: ["scenario"] })).toBe(
      "scenario.pools[1].count must be an integer, got 0.5",
    );
    const [root] = Schema.safeParse(3).error!.issues;
    expect(issueText(root!, { root: 3, whole: "the scenario" })).toBe(
      "the scenario must be an object, got 3",
    );
  });
});

describe("issuesText()", () => {
  it("issuesText() joins every issue up to max and counts the rest", () => {
    const value = { count: 0, mode: "c", name: "", step: 3 };
    expect(issuesText(issuesOf(value), { root: value, max: 2 })).toBe(
      'count must be > 0, got 0; mode must be one of "a", "b", got "c"; and 2 more',
    );
  });
});

describe("issuesError()", () => {
  it("issuesError() is a FleetcastError 'Cannot <action>: ...' carrying the first issue's path", () => {
    const value = { ...valid, pools: [{ count: -0.5 }] };
    const error = issuesError("plan", issuesOf(value), { root: value });
    expect(error).toBeInstanceOf(FleetcastError);
    expect(error.message).toBe("Cannot plan: pools[0].count must be an integer, got -0.5");
    expect(error.path).toBe("pools[0].count");
    expect(issuesError("plan", Schema.safeParse(null).error!.issues).path).toBeUndefined();
  });
});

describe("formatPath()", () => {
  it("formatPath() joins keys with dots and writes indexes in brackets", () => {
    expect(formatPath(["scenario", "pools", 1, "count"])).toBe("scenario.pools[1].count");
    expect(formatPath([3, "train", "seq_len"])).toBe("[3].train.seq_len");
    expect(formatPath([])).toBe("");
  });
});

describe("describeValue()", () => {
  it("describeValue() shows short JSON, infinities as such and long values shortened", () => {
    expect(describeValue("fp4")).toBe('"fp4"');
    expect(describeValue(JSON.parse("1e400"))).toBe("Infinity");
    expect(describeValue(undefined)).toBe("nothing");
    expect(describeValue([1, 2])).toBe("[1,2]");
    expect(describeValue(Array.from({ length: 40 }, (_, i) => i))).toBe("an array of 40 items");
    expect(describeValue({ text: "x".repeat(80) })).toBe("an object");
    expect(describeValue("y".repeat(80))).toMatch(/^"y{56}\.\.\.$/);
  });
});

describe("valueAt()", () => {
  it("valueAt() follows a path and gives undefined when it leaves the objects", () => {
    expect(valueAt({ pools: [{ count: -8 }] }, ["pools", 0, "count"])).toBe(-8);
    expect(valueAt({ pools: 3 }, ["pools", 0, "count"])).toBeUndefined();
  });
});
