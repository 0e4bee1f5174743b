import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { ASCEND_910A, ASCEND_910B2, CLOUDMATRIX_384, H100 } from "./_reference-chips.ts";
import { defaultCollectiveEfficiency } from "./collective-efficiency.ts";
import { collectiveTimeS } from "./collective-time.ts";
import { fabricOf } from "./fabric.ts";

const hopper = defaultCollectiveEfficiency("nvidia-hopper");

describe("fabricOf()", () => {
  it("fabricOf() refuses a protocol-switch cost without its half size, naming the field", () => {
    const { netProtocolHalfBytes: _, ...noHalf } = hopper;
    expect(() => fabricOf(H100, noHalf)).toThrow(
      /Cannot build fabric: netProtocolHalfBytes .*needed with netProtocolUs/,
    );
    // without a cost the half size is not needed
    expect(fabricOf(H100, { ...noHalf, netProtocolUs: 0 }).netProtocolMaxS).toBe(0);
  });

  it("applies the efficiencies to the per-rank link and NIC rates", () => {
    const f = fabricOf(H100, hopper);
    expect(f.intraBps).toBeCloseTo(0.82 * 450e9);
    expect(f.interBps).toBeCloseTo((0.97 * 400e9) / 8);
    expect(f.domainRanks).toBe(8);
  });

  it("splits a two-die 910C package into two ranks with half the bandwidth each", () => {
    const f = fabricOf(CLOUDMATRIX_384, defaultCollectiveEfficiency("ascend-910c"));
    expect(f.domainRanks).toBe(768);
    expect(f.intraBps).toBeCloseTo(0.64 * 196e9);
    expect(f.interBps).toBeCloseTo((0.97 * 200e9) / 8);
  });

  it("derives a mesh peer link as aggregate / (domain - 1) when the spec has none", () => {
    const spec = { ...ASCEND_910B2, scaleUp: { ...ASCEND_910B2.scaleUp, peerGBpsUnidir: null } };
    expect(fabricOf(spec, hopper).peerBps).toBeCloseTo(0.82 * 28e9);
  });

  it("lists unknown bandwidths and prices what needs them at Infinity", () => {
    const f = fabricOf(ASCEND_910A, defaultCollectiveEfficiency("ascend-910a"));
    expect(f.unknown).toEqual(["scaleUp.chipGBpsUnidir"]);
    expect(collectiveTimeS("allReduce", 1e6, { size: 4, ranksPerDomain: 4 }, f)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(Number.isFinite(collectiveTimeS("allReduce", 1e6, { size: 4, ranksPerDomain: 1 }, f))).toBe(true);
  });

  it("throws a one-line FleetcastError naming the field and value", () => {
    const bad = { ...H100, scaleUp: { ...H100.scaleUp, domainSize: 0 } };
    expect(() => fabricOf(bad, hopper)).toThrow(
      "Cannot build fabric: scaleUp.domainSize is 0 (must be a positive integer)",
    );
    expect(() => fabricOf(H100, { ...hopper, intraBusBwFraction: 1.2 })).toThrow(FleetcastError);
  });
});
