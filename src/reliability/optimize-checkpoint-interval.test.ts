import { expect, test } from "vitest";
import { FleetcastError } from "../errors.ts";
import { optimizeCheckpointInterval } from "./optimize-checkpoint-interval.ts";

// Daly FGCS 2006, Figs. 3-5: δ = 5 min, R = 10 min; optima 117, 57 and 9.1 min at M = 24 h, 6 h, 15 min.
test.each([
  [24, 117],
  [6, 57],
  [0.25, 9.1],
])("optimizeCheckpointInterval() at M = %s h finds Daly's optimum %s min in simulation", (mtbfH, dalyMin) => {
  const r = optimizeCheckpointInterval(
    { mtbfH, checkpointBlockingS: 300, restartMin: 10 },
    { seed: 3, replicas: 60 },
  );
  expect(Math.abs(r.dalyMin / dalyMin - 1)).toBeLessThan(0.01);
  expect(r.youngMin).toBeCloseTo(Math.sqrt(2 * 5 * mtbfH * 60), 9);
  // The goodput curve is flat near its optimum: the simulated best lands within 30% of Daly's and its
  // goodput within half a point of the goodput at Daly's interval.
  expect(Math.abs(r.simulatedBestMin / r.dalyMin - 1)).toBeLessThan(0.3);
  expect(r.simulatedGoodputAtBest).toBeGreaterThanOrEqual(r.simulatedGoodputAtDaly);
  expect(r.simulatedGoodputAtBest - r.simulatedGoodputAtDaly).toBeLessThan(0.005);
});

test("optimizeCheckpointInterval() refuses a restart many MTBFs long instead of hanging", () => {
  expect(() =>
    optimizeCheckpointInterval({ mtbfH: 0.01, checkpointBlockingS: 1, restartMin: 60 }, { seed: 1 }),
  ).toThrowError(/60\.00-min restart plus a 1-s checkpoint is 100\.0× the 0\.01 h MTBF/);
  // each alone under 5 MTBFs, together 10: an hour-long run before (review, 2026-11-30)
  expect(() =>
    optimizeCheckpointInterval({ mtbfH: 0.001, checkpointBlockingS: 18, restartMin: 0.3 }, { seed: 1 }),
  ).toThrowError(/is 10\.0× the 0\.001 h MTBF/);
  expect(() =>
    optimizeCheckpointInterval({ mtbfH: -1, checkpointBlockingS: 1, restartMin: 1 }, { seed: 1 }),
  ).toThrowError(FleetcastError);
});

// An asynchronous checkpoint cannot start before the last is durable: a 0.6 s stall whose write takes 72.6 s (DeepSeek-V3's
// 9.6 TB on 16,384 910C, checkpointCost) is never taken more often than every 72.6 s, though Daly says 0.77 min.
test("optimizeCheckpointInterval() tries no interval shorter than the persist time (review 37)", () => {
  const job = { mtbfH: 0.533, checkpointBlockingS: 0.568, restartMin: 9 };
  const free = optimizeCheckpointInterval(job, { seed: 1, replicas: 40 });
  expect(free.simulatedBestMin).toBeLessThan(72.6 / 60);
  const floored = optimizeCheckpointInterval({ ...job, checkpointPersistS: 72.6 }, { seed: 1, replicas: 40 });
  expect(floored.dalyMin).toBeCloseTo(free.dalyMin, 9);
  expect(floored.simulatedBestMin).toBeGreaterThanOrEqual(72.6 / 60 - 1e-9);
});
