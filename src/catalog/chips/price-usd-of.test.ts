import { describe, expect, it } from "vitest";
import { priceUsdOf } from "./price-usd-of.ts";

const entry = (price: string | null, kind = "accelerator", chips: number | null = null) => ({
  price_usd_approx: price,
  kind,
  chips_per_system: chips,
});

describe("priceUsdOf()", () => {
  it("takes the midpoint of a range", () => {
    // research/hardware.json nvidia-h100-sxm: "25000-30000 (new, secondary estimate)"
    expect(priceUsdOf(entry("25000-30000 (new, secondary estimate)")).priceUsd).toBe(27500);
  });

  it("reads a single approximate figure and ignores the parenthesis", () => {
    expect(priceUsdOf(entry("~12000 (derived: ~1M units ~ $12B in 2024)")).priceUsd).toBe(12000);
  });

  it("divides a rack price by the chips per system", () => {
    // research/hardware.json GB200 NVL72: "2-3 million per rack", 72 GPUs
    expect(
      priceUsdOf(entry("2-3 million per rack (secondary)", "accelerator_in_rack_system", 72)).priceUsd,
    ).toBeCloseTo(2.5e6 / 72, 6);
  });

  it("divides the price of a system entry even without 'per rack'", () => {
    expect(priceUsdOf(entry("~8 million (low-quality report)", "system", 384)).priceUsd).toBeCloseTo(
      8e6 / 384,
      6,
    );
  });

  it("gives null for no price, unreadable text, or a system price without a chip count", () => {
    expect(priceUsdOf(entry(null))).toEqual({ priceUsd: null, how: null });
    expect(priceUsdOf(entry("ask the vendor")).priceUsd).toBeNull();
    expect(priceUsdOf(entry("3 million per rack")).priceUsd).toBeNull();
  });
});
