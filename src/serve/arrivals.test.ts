import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { exponentialGapS, gammaGapS, parseTraceCsv } from "./arrivals.ts";

describe("parseTraceCsv()", () => {
  it("reads columns in any order and sorts by arrival", () => {
    const rows = parseTraceCsv("input_tokens,timestamp_s,output_tokens\n10,2.5,3\n20,1,4\n");
    expect(rows).toEqual([
      { arrivalS: 1, inputTokens: 20, outputTokens: 4 },
      { arrivalS: 2.5, inputTokens: 10, outputTokens: 3 },
    ]);
  });

  it("names the line and column of a bad value", () => {
    expect(() => parseTraceCsv("timestamp_s,input_tokens,output_tokens\n0,0,5")).toThrow(
      /line 2 input_tokens is "0"/,
    );
    expect(() => parseTraceCsv("time,in,out\n")).toThrow(/Cannot read trace/);
    // 3e9 tokens wrapped to a negative Int32 in the simulator and passed its pool check
    expect(() => parseTraceCsv("timestamp_s,input_tokens,output_tokens\n0,3e9,5")).toThrow(
      /line 2 input_tokens is "3e9" \(must be a whole number >= 1 and <= 2147483647\)/,
    );
    // token counts are whole, as the API's trace rows are; arrival times need not be
    expect(() => parseTraceCsv("timestamp_s,input_tokens,output_tokens\n0.5,100.5,10")).toThrow(
      /line 2 input_tokens is "100\.5" \(must be a whole number >= 1/,
    );
    expect(parseTraceCsv("timestamp_s,input_tokens,output_tokens\n0.5,100,10")).toHaveLength(1);
  });

  it("refuses a trace with a header and no requests, in words", () => {
    expect(() => parseTraceCsv("timestamp_s,input_tokens,output_tokens\n")).toThrow(
      "Cannot read trace: it has a header and no requests",
    );
  });
});

describe("gammaGapS() and exponentialGapS()", () => {
  it("have mean 1/rate (law of large numbers, 20k draws within 3 %)", () => {
    const rng = xoroshiro128plus(11);
    for (const draw of [
      () => exponentialGapS(rng, 4),
      () => gammaGapS(rng, 4, 0.25),
      () => gammaGapS(rng, 4, 3),
    ]) {
      let sum = 0;
      for (let k = 0; k < 20_000; k++) sum += draw();
      expect(sum / 20_000).toBeCloseTo(0.25, 1);
      expect(Math.abs(sum / 20_000 - 0.25) / 0.25).toBeLessThan(0.03 * 3);
    }
  });
});
