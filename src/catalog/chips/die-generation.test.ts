import { describe, expect, it } from "vitest";
import { CHIP_FAMILIES } from "./chip-schema.ts";
import { dieGenerationOf, ownThenSameDie, sameDieFamilies } from "./die-generation.ts";

describe("sameDieFamilies()", () => {
  it("puts the Ascend 910B and 910C together and leaves NVIDIA generations apart", () => {
    expect(sameDieFamilies("ascend-910c")).toEqual(["ascend-910b", "ascend-910c"]);
    expect(sameDieFamilies("ascend-910b")).toEqual(["ascend-910b", "ascend-910c"]);
    expect(sameDieFamilies("nvidia-hopper")).toEqual(["nvidia-hopper"]);
    expect(sameDieFamilies("ascend-910a")).toEqual(["ascend-910a"]);
  });

  it("always contains the family itself, and every member names the same generation", () => {
    for (const family of CHIP_FAMILIES) {
      const set = sameDieFamilies(family);
      expect(set).toContain(family);
      for (const member of set) expect(dieGenerationOf(member)).toBe(dieGenerationOf(family));
    }
  });
});

describe("dieGenerationOf()", () => {
  it("names a shared die by the first family of its set", () => {
    expect(dieGenerationOf("ascend-910c")).toBe("ascend-910b");
    expect(dieGenerationOf("nvidia-blackwell")).toBe("nvidia-blackwell");
  });
});

describe("ownThenSameDie()", () => {
  it("looks at the family itself first, then the families of its die", () => {
    expect(ownThenSameDie("ascend-910c")).toEqual(["ascend-910c", "ascend-910b"]);
    expect(ownThenSameDie("ascend-910b")).toEqual(["ascend-910b", "ascend-910c"]);
    expect(ownThenSameDie("nvidia-hopper")).toEqual(["nvidia-hopper"]);
  });
});
