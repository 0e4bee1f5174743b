import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findBuiltinModel, parseConfigText, resolveModel } from "./model-catalog.ts";

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

  it("resolveModel() names a Hugging Face cache snapshot by its repository, not its commit (diff review 19)", () => {
    const snapshot = join(
      dir,
      "hub",
      "models--meta-llama--Llama-3.1-8B",
      "snapshots",
      "0e9e39f249a16976918f6564b8830bc894c89659",
    );
    mkdirSync(snapshot, { recursive: true });
    writeFileSync(join(snapshot, "config.json"), JSON.stringify(config));
    expect(resolveModel(snapshot).arch.name).toBe("meta-llama/Llama-3.1-8B");
  });

  it("resolveModel() says a folder without config.json holds no model config, in words", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    expect(() => resolveModel(empty)).toThrow(
      `Cannot read model config ${join(empty, "config.json")}: no such file`,
    );
  });
});

describe("parseConfigText()", () => {
  it("parseConfigText() names the format it tried: JSON for any file not .yaml/.yml (QA 29: a CSV read as a model said YAML)", () => {
    expect(() => parseConfigText("timestamp_s,input_tokens\n1,2\n", "requests.csv")).toThrow(
      /^Cannot read model config requests\.csv: not valid JSON \(/,
    );
    expect(() => parseConfigText("a: [1,\n", "model.yaml")).toThrow(
      /^Cannot read model config model\.yaml: not valid YAML \(/,
    );
    expect(parseConfigText("hidden_size: 8\n", "model.yml")).toEqual({ hidden_size: 8 });
  });
});
