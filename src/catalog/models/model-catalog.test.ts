import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findBuiltinModel, resolveModel } from "./model-catalog.ts";

describe("resolveModel()", () => {
  const dir = mkdtempSync(join(tmpdir(), "fleetcast-model-"));
  const config = findBuiltinModel("llama-3.1-8b")!.config;

  it("resolveModel() reads a Hugging Face snapshot folder's config.json, named after the folder", () => {
    const snapshot = join(dir, "Llama-3.1-8B");
    mkdirSync(snapshot);
    writeFileSync(join(snapshot, "config.json"), JSON.stringify(config));
    const m = resolveModel(snapshot);
    expect(m.arch.name).toBe("Llama-3.1-8B");
    expect(m.arch.numLayers).toBe(resolveModel("llama-3.1-8b").arch.numLayers);
  });

  it("resolveModel() says a folder without config.json holds no model config, in words", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    expect(() => resolveModel(empty)).toThrow(
      `Cannot read model config ${join(empty, "config.json")}: no such file`,
    );
  });
});
