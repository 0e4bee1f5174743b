import { describe, expect, it } from "vitest";
import { headroomText, peakOddsCell } from "./headroom-text.ts";

const facts = {
  headroom: 1.08,
  band: [0.51, 1.63] as const,
  odds: { share: 0.51, bound: null },
  carriesDemand: true,
  serves: true,
};

describe("headroomText()", () => {
  it("headroomText() states the headroom, its band, the throughput the verdict needs and how often it was reached", () => {
    expect(headroomText(facts)).toBe(
      "every chip of its serving pools not training: 108 % of the peak, 51 % to 163 % across the serving model's 80 % band; it carries the peak if throughput reaches 93 % of the prediction, as 51 % of held-out runs did, each publication weighted once",
    );
  });

  it("headroomText() says a clamped share as a bound, and no odds when a strategy does not carry the peak", () => {
    expect(headroomText({ ...facts, headroom: 2.5, odds: { share: 0.05, bound: "at-most" } })).toMatch(
      /reaches 40 % of the prediction, as at most 5 % of held-out runs did, each publication weighted once$/,
    );
    expect(headroomText({ ...facts, headroom: 0.92, carriesDemand: false })).toBe(
      "every chip of its serving pools not training: 92 % of the peak, 51 % to 163 % across the serving model's 80 % band",
    );
  });

  it("headroomText() is null for a strategy that does not serve, and a multiple past ten times the peak", () => {
    expect(headroomText({ ...facts, serves: false })).toBeNull();
    expect(headroomText({ ...facts, headroom: null })).toBeNull();
    expect(headroomText({ ...facts, headroom: 0 })).toBeNull();
    expect(headroomText({ ...facts, headroom: 81_931 })).toBe(
      "every chip of its serving pools not training: more than 81931 x the peak",
    );
  });
});

describe("peakOddsCell()", () => {
  it("peakOddsCell() prints a share, a bound past the stored quantiles, or a dash", () => {
    expect(peakOddsCell({ share: 0.507, bound: null })).toBe("51 %");
    expect(peakOddsCell({ share: 0.95, bound: "at-least" })).toBe("≥95 %");
    expect(peakOddsCell({ share: 0.05, bound: "at-most" })).toBe("≤5 %");
    expect(peakOddsCell(null)).toBe("–");
  });
});
