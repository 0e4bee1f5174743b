import { describe, expect, it } from "vitest";
import { grownForLatencyAdvisory, latencyAtLoadAdvisory } from "./latency-at-load-advisory.ts";

const missed = (chipsAtLoad: number | null) => ({
  met: false,
  ttftP99Ms: 6900,
  tpotP99Ms: 40,
  chipsAtLoad,
  misses: ["TTFT p99 6,900 ms against 1,600"],
});
const part = {
  pool: "a910c",
  chips: 1024,
  mode: "disaggregated" as const,
  requestsPerS: 833.333,
  freeChips: 1024,
};

describe("latencyAtLoadAdvisory()", () => {
  it("latencyAtLoadAdvisory() names the pool's chips when serve plan needs more than it has, and nothing in between", () => {
    expect(latencyAtLoadAdvisory(part, missed(1280)).message).toMatch(
      /`serve plan` sizes 1280 chips of prefill\/decode pools for that share \(the pool has 1024 for serving\)$/,
    );
    expect(latencyAtLoadAdvisory(part, missed(1280)).message).toMatch(
      /^a910c: at its share of the peak \(833 requests\/s\) on 1024 chips sized for throughput, TTFT p99 6,900 ms against 1,600; /,
    );
    // with the chips in the pool the comparison takes serve plan's pools (grownForLatencyAdvisory): said plainly
    expect(latencyAtLoadAdvisory({ ...part, freeChips: 2048 }, missed(1280)).message).toMatch(
      /for that share$/,
    );
    const none = latencyAtLoadAdvisory({ ...part, mode: "colocated" }, missed(null));
    expect(none.message).toMatch(
      /`serve plan` finds no pool of its layouts that meets the limits at that share$/,
    );
    expect(none.hint).toMatch(/^add chips to the pool/);
  });

  it("grownForLatencyAdvisory() says what the part took past its throughput sizing, and the p99s it meets", () => {
    const a = grownForLatencyAdvisory(
      "h800",
      1392,
      { chips: 1680, ttftP99Ms: 1548.2, tpotP99Ms: 47.93 },
      1270.4,
    );
    expect(a.code).toBe("serving-grown-for-latency");
    expect(a.message).toBe(
      "h800: 1392 chips sized for throughput missed the p99 limits at its share of the peak (1270 requests/s); it takes the 1680 chips `serve plan` sizes for that share, whose replicas meet them (TTFT p99 1,548 ms, TPOT p99 47.9 ms)",
    );
    expect(
      grownForLatencyAdvisory("h800", 8, { chips: 16, ttftP99Ms: null, tpotP99Ms: 20 }, 1).message,
    ).toMatch(/meet them \(TPOT p99 20 ms\)$/);
  });
});
