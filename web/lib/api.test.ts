import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, postJson } from "./api.ts";

afterEach(() => vi.unstubAllGlobals());

describe("postJson()", () => {
  it("postJson() throws the problem's detail with the fields its errors name", async () => {
    const problem = {
      status: 400,
      detail: "Cannot plan training: count must be >= 1, got 0",
      errors: [{ path: "count", message: "must be >= 1, got 0" }, { path: 3 }],
    };
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify(problem), { status: 400 }));
    const error = await postJson("/api/train/plan", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("Cannot plan training: count must be >= 1, got 0");
    // the malformed entry is dropped
    expect((error as ApiError).errors).toEqual([{ path: "count", message: "must be >= 1, got 0" }]);
  });

  it("postJson() asks whether `fleetcast ui` is running when the API cannot be reached", async () => {
    // review 19 C9: "Cannot reach the API at /api/train/plan: TypeError: Failed to fetch"
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const error = (await postJson("/api/train/plan", {}).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(
      "Cannot reach the API at /api/train/plan: is `fleetcast ui` still running? (Failed to fetch)",
    );
    expect(error.status).toBe(0);
    expect(error.errors).toEqual([]);
  });
});
