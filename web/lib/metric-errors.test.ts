import { describe, expect, it } from "vitest";
import type { ValidationJson } from "./api-types.ts";
import { metricErrorsByFamily } from "./metric-errors.ts";

const metric = (name: string, rel: number) => ({
  metric: name,
  observed: 1,
  predicted: 1 + rel,
  rel_error: rel,
});

const cases: ValidationJson["cases"] = [
  {
    id: "a",
    kind: "serve",
    status: "ok",
    family: "hopper",
    metrics: [metric("tpot_ms", 0.1), metric("ttft_ms", 0.9)],
  },
  { id: "b", kind: "serve", status: "ok", family: "hopper", metrics: [metric("tpot_ms", -0.3)] },
  { id: "c", kind: "serve", status: "ok", family: "hopper", metrics: [metric("tpot_ms", 0.2)] },
  { id: "d", kind: "serve", status: "ok", family: "ascend", metrics: [metric("ttft_ms", -0.05)] },
  { id: "e", kind: "serve", status: "error", family: "ascend", metrics: [metric("tpot_ms", 5)] },
];

describe("metricErrorsByFamily()", () => {
  it("metricErrorsByFamily() takes the chosen metric of every predicted case, not each case's first", () => {
    expect(metricErrorsByFamily(cases, "tpot_ms")).toEqual([
      { family: "hopper", cases: 3, medianAbsError: 0.2, within25: 2 / 3, inInterval: null },
    ]);
    expect(metricErrorsByFamily(cases, "ttft_ms")).toEqual([
      { family: "ascend", cases: 1, medianAbsError: 0.05, within25: 1, inInterval: null },
      { family: "hopper", cases: 1, medianAbsError: 0.9, within25: 0, inInterval: null },
    ]);
    expect(metricErrorsByFamily(cases, "mfu")).toEqual([]);
  });

  it("metricErrorsByFamily() takes the mean of the two middle errors for an even count", () => {
    const two = cases.slice(0, 2);
    expect(metricErrorsByFamily(two, "tpot_ms")[0]?.medianAbsError).toBeCloseTo(0.2, 12);
  });

  it("metricErrorsByFamily() gives the share of observations inside their 80 % interval", () => {
    const withIntervals: ValidationJson["cases"] = [
      {
        id: "x",
        kind: "serve",
        status: "ok",
        family: "f",
        metrics: [{ ...metric("tpot_ms", 0.1), interval: [0.9, 1.2] }],
      },
      {
        id: "y",
        kind: "serve",
        status: "ok",
        family: "f",
        metrics: [{ ...metric("tpot_ms", 0.5), interval: [1.2, 1.8] }],
      },
    ];
    expect(metricErrorsByFamily(withIntervals, "tpot_ms")[0]?.inInterval).toBe(0.5);
  });
});
