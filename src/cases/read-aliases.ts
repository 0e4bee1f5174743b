/**
 * A value of a case written another way than FORMAT.md spells it, read as the format's value: the path, what the
 * case said and what it is read as.
 */
export interface ReadAs {
  path: string;
  from: unknown;
  to: unknown;
}

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

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
// and HSDP shard parameters too (HSDP within a group, replicated across: the per-rank memory of FSDP at the group size)
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
  // Megatron's --recompute-method block/uniform recompute whole layers: full granularity
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
      const to = precisionFromText([value.software, ...(Array.isArray(value.notes) ? value.notes : [])]);
      readAs.push({ path: "serve.precision", from: serve.precision ?? null, to });
      serve.precision = to;
    } else map(serve, "precision", "serve.precision", SERVE_PRECISION);
    map(serve, "phase", "serve.phase", PHASE);
    map(serve, "scenario", "serve.scenario", SCENARIO);
  }
  const train = value.train as Record<string, unknown> | undefined;
  if (value.kind === "train" && train !== null && typeof train === "object") {
    map(train, "precision", "train.precision", TRAIN_PRECISION);
    const par = train.parallelism as Record<string, unknown> | undefined;
    map(par, "zero", "train.parallelism.zero", ZERO);
    map(par, "recompute", "train.parallelism.recompute", RECOMPUTE);
  }
  return { value, readAs };
}

/**
 * The serving precision a case's software and notes name, lowest first as a quantised checkpoint is named
 * ("DeepSeek-R1-FP4", "W8A8"); bf16 when they name none.
 */
export function precisionFromText(texts: readonly unknown[]): string {
  const text = texts.filter((t): t is string => typeof t === "string").join("\n");
  if (/\b(?:nv|mx)?fp4\b|\bw4a4\b/i.test(text)) return "fp4";
  if (/\b(?:mx)?fp8\b|\bfloat8\b|\be4m3\b/i.test(text)) return "fp8";
  if (/\bint8\b|\bw8a8\b/i.test(text)) return "int8";
  return "bf16";
}
