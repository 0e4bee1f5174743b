import { describe, expect, test } from "vitest";
import { caseCluster, predictReliabilityCase, type ReliabilityCaseLike } from "./predict-reliability-case.ts";
import { publishedSiteRateLogSigma } from "./site-rate-spread.ts";

// The hardware, run and observed blocks of shared/cases/reliability.json (three cases).
const LLAMA3: ReliabilityCaseLike = {
  id: "llama3-405b-54day-16384gpu",
  hardware: { chip: "nvidia-h100-sxm", count: 16_384, chips_per_node: 8 },
  run: {
    days: 54,
    checkpoint_interval_min: null,
    checkpoint_blocking_s: null,
    restart_min: null,
    spares: null,
  },
  observed: { interruptions: 466, unexpected_interruptions: 419, mtti_hours: 2.78 },
};
const RSC = (count: number, mttiHours: number): ReliabilityCaseLike => ({
  source: {
    citation: "Kokolis et al., Revisiting Reliability in Large-Scale ML Research Clusters (HPCA 2025)",
  },
  notes: [`Measured mean time to failure of ${count}-GPU jobs on Meta's RSC-1 / RSC-2 research clusters`],
  hardware: { chip: "nvidia-a100-sxm-80gb", count, chips_per_node: 8 },
  run: {
    days: null,
    checkpoint_interval_min: null,
    checkpoint_blocking_s: null,
    restart_min: null,
    spares: null,
  },
  observed: { mtti_hours: mttiHours },
});

const relError = (c: ReliabilityCaseLike, p: ReturnType<typeof predictReliabilityCase>) =>
  Object.fromEntries(
    p.metrics.map((m) => [m.metric, (m.predicted ?? Number.NaN) / c.observed[m.metric]! - 1]),
  );

describe("caseCluster()", () => {
  test("caseCluster() reads Kokolis's research-cluster jobs as shared and a named run as dedicated", () => {
    expect(caseCluster(RSC(8, 1144.8))).toBe("shared");
    expect(caseCluster(LLAMA3)).toBe("dedicated");
    expect(caseCluster({ ...LLAMA3, notes: ["trained on Meta's Research SuperCluster"] })).toBe("dedicated");
    // review 20: a negation must not flip it, and the format extension wins over the text
    expect(
      caseCluster({ ...RSC(8, 1), notes: ["Dedicated pre-training run, not a research cluster job."] }),
    ).toBe("dedicated");
    expect(caseCluster({ ...LLAMA3, notes: ["measured on jobs of a research cluster"] })).toBe("shared");
    expect(caseCluster({ ...RSC(8, 1), run: { ...RSC(8, 1).run, cluster: "dedicated" } })).toBe("dedicated");
  });
});

describe("predictReliabilityCase()", () => {
  test("predictReliabilityCase() gives the high reading and an interval spanning both readings", () => {
    const p = predictReliabilityCase(LLAMA3, { seed: 1, replicas: 200, siteSpread: false });
    const low = predictReliabilityCase(LLAMA3, {
      seed: 1,
      replicas: 200,
      scenario: "low",
      siteSpread: false,
    });
    const m = p.metrics.find((x) => x.metric === "unexpected_interruptions")!;
    const l = low.metrics.find((x) => x.metric === "unexpected_interruptions")!;
    // the low reading (Meta's RSC-2 rate) predicts fewer failures, and the interval reaches down to it
    expect(l.predicted!).toBeLessThan(m.predicted! * 0.7);
    expect(m.interval![0]).toBeLessThanOrEqual(l.predicted!);
    expect(m.interval![1]).toBeGreaterThanOrEqual(m.predicted!);
    // the mean time to interruption carries the readings' band, the high reading at its low end
    const mtti = p.metrics.find((x) => x.metric === "mtti_hours")!;
    expect(mtti.interval![0]).toBeCloseTo(mtti.predicted!, 9);
    expect(mtti.interval![1]).toBeGreaterThan(mtti.predicted! * 1.5);
  });

  test("predictReliabilityCase() gives no interval where both readings are one rate (a shared cluster's jobs)", () => {
    const p = predictReliabilityCase(RSC(1024, 7.9), { siteSpread: false });
    expect(p.metrics[0]).not.toHaveProperty("interval");
  });

  test("predictReliabilityCase() widens its interval by the published sites' rate spread (site-rate-spread.ts)", () => {
    // one rate reading: the mean time's interval is the log-normal rate's 10th-90th percentiles inverted
    const p = predictReliabilityCase(RSC(1024, 7.9));
    const m = p.metrics[0]!;
    const f = Math.exp(1.2815515655446004 * publishedSiteRateLogSigma());
    // (z = 1.2815515655446004, the normal 90th percentile; Acklam's approximation is within 1.15e-9 of it)
    expect(m.interval![0]).toBeCloseTo(m.predicted! / f, 6);
    expect(m.interval![1]).toBeCloseTo(m.predicted! * f, 6);
    // simulated counts: the spread run's P10-P90 reach past both readings' (Llama 3: 419 in 54 days)
    const wide = predictReliabilityCase(LLAMA3, { seed: 1, replicas: 400 });
    const narrow = predictReliabilityCase(LLAMA3, { seed: 1, replicas: 400, siteSpread: false });
    const w = wide.metrics.find((x) => x.metric === "unexpected_interruptions")!;
    const n = narrow.metrics.find((x) => x.metric === "unexpected_interruptions")!;
    expect(w.predicted).toBe(n.predicted);
    expect(w.interval![1]).toBeGreaterThan(1.5 * n.interval![1]);
    // both readings spread: the low reading's spread reaches below both readings' own P10 (review 23)
    expect(w.interval![0]).toBeLessThan(n.interval![0]);
    // planned maintenance keeps its period: BLOOM's 384 A100 interrupt at most every 27.6 h however rare failures are
    const bloom: ReliabilityCaseLike = {
      id: "bloom-like",
      hardware: { chip: "nvidia-a100-sxm-80gb", count: 384, chips_per_node: 8 },
      run: { days: 115 },
      observed: { mtti_hours: 112 },
    };
    const b = predictReliabilityCase(bloom, { seed: 1, replicas: 200 }).metrics[0]!;
    expect(b.interval![1]).toBeLessThan((54 * 24) / 47);
    expect(b.interval![0]).toBeLessThan(b.predicted!);
  });

  test("predictReliabilityCase() predicts every observed metric of the Llama 3 case within 10%", () => {
    const p = predictReliabilityCase(LLAMA3, { seed: 1, replicas: 200 });
    expect(p.chipFamily).toBe("nvidia-hopper");
    expect(p.metrics.map((m) => m.metric)).toEqual([
      "interruptions",
      "unexpected_interruptions",
      "mtti_hours",
    ]);
    for (const e of Object.values(relError(LLAMA3, p))) expect(Math.abs(e)).toBeLessThan(0.1);
    expect(p.assumptions.length).toBeGreaterThan(5);
  });

  test.each([
    [8, 1144.8],
    [1024, 7.9],
  ])("predictReliabilityCase() predicts Meta's %s-GPU job MTTF within 30 percent", (count, mtti) => {
    const c = RSC(count, mtti);
    const p = predictReliabilityCase(c);
    expect(Math.abs(relError(c, p)["mtti_hours"]!)).toBeLessThan(0.3);
  });

  test("predictReliabilityCase() returns null for a count it cannot predict without a duration", () => {
    const c = { ...RSC(8, 1144.8), observed: { mtti_hours: 1144.8, interruptions: 3 } };
    const p = predictReliabilityCase(c);
    expect(p.metrics.find((m) => m.metric === "interruptions")?.predicted).toBeNull();
  });
});
