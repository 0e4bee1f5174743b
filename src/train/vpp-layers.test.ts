import { describe, expect, it } from "vitest";
import { vppLayersViolation } from "./vpp-layers.ts";

describe("vppLayersViolation()", () => {
  // Llama 3 405B (Llama 3 paper §3.3.2): 126 layers on PP 16 x 8 virtual stages = 128 chunks, two of them the
  // embedding and the head
  it("vppLayersViolation() takes Llama 3 405B's 126 layers on 16 x 8 chunks and refuses one chunk more", () => {
    expect(vppLayersViolation(16, 8, 126)).toBeNull();
    expect(vppLayersViolation(16, 9, 126)?.code).toBe("vpp-layers");
    expect(vppLayersViolation(16, 9, 126)?.message).toContain("126 layers do not fill 144 chunks");
  });

  it("vppLayersViolation() checks an unknown pipeline on two stages, and never a vpp of 1", () => {
    expect(vppLayersViolation(undefined, 5, 8)).toBeNull();
    expect(vppLayersViolation(undefined, 6, 8)?.message).toContain("even on two pipeline stages");
    expect(vppLayersViolation(64, 1, 8)).toBeNull();
  });

  it("vppLayersViolation() refuses virtual stages on one pipeline stage, as constraints and plans both read it", () => {
    expect(vppLayersViolation(1, 4, 32)?.message).toBe(
      "Cannot use 4 virtual stages on PP=1: virtual stages split a pipeline",
    );
    expect(vppLayersViolation(1, 1, 32)).toBeNull();
  });
});
