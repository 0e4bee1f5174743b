import { describe, expect, it } from "vitest";
import { metricLabel, metricName } from "./metric-names.ts";

describe("metricName()", () => {
  it("metricName() gives the words and unit of a calibration metric, and spaces for an unknown one", () => {
    // review 19 C6: the chart's axes read "observed →" and the picker raw snake_case
    expect(metricName("ttft_ms")).toEqual({ words: "time to first token (TTFT)", unit: "ms" });
    expect(metricName("tokens_per_s_per_chip").unit).toBe("tokens/s per chip");
    expect(metricName("new_metric_x")).toEqual({ words: "new metric x", unit: "" });
    expect(metricLabel("mtti_hours")).toBe("mean time to interruption (MTTI), h");
    expect(metricLabel("interruptions")).toBe("interruptions of the run");
  });
});
