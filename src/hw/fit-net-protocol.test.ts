import { describe, expect, it } from "vitest";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { collectiveTimeS } from "./collective-time.ts";
import { fabricOf } from "./fabric.ts";
import {
  type AllReduceSweep,
  AMPERE_SWEEPS,
  fitNetProtocol,
  HOPPER_CHECK_SWEEPS,
  HOPPER_SWEEPS,
} from "./fit-net-protocol.ts";

/** Geometric mean of measured / model over a sweep's sizes from 64 KB to 16 MB, with or without the term. */
function midRatio(sweeps: readonly AllReduceSweep[], withTerm: boolean): number {
  const logs: number[] = [];
  for (const s of sweeps) {
    const f = fabricOf(s.chip, defaultCollectiveEfficiency(s.chip.family));
    const fabric = withTerm ? f : { ...f, netProtocolMaxS: 0 };
    for (const [bytes, us] of s.points) {
      if (bytes < 65_536 || bytes > 16 * 2 ** 20) continue;
      const t = collectiveTimeS(
        "allReduce",
        bytes,
        { size: s.ranks, ranksPerDomain: s.ranksPerDomain },
        fabric,
      );
      logs.push(Math.log(us / (t * 1e6)));
    }
  }
  return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
}

describe("fitNetProtocol()", () => {
  it("fitNetProtocol() gives the constants the Ampere and Hopper profiles ship (re-fit if it fails)", () => {
    for (const [sweeps, family] of [
      [AMPERE_SWEEPS, "nvidia-ampere"],
      [HOPPER_SWEEPS, "nvidia-hopper"],
    ] as const) {
      const fit = fitNetProtocol(sweeps);
      const shipped = defaultCollectiveEfficiency(family);
      expect(shipped.netProtocolUs).toBe(fit.us);
      expect(Math.abs((shipped.netProtocolHalfBytes ?? 0) - fit.halfBytes)).toBeLessThan(1);
      // the term earns its place: the fit's log error falls at least five-fold; and the optimum is inside the grid
      expect(fit.loss).toBeLessThan(fit.lossWithout / 5);
      expect(fit.atGridEdge).toBe(false);
    }
  });

  // measured / model at 64 KB-16 MB on the Hopper sweeps no fit read, table by table (docs/research/collective-sizes.md:
  // 2.12 -> 1.06, 2.43 -> 1.22, 2.32 -> 1.39); the shared pair of stop 24's first fit gave 1.16 / 1.33 / 1.50
  const checks: [string, number][] = [
    ["nccl-tests-309-gj-aion-2n", 1.12],
    ["nccl-1244-h20-2n", 1.28],
    ["nccl-tests-309-gj-aion-8n", 1.45],
  ];
  for (const [id, most] of checks) {
    it(`fitNetProtocol()'s Hopper term brings ${id}, a sweep it did not read, from ~2.1-2.4x too fast to under ${most}x`, () => {
      const sweep = HOPPER_CHECK_SWEEPS.filter((s) => s.id === id);
      expect(sweep).toHaveLength(1);
      expect(midRatio(sweep, false)).toBeGreaterThan(2);
      const after = midRatio(sweep, true);
      expect(after).toBeGreaterThan(0.9);
      expect(after).toBeLessThan(most);
    });
  }
});
