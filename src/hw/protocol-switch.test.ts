import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { H100 } from "./_reference-chips.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { type FabricSpec, fabricOf } from "./fabric.ts";
import { protocolSwitchS } from "./protocol-switch.ts";

const fabric = (chip: FabricSpec) => fabricOf(chip, defaultCollectiveEfficiency(chip.family));

describe("protocolSwitchS() properties", () => {
  it("protocolSwitchS() grows with the buffer, never past the fabric's full switch cost, and is 0 inside a domain", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2 ** 34, noNaN: true }),
        fc.double({ min: 1, max: 2 ** 34, noNaN: true }),
        (a, b) => {
          const f = fabric(H100);
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(protocolSwitchS(f, lo, true)).toBeLessThanOrEqual(protocolSwitchS(f, hi, true));
          expect(protocolSwitchS(f, hi, true)).toBeLessThan(f.netProtocolMaxS);
          expect(protocolSwitchS(f, hi, false)).toBe(0);
          // neighbouring sizes too, where rounding could turn the order round (E x b / (b + b0) did)
          const next = lo * (1 + 2 ** -50);
          expect(protocolSwitchS(f, lo, true)).toBeLessThanOrEqual(protocolSwitchS(f, next, true));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
