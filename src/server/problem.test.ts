import { describe, expect, it } from "vitest";
import { PROBLEM_KINDS, problem, problemResponse } from "./problem.ts";

describe("problem()", () => {
  it("builds the RFC 9457 members from the kind", () => {
    expect(problem("invalid-body", "Cannot x: y", [{ path: "y", message: "is required" }])).toEqual({
      type: "/problems/invalid-body",
      title: "Invalid request body",
      status: 400,
      detail: "Cannot x: y",
      errors: [{ path: "y", message: "is required" }],
    });
  });

  it("gives every kind an error status (4xx for the client's, 5xx for the server's)", () => {
    for (const [kind, { status }] of Object.entries(PROBLEM_KINDS)) {
      expect(status, kind).toBeGreaterThanOrEqual(400);
      expect(status, kind).toBeLessThan(600);
    }
  });
});

describe("problemResponse()", () => {
  it("sends application/problem+json (RFC 9457 §6.1) with the problem's status and extra headers", async () => {
    const res = problemResponse(problem("busy", "Cannot run x: queue full"), { "retry-after": "1" });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as { title: string }).title).toBe("Server busy");
  });
});
