import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { caseWorkload, MLPERF_MEAN_TPOT_PER_P99_LIMIT } from "./case-workload.ts";

const cases = parseCases(
  readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).filter((c): c is ServeCase => c.kind === "serve");
const byId = (id: string) => {
  const c = cases.find((x) => x.id === id);
  if (c === undefined) throw new Error(`case ${id} missing`);
  return { c, arch: importModel(c.model, c.model.name).arch };
};

describe("caseWorkload()", () => {
  it("caseWorkload() keeps a case's own slo and stated lengths", () => {
    const { c, arch } = byId("ant-h20-decode-sla-max");
    const w = caseWorkload(c, arch);
    expect([w.inputTokens, w.outputTokens, w.tpotMs, w.limitsFrom]).toEqual([4096, 1536, 30, "case"]);
    expect(w.lengthsAssumed).toBe(false);
  });

  it("caseWorkload() uses the MLPerf benchmark's published limits when a server case gives none", () => {
    // NVIDIA MLPerf v5.1 blog: DeepSeek-R1 server TTFT 2 s, 12.5 tokens/s/user (80 ms TPOT)
    const { c, arch } = byId("mlperf51-dsr1-b200-server");
    const w = caseWorkload(c, arch);
    // the p99 TPOT limit (80 ms) is held as a mean of 0.75 x 80 = 60 ms
    expect([w.ttftMs, w.tpotMs, w.limitsFrom]).toEqual([
      2000,
      80 * MLPERF_MEAN_TPOT_PER_P99_LIMIT,
      "mlperf-rules",
    ]);
    expect(w.tpotMs).toBe(60);
    expect(w.lengthsAssumed).toBe(false);
  });

  it("caseWorkload() says when a case is a day's production average rather than capacity", () => {
    // ds-prod-h800-prefill notes: "Production 24 h average (2025-02-27/28) over all V3+R1 traffic"
    const prod = byId("ds-prod-h800-prefill");
    expect(caseWorkload(prod.c, prod.arch).assumptions.join(" ")).toContain(
      "a production average over a day",
    );
    const bench = byId("sglang-h100-prefill-ep32-4k");
    expect(caseWorkload(bench.c, bench.arch).assumptions.join(" ")).not.toContain("production average");
  });

  it("caseWorkload() reads the TPOT operating point from the notes when no batch is stated", () => {
    // ds-prod-h800-decode notes: "TPOT ~45-50 ms"
    const { c, arch } = byId("ds-prod-h800-decode");
    const w = caseWorkload(c, arch);
    expect(w.tpotMs).toBe(47.5);
    expect(w.limitsFrom).toBe("notes");
  });

  it("caseWorkload() takes no TPOT operating point from the notes of an open loop at a stated rate", () => {
    // blind-45 (vllm-ascend PR 878): "--request-rate 1" and "Mean TPOT 17.21 ms" in the notes, the TPOT an outcome
    const { c, arch } = byId("ds-prod-h800-decode");
    const colocated: ServeCase = { ...c, serve: { ...c.serve, phase: "both" } };
    expect(caseWorkload(colocated, arch).limitsFrom).toBe("notes");
    const openLoop: ServeCase = {
      ...colocated,
      notes: [...(c.notes ?? []), "vllm bench serve --request-rate 1"],
    };
    const w = caseWorkload(openLoop, arch);
    expect([w.tpotMs, w.limitsFrom]).toEqual([null, "none"]);
  });

  it("caseWorkload() sets no limits offline", () => {
    const { c, arch } = byId("mlperf51-b200x8-llama2-70b-offline");
    expect(caseWorkload(c, arch).limitsFrom).toBe("none");
  });

  it("caseWorkload() takes an MLPerf run's unknown prompt length from its dataset's published mean", () => {
    // MLCommons, "MLPerf Inference v5.0 Advances Language Model Capabilities for GenAI": 405B mean input 9,400
    const { c, arch } = byId("mlperf51-llama31-405b-gb200-offline");
    const w = caseWorkload(c, arch);
    expect([w.inputTokens, w.outputTokens]).toEqual([9400, 616.2]);
    expect(w.assumptions.join(" ")).toContain("dataset mean");
  });

  it("caseWorkload() takes an MLPerf dataset's mean prompt where known", () => {
    // Llama 2 70B: OpenOrca's per-sample prompt counts average 222.33 tokens (mlperf-benchmark.ts)
    const llama = byId("mlperf51-b200x8-llama2-70b-offline");
    const w = caseWorkload(llama.c, llama.arch);
    expect(w.inputTokens).toBe(222.33);
    expect(w.assumptions.join(" ")).toContain("MLPerf llama2-70b dataset mean");
    // DeepSeek-R1: 803.79, from the same extraction; the case's own output length is kept
    const dsr1 = byId("mlperf51-dsr1-b200-server");
    const d = caseWorkload(dsr1.c, dsr1.arch);
    expect([d.inputTokens, d.outputTokens]).toEqual([803.79, 3497.6]);
    expect(d.lengthsAssumed).toBe(false);
  });

  it("caseWorkload() takes an MLPerf run's unknown output length from the benchmark, else assumes one", () => {
    // Llama 3.1 8B states neither length: prompt 870.73 (dataset mean), answer 128 (the reference SUT's cap)
    const { c, arch } = byId("mlperf51-b200x8-llama31-8b-offline");
    const w = caseWorkload(c, arch);
    expect([w.inputTokens, w.outputTokens, w.lengthsAssumed]).toEqual([870.73, 128, false]);
    expect(w.assumptions.join(" ")).toContain("MLPerf llama3.1-8b reference answer length");
    // the same case outside MLPerf (no scenario) falls back to the flagged defaults
    const bare: ServeCase = { ...c, serve: { ...c.serve, scenario: null } };
    const b = caseWorkload(bare, arch);
    expect([b.inputTokens, b.outputTokens, b.lengthsAssumed]).toEqual([512, 512, true]);
  });

  it("caseWorkload() reads a speculative-decoding acceptance range from the notes, and keeps a stated one", () => {
    // ant-h20-decode-sla-base notes: "acceptance 1.8-1.9 tokens/step for 1 step"; spec_decode_accept null
    const ant = byId("ant-h20-decode-sla-base");
    const w = caseWorkload(ant.c, ant.arch);
    expect(w.specDecodeAccept).toBeCloseTo(1.85, 12);
    expect(w.assumptions.join(" ")).toContain("speculative decoding");
    // cm384-decode-50ms states 1.7 (and its notes say "mean 1.7 tokens/step", no "acceptance" range)
    const cm = byId("cm384-decode-50ms");
    expect(caseWorkload(cm.c, cm.arch).specDecodeAccept).toBe(1.7);
    // a case that says nothing about it has none
    const ds = byId("ds-prod-h800-decode");
    expect(caseWorkload(ds.c, ds.arch).specDecodeAccept).toBeNull();
  });
});
