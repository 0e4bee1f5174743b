import { describe, expect, it } from "vitest";
import { smallScenario } from "./_test-fixtures.ts";
import { compareStrategies } from "./compare-strategies.ts";
import { comparisonChartData } from "./comparison-charts.ts";
import { comparisonJson } from "./comparison-json.ts";
import { comparisonAnswer, comparisonMarkdown } from "./comparison-markdown.ts";
import { strategyVerdict } from "./strategy-verdict.ts";

const result = compareStrategies(smallScenario());

function keys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keys(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keys(v, out);
    }
  }
  return out;
}

describe("comparisonJson()", () => {
  it("comparisonJson() has strategies, sensitivity and assumptions with snake_case keys only", () => {
    const json = comparisonJson(result);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["strategies", "sensitivity", "assumptions"]));
    for (const k of keys(json)) expect(k).not.toMatch(/[A-Z]/);
    const text = JSON.stringify(json);
    expect(text).not.toContain("Infinity");
    expect((json.sensitivity as unknown[]).length).toBe(4 + 6 + 1);
  });

  it("comparisonJson() writes energy in MWh as one unit and each row's verdict (QA 27)", () => {
    const rows = comparisonJson(result).strategies as { energy: object; verdict: string }[];
    for (const [i, row] of rows.entries()) {
      expect(Object.keys(row.energy).sort()).toEqual(["serving_mwh_per_day", "training_mwh", "window_mwh"]);
      expect(row.verdict).toBe(strategyVerdict(result.strategies[i]!));
    }
  });
});

describe("comparisonJson() answer", () => {
  // the dashboard shows these sentences as the API sends them (re-read 20: it wrote its own, without the stack)
  it("comparisonJson() carries comparisonAnswer's two sentences", () => {
    const json = comparisonJson(result);
    const { answer, ascendAlone } = comparisonAnswer(result);
    expect(json.answer).toBe(answer);
    expect(json.ascend_alone).toBe(ascendAlone);
  });

  it("comparisonAnswer() says when the recommended row's serving misses the p99 limits at load, and when none is feasible", () => {
    const rec = result.strategies.find((s) => s.id === result.recommended)!;
    const missed = {
      ...result,
      strategies: result.strategies.map((s) =>
        s === rec ? { ...s, serving: { ...s.serving, latencyOk: false } } : s,
      ),
    };
    expect(comparisonAnswer(missed).answer).toMatch(
      /^the recommended strategy misses the p99 latency limits at the peak \(latency at load below\); on throughput alone, /,
    );
    // a row meeting them reads as before
    const met = {
      ...result,
      strategies: result.strategies.map((s) =>
        s === rec ? { ...s, serving: { ...s.serving, latencyOk: true } } : s,
      ),
    };
    expect(comparisonAnswer(met).answer).toMatch(new RegExp(`^${rec.label}: train on `));
    expect(comparisonAnswer({ ...result, recommended: null }).answer).toMatch(
      /^no strategy trains by the deadline/,
    );
  });
});

describe("comparisonChartData()", () => {
  it("comparisonChartData() gives one days and cost row per strategy and one tornado row per factor", () => {
    const d = comparisonChartData(result);
    expect(d.days).toHaveLength(result.strategies.length);
    expect(d.cost).toHaveLength(result.strategies.length);
    expect(d.tornado.map((t) => t.factor)).toEqual([
      "failure_rate",
      "scale_up_bandwidth",
      "scale_out_bandwidth",
      "stack_efficiency",
    ]);
    for (const row of d.days) expect(row.deadlineDays).toBe(30);
  });
});

describe("comparisonMarkdown()", () => {
  it("comparisonMarkdown() writes the answer, the tables and embeds the charts", () => {
    const md = comparisonMarkdown(result, {
      charts: { days: "<svg id='days'></svg>", tornado: "<svg id='t'></svg>" },
    });
    for (const h of [
      "# Fleet comparison",
      "## Strategies",
      "## What the policy costs",
      "## What Ascend would need",
      "## Assumptions",
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toContain("<svg id='days'></svg>");
    expect(md).toContain("<svg id='t'></svg>");
    expect(md).toMatch(/\*\*Answer:\*\*/);
    expect(md).toContain("One job across vendors (experimental)");
  });
});

describe("comparisonAnswer()", () => {
  it("comparisonAnswer() says why no Ascend chip serves rather than 'nothing serve 0 %'", () => {
    const withAscend = (advisories: { code: string; message: string; hint: string }[]) => ({
      ...result,
      strategies: result.strategies.map((s) =>
        s.id !== "all-ascend"
          ? s
          : {
              ...s,
              serving: { ...s.serving, parts: [], coverage: 0 },
              advisories: [...s.advisories, ...advisories],
            },
      ),
    });
    const blocked = withAscend([
      { code: "pool-cannot-serve", message: "a910b cannot serve: best TPOT 15.2 ms", hint: "" },
    ]);
    expect(comparisonAnswer(blocked).ascendAlone).toMatch(
      / while none serves \(a910b cannot serve: best TPOT 15\.2 ms\)\.$/,
    );
    expect(comparisonAnswer(withAscend([])).ascendAlone).toMatch(/ while no chip is left to serve\.$/);
    expect(comparisonAnswer(result).ascendAlone).toMatch(/ serve \d+(\.\d+)? % of the peak\.$/);
  });
});
