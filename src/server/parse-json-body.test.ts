import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { depthOver, parseJsonBody } from "./parse-json-body.ts";

describe("parseJsonBody()", () => {
  it("returns the value of valid JSON", () => {
    expect(parseJsonBody('{"a":[1,2]}', "x")).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it("answers 400 invalid-json quoting the parser for malformed text", () => {
    const r = parseJsonBody("{", "plan training");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.status).toBe(400);
      expect(r.problem.type).toBe("/problems/invalid-json");
      expect(r.problem.detail).toMatch(/^Cannot plan training: the body is not valid JSON \(.+\)$/);
    }
  });

  it("refuses JSON nested deeper than 64 levels (JSON.stringify would overflow the stack near 10^4..10^5)", () => {
    const r = parseJsonBody(`${"[".repeat(65)}${"]".repeat(65)}`, "x");
    expect(r.ok).toBe(false);
    expect(parseJsonBody(`${"[".repeat(64)}${"]".repeat(64)}`, "x").ok).toBe(true);
  });
});

describe("depthOver()", () => {
  it("agrees with a recursive depth on arbitrary JSON", () => {
    const depth = (v: unknown): number =>
      v === null || typeof v !== "object" ? 0 : 1 + Math.max(0, ...Object.values(v).map(depth));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
        expect(depthOver(value, limit)).toBe(depth(value) > limit);
      }),
    );
  });
});
