import { chipFamilyOf } from "../catalog/chips/index.ts";
/**
 * A value of a case written another way than FORMAT.md spells it, read as the format's value: the path, what the
 * case said and what it is read as (a serving precision left null: what its software and notes name).
 */
export interface ReadAs {
  path: string;
  from: unknown;
  to: unknown;
  /** For a value not stated: whether the case's text named it (else a default was taken). */
  named?: boolean;
  /** For a value not stated and read from elsewhere: where from ("from its observed metrics"). */
  basis?: string;
}

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The sequence length a training case that states none is read with: 4,096, Llama 2's and DeepSeek-V3's pre-training
 * length (Touvron et al. 2023 §2.2; DeepSeek-V3 §4.2), flagged: the attention share and the activations follow it.
 */
const ASSUMED_SEQ_LEN = 4096;

// Precision names engines and papers use for the format's values. FP16 weighs and computes as BF16 (same bytes, same
// tensor-core peak on every catalog chip); MXFP8/FP8-E4M3 are FP8 GEMMs; W8A8 is INT8 unless said to be FP8 (Ascend's
// and SmoothQuant's W8A8 are INT8); NVFP4/MXFP4/W4A4 are FP4 GEMMs. INT4 weight-only (AWQ, GPTQ, W4A16) has no
// reading: it is not one of the format's precisions and stays refused.
const SERVE_PRECISION: Readonly<Record<string, string>> = {
  bf16: "bf16",
  bfloat16: "bf16",
  fp16: "bf16",
  float16: "bf16",
  half: "bf16",
  w16a16: "bf16",
  fp8: "fp8",
  float8: "fp8",
  fp8e4m3: "fp8",
  e4m3: "fp8",
  mxfp8: "fp8",
  w8a8fp8: "fp8",
  fp8w8a8: "fp8",
  int8: "int8",
  w8a8: "int8",
  w8a8int8: "int8",
  fp4: "fp4",
  nvfp4: "fp4",
  mxfp4: "fp4",
  w4a4: "fp4",
};

const TRAIN_PRECISION: Readonly<Record<string, string>> = {
  bf16: "bf16",
  bfloat16: "bf16",
  fp16: "fp16",
  float16: "fp16",
  fp8: "fp8",
  float8: "fp8",
  fp8e4m3: "fp8",
  mxfp8: "fp8",
};

const PHASE: Readonly<Record<string, string>> = {
  prefill: "prefill",
  decode: "decode",
  both: "both",
  colocated: "both",
  e2e: "both",
  endtoend: "both",
  aggregated: "both",
  mixed: "both",
};

const SCENARIO: Readonly<Record<string, string>> = {
  offline: "offline",
  server: "server",
  interactive: "interactive",
};

// ZeRO stages as frameworks name them: Megatron's distributed optimizer is stage 1 (FORMAT.md), PyTorch's FSDP/FSDP2
// and HSDP shard parameters too. HSDP shards within a group and replicates across groups: read as full sharding, its
// per-rank memory comes out lower than the run's (the group size is not in the format)
const ZERO: Readonly<Record<string, number | "fsdp">> = {
  "0": 0,
  none: 0,
  ddp: 0,
  "1": 1,
  zero1: 1,
  distributedoptimizer: 1,
  "2": 2,
  zero2: 2,
  "3": 3,
  zero3: 3,
  fsdp: "fsdp",
  fsdp2: "fsdp",
  hsdp: "fsdp",
  fullyshard: "fsdp",
  fullshard: "fsdp",
};

const RECOMPUTE: Readonly<Record<string, string>> = {
  none: "none",
  no: "none",
  off: "none",
  false: "none",
  selective: "selective",
  partial: "selective",
  full: "full",
  true: "full",
  all: "full",
  // Megatron's --recompute-method block/uniform recompute whole layers (full granularity; with
  // --recompute-num-layers below a stage's layers only some are, which the format cannot say)
  block: "full",
  uniform: "full",
};

/**
 * Reads the values a case writes another way than FORMAT.md (`"NVFP4"`, `"FP16"`, `"HSDP"`, `"Offline"`, a
 * boolean recompute) as the format's, and infers a serving precision left null or out from the case's software and
 * notes (bf16 when they name none). Pure: returns a copy and what was read as what; values with no reading are left
 * for the schema to refuse.
 */
export function readAliases(item: unknown): { value: unknown; readAs: ReadAs[] } {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return { value: item, readAs: [] };
  const value = structuredClone(item) as Record<string, unknown>;
  const readAs: ReadAs[] = [];
  const map = (parent: unknown, field: string, path: string, table: Readonly<Record<string, unknown>>) => {
    if (parent === null || typeof parent !== "object") return;
    const p = parent as Record<string, unknown>;
    const from = p[field];
    if (typeof from !== "string" && typeof from !== "boolean" && typeof from !== "number") return;
    const to = table[key(String(from))];
    if (to === undefined || to === from) return;
    p[field] = to;
    readAs.push({ path, from, to });
  };
  const serve = value.serve as Record<string, unknown> | undefined;
  if (value.kind === "serve" && serve !== null && typeof serve === "object") {
    if (serve.precision == null) {
      const texts = [value.software, ...(Array.isArray(value.notes) ? value.notes : [])];
      const named = precisionFromText(texts);
      const hardware = value.hardware as Record<string, unknown> | undefined;
      const mlperf =
        // an MLPerf case is one with a scenario (FORMAT.md's MLPerf field); a note merely naming MLPerf (a dataset
        // drawn from it, a comparison) does not make one (review 22c)
        named?.named === false && serve.scenario != null
          ? mlperfPrecision(typeof hardware?.chip === "string" ? hardware.chip : "")
          : null;
      if (mlperf !== null) {
        readAs.push({ path: "serve.precision", from: null, to: mlperf, basis: MLPERF_PRECISION_BASIS });
        serve.precision = mlperf;
      } else if (named !== null) {
        readAs.push({
          path: "serve.precision",
          from: serve.precision ?? null,
          to: named.precision,
          named: named.named,
        });
        serve.precision = named.precision;
      }
    } else map(serve, "precision", "serve.precision", SERVE_PRECISION);
    if (serve.phase == null) {
      // the metrics it observed say which phase a case measured: prefill or decode tokens, else the whole request
      // only metrics with a value (one written null is unknown: review 21b)
      const observed = Object.entries((value.observed as Record<string, unknown> | undefined) ?? {})
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k]) => k);
      const to = observed.includes("prefill_tokens_per_s_per_chip")
        ? "prefill"
        : observed.includes("decode_tokens_per_s_per_chip")
          ? "decode"
          : "both";
      readAs.push({
        path: "serve.phase",
        from: serve.phase ?? null,
        to,
        basis: "from the metrics it observed",
      });
      serve.phase = to;
    } else map(serve, "phase", "serve.phase", PHASE);
    map(serve, "scenario", "serve.scenario", SCENARIO);
  }
  const train = value.train as Record<string, unknown> | undefined;
  if (value.kind === "train" && train !== null && typeof train === "object") {
    if (train.seq_len == null) {
      readAs.push({
        path: "train.seq_len",
        from: train.seq_len ?? null,
        to: ASSUMED_SEQ_LEN,
        basis: "assumed (Llama 2's and DeepSeek-V3's pre-training length)",
      });
      train.seq_len = ASSUMED_SEQ_LEN;
    }
    map(train, "precision", "train.precision", TRAIN_PRECISION);
    const par = train.parallelism as Record<string, unknown> | undefined;
    map(par, "zero", "train.parallelism.zero", ZERO);
    map(par, "recompute", "train.parallelism.recompute", RECOMPUTE);
  }
  return { value, readAs };
}

/**
 * The serving precision a case's software and notes name, lowest first as a quantised checkpoint is named
 * ("DeepSeek-R1-FP4", "W8A8"): `named: false` and bf16 when they name none; null when they name one the format lacks
 * (INT4 weight-only: AWQ, GPTQ, W4A16), which is then left unread. A KV-cache precision ("FP8 KV cache") is not the
 * weights' and is not read.
 */
export function precisionFromText(
  texts: readonly unknown[],
): { precision: "bf16" | "fp8" | "int8" | "fp4"; named: boolean } | null {
  const text = texts
    .filter((t): t is string => typeof t === "string")
    .join("\n")
    .replace(/_/g, " ")
    // a KV cache's precision, either way round ("FP8 KV cache", "kv-cache dtype fp8")
    .replace(/\b(?:nv|mx)?fp[48](?:[\s-]*e4m3)?[\s-]*kv\b[\s-]*(?:cache)?/gi, " ")
    .replace(/\bkv[\s-]*cache\b[^.;,\n]{0,24}?\b(?:nv|mx)?fp[48]\b/gi, " ");
  if (/\bint4\b|\bw4a16\b|\bawq\b|\bgptq\b/i.test(text)) return null;
  if (/\b(?:nv|mx)?fp4\b|\bw4a4\b/i.test(text)) return { precision: "fp4", named: true };
  if (/\b(?:mx)?fp8\b|\bfloat8\b|\be4m3\b/i.test(text)) return { precision: "fp8", named: true };
  if (/\bint8\b|\bw8a8\b/i.test(text)) return { precision: "int8", named: true };
  if (/\bbf16\b|\bbfloat16\b|\bfp16\b|\bfloat16\b/i.test(text)) return { precision: "bf16", named: true };
  return { precision: "bf16", named: false };
}

/** What a reading says, for a case's assumptions and notes: `serve.precision "NVFP4" read as "fp4"`. */
export function readAsText(r: ReadAs): string {
  if (r.from !== null && r.from !== undefined)
    return `${r.path} ${JSON.stringify(r.from)} read as ${JSON.stringify(r.to)}`;
  if (r.basis !== undefined) return `${r.path} not stated: ${JSON.stringify(r.to)}, ${r.basis}`;
  return r.named
    ? `${r.path} not stated: ${JSON.stringify(r.to)}, as the software and notes name it`
    : `${r.path} not stated and not named in the software or notes: ${JSON.stringify(r.to)} assumed`;
}

// MLPerf Inference's closed division lets submitters quantise as long as the model keeps 99 % (or 99.9 %) of the
// reference accuracy, and they run the narrowest format the accelerator's tensor cores take: every MLPerf case of the
// calibration set states FP4 on Blackwell (NVFP4) and FP8 on Hopper and MI300X/MI325X (Ada's L40S, with FP8 tensor
// cores, read as Hopper); AMD's MI355X rows run MXFP4
// (AMD's MLPerf v5.1 announcement); Ascend has no FP8 and runs W8A8.
const MLPERF_PRECISION_BASIS =
  "an MLPerf submission, which runs the narrowest format the chip's tensor cores take (FP4 on Blackwell and MI355X, FP8 on Hopper, Ada and MI300X, INT8 on Ascend)";

/** The format an MLPerf submission on a chip runs, by the chip's family (null for a family MLPerf has no rule for). */
function mlperfPrecision(chipId: string): "fp4" | "fp8" | "int8" | null {
  const family = chipFamilyOf({ id: chipId, name: "", vendor: "" });
  if (family === "nvidia-blackwell" || family === "amd-cdna4") return "fp4";
  if (family === "nvidia-hopper" || family === "amd-cdna3" || family === "nvidia-ada") return "fp8";
  if (family === "ascend-910b" || family === "ascend-910c") return "int8";
  return null;
}
