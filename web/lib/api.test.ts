import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, postJson } from "./api.ts";

afterEach(() => vi.unstubAllGlobals());

describe("postJson()", () => {
  it("postJson() lists every problem of a refused body, not a count of them in a field the page cannot show", async () => {
    const problem = {
      detail: 'Cannot plan training: count must be > 0, got -1; 1 more problem(s) in "errors"',
      errors: [
        { path: "count", message: "must be > 0, got -1" },
        { path: "seq_len", message: "must be an integer, got 1.5" },
      ],
    };
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify(problem), { status: 400 }));
    const error = await postJson("/api/train/plan", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      "Cannot plan training: count must be > 0, got -1; seq_len must be an integer, got 1.5",
    );
  });
});
