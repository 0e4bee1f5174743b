import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { builtinServeProfile } from "./serve-profile.ts";

// Published measurements the serving profile was NOT fitted on (data/holdout/README.md): DeepSeek's own profile
// runs and Alibaba's SGLang runs on H20, as alibaba/InferSim's README reports them, and CloudMatrix384's 15 ms
// decode point.
/** The serving cases of one file of data/holdout/. */
const heldOut = (file: string): ServeCase[] =>
  parseCases(
    readFileSync(new URL(`../../data/holdout/${file}`, import.meta.url), "utf8"),
    `data/holdout/${file}`,
  ).filter((c): c is ServeCase => c.kind === "serve");
const holdout = heldOut("serve.json");

const errorOf = (c: ServeCase): number => {
  const p = predictServeCase(c, builtinServeProfile());
  const e = p.metrics[0]?.rel_error;
  if (e == null) throw new Error(`no prediction for ${c.id}: ${p.error ?? p.status}`);
  return e;
};

describe("predictServeCase() on held-out measurements", () => {
  it("predicts DeepSeek's H800 EP128 decode profile (2,324 tok/s per GPU) within 15 %", () => {
    const c = holdout.find((x) => x.id === "holdout-ds-profile-h800-decode")!;
    expect(Math.abs(errorOf(c))).toBeLessThan(0.15);
  });

  it("keeps the median error of the held-out set under 25 %", () => {
    const errors = holdout.map((c) => Math.abs(errorOf(c))).sort((a, b) => a - b);
    expect(errors.length).toBe(7);
    const median = errors[3]!;
    expect(median).toBeLessThan(0.25);
  });

  it("predicts every held-out Ascend run (data/holdout/ascend.json), xDeepServe's EP288 decode within 15 %", () => {
    const ascend = heldOut("ascend.json");
    expect(ascend.length).toBe(7);
    for (const c of ascend) expect(Number.isFinite(errorOf(c))).toBe(true);
    // xDeepServe (arXiv 2508.02520 §7.1): 2,400 decode tok/s per 910C at a 50 ms TPOT, DP288/EP288, INT8
    const xds = ascend.find((c) => c.id === "holdout-xds-cm384-dsr1-decode-ep288-colocated")!;
    expect(Math.abs(errorOf(xds))).toBeLessThan(0.15);
  });

  it("predicts every GPUStack held-out run (data/holdout/gpustack.json): 82 closed bursts, none refused", () => {
    const gpustack = heldOut("gpustack.json");
    expect(gpustack.length).toBe(82);
    // errorOf throws for a case the model cannot predict; the errors themselves are in data/holdout/README.md
    for (const c of gpustack) expect(Number.isFinite(errorOf(c))).toBe(true);
  });
});
