import { describe, expect, it } from "vitest";
import { latencyAtLoadAdvisory } from "./latency-at-load-advisory.ts";

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
  it("latencyAtLoadAdvisory() says serve plan meets the limits within the part's chips with its own layouts (review 21)", () => {
    const a = latencyAtLoadAdvisory(part, missed(1024));
    expect(a.message).toBe(
      "a910c: at its share of the peak (833 requests/s) on 1024 chips sized for throughput, TTFT p99 6,900 ms against 1,600; `serve plan` sizes 1024 chips of prefill/decode pools for that share with layouts of its own, within this part's chips (the part keeps the layout sized for throughput)",
    );
    expect(a.hint).toMatch(/^size the part as `serve plan` does/);
  });

  it("latencyAtLoadAdvisory() names the pool's chips when serve plan needs more than it has, and nothing in between", () => {
    expect(latencyAtLoadAdvisory(part, missed(1280)).message).toMatch(
      /`serve plan` sizes 1280 chips of prefill\/decode pools for that share \(the pool has 1024 for serving\)$/,
    );
    const roomy = latencyAtLoadAdvisory({ ...part, freeChips: 2048 }, missed(1280));
    expect(roomy.message).toMatch(/for that share$/);
    expect(roomy.hint).toMatch(/^size the part as `serve plan` does/);
    const none = latencyAtLoadAdvisory({ ...part, mode: "colocated" }, missed(null));
    expect(none.message).toMatch(
      /`serve plan` finds no pool of its layouts that meets the limits at that share$/,
    );
    expect(none.hint).toMatch(/^add chips to the pool/);
  });
});
