import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Checks the built-in model files themselves (not the importer): every file parses, has the
 * catalog shape, names and aliases are unique, and published figures hold.
 */

const DATA_DIR = fileURLToPath(new URL("./", import.meta.url));
const CASES_DIR = fileURLToPath(new URL("../../../../data/cases/", import.meta.url));

interface ModelFile {
  name: string;
  aliases: string[];
  display_name: string;
  provenance: { source: string; notes?: string };
  config: Record<string, unknown>;
}

const files = readdirSync(DATA_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const models = new Map<string, ModelFile>(
  files.map((f) => [f, JSON.parse(readFileSync(`${DATA_DIR}${f}`, "utf8")) as ModelFile]),
);

function model(name: string): Record<string, unknown> {
  const found = models.get(`${name}.json`);
  if (!found) throw new Error(`no built-in model ${name}`);
  return found.config;
}

// Same normalisation as the catalog's name lookup: case-insensitive, spaces and underscores as hyphens.
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, "-");
}

describe("built-in model files", () => {
  it("model files exist for every model the brief lists", () => {
    for (const name of [
      "deepseek-v3",
      "deepseek-r1",
      "kimi-k2",
      "llama-2-7b",
      "llama-2-70b",
      "llama-3.1-8b",
      "llama-3.1-70b",
      "llama-3.1-405b",
      "qwen3-8b",
      "qwen3-32b",
      "qwen3-30b-a3b",
      "qwen3-235b-a22b",
      "mixtral-8x7b",
      "mixtral-8x22b",
      "gpt-oss-120b",
      "gpt-3-175b",
    ]) {
      expect(models.has(`${name}.json`), name).toBe(true);
    }
  });

  it.each(files)("%s has the catalog shape and is named after its file", (file) => {
    const m = models.get(file) as ModelFile;
    expect(Object.keys(m).sort()).toEqual(["aliases", "config", "display_name", "name", "provenance"]);
    expect(`${m.name}.json`).toBe(file);
    expect(m.name).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
    expect(typeof m.display_name).toBe("string");
    expect(m.aliases.every((a) => typeof a === "string" && a.length > 0)).toBe(true);
    expect(m.provenance.source.length).toBeGreaterThan(20);
    expect(typeof m.config.model_type).toBe("string");
    expect(m.config).not.toHaveProperty("name");
    for (const key of ["hidden_size", "num_hidden_layers", "num_attention_heads", "vocab_size"]) {
      expect(Number.isInteger(m.config[key]), `${file} config.${key}`).toBe(true);
      expect(m.config[key] as number).toBeGreaterThan(0);
    }
  });

  it("names and aliases are unique across models after normalisation", () => {
    const owner = new Map<string, string>();
    for (const m of models.values()) {
      for (const key of new Set([m.name, ...m.aliases].map(normalise))) {
        expect(owner.get(key) ?? m.name, `"${key}" is claimed twice`).toBe(m.name);
        owner.set(key, m.name);
      }
    }
  });

  it("every model of data/cases resolves to a built-in model with the same architecture fields", () => {
    const byAlias = new Map<string, ModelFile>();
    for (const m of models.values()) for (const a of [m.name, ...m.aliases]) byAlias.set(normalise(a), m);
    const fields = [
      "model_type",
      "hidden_size",
      "intermediate_size",
      "num_hidden_layers",
      "num_attention_heads",
      "num_key_value_heads",
      "head_dim",
      "vocab_size",
      "tie_word_embeddings",
      "n_routed_experts",
      "num_local_experts",
      "num_experts",
      "n_shared_experts",
      "num_experts_per_tok",
      "moe_intermediate_size",
      "first_k_dense_replace",
      "kv_lora_rank",
      "q_lora_rank",
      "num_nextn_predict_layers",
    ];
    for (const file of ["train.json", "serve.json"]) {
      const cases = JSON.parse(readFileSync(`${CASES_DIR}${file}`, "utf8")) as {
        id: string;
        model: Record<string, unknown> & { name: string };
      }[];
      for (const c of cases) {
        const m = byAlias.get(normalise(c.model.name));
        expect(m, `${c.id}: model "${c.model.name}" has no built-in entry`).toBeDefined();
        for (const f of fields) {
          if (f in c.model && m && f in m.config) {
            expect(m.config[f], `${c.id} ${f} vs ${m.name}`).toEqual(c.model[f]);
          }
        }
      }
    }
  });
});

describe("published figures", () => {
  it("Llama 3.1 405B has 126 layers of width 16384 (Llama 3 paper, arXiv 2407.21783, Table 3)", () => {
    const c = model("llama-3.1-405b");
    expect([c.num_hidden_layers, c.hidden_size, c.intermediate_size]).toEqual([126, 16384, 53248]);
    expect([c.num_attention_heads, c.num_key_value_heads, c.vocab_size]).toEqual([128, 8, 128256]);
  });

  it("Llama 2 70B uses 8 KV heads and Llama 2 7B none shared (Llama 2 paper, arXiv 2307.09288, Table 1: GQA for 70B only)", () => {
    expect(model("llama-2-70b").num_key_value_heads).toBe(8);
    expect(model("llama-2-7b").num_key_value_heads).toBe(model("llama-2-7b").num_attention_heads);
    expect(model("llama-2-70b").num_hidden_layers).toBe(80);
  });

  it("DeepSeek-V3 and R1 share 61 layers, 256 routed + 1 shared experts, top-8 (DeepSeek-V3 report, arXiv 2412.19437, section 4.2)", () => {
    for (const name of ["deepseek-v3", "deepseek-r1"]) {
      const c = model(name);
      expect([c.num_hidden_layers, c.hidden_size, c.n_routed_experts, c.n_shared_experts]).toEqual([
        61, 7168, 256, 1,
      ]);
      expect([c.num_experts_per_tok, c.first_k_dense_replace, c.kv_lora_rank]).toEqual([8, 3, 512]);
    }
  });

  it("Kimi K2 has 384 experts, 8 active, 64 heads (Moonshot model card)", () => {
    const c = model("kimi-k2");
    expect([c.model_type, c.n_routed_experts, c.num_experts_per_tok, c.num_attention_heads]).toEqual([
      "kimi_k2",
      384,
      8,
      64,
    ]);
  });

  it("GPT-3 175B matches Brown et al. 2020 Table 2.1", () => {
    const c = model("gpt-3-175b");
    expect([c.num_hidden_layers, c.hidden_size, c.num_attention_heads, c.head_dim]).toEqual([
      96, 12288, 96, 128,
    ]);
    expect([c.intermediate_size, c.vocab_size, c.max_position_embeddings]).toEqual([49152, 50257, 2048]);
  });

  it("gpt-oss-120b alternates 18 sliding and 18 full attention layers over 36 (OpenAI gpt-oss model card)", () => {
    const c = model("gpt-oss-120b");
    const layerTypes = c.layer_types as string[];
    expect(layerTypes).toHaveLength(c.num_hidden_layers as number);
    expect(layerTypes.filter((t) => t === "sliding_attention")).toHaveLength(18);
    expect([c.num_local_experts, c.num_experts_per_tok, c.sliding_window]).toEqual([128, 4, 128]);
  });

  it("Qwen3 MoE models have the published expert counts (Qwen3 technical report, arXiv 2505.09388, Table 2)", () => {
    expect([model("qwen3-235b-a22b").num_experts, model("qwen3-235b-a22b").num_experts_per_tok]).toEqual([
      128, 8,
    ]);
    expect([model("qwen3-30b-a3b").num_experts, model("qwen3-30b-a3b").num_experts_per_tok]).toEqual([
      128, 8,
    ]);
    expect([model("qwen3-32b").num_hidden_layers, model("qwen3-8b").num_hidden_layers]).toEqual([64, 36]);
  });

  it("Mixtral 8x22B has 56 layers of width 6144, 8 experts, top-2 (Mistral AI release)", () => {
    const c = model("mixtral-8x22b");
    expect([c.num_hidden_layers, c.hidden_size, c.num_local_experts, c.num_experts_per_tok]).toEqual([
      56, 6144, 8, 2,
    ]);
  });

  it("every attention width divides into whole heads", () => {
    for (const m of models.values()) {
      const c = m.config;
      const heads = c.num_attention_heads as number;
      const kv = (c.num_key_value_heads as number | undefined) ?? heads;
      expect(heads % kv, `${m.name} heads / kv heads`).toBe(0);
      if (c.head_dim === undefined && c.kv_lora_rank === undefined) {
        expect((c.hidden_size as number) % heads, `${m.name} hidden / heads`).toBe(0);
      }
    }
  });
});
