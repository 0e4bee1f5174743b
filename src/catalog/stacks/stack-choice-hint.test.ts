import { describe, expect, it } from "vitest";
import { builtinStacks } from "./builtin-stacks.ts";
import { stackChoiceHint } from "./stack-choice-hint.ts";

describe("stackChoiceHint()", () => {
  it("names the family's default stack when it runs there", () => {
    expect(stackChoiceHint("ascend-910c", "serve")).toMatch(/^default here: vllm-ascend; also /);
    expect(stackChoiceHint("nvidia-hopper", "train")).toMatch(/^default here: megatron; also /);
  });

  it("lists the other stacks that run on the family beside its default (review 17: sglang-ascend went unnamed)", () => {
    const also = stackChoiceHint("ascend-910b", "serve").split("; also ")[1]?.split(", ") ?? [];
    const running = builtinStacks()
      .filter(
        (s) => s.role === "serve" && s.runsOn.includes("ascend-910b") && s.id !== "vllm-ascend" && !s.inHouse,
      )
      .map((s) => s.id);
    expect(also.sort()).toEqual(running.sort());
    expect(also).toContain("sglang-ascend");
    // never a lab's in-house system (review 17)
    expect(stackChoiceHint("nvidia-hopper", "serve")).not.toMatch(/deepseek-infer/);
    expect(stackChoiceHint("ascend-910c", "serve")).not.toMatch(/cloudmatrix-infer/);
  });

  it("says when no stack of the role runs on the family, rather than naming a default that does not", () => {
    const tpu = builtinStacks().filter((s) => s.role === "serve" && s.runsOn.includes("google-tpu"));
    expect(tpu).toHaveLength(0);
    expect(stackChoiceHint("google-tpu", "serve")).toBe("no serving stack in the catalog runs on google-tpu");
  });

  it("stackChoiceHint() tells a chip of its own family ('other') how to borrow a known family's stacks (review 19)", () => {
    expect(stackChoiceHint("other", "train")).toMatch(
      /^no training stack in the catalog runs on other; give the chip the family whose stacks run it/,
    );
  });

  it("lists the stacks that run on the family when its default does not", () => {
    const sglang = builtinStacks().find((s) => s.id === "sglang-ascend")!;
    const onThe910a = { ...sglang, runsOn: [...sglang.runsOn, "ascend-910a" as const] };
    expect(stackChoiceHint("ascend-910a", "serve")).toBe(
      "no serving stack in the catalog runs on ascend-910a",
    );
    expect(stackChoiceHint("ascend-910a", "serve", [...builtinStacks(), onThe910a])).toBe(
      "stacks that run on ascend-910a: sglang-ascend",
    );
  });
});
