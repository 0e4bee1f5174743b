import { describe, expect, it } from "vitest";
import * as z from "zod";
import { bodyDetail, bodyIssues, fieldMessage } from "./body-issues.ts";

const Schema = z.strictObject({
  count: z.int().min(1).max(1024),
  mode: z.enum(["a", "b"]),
  items: z.array(z.strictObject({ id: z.string() })).max(2),
});

function issuesOf(value: unknown) {
  const result = Schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error("expected a failure");
  return bodyIssues(result.error);
}

describe("bodyIssues()", () => {
  it("names the nearest allowed field of an unknown one, where the schema is given (QA 30)", () => {
    const result = Schema.safeParse(
      { count: 1, mode: "a", items: [{ id: "x", idd: 1 }], cuont: 2 },
      { reportInput: true },
    );
    if (result.success) throw new Error("expected a failure");
    expect(bodyIssues(result.error, Schema)).toEqual([
      { path: "items[0].idd", message: "is not a known field (did you mean id?)" },
      { path: "cuont", message: "is not a known field (did you mean count?)" },
    ]);
    // without the schema, the field alone
    expect(bodyIssues(result.error)[1]).toEqual({ path: "cuont", message: "is not a known field" });
  });

  it("finds a snake_case field from one of its words, and the CLI's spelling of a field (review 34)", () => {
    const Body = z.strictObject({
      chip_count: z.int(),
      train_days: z.number(),
      seq_len: z.int(),
      stack: z.string(),
    });
    const result = Body.safeParse(
      { chip_count: 1, train_days: 1, seq_len: 1, stack: "x", count: 1, seq_length: 2, engine: "y" },
      { reportInput: true },
    );
    if (result.success) throw new Error("expected a failure");
    expect(bodyIssues(result.error, Body)).toEqual([
      { path: "count", message: "is not a known field (did you mean chip_count?)" },
      { path: "seq_length", message: "is not a known field (did you mean seq_len?)" },
      { path: "engine", message: "is not a known field (did you mean stack?)" },
    ]);
  });

  it("says the bound and the value sent", () => {
    expect(issuesOf({ count: 1e9, mode: "a", items: [] })).toEqual([
      { path: "count", message: "must be <= 1024, got 1000000000" },
    ]);
  });

  it("shows an infinite number as such, not as JSON's null", () => {
    // JSON.parse("1e400") is Infinity
    expect(issuesOf({ count: JSON.parse("1e400"), mode: "a", items: [] })[0]?.message).toMatch(
      /got Infinity$/,
    );
  });

  it("says a missing field is required and a wrong type what was expected", () => {
    expect(issuesOf({ count: "8", items: [] })).toEqual([
      { path: "count", message: 'must be a number, got "8"' },
      { path: "mode", message: 'is required (one of "a", "b")' },
    ]);
  });

  it("lists the allowed values, names array indexes and each unknown key", () => {
    expect(issuesOf({ count: 1, mode: "c", items: [{ id: 1 }], extra: 1, more: 2 })).toEqual([
      { path: "mode", message: 'must be one of "a", "b", got "c"' },
      { path: "items[0].id", message: "must be a string, got 1" },
      { path: "extra", message: "is not a known field" },
      { path: "more", message: "is not a known field" },
    ]);
  });
});

describe("bodyDetail()", () => {
  it("is one line naming every field's problem", () => {
    const detail = bodyDetail("plan training", [
      { path: "count", message: "must be > 0, got -1" },
      { path: "seq_len", message: "is required" },
    ]);
    expect(detail).toBe("Cannot plan training: count must be > 0, got -1; seq_len is required");
  });

  it("lists five problems and counts the rest", () => {
    const errors = Array.from({ length: 7 }, (_, k) => ({ path: `f${k}`, message: "is required" }));
    expect(bodyDetail("x", errors)).toBe(
      'Cannot x: f0 is required; f1 is required; f2 is required; f3 is required; f4 is required; and 2 more in "errors"',
    );
  });

  it("calls an empty path the body", () => {
    expect(bodyDetail("x", [{ path: "", message: "must be an object, got null" }])).toBe(
      "Cannot x: the body must be an object, got null",
    );
  });
});

describe("bodyIssues() on a discriminated union", () => {
  const Tagged = z.strictObject({
    workload: z.discriminatedUnion("arrivals", [
      z.strictObject({ arrivals: z.literal("poisson"), rate: z.number() }),
      z.strictObject({ arrivals: z.literal("trace"), rows: z.array(z.number()) }),
    ]),
  });
  const issues = (value: unknown) => bodyIssues(Tagged.safeParse(value, { reportInput: true }).error!);

  it("reports the tag's value and the allowed tags", () => {
    expect(issues({ workload: { arrivals: "x" } })).toEqual([
      { path: "workload.arrivals", message: 'must be one of "poisson", "trace", got "x"' },
    ]);
  });

  it("says a missing tag is required, with the allowed tags", () => {
    expect(issues({ workload: {} })).toEqual([
      { path: "workload.arrivals", message: 'is required (one of "poisson", "trace")' },
    ]);
  });
});

describe("bodyDetail() joins", () => {
  it("bodyDetail() reads a standard message on from its field and sets a custom sentence after a colon", () => {
    expect(bodyDetail("plan", [{ path: "count", message: "must be > 0, got -1" }])).toBe(
      "Cannot plan: count must be > 0, got -1",
    );
    expect(bodyDetail("simulate", [{ path: "replicas", message: "replicas × chip_count is 9e11" }])).toBe(
      "Cannot simulate: replicas: replicas × chip_count is 9e11",
    );
  });
});

describe("fieldMessage()", () => {
  it("drops the refusal's lead and the field's own name", () => {
    expect(
      fieldMessage('Cannot read model config: hidden_size must be a number, got "x"', "model.hidden_size"),
    ).toBe('must be a number, got "x"');
  });

  it("keeps a state that does not begin with the field's name, and a message without a lead", () => {
    expect(fieldMessage("Cannot find model 'x': not a built-in model", "model")).toBe("not a built-in model");
    expect(fieldMessage("count is too large", "count")).toBe("is too large");
    expect(fieldMessage("the body is odd", "count")).toBe("the body is odd");
    expect(fieldMessage("Cannot go: checkpoint.mode is odd", "checkpoint.mode")).toBe("is odd");
  });
});
