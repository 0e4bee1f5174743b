import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { readCaseFiles } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { servePredictorOrUndefined } from "./serve-predictor.ts";
import { validateCases } from "./validate-cases.ts";

const chips = makeChipCatalog(builtinChips());
const heldOut = (file: string) =>
  readCaseFiles([fileURLToPath(new URL(`../../data/holdout/${file}`, import.meta.url))]);

// The held-out sets collected 2026-11-30 (data/holdout/README.md): never fitted. These tests guard that they stay
// predictable (a change that makes the model refuse them fails here); their errors are in the README, not here.
describe("validateCases() on the held-out sets", () => {
  it("predicts all 23 published serving runs (data/holdout/published.json)", () => {
    const profile = builtinProfile();
    const servePredictor = servePredictorOrUndefined(chips, profile)!;
    const report = validateCases(heldOut("published.json"), { chips, profile, servePredictor });
    expect(report.cases).toHaveLength(23);
    expect(report.cases.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual([]);
  });

  it("predicts the 9 vLLM runs and 8 of the 9 vLLM-Ascend runs, refusing the one whose count spans two pools", () => {
    const profile = builtinProfile();
    const servePredictor = servePredictorOrUndefined(chips, profile)!;
    const vllm = validateCases(heldOut("vllm.json"), { chips, profile, servePredictor });
    expect(vllm.cases).toHaveLength(9);
    expect(vllm.cases.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual([]);
    const ascend = validateCases(heldOut("vllm-ascend.json"), { chips, profile, servePredictor });
    expect(ascend.cases).toHaveLength(9);
    expect(ascend.cases.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual([
      "vllm-ascend-a3-qwen3-235b-w8a8-pd-1p2d-3k5-1k5-c190",
    ]);
  });

  it("predicts all 16 of AMD's vLLM table rows (data/holdout/amd-vllm.json)", () => {
    const profile = builtinProfile();
    const servePredictor = servePredictorOrUndefined(chips, profile)!;
    const report = validateCases(heldOut("amd-vllm.json"), { chips, profile, servePredictor });
    expect(report.cases).toHaveLength(16);
    expect(report.cases.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual([]);
  });

  it("predicts 18 of the 20 published training runs, refusing the two whose stated layout it cannot place", () => {
    const report = validateCases(heldOut("train.json"), { chips, profile: builtinProfile() });
    expect(report.cases).toHaveLength(20);
    expect(
      report.cases
        .filter((c) => c.status !== "ok")
        .map((c) => c.id)
        .sort(),
    ).toEqual(["mcore-modelzoo-qwen3-235b-256-h100-a2a-ep8-pp32", "opt-175b-992gpu-a100"]);
  });

  it("predicts all 6 held-out reliability records (data/holdout/reliability.json)", () => {
    const report = validateCases(heldOut("reliability.json"), {
      chips,
      profile: builtinProfile(),
      reliabilityReplicas: 100,
    });
    expect(report.cases).toHaveLength(6);
    expect(report.cases.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual([]);
  });
});
