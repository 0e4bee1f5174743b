import { describe, expect, it } from "vitest";
import { builtinServeProfile, calibrationAdvisory, profileEfficiency } from "./serve-profile.ts";

const profile = builtinServeProfile();

describe("calibrationAdvisory()", () => {
  it("calibrationAdvisory() is silent for a stack fitted on its own cases", () => {
    expect(profileEfficiency(profile, "nvidia-hopper", "sglang").source).toBe("group");
    expect(calibrationAdvisory(profile, "nvidia-hopper", "sglang")).toBeNull();
  });

  it("calibrationAdvisory() says when a stack borrows its family's fit, naming the stacks it came from", () => {
    const a = calibrationAdvisory(profile, "nvidia-hopper", "vllm");
    expect(a?.code).toBe("stack_not_calibrated");
    expect(a?.message).toMatch(
      /^No published vllm case on nvidia-hopper .* fitted on .*sglang.* deployments$/,
    );
  });

  it("calibrationAdvisory() says when a family has no case at all, and without a profile", () => {
    expect(calibrationAdvisory(profile, "nvidia-ampere", "vllm")?.code).toBe("family_not_calibrated");
    expect(calibrationAdvisory(null, "nvidia-hopper", "sglang")?.code).toBe("family_not_calibrated");
  });
});
