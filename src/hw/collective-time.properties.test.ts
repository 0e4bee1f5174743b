import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ASCEND_910B2, CLOUDMATRIX_384, GB200, H100, MI300X } from "./_reference-chips.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import {
  algorithmTimeS,
  type CollectiveAlgorithm,
  type CollectiveOp,
  collectiveTimeS,
} from "./collective-time.ts";
import { type FabricSpec, fabricOf } from "./fabric.ts";
import { hierarchicalAllReduceS } from "./hierarchical.ts";
import { ringAllReduceS } from "./ring.ts";

const CHIPS: readonly FabricSpec[] = [H100, GB200, ASCEND_910B2, MI300X, CLOUDMATRIX_384];
const OPS: readonly CollectiveOp[] = [
  "allReduce",
  "reduceScatter",
  "allGather",
  "allToAll",
  "broadcast",
  "sendRecv",
];
const ALGORITHMS: readonly CollectiveAlgorithm[] = ["ring", "tree", "hierarchical", "direct", "nvls"];

/** A chip, a group that fits its domain layout (r divides the domain, m domains), an op and a message size. */
const scenario = fc
  .record({
    chip: fc.constantFrom(...CHIPS),
    op: fc.constantFrom(...OPS),
    rExp: fc.integer({ min: 0, max: 6 }),
    m: fc.integer({ min: 1, max: 64 }),
    bytes: fc.double({ min: 1, max: 2 ** 34, noNaN: true }),
  })
  .map(({ chip, op, rExp, m, bytes }) => {
    const domainRanks = chip.scaleUp.domainSize * chip.ranksPerChip;
    const r = Math.min(2 ** rExp, domainRanks);
    const size = op === "sendRecv" ? 2 : r * m;
    const ranksPerDomain = op === "sendRecv" ? (m === 1 ? 2 : 1) : r;
    return { chip, op, bytes, group: { size, ranksPerDomain } };
  });

function scaled(chip: FabricSpec, upFactor: number, outFactor: number): FabricSpec {
  const up = chip.scaleUp;
  return {
    ...chip,
    scaleUp: {
      ...up,
      chipGBpsUnidir: up.chipGBpsUnidir === null ? null : up.chipGBpsUnidir * upFactor,
      peerGBpsUnidir: up.peerGBpsUnidir === null ? null : up.peerGBpsUnidir * upFactor,
    },
    scaleOut: { chipGbps: chip.scaleOut.chipGbps === null ? null : chip.scaleOut.chipGbps * outFactor },
  };
}

const fabric = (chip: FabricSpec) => fabricOf(chip, defaultCollectiveEfficiency(chip.family));

describe("collectiveTimeS() properties", () => {
  it("is never slower with more scale-up or scale-out bandwidth", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 1, max: 8, noNaN: true }),
        fc.double({ min: 1, max: 8, noNaN: true }),
        ({ chip, op, bytes, group }, up, out) => {
          const base = collectiveTimeS(op, bytes, group, fabric(chip));
          const faster = collectiveTimeS(op, bytes, group, fabric(scaled(chip, up, out)));
          expect(faster).toBeLessThanOrEqual(base * (1 + 1e-12));
        },
      ),
    );
  });

  it("is never faster for a bigger message", () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 1, max: 16, noNaN: true }), ({ chip, op, bytes, group }, k) => {
        const f = fabric(chip);
        expect(collectiveTimeS(op, bytes * k, group, f)).toBeGreaterThanOrEqual(
          collectiveTimeS(op, bytes, group, f) * (1 - 1e-12),
        );
      }),
    );
  });

  it("is the fastest applicable algorithm, finite, and positive for groups of two or more", () => {
    fc.assert(
      fc.property(scenario, ({ chip, op, bytes, group }) => {
        const f = fabric(chip);
        const t = collectiveTimeS(op, bytes, group, f);
        const each = ALGORITHMS.map((a) => algorithmTimeS(op, a, bytes, group, f));
        expect(t).toBe(Math.min(...each));
        expect(Number.isFinite(t)).toBe(true);
        expect(t > 0).toBe(group.size > 1);
      }),
    );
  });
});

describe("ringAllReduceS() properties", () => {
  it("never gets faster per byte when a switched group grows", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(H100, GB200, CLOUDMATRIX_384),
        fc.integer({ min: 2, max: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 1, max: 2 ** 32, noNaN: true }),
        (chip, n, m, bytes) => {
          const f = fabric(chip);
          const r = Math.min(n, chip.scaleUp.domainSize);
          // Inside one domain: n -> n + 1 ranks; across domains: m -> m + 1 domains of r ranks.
          if (n < chip.scaleUp.domainSize) {
            expect(ringAllReduceS(n + 1, n + 1, bytes, f)).toBeGreaterThanOrEqual(
              ringAllReduceS(n, n, bytes, f),
            );
          }
          expect(ringAllReduceS(r * (m + 1), r, bytes, f)).toBeGreaterThanOrEqual(
            ringAllReduceS(r * m, r, bytes, f),
          );
        },
      ),
    );
  });
});

describe("hierarchicalAllReduceS() properties", () => {
  it("beats the flat ring across many NVLink nodes for buckets up to 4 MiB", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 32, max: 512 }),
        fc.double({ min: 1, max: 4 * 2 ** 20, noNaN: true }),
        (m, b) => {
          const f = fabric(H100);
          expect(hierarchicalAllReduceS(8 * m, 8, b, f)).toBeLessThan(ringAllReduceS(8 * m, 8, b, f));
        },
      ),
    );
  });
});
