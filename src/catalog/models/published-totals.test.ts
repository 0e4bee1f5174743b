import { describe, expect, it } from "vitest";
import { paramCounts } from "../../arch/index.ts";
import { resolveModel } from "./model-catalog.ts";

/**
 * Published parameter totals (shared/models/README.md): DeepSeek-V3 671B total / 37B active (DeepSeek-V3 technical
 * report §1, MTP apart), Llama 3.1 405B 405.8B (Meta model card), Qwen3-235B-A22B 235B / 22B (Qwen3 technical
 * report Table 1), Mixtral 8x7B 46.7B / 12.9B (Jiang et al. 2024 §2). Totals within 1 %, active within 3 %.
 */
const PUBLISHED: [name: string, total: number, active: number | null][] = [
  ["deepseek-v3", 671e9, 37e9],
  ["llama-3.1-405b", 405.8e9, null],
  ["qwen3-235b-a22b", 235e9, 22e9],
  ["mixtral-8x7b", 46.7e9, 12.9e9],
];

describe("built-in models: published totals", () => {
  it.each(PUBLISHED)("%s has its published parameter counts", (name, total, active) => {
    const p = paramCounts(resolveModel(name).arch);
    expect(Math.abs(p.total / total - 1)).toBeLessThan(0.01);
    if (active !== null) expect(Math.abs(p.active / active - 1)).toBeLessThan(0.03);
  });

  it("counts DeepSeek-V3's multi-token-prediction module apart (11.5B unique of the 14B MTP weights)", () => {
    const p = paramCounts(resolveModel("deepseek-v3").arch);
    // 14B MTP weights include a copy of the 0.93B embedding and 0.93B head; 11.5B are unique (DeepSeek-V3
    // README_WEIGHTS.md).
    expect(p.mtp / 11.5e9).toBeCloseTo(1, 1);
    expect(p.total + p.mtp + 2 * 129280 * 7168).toBeGreaterThan(684e9);
  });
});
