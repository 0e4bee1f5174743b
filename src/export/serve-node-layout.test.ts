import { describe, expect, it } from "vitest";
import { serveNodeLayout } from "./serve-node-layout.ts";

describe("serveNodeLayout()", () => {
  it("keeps an instance that fits a node on one command", () => {
    expect(serveNodeLayout({ tp: 4, pp: 1, dpAttention: 4 }, 16)).toEqual({
      launcher: "single-node",
      nodes: 1,
      slots: [{ node: 0, dpStartRank: 0, dpLocalRanks: 4, devices: 16 }],
    });
  });

  it("lays data-parallel ranks over nodes in rank order, the last node running the rest", () => {
    // tp2 on 8-device nodes: 4 whole ranks per node; dp10 needs 3 nodes, the last with 2 ranks
    const layout = serveNodeLayout({ tp: 2, pp: 1, dpAttention: 10 }, 8);
    expect(layout.launcher).toBe("data-parallel-nodes");
    expect(layout.nodes).toBe(3);
    expect(layout.slots.map((s) => [s.dpStartRank, s.dpLocalRanks, s.devices])).toEqual([
      [0, 4, 8],
      [4, 4, 8],
      [8, 2, 4],
    ]);
  });

  it("puts only whole ranks on a node (tp3 leaves devices free rather than splitting a rank)", () => {
    const layout = serveNodeLayout({ tp: 3, pp: 1, dpAttention: 4 }, 8);
    expect(layout.slots.map((s) => s.devices)).toEqual([6, 6]);
  });

  it("spreads a 512-die 910C instance over 32 nodes of 16 devices", () => {
    const layout = serveNodeLayout({ tp: 1, pp: 1, dpAttention: 512 }, 16);
    expect(layout.nodes).toBe(32);
    expect(layout.slots[31]).toEqual({ node: 31, dpStartRank: 496, dpLocalRanks: 16, devices: 16 });
  });

  it("runs one rank wider than a node on the head of a Ray cluster", () => {
    expect(serveNodeLayout({ tp: 8, pp: 2, dpAttention: 1 }, 8)).toEqual({
      launcher: "ray",
      nodes: 2,
      slots: [{ node: 0, dpStartRank: 0, dpLocalRanks: 1, devices: 8 }],
    });
  });

  it("refuses data-parallel ranks that are each wider than a node", () => {
    expect(() => serveNodeLayout({ tp: 16, pp: 1, dpAttention: 2 }, 8)).toThrow(
      /^Cannot export dp=2 with tp·pp = 16 devices per rank on nodes of 8 devices/,
    );
  });
});
