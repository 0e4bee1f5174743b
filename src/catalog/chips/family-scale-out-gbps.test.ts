import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import type { Chip } from "./chip-schema.ts";
import { caseScaleOutGbps, familyScaleOutGbps } from "./family-scale-out-gbps.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;

describe("familyScaleOutGbps()", () => {
  it("takes the rate most chips of the family state: 400 Gb/s for the H20 from the other Hopper entries", () => {
    expect(chip("nvidia-h20").scaleOut.chipGbps).toBeNull();
    expect(familyScaleOutGbps(chip("nvidia-h20"), builtinChips())).toBe(400);
  });

  it("is null when no chip of the family states one, and prefers the lower rate on a tie", () => {
    const h20 = chip("nvidia-h20");
    expect(familyScaleOutGbps(h20, [h20])).toBeNull();
    const at = (id: string, gbps: number): Chip => ({
      ...h20,
      id,
      scaleOut: { ...h20.scaleOut, chipGbps: gbps },
    });
    expect(familyScaleOutGbps(h20, [at("a", 800), at("b", 200), h20])).toBe(200);
    expect(familyScaleOutGbps(h20, [at("a", 800), at("b", 200), at("c", 800)])).toBe(800);
  });
});

describe("caseScaleOutGbps()", () => {
  it("takes a stated rate, leaves a catalog one alone, and assumes the family's only across domains", () => {
    const h20 = chip("nvidia-h20");
    expect(caseScaleOutGbps(h20, 16, 200, builtinChips())).toEqual({ gbps: 200, assumption: null });
    expect(caseScaleOutGbps(h20, 8, null, builtinChips())).toEqual({ gbps: null, assumption: null });
    expect(caseScaleOutGbps(chip("nvidia-h100-sxm"), 64, null, builtinChips())).toEqual({
      gbps: null,
      assumption: null,
    });
    const assumed = caseScaleOutGbps(h20, 16, null, builtinChips());
    expect(assumed.gbps).toBe(400);
    expect(assumed.assumption).toMatch(/^scale-out 400 Gb\/s per chip: not stated, and nvidia-h20 has none/);
  });
});
