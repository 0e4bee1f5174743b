import { describe, expect, it } from "vitest";
import { builtinStacks } from "./builtin-stacks.ts";
import { rolesOnFamily } from "./roles-on-family.ts";

describe("rolesOnFamily()", () => {
  it("rolesOnFamily() names the roles the catalog's stacks play on a family, none for one no stack runs on", () => {
    expect(rolesOnFamily("nvidia-hopper")).toEqual(["train", "serve"]);
    // MindSpeed and MindSpore train on the 910A; no serving stack runs on it (vllm-ascend's FAQ)
    expect(rolesOnFamily("ascend-910a")).toEqual(["train"]);
    expect(rolesOnFamily("google-tpu")).toEqual([]);
    // read off the stacks given
    const serveOnly = builtinStacks().filter((s) => s.role === "serve");
    expect(rolesOnFamily("nvidia-hopper", serveOnly)).toEqual(["serve"]);
  });
});
