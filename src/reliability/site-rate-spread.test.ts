import { describe, expect, it } from "vitest";
import { PUBLISHED_SITE_RATES, publishedSiteRateLogSigma } from "./site-rate-spread.ts";

describe("publishedSiteRateLogSigma()", () => {
  it("publishedSiteRateLogSigma() is the sample standard deviation of the sites' log rates", () => {
    // two sites a factor e^2 apart: log rates 0 and 2, sample sd sqrt(2)
    const two = [
      { site: "a", perChipYear: 1, source: "" },
      { site: "b", perChipYear: Math.exp(2), source: "" },
    ];
    expect(publishedSiteRateLogSigma(two)).toBeCloseTo(Math.SQRT2, 12);
    // the published sites: Llama 3's 0.17 per GPU-year, ByteDance's 0.066, OPT's 0.69 ... spread ~x2.2 per sigma
    expect(PUBLISHED_SITE_RATES.find((r) => r.site.includes("Llama 3"))!.perChipYear).toBeCloseTo(0.1729, 3);
    expect(publishedSiteRateLogSigma()).toBeGreaterThan(0.7);
    expect(publishedSiteRateLogSigma()).toBeLessThan(0.85);
  });
});
