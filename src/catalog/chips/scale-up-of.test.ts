import { describe, expect, it } from "vitest";
import { ChipEntrySchema } from "./chip-schema.ts";
import { scaleUpOf } from "./scale-up-of.ts";

const entry = (fields: Record<string, unknown>) =>
  ChipEntrySchema.parse({ id: "x", name: "X", vendor: "V", bf16_dense_tflops: 1, ...fields });

describe("scaleUpOf()", () => {
  it("recognises a mesh even when its text says 'no switch'", () => {
    // research/hardware.json 910B2 topology text
    const e = entry({
      scaleup_name: "HCCS (7 links per chip)",
      scaleup_topology: "8-NPU full mesh (no switch)",
      scaleup_domain_size: 8,
      scaleup_GBps_per_chip_unidir: 196,
    });
    const { scaleUp, uncertain } = scaleUpOf(e);
    expect(scaleUp.kind).toBe("full-mesh");
    expect(scaleUp.peerGBpsUnidir).toBeCloseTo(28, 10);
    expect(Object.keys(uncertain)).toEqual(["scaleup_GBps_per_peer_unidir"]);
  });

  it("treats a UB plane built from switches as a supernode with full per-peer rate", () => {
    const e = entry({
      scaleup_name: "UB / Lingqu 1.0 via UB switches",
      scaleup_domain_size: 384,
      scaleup_GBps_per_chip_unidir: 392,
    });
    expect(scaleUpOf(e).scaleUp).toMatchObject({ kind: "supernode", peerGBpsUnidir: 392 });
  });

  it("uses the entry's per-peer figure when given", () => {
    const e = entry({
      scaleup_topology: "fully connected mesh",
      scaleup_domain_size: 8,
      scaleup_GBps_per_chip_unidir: 448,
      scaleup_GBps_per_peer_unidir: 64,
    });
    expect(scaleUpOf(e)).toEqual({
      scaleUp: expect.objectContaining({ peerGBpsUnidir: 64 }),
      uncertain: {},
    });
  });

  it("prefers an explicit scaleup_kind and flags an unrecognised fabric", () => {
    expect(scaleUpOf(entry({ scaleup_kind: "torus", scaleup_domain_size: 64 })).scaleUp.kind).toBe("torus");
    const unknown = scaleUpOf(entry({ scaleup_name: "MagicLink", scaleup_domain_size: 16 }));
    expect(unknown.scaleUp.kind).toBe("switch");
    expect(unknown.uncertain["scaleup_kind"]).toMatch(/not recognised/);
  });
});
