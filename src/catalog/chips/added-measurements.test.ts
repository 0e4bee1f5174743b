import { describe, expect, it } from "vitest";
import { ADDED_MEASUREMENT_CHIPS, withAddedMeasurements } from "./added-measurements.ts";
import { builtinChips } from "./builtin-chips.ts";
import hardware from "./data/hardware.json" with { type: "json" };

describe("withAddedMeasurements()", () => {
  it("names only built-in chips", () => {
    const ids = new Set(builtinChips().map((c) => c.id));
    for (const id of ADDED_MEASUREMENT_CHIPS) expect(ids.has(id)).toBe(true);
  });

  it("appends the H20's FP8 GEMM rate with its source, leaving the research entry as it is", () => {
    const h20 = builtinChips().find((c) => c.id === "nvidia-h20");
    const fp8 = h20?.measured.find((m) => m.metric === "max achievable FP8 matmul");
    expect(fp8?.value).toBeCloseTo(0.905 * 296, 1);
    expect(h20?.sources.map((s) => s.ref)).toContain(fp8?.source);
    const research = hardware.find((e) => e.id === "nvidia-h20");
    expect(research?.measured).toEqual([]);
  });

  it("returns an entry without additions unchanged", () => {
    const entry = { id: "x", measured: [], sources: [] } as unknown as Parameters<
      typeof withAddedMeasurements
    >[0];
    expect(withAddedMeasurements(entry)).toBe(entry);
  });
});
