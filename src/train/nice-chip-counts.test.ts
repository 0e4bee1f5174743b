import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { niceChipCounts } from "./nice-chip-counts.ts";

describe("niceChipCounts()", () => {
  it("niceChipCounts() lists the whole count in servers, then 2^k, 5·2^k and 3·2^k counts, largest first", () => {
    expect(niceChipCounts(3456, 8).slice(0, 4)).toEqual([3456, 3072, 2560, 2048]);
    // QA 27: 1,466 910B2 (8 per server) train on 1,280
    expect(niceChipCounts(1466, 8).slice(0, 3)).toEqual([1464, 1280, 1024]);
    expect(niceChipCounts(4, 8)).toEqual([4]);
  });

  it("niceChipCounts() gives whole servers (or a count under one server, whole), at most the count, each once, in falling order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 100_000 }), fc.constantFrom(1, 4, 8, 16), (count, node) => {
        const counts = niceChipCounts(count, node);
        for (const n of counts) {
          expect(n).toBeLessThanOrEqual(count);
          // a count smaller than one server is taken whole
          if (count >= node) expect(n % node).toBe(0);
          else expect(counts).toEqual([count]);
        }
        expect([...counts].sort((a, b) => b - a)).toEqual(counts);
        expect(new Set(counts).size).toBe(counts.length);
      }),
    );
  });
});
