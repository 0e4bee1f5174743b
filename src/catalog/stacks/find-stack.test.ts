import { describe, expect, it } from "vitest";
import { FleetcastError } from "../../errors.ts";
import { findStack } from "./find-stack.ts";

describe("findStack()", () => {
  it("returns the stack with the id", () => {
    expect(findStack("vllm-ascend")).toMatchObject({ role: "serve", collectiveLib: "hccl" });
  });

  it("throws a FleetcastError suggesting near ids for a typo", () => {
    expect(() => findStack("megatorn")).toThrow(FleetcastError);
    expect(() => findStack("megatorn")).toThrow(/^Cannot find stack 'megatorn': did you mean megatron/);
    expect(() => findStack("vllm_ascend")).toThrow(/did you mean vllm-ascend/);
  });

  it("lists the known stacks when nothing is near", () => {
    expect(() => findStack("qqqqqqqqqq")).toThrow(/known stacks are megatron, /);
  });

  it("findStack() suggests only the stacks of the role asked for", () => {
    expect(() => findStack("qqqqqqqqqq", "serve")).toThrow(/known stacks are vllm, sglang, /);
    expect(() => findStack("qqqqqqqqqq", "serve")).not.toThrow(/megatron/);
    expect(findStack("megatron", "serve").id).toBe("megatron");
  });
});
