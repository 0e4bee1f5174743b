import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { usdPerChipHourOf } from "./usd-per-chip-hour.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;

describe("usdPerChipHourOf()", () => {
  it("usdPerChipHourOf() takes the cloud range where the catalog has one, else the amortised purchase price", () => {
    const h100 = chip("nvidia-h100-sxm");
    expect(usdPerChipHourOf(h100)).toMatchObject({ usd: h100.cloudUsdPerChipHour, kind: "derived" });
    // H20: no cloud price, $12,000 over 4 years x 2 all-in = $0.685/h (an assumption)
    const h20 = usdPerChipHourOf(chip("nvidia-h20"))!;
    expect(h20.kind).toBe("assumption");
    expect(h20.usd[0]).toBeCloseTo((12_000 / (4 * 8760)) * 2, 6);
    expect(h20.usd[1]).toBe(h20.usd[0]);
    expect(usdPerChipHourOf({ ...h100, cloudUsdPerChipHour: null, priceUsd: null })).toBeNull();
  });
});
