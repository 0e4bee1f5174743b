import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../components/_fake-api.ts";
import { fetchCatalog, precisionProblem } from "./catalog.ts";

afterEach(() => vi.unstubAllGlobals());

describe("fetchCatalog()", () => {
  it("fetchCatalog() reads chip ids, names, FP8 and ranks per chip from /api/chips and model names from /api/models", async () => {
    const api = fakeApi((path) =>
      path === "/api/chips"
        ? {
            chips: [
              {
                id: "nvidia-h800-sxm",
                name: "NVIDIA H800 SXM5",
                peak_tflops: { bf16: 989, fp8: 1979 },
                ranks_per_chip: 1,
              },
              {
                id: "huawei-ascend-910c",
                name: "Huawei Ascend 910C",
                peak_tflops: { bf16: 752, fp8: null },
                ranks_per_chip: 2,
              },
              // no ranks_per_chip: one rank
              { id: "amd-mi300x", name: "AMD MI300X", peak_tflops: { fp8: 2615 } },
              { name: "no id" },
            ],
          }
        : { models: [{ name: "deepseek-v3", display_name: "DeepSeek-V3" }, { name: "qwen3-8b" }] },
    );
    const catalog = await fetchCatalog();
    expect(api.calls.map((c) => c.path).sort()).toEqual(["/api/chips", "/api/models"]);
    expect(catalog.chips).toEqual([
      { id: "nvidia-h800-sxm", name: "NVIDIA H800 SXM5", fp8: true, ranksPerChip: 1 },
      { id: "huawei-ascend-910c", name: "Huawei Ascend 910C", fp8: false, ranksPerChip: 2 },
      { id: "amd-mi300x", name: "AMD MI300X", fp8: true, ranksPerChip: 1 },
    ]);
    expect(catalog.models).toEqual([
      { name: "deepseek-v3", displayName: "DeepSeek-V3" },
      { name: "qwen3-8b", displayName: "qwen3-8b" },
    ]);
  });

  it("fetchCatalog() gives empty lists for answers of another shape", async () => {
    fakeApi(() => ({ other: true }));
    expect(await fetchCatalog()).toEqual({ chips: [], models: [] });
  });
});

describe("precisionProblem()", () => {
  it("precisionProblem() refuses FP8 on a chip the catalog gives no FP8, only there", () => {
    // review 19 C3: an Ascend chip with the default fp8 failed with no word beside the precision
    const catalog = {
      chips: [
        { id: "huawei-ascend-910c", name: "Huawei Ascend 910C", fp8: false, ranksPerChip: 2 },
        {
          id: "huawei-atlas-350-950pr-card",
          name: "Huawei Atlas 350 (Ascend 950PR)",
          fp8: true,
          ranksPerChip: 1,
        },
      ],
      models: [],
    };
    expect(precisionProblem(catalog, "huawei-ascend-910c", "fp8")).toBe(
      "Huawei Ascend 910C has no FP8: choose bf16",
    );
    expect(precisionProblem(catalog, "huawei-ascend-910c", "bf16")).toBeNull();
    // the Ascend 950 has FP8: an id prefix is not the rule
    expect(precisionProblem(catalog, "huawei-atlas-350-950pr-card", "fp8")).toBeNull();
    expect(precisionProblem(catalog, "unknown-chip", "fp8")).toBeNull();
    expect(precisionProblem(null, "huawei-ascend-910c", "fp8")).toBeNull();
  });
});
