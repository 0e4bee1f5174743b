import { simulateReliability } from "../src/reliability/index.ts";

/**
 * Times 10^4 Monte Carlo replicas of Llama 3's 54-day run on 16,384 H100 (the issue-4 speed check:
 * under 2 s on one core). One warm-up run of 200 replicas first, so the timing excludes JIT start-up.
 */
export async function benchReliability(): Promise<Record<string, number>> {
  const input = { chipFamily: "nvidia-hopper", chipCount: 16_384, trainDays: 54 } as const;
  simulateReliability(input, { seed: 2, replicas: 200, timelineMaxSegments: 0 });
  const replicas = 10_000;
  const start = performance.now();
  simulateReliability(input, { seed: 1, replicas });
  const seconds = (performance.now() - start) / 1000;
  return { reliability_replicas: replicas, reliability_seconds: seconds };
}
