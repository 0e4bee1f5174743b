import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandRunner } from "../test-support.ts";
import { modelsCommand } from "./models.ts";

const { errorOf, runCli } = commandRunner(modelsCommand);

/** A Llama-style config.json without its layer count. */
const NO_LAYERS = {
  model_type: "llama",
  hidden_size: 4096,
  num_attention_heads: 32,
  intermediate_size: 11008,
  vocab_size: 32000,
};

describe("modelsCommand()", () => {
  it("modelsCommand() show names the config file a field is missing from, as its invalid-JSON error does (QA 27)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-models-"));
    const file = join(dir, "cfg_bad.json");
    writeFileSync(file, JSON.stringify(NO_LAYERS));
    const missing = await errorOf(["models", "show", file]);
    expect(missing.message).toMatch(
      new RegExp(
        `^Cannot read model config ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: num_hidden_layers .*is missing`,
      ),
    );
    expect((missing as { path?: string }).path).toBe("num_hidden_layers");
    // a snapshot folder is read through its config.json, and named so
    const snapshot = join(dir, "snapshot");
    mkdirSync(snapshot);
    writeFileSync(join(snapshot, "config.json"), JSON.stringify(NO_LAYERS));
    expect((await errorOf(["models", "show", snapshot])).message).toContain(
      `Cannot read model config ${join(snapshot, "config.json")}: num_hidden_layers`,
    );
    writeFileSync(join(dir, "broken.json"), "{");
    expect((await errorOf(["models", "show", join(dir, "broken.json")])).message).toMatch(
      /^Cannot read model config .*broken\.json: not valid JSON/,
    );
  });

  it("modelsCommand() show keeps a built-in model's answer and an unknown name's suggestions", async () => {
    expect((await runCli(["models", "show", "llama-3.1-8b"])).stdout()).toContain("Llama 3.1 8B");
    expect((await errorOf(["models", "show", "llama-70b"])).message).toMatch(
      /^Cannot find model 'llama-70b'/,
    );
  });
});
