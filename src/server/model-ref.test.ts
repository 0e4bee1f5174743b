import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { LLAMA_2_7B_CONFIG } from "./_test-bodies.ts";
import { importModelRef, ModelRefSchema } from "./model-ref.ts";

describe("importModelRef()", () => {
  it("resolves a built-in name or alias", () => {
    // config.json of meta-llama/Llama-3.1-8B: 32 layers, hidden size 4096.
    const arch = importModelRef("meta-llama/Llama-3.1-8B", "model").arch;
    expect(arch.numLayers).toBe(32);
    expect(arch.hiddenSize).toBe(4096);
  });

  it("imports a pasted config.json", () => {
    expect(importModelRef(LLAMA_2_7B_CONFIG, "model").arch.numHeads).toBe(32);
  });

  it("never reads a file: a path is an unknown name", () => {
    expect(() => importModelRef("/etc/passwd", "model")).toThrow(/Cannot find model '\/etc\/passwd'/);
    expect(() => importModelRef("package.json", "model")).toThrow(FleetcastError);
  });

  it("names the request field in the path of a config error", () => {
    try {
      importModelRef({ model_type: "llama" }, "scenario.model");
      expect.unreachable();
    } catch (error) {
      expect((error as FleetcastError).path).toMatch(/^scenario\.model\./);
    }
  });
});

describe("ModelRefSchema", () => {
  it("accepts a name or an object and says what it wants otherwise", () => {
    expect(ModelRefSchema.safeParse("llama-3.1-8b").success).toBe(true);
    expect(ModelRefSchema.safeParse({ hidden_size: 1 }).success).toBe(true);
    const bad = ModelRefSchema.safeParse(42);
    expect(bad.error?.issues[0]?.message).toBe(
      "must be a built-in model name or a Hugging Face config.json object",
    );
  });
});
