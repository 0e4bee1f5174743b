// Writes data/holdout/gpustack.json, the held-out serve cases made from the GPUStack performance-lab runs in
// gpustack-runs/ (one JSON per page, every "Serving Benchmark Result" block copied as printed; see README.md).
// Run: node bin/run-ts.js data/holdout/make-gpustack.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findBuiltinModel } from "../../src/catalog/models/index.ts";

const RUNS = fileURLToPath(new URL("./gpustack-runs", import.meta.url));
const CHIP: Record<string, string> = {
  h100: "nvidia-h100-sxm",
  a100: "nvidia-a100-sxm-80gb",
  h200: "nvidia-h200-sxm",
  "910b": "huawei-ascend-910b2",
};
const MODEL: Record<string, string> = {
  "qwen3-8b": "qwen3-8b",
  "qwen3-30b-a3b": "qwen3-30b-a3b",
  "qwen3-32b": "qwen3-32b",
  "qwen3-235b-a22b": "qwen3-235b-a22b",
  "gpt-oss-120b": "gpt-oss-120b",
  "deepseek-r1": "deepseek-r1",
};
const kebab = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
/** One run as extracted (gpustack-runs/*.json): the printed result block plus the serving command. */
type Run = Record<string, string | number | null | undefined> & {
  section?: string;
  serve_command?: string | null;
  model_id?: string | null;
  engine?: string | null;
  notes?: string | null;
};
const out: Record<string, unknown>[] = [];
const skipped: string[] = [];
for (const f of readdirSync(RUNS)
  .filter((x) => x.endsWith(".json"))
  .sort()) {
  const [modelKey, chipKey] = f.replace(".json", "").split("__") as [string, string];
  const runs = JSON.parse(readFileSync(`${RUNS}/${f}`, "utf8")) as Run[];
  const m = findBuiltinModel(MODEL[modelKey] ?? "");
  const chip = CHIP[chipKey];
  if (!m || !chip) {
    skipped.push(`${f}: no model/chip`);
    continue;
  }
  for (const [i, r] of runs.entries()) {
    const why = (s: string) => {
      skipped.push(`${f}[${i}] ${r.section}: ${s}`);
    };
    if (!r.requests || !r.duration_s || !r.total_generated_tokens || !r.output_tok_s) {
      why("missing numbers");
      continue;
    }
    const id = r.model_id ?? "";
    const cmd = r.serve_command ?? "";
    if (/awq|gptq|int4|w4a/i.test(id + cmd)) {
      why("4-bit weights (no such precision in the format)");
      continue;
    }
    if (/specul|eagle|mtp|ngram/i.test(cmd + (r.notes ?? ""))) {
      why("speculative decoding");
      continue;
    }
    if (r.request_rate && r.request_rate !== "inf") {
      why("a request rate, not a closed burst");
      continue;
    }
    if (/gpt-oss/i.test(id)) {
      why("MXFP4 weights with 16-bit activations (W4A16): no such precision in the format");
      continue;
    }
    if (/pp 2|-pp /.test(cmd)) {
      why("pipeline parallel");
      continue;
    }
    const section = String(r.section ?? "");
    // page errors reported by the extraction (GPUStack pages): blocks copied from another model's page or run
    if (f.startsWith("qwen3-8b__910b") && section.startsWith("Other Benchmark Cases / optimized")) {
      why("blocks copied from the Qwen3-30B-A3B page");
      continue;
    }
    if (f.startsWith("qwen3-8b__910b") && section.startsWith("3. Enable Prefix Cache")) {
      why("the calibration case gpustack-910b-qwen3-8b-mindie-w8a8");
      continue;
    }
    if (
      !new RegExp(modelKey.replace(/-/g, "[-.]?").replace("qwen3", "qwen3"), "i").test(
        id.replace(/-instruct-2507/i, ""),
      )
    ) {
      why(`serves ${id}, not ${modelKey}`);
      continue;
    }
    if (section.includes("Quantization in TensorRT-LLM / FP8")) {
      why("an SGLang command under a TensorRT-LLM heading");
      continue;
    }
    if (r.engine === "mindie" && modelKey === "qwen3-30b-a3b") {
      why("NPU count not stated (61 GB of BF16 weights need more than one 64 GB 910B)");
      continue;
    }
    const precision =
      /fp8/i.test(id + cmd) || modelKey === "deepseek-r1"
        ? "fp8"
        : /w8a8|int8/i.test(id + cmd)
          ? "int8"
          : "bf16";
    const count = r.tp ?? 1;
    const ep = r.ep ?? (/--enable-expert-parallel/.test(cmd) ? count : null);
    // SGLang's --enable-dp-attention splits attention over --dp replicas (dp_size, default 1: attention stays TP)
    const dpSize = Number(/--dp(?:-size)?[ =](\d+)/.exec(cmd)?.[1] ?? 1);
    const dpAttention = /--enable-dp-att/.test(cmd) && dpSize > 1 ? dpSize : null;
    const engine = r.engine ?? "other";
    const input = r.total_input_tokens / r.requests;
    const output = r.total_generated_tokens / r.requests;
    const ds = r.dataset === "random" ? `random-${r.random_input_len}-${r.random_output_len}` : "sharegpt";
    const caseId = `holdout-gpustack-${kebab(modelKey)}-${chipKey}-${kebab(engine)}-${ds}-${i}`;
    out.push({
      id: caseId,
      raw_id: caseId,
      kind: "serve",
      source: {
        citation: `GPUStack performance lab, docs/performance-lab/${modelKey}/${chipKey}.md (vllm bench serve outputs printed in full)`,
        locator: r.section,
        url: `https://github.com/gpustack/gpustack/blob/main/docs/performance-lab/${modelKey}/${chipKey}.md`,
        trust: "medium",
      },
      model: { name: m.name ?? modelKey, ...m.config },
      hardware: { chip, count, chips_per_node: 8, scaleout_gbps_per_chip: null },
      software: `${engine}${r.engine_version ? ` ${r.engine_version}` : ""}: ${cmd}`,
      serve: {
        phase: "both",
        precision,
        parallelism: { tp: dpAttention ? null : (r.tp ?? 1), pp: null, ep, dp_attention: dpAttention },
        batch_per_chip: null,
        concurrency: r.max_concurrency ?? r.requests,
        input_tokens: Math.round(input * 10) / 10,
        output_tokens: Math.round(output * 10) / 10,
        cache_hit_rate: null,
        spec_decode_accept: null,
        slo: null,
      },
      observed: { output_tokens_per_s_per_chip: Math.round((r.output_tok_s / count) * 100) / 100 },
      derived: {
        output_tokens_per_s_per_chip: `= ${r.output_tok_s} output tok/s (vllm bench serve) / ${count} chips`,
      },
      notes: [
        r.max_concurrency
          ? `Held out. ${r.requests} prompts (${ds}) at most ${r.max_concurrency} at a time, ${r.duration_s} s; mean lengths from the printed totals (${r.total_input_tokens} input, ${r.total_generated_tokens} output tokens).`
          : `Held out. Closed burst: ${r.requests} prompts sent at once (${ds}), ${r.duration_s} s to finish; mean lengths from the printed totals (${r.total_input_tokens} input, ${r.total_generated_tokens} output tokens).`,
        `Chips = the serving command's TP (${r.tp ?? "none given: 1"}).${r.notes ? ` ${r.notes}` : ""}`,
      ],
    });
  }
}
writeFileSync(new URL("./gpustack.json", import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(out.length, "cases;", skipped.length, "skipped");
for (const s of skipped) console.log("  skip", s);
