import { describe, expect, it } from "vitest";
import { smallScenario } from "./_test-fixtures.ts";
import { compareStrategies } from "./compare-strategies.ts";
import { servingLatencyState } from "./serving-latency-state.ts";

describe("servingLatencyState()", () => {
  it("servingLatencyState() reads none, missed, unchecked and met from a row's serving", () => {
    const row = compareStrategies(smallScenario(), { breakEven: false }).strategies.find(
      (x) => x.serving.parts.length > 0,
    )!;
    const part = row.serving.parts[0]!;
    const at = { met: true, ttftP99Ms: 1, tpotP99Ms: 1, chipsAtLoad: null };
    const withParts = (atLoad: typeof at | null, latencyOk: boolean) => ({
      ...row,
      serving: { ...row.serving, latencyOk, parts: [{ ...part, atLoad }] },
    });
    expect(servingLatencyState({ ...row, serving: { ...row.serving, parts: [] } })).toBe("none");
    expect(servingLatencyState(withParts({ ...at, met: false }, false))).toBe("missed");
    expect(servingLatencyState(withParts(null, true))).toBe("unchecked");
    expect(servingLatencyState(withParts(at, true))).toBe("met");
  });
});
