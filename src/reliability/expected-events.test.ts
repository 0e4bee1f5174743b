import { describe, expect, it } from "vitest";
import { expectedEvents } from "./expected-events.ts";
import { simulateReliability } from "./simulate-reliability.ts";

describe("expectedEvents()", () => {
  it("expectedEvents() is near the failures the simulation meets on Llama 3's 54-day run", () => {
    const input = { chipFamily: "nvidia-hopper" as const, chipCount: 16_384, trainDays: 54 };
    const r = simulateReliability(input, { seed: 1, replicas: 200, timelineMaxSegments: 0 });
    const perReplica = expectedEvents(input, 1);
    // interruptions counted by the simulator (419 unexpected + 47 planned in the source, reliability.md)
    expect(perReplica / r.interruptions.mean).toBeGreaterThan(0.9);
    expect(perReplica / r.interruptions.mean).toBeLessThan(1.3);
  });

  it("expectedEvents() grows faster than the rate when failures stretch the wall time", () => {
    const at = (rateMultiplier: number) =>
      expectedEvents({ chipFamily: "nvidia-hopper", chipCount: 16_384, trainDays: 54, rateMultiplier }, 1);
    expect(at(1000) / at(1)).toBeGreaterThan(1000 * 5);
  });
});
