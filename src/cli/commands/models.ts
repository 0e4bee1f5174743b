import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { paramCounts, summarizeModel } from "../../arch/index.ts";
import {
  builtinModels,
  findBuiltinModel,
  type ResolvedModel,
  resolveModel,
} from "../../catalog/models/index.ts";
import { FleetcastError, isFleetcastError } from "../../errors.ts";
import type { CliIo } from "../io.ts";
import { formatBytes, formatCount, formatNumber, formatPercent, json, table, truncate } from "../render.ts";

export function modelsCommand(io: CliIo): Command {
  const models = new Command("models")
    .description("List the built-in models (Hugging Face configs with their provenance)")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ fleetcast models\n  $ fleetcast models show deepseek-v3 --json")
    .action((opts) => {
      const rows = builtinModels().map((m) => {
        const { arch } = resolveModel(m.name);
        const p = paramCounts(arch);
        return {
          name: m.name,
          display_name: m.displayName,
          model_type: arch.modelType,
          params_total: p.total,
          params_active: p.active,
          source: m.provenance.source,
        };
      });
      if (opts.json) {
        io.out(json(rows));
        return;
      }
      io.out(
        table(
          ["name", "type", "total", "active", "source"],
          rows.map((r) => [
            r.name,
            r.model_type,
            formatCount(r.params_total),
            formatCount(r.params_active),
            truncate(r.source, 60),
          ]),
        ),
      );
    });

  models
    .command("show")
    .description("Show a model's architecture and derived figures: parameters, FLOPs and KV bytes per token")
    .argument("<model>", "a built-in model name, or the path of a Hugging Face config.json")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ fleetcast models show deepseek-v3\n  $ fleetcast models show ./config.json --json",
    )
    .action((ref, opts) => {
      const resolved = resolveModelNamingFile(ref);
      const summary = summarizeModel(resolved.arch);
      for (const a of resolved.advisories) io.err(`note: ${a.message} (${a.hint})\n`);
      if (opts.json) {
        io.out(
          json({
            ...summary,
            origin: resolved.origin,
            provenance: resolved.provenance,
            advisories: resolved.advisories,
          }),
        );
        return;
      }
      const a = summary.architecture;
      const rows: [string, string][] = [
        ["name", summary.name],
        ["family", `${summary.model_type} (${summary.kind}, ${summary.attention} attention, ${a.mlp} MLP)`],
        [
          "parameters, total",
          `${formatCount(summary.params_total)} (${summary.params_total.toLocaleString("en-US")})`,
        ],
        [
          "parameters, active per token",
          // publishers count "active" three ways (DeepSeek and Mixtral with embeddings; OpenAI's gpt-oss without the
          // input embedding; GLM and MiniMax without embedding and output head): all three, so a card can be matched
          // a tied table is the head's too: only an untied input embedding is left out of the middle figure
          `${formatCount(summary.params_active)} (${formatCount(summary.params_active - (summary.params_head > 0 ? summary.params_embedding : 0))} without the input embedding, ${formatCount(summary.params_active - summary.params_embedding - summary.params_head)} without it and the output head)`,
        ],
        ["parameters, multi-token prediction", summary.params_mtp ? formatCount(summary.params_mtp) : "none"],
        [
          "hidden / layers / heads / kv heads",
          `${a.hidden_size} / ${a.num_layers} / ${a.num_heads} / ${a.num_kv_heads}`,
        ],
        ["head dim / MLP width / vocab", `${a.head_dim} / ${a.intermediate_size} / ${a.vocab_size}`],
      ];
      if (a.experts !== null) {
        rows.push([
          "experts",
          `${a.experts} routed, top-${a.experts_per_token}, width ${a.expert_intermediate_size}, in ${a.moe_layers} of ${a.num_layers} layers`,
        ]);
      }
      for (const f of summary.training_flops_per_token) {
        rows.push([
          `training FLOPs per token @ seq ${f.seq_len}`,
          `${formatNumber(f.flops / 1e12)} TFLOP (attention ${formatPercent(f.attention_share)})`,
        ]);
      }
      rows.push([
        "KV cache per token (bf16 / fp8)",
        `${formatBytes(summary.kv_cache_bytes_per_token.bf16)} / ${formatBytes(summary.kv_cache_bytes_per_token.fp8)}`,
      ]);
      // sliding-window layers stop growing at their window: the mean per token falls with the context
      if (summary.architecture.linear_attention_layers > 0) {
        rows.push([
          "linear-attention layers",
          `${summary.architecture.linear_attention_layers} of ${a.num_layers} (no KV cache; a fixed state per sequence)`,
        ]);
      }
      if (summary.architecture.sliding_window_layers > 0) {
        for (const k of summary.kv_cache_bytes_per_token_at_seq) {
          rows.push([
            `  mean over a ${k.seq_len}-token context`,
            `${formatBytes(k.bf16)} / ${formatBytes(k.fp8)}`,
          ]);
        }
      }
      rows.push([
        "weights (bf16 / fp8 / fp4)",
        `${formatBytes(summary.weight_bytes.bf16)} / ${formatBytes(summary.weight_bytes.fp8)} / ${formatBytes(summary.weight_bytes.fp4)}`,
      ]);
      rows.push(["source", resolved.provenance?.source ?? resolved.origin]);
      io.out(table(["field", "value"], rows));
    });
  return models;
}

// --- internal ---

/** How the importer's errors begin: they name the config's field, not the file it came from. */
const UNNAMED_CONFIG = "Cannot read model config: ";

/**
 * `resolveModel`, its importer errors for a config file naming the file, as its invalid-JSON error does (QA 27 #10:
 * "Cannot read model config: num_hidden_layers ... is missing" left the file unsaid).
 * @throws {FleetcastError} "Cannot read model config cfg_bad.json: num_hidden_layers (number of layers) is missing"
 */
function resolveModelNamingFile(ref: string): ResolvedModel {
  try {
    return resolveModel(ref);
  } catch (error) {
    const fromFile = findBuiltinModel(ref) === undefined && existsSync(ref);
    if (!isFleetcastError(error) || !fromFile || !error.message.startsWith(UNNAMED_CONFIG)) throw error;
    // a Hugging Face snapshot folder is read through its config.json (resolveModel)
    const file = statSync(ref).isDirectory() ? join(ref, "config.json") : ref;
    throw new FleetcastError(
      `Cannot read model config ${file}: ${error.message.slice(UNNAMED_CONFIG.length)}`,
      error.path,
    );
  }
}
