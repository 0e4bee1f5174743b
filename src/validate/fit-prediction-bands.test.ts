import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinPredictionBands } from "../calibrate/index.ts";
import { isTimeLikeMetric } from "../cases/index.ts";
import { fitPredictionBands, heldOutPredictionBands } from "./fit-prediction-bands.ts";

describe("fitPredictionBands()", () => {
  it("heldOutPredictionBands() gives the built-in bands (rerun `npm run calibrate:bands` after a refit)", () => {
    const bands = heldOutPredictionBands(fileURLToPath(new URL("../../data/holdout/", import.meta.url)));
    const builtin = builtinPredictionBands()!;
    // every held-out file but the reliability records gives runs
    expect(bands.files).toEqual(builtin.files);
    expect(builtin.files).not.toContain("data/holdout/reliability.json");
    expect(builtin.files).toContain("data/holdout/train.json");
    for (const kind of ["serve", "train"] as const) {
      const [b, w] = [bands[kind]!, builtin[kind]!];
      expect(b.runs).toBe(w.runs);
      expect(b.sources).toBe(w.sources);
      expect(b.log_lo).toBeCloseTo(w.log_lo, 9);
      expect(b.log_hi).toBeCloseTo(w.log_hi, 9);
      expect(b.leave_one_source_out_coverage).toBeCloseTo(w.leave_one_source_out_coverage!, 9);
      // a band holds the prediction itself
      expect(b.log_lo).toBeLessThanOrEqual(0);
      expect(b.log_hi).toBeGreaterThanOrEqual(0);
    }
    // and the engines' records on each family, as written
    expect(bands.serve_track_record).toEqual(builtin.serve_track_record);
  }, 60_000);

  it("heldOutPredictionBands() refuses an id repeated across the held-out files, naming both", () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-bands-"));
    const serve = fileURLToPath(new URL("../../data/holdout/serve.json", import.meta.url));
    copyFileSync(serve, join(dir, "a.json"));
    copyFileSync(serve, join(dir, "b.json"));
    expect(() => heldOutPredictionBands(dir)).toThrow(
      /^Cannot fit the prediction bands: b\.json case holdout-ds-profile-h800-prefill: id "holdout-ds-profile-h800-prefill" was already read from a\.json/,
    );
  });

  it("fitPredictionBands() orients a time metric as throughput and weighs each source once", () => {
    const mk = (id: string, url: string) =>
      ({ id, kind: "serve", source: { citation: id, locator: "", url, trust: "high" } }) as never;
    const cases = [mk("a", "u1"), mk("b", "u1"), mk("c", "u2")];
    const metric = (m: string, observed: number, predicted: number) => [
      { metric: m, observed, predicted, rel_error: predicted / observed - 1 },
    ];
    const report = {
      cases: [
        { id: "a", kind: "serve", status: "ok", metrics: metric("ttft_ms", 100, 200) },
        { id: "b", kind: "serve", status: "ok", metrics: metric("output_tokens_per_s_per_chip", 100, 50) },
        { id: "c", kind: "serve", status: "error", metrics: [] },
      ],
      summary: {},
    } as never;
    const bands = fitPredictionBands(cases, report, ["x.json"]);
    // a TTFT predicted at twice the observed is a system predicted twice too slow: log 2, as the throughput row
    expect(bands.serve).toMatchObject({ runs: 2, sources: 1 });
    expect(bands.serve!.log_hi).toBeCloseTo(Math.log(2), 12);
    // read the TTFT the wrong way round and the band would reach down to log 0.5 (review 21)
    expect(bands.serve!.log_lo).toBe(0);
    // one source: its coverage cannot be checked by leaving it out
    expect(bands.serve!.leave_one_source_out_coverage).toBeNull();
    expect(bands.train).toBeNull();
    expect(isTimeLikeMetric("requests_per_s")).toBe(false);
  });

  it("fitPredictionBands() writes the mixtures of experts' training band from their runs alone", () => {
    const dense = {
      model_type: "llama",
      hidden_size: 1024,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      intermediate_size: 4096,
      vocab_size: 32000,
    };
    const moe = { ...dense, model_type: "mixtral", num_local_experts: 8, num_experts_per_tok: 2 };
    const mk = (id: string, model: object) =>
      ({ id, kind: "train", model, source: { citation: id, locator: "", url: id, trust: "high" } }) as never;
    const cases = [mk("d1", dense), mk("d2", dense), mk("m1", moe), mk("m2", moe)];
    const metric = (observed: number, predicted: number) => [
      { metric: "tokens_per_s_per_chip", observed, predicted, rel_error: predicted / observed - 1 },
    ];
    const report = {
      cases: [
        { id: "d1", kind: "train", status: "ok", metrics: metric(100, 80) },
        { id: "d2", kind: "train", status: "ok", metrics: metric(100, 90) },
        { id: "m1", kind: "train", status: "ok", metrics: metric(100, 200) },
        { id: "m2", kind: "train", status: "ok", metrics: metric(100, 150) },
      ],
      summary: {},
    } as never;
    const bands = fitPredictionBands(cases, report, ["x.json"]);
    expect(bands.train).toMatchObject({ runs: 4, sources: 4 });
    expect(bands.train_moe).toMatchObject({ runs: 2, sources: 2 });
    // both mixtures read slower than predicted: their band reaches down to x0.5 and no higher than the prediction
    expect(bands.train_moe!.log_lo).toBeCloseTo(Math.log(0.5), 12);
    expect(bands.train_moe!.log_hi).toBe(0);
  });

  it("fitPredictionBands() keeps each engine's record on each family: runs, publications, median |error|, optimistic runs", () => {
    const mk = (id: string, url: string) =>
      ({ id, kind: "serve", source: { citation: id, locator: "", url, trust: "high" } }) as never;
    const cases = [mk("a", "u1"), mk("b", "u1"), mk("c", "u2"), mk("d", "u3"), mk("e", "u3")];
    const run = (id: string, stack: string, m: string, observed: number, predicted: number) => ({
      id,
      kind: "serve",
      status: "ok",
      family: "nvidia-hopper",
      stack,
      metrics: [{ metric: m, observed, predicted, rel_error: predicted / observed - 1 }],
    });
    const report = {
      cases: [
        run("a", "vllm", "output_tokens_per_s_per_chip", 100, 150), // +50 %, optimistic
        run("b", "vllm", "output_tokens_per_s_per_chip", 100, 90), // -10 %
        run("c", "vllm", "ttft_ms", 100, 80), // a time predicted short: optimistic, 20 %
        run("d", "sglang", "output_tokens_per_s_per_chip", 100, 100),
        { id: "e", kind: "serve", status: "error", family: "nvidia-hopper", stack: "sglang", metrics: [] },
      ],
      summary: {},
    } as never;
    const records = fitPredictionBands(cases, report, ["x.json"]).serve_track_record!;
    expect(records.map((r) => r.stack)).toEqual(["vllm", "sglang"]);
    expect(records[0]).toMatchObject({
      family: "nvidia-hopper",
      runs: 3,
      sources: 2,
      within_35pct: 2,
      optimistic: 2,
    });
    expect(records[0]!.median_abs_error).toBeCloseTo(0.2, 12);
    expect(records[1]).toMatchObject({ runs: 1, sources: 1, median_abs_error: 0, optimistic: 0 });
  });
});
