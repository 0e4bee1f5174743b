import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCasesTolerant } from "./parse-cases-tolerant.ts";
import { precisionFromText, readAliases, readAsText } from "./read-aliases.ts";

const serveCase = (serve: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  kind: "serve",
  software: "TensorRT-LLM 1.0",
  notes: [],
  serve: { phase: "both", precision: "bf16", ...serve },
  ...extra,
});

describe("readAliases()", () => {
  it("readAliases() reads engines' precision names as the format's and says so", () => {
    const cases: [unknown, string][] = [
      ["NVFP4", "fp4"],
      ["MXFP4", "fp4"],
      ["FP16", "bf16"],
      ["float16", "bf16"],
      ["FP8-E4M3", "fp8"],
      ["W8A8", "int8"],
    ];
    for (const [from, to] of cases) {
      const { value, readAs } = readAliases(serveCase({ precision: from }));
      expect((value as { serve: { precision: string } }).serve.precision).toBe(to);
      expect(readAs).toEqual([{ path: "serve.precision", from, to }]);
    }
  });

  it("readAliases() leaves INT4 weight-only and unknown names for the schema to refuse, and the input untouched", () => {
    const item = serveCase({ precision: "int4", scenario: "single_stream" });
    const { value, readAs } = readAliases(item);
    expect(readAs).toEqual([]);
    expect(value).toEqual(item);
    expect(value).not.toBe(item);
    const spelled = serveCase({ precision: "NVFP4" });
    readAliases(spelled);
    expect(spelled.serve.precision).toBe("NVFP4");
  });

  it("readAliases() reads phases, MLPerf scenarios, ZeRO stages and recompute as frameworks write them", () => {
    const s = readAliases(serveCase({ phase: "colocated", scenario: "Offline" }));
    expect(s.value).toMatchObject({ serve: { phase: "both", scenario: "offline" } });
    const train = (parallelism: Record<string, unknown>, precision = "bf16") =>
      readAliases({ kind: "train", train: { seq_len: 4096, precision, parallelism } });
    expect(train({ zero: "HSDP", recompute: true }).value).toMatchObject({
      train: { parallelism: { zero: "fsdp", recompute: "full" } },
    });
    expect(train({ zero: "ZeRO-1", recompute: "block" }).value).toMatchObject({
      train: { parallelism: { zero: 1, recompute: "full" } },
    });
    expect(train({ zero: 1, recompute: "selective" }, "MXFP8").readAs).toEqual([
      { path: "train.precision", from: "MXFP8", to: "fp8" },
    ]);
  });

  it("readAliases() takes a serving precision left null or out from the software and notes", () => {
    const fromNotes = readAliases(serveCase({ precision: null }, { notes: ["NVIDIA's NVFP4 checkpoint"] }));
    expect(fromNotes.readAs).toEqual([{ path: "serve.precision", from: null, to: "fp4", named: true }]);
    const none = readAliases(serveCase({ precision: undefined }, { software: "vLLM 0.9" }));
    expect(none.readAs).toEqual([{ path: "serve.precision", from: null, to: "bf16", named: false }]);
    // INT4 weight-only named in the notes: no reading, the schema refuses the case as before (review 21)
    const int4 = readAliases(serveCase({ precision: null }, { notes: ["AWQ INT4 (W4A16) checkpoint"] }));
    expect(int4.readAs).toEqual([]);
    expect((int4.value as { serve: { precision: unknown } }).serve.precision).toBeNull();
  });

  it("readAliases() reads an MLPerf submission's unstated precision as its chip's narrowest, and says why", () => {
    const mlperf = (chip: string, extra: Record<string, unknown> = {}) =>
      readAliases(
        serveCase(
          { precision: null, scenario: "server" },
          { software: "TensorRT 10.13, CUDA 13.0", hardware: { chip, count: 8 }, ...extra },
        ),
      ).readAs.find((r) => r.path === "serve.precision");
    expect(mlperf("nvidia-b200-hgx")?.to).toBe("fp4");
    expect(mlperf("amd-mi355x")?.to).toBe("fp4");
    expect(mlperf("nvidia-h200-sxm")?.to).toBe("fp8");
    expect(mlperf("amd-mi325x")?.to).toBe("fp8");
    expect(mlperf("huawei-ascend-910b2")?.to).toBe("int8");
    expect(readAsText(mlperf("nvidia-gb300-nvl72-per-gpu")!)).toMatch(
      /^serve\.precision not stated: "fp4", an MLPerf submission, which runs the narrowest format/,
    );
    // a precision the text names wins; a case that is no MLPerf run keeps bf16; a family with no rule keeps it too
    expect(mlperf("nvidia-b200-hgx", { notes: ["FP8 checkpoint"] })?.to).toBe("fp8");
    const plain = readAliases(
      serveCase({ precision: null }, { software: "vLLM", hardware: { chip: "nvidia-b200-hgx" } }),
    );
    expect(plain.readAs.find((r) => r.path === "serve.precision")?.to).toBe("bf16");
    expect(mlperf("google-tpu-v5p")?.to).toBe("bf16");
    // a note naming MLPerf does not make a case one: only its scenario does
    const dataset = readAliases(
      serveCase(
        { precision: null },
        {
          software: "vLLM",
          notes: ["prompts from the MLPerf OpenOrca set"],
          hardware: { chip: "nvidia-b200-hgx" },
        },
      ),
    );
    expect(dataset.readAs.find((r) => r.path === "serve.precision")?.to).toBe("bf16");
  });
});

describe("readAliases() for fields left out", () => {
  it("readAliases() reads a serving phase left out from the metrics the case observed", () => {
    const phase = (observed: Record<string, number>) =>
      readAliases({
        kind: "serve",
        software: "x",
        notes: [],
        observed,
        serve: { precision: "fp8", phase: null },
      });
    expect(phase({ prefill_tokens_per_s_per_chip: 1 }).readAs).toEqual([
      { path: "serve.phase", from: null, to: "prefill", basis: "from the metrics it observed" },
    ]);
    expect(
      (phase({ decode_tokens_per_s_per_chip: 1 }).value as { serve: { phase: string } }).serve.phase,
    ).toBe("decode");
    expect(
      (phase({ output_tokens_per_s_per_chip: 1 }).value as { serve: { phase: string } }).serve.phase,
    ).toBe("both");
    expect(readAsText(phase({ ttft_ms: 1 }).readAs[0]!)).toBe(
      'serve.phase not stated: "both", from the metrics it observed',
    );
    // a metric written null is not observed (review 21b: read as a prefill case)
    const nulled = phase({
      prefill_tokens_per_s_per_chip: null as unknown as number,
      output_tokens_per_s_per_chip: 5,
    });
    expect((nulled.value as { serve: { phase: string } }).serve.phase).toBe("both");
  });

  it("readAliases() assumes a training sequence length of 4,096 where none is stated, and says so", () => {
    const r = readAliases({ kind: "train", train: { seq_len: null, global_batch_tokens: null } });
    expect((r.value as { train: { seq_len: number } }).train.seq_len).toBe(4096);
    expect(readAsText(r.readAs[0]!)).toBe(
      "train.seq_len not stated: 4096, assumed (Llama 2's and DeepSeek-V3's pre-training length)",
    );
  });
});

describe("precisionFromText()", () => {
  it("precisionFromText() names the lowest precision the text states, bf16 unnamed when none", () => {
    expect(precisionFromText(["DeepSeek-R1-FP4 with FP8 KV cache"])).toEqual({
      precision: "fp4",
      named: true,
    });
    expect(precisionFromText(["FP8 GEMMs", null])).toEqual({ precision: "fp8", named: true });
    expect(precisionFromText(["quantised to fp8_e4m3"])).toEqual({ precision: "fp8", named: true });
    expect(precisionFromText(["W8A8 quantisation"])).toEqual({ precision: "int8", named: true });
    expect(precisionFromText(["BF16"])).toEqual({ precision: "bf16", named: true });
    expect(precisionFromText(["vLLM 0.9"])).toEqual({ precision: "bf16", named: false });
    // a word that merely contains the letters is not a precision
    expect(precisionFromText(["ffp80 gigafp4x"])).toEqual({ precision: "bf16", named: false });
  });

  it("precisionFromText() does not read a KV cache's precision as the weights' (review 21)", () => {
    expect(precisionFromText(["BF16 weights, FP8 KV cache"])).toEqual({ precision: "bf16", named: true });
    expect(precisionFromText(["vllm serve --kv-cache-dtype fp8"])).toEqual({
      precision: "bf16",
      named: false,
    });
    expect(precisionFromText(["GPTQ INT4 weights"])).toBeNull();
  });
});

describe("parseCasesTolerant() with readAliases()", () => {
  it("parseCasesTolerant() reads no value of the format's own case files as another (they spell the format)", () => {
    for (const file of ["serve.json", "train.json", "reliability.json"]) {
      const text = readFileSync(new URL(`../../data/cases/${file}`, import.meta.url), "utf8");
      const read = parseCasesTolerant(text, file);
      expect(read.rejected).toEqual([]);
      expect(read.readAs).toEqual([]);
    }
  });

  it("parseCasesTolerant() lists what it read as what, by file and case", () => {
    const text = readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8");
    const first = (JSON.parse(text) as Record<string, Record<string, unknown>>[])[0]!;
    const spelled = { ...first, serve: { ...first.serve, precision: "NVFP4" } };
    const read = parseCasesTolerant(JSON.stringify([spelled]), "x.json");
    expect(read.cases).toHaveLength(1);
    expect(read.readAs).toEqual([
      { file: "x.json", id: first.id, path: "serve.precision", from: "NVFP4", to: "fp4" },
    ]);
  });
});
