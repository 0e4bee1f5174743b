import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkpointCost, checkpointStateGB } from "./checkpoint-cost.ts";

describe("checkpointCost()", () => {
  // ByteCheckpoint NSDI'25 Table 8: 405B on 8,960 GPUs, 0.59 s blocking, 51.06 s save, 129.49 s load; 7B ViT on
  // 1,488 GPUs, 0.34 s and 20.13 s (the two points the constants are fitted on).
  test("checkpointCost() reproduces ByteCheckpoint's two production jobs", () => {
    const big = checkpointCost({ stateGB: 5670, chips: 8960, nodes: 1120, mode: "async" });
    expect(big.blockingS).toBeCloseTo(0.59, 2);
    expect(big.persistS).toBeCloseTo(51.06, 1);
    expect(big.loadS).toBeCloseTo(129.49, 1);
    const small = checkpointCost({ stateGB: 98, chips: 1488, nodes: 186, mode: "async" });
    expect(small.blockingS).toBeCloseTo(0.34, 2);
    expect(small.persistS).toBeCloseTo(20.13, 1);
  });

  // BLOOM-176B: 2.3 TB on 48 nodes in 40 s to GPFS over NVMe (Bekman, ml-engineering), synchronous; not fitted.
  test("checkpointCost() reads BLOOM's synchronous save within a factor of 1.5", () => {
    const bloom = checkpointCost({ stateGB: 2300, chips: 384, nodes: 48, mode: "sync" });
    expect(bloom.blockingS / 40).toBeGreaterThan(1 / 1.5);
    expect(bloom.blockingS / 40).toBeLessThan(1.5);
  });

  // The NAS of DLRover's Megatron Flash Checkpoint blog writes 100 MB/s: 24 GB took 242 s synchronously.
  test("checkpointCost() follows a stated storage rate", () => {
    const nas = checkpointCost({ stateGB: 24, chips: 16, nodes: 2, mode: "sync", storageWriteGBps: 0.1 });
    expect(nas.blockingS).toBeGreaterThan(242 * 0.9);
    expect(nas.blockingS).toBeLessThan(242 * 1.2);
  });

  test("checkpointCost() stalls a synchronous save for its whole persist, an asynchronous one for seconds", () => {
    const job = { stateGB: 9394, chips: 3072, nodes: 384 } as const;
    const sync = checkpointCost({ ...job, mode: "sync" });
    const async = checkpointCost({ ...job, mode: "async" });
    expect(sync.blockingS).toBe(sync.persistS);
    expect(async.persistS).toBe(sync.persistS);
    expect(async.blockingS).toBeLessThan(5);
    expect(sync.blockingS).toBeGreaterThan(60);
  });

  test("checkpointCost() grows with the state and never falls as the storage slows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 4096 }),
        fc.double({ min: 0.05, max: 5000, noNaN: true }),
        (stateGB, grow, nodes, storage) => {
          const job = { chips: nodes * 8, nodes, mode: "sync" as const, storageWriteGBps: storage };
          const base = checkpointCost({ ...job, stateGB });
          const more = checkpointCost({ ...job, stateGB: stateGB * grow });
          const slower = checkpointCost({ ...job, stateGB, storageWriteGBps: storage / grow });
          expect(more.persistS).toBeGreaterThan(base.persistS);
          expect(more.loadS).toBeGreaterThan(base.loadS);
          expect(slower.persistS).toBeGreaterThanOrEqual(base.persistS);
        },
      ),
    );
  });
});

describe("checkpointStateGB()", () => {
  test("checkpointStateGB() counts 14 bytes a parameter, 10 with BF16 moments", () => {
    expect(checkpointStateGB(405e9, false)).toBeCloseTo(5670, 6);
    expect(checkpointStateGB(671e9, true)).toBeCloseTo(6710, 6);
  });
});
