import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { timelineChart } from "./timeline-chart.ts";

describe("timelineChart()", () => {
  it("timelineChart() draws one rectangle per segment in days, states in the legend", () => {
    const chart = renderChart(
      timelineChart([
        { startH: 0, endH: 48, state: "running" },
        { startH: 48, endH: 49, state: "restarting" },
        { startH: 49, endH: 49, state: "detecting" },
        { startH: 49, endH: 96, state: "running" },
      ]),
    );
    expect(chart.elements("segment")).toHaveLength(3);
    expect(chart.legend()).toEqual(["running", "restarting"]);
    expect(chart.titles("segment")[0]).toBe("running: 0–2 d");
  });

  it("timelineChart() keeps a state's colour whatever other states the run shows", () => {
    // review 19 B4: "planned maintenance" was red in the default run and orange at 100,000 chips
    const fillOf = (states: string[], state: string) =>
      renderChart(timelineChart(states.map((s, i) => ({ startH: i, endH: i + 1, state: s }))))
        .elements("segment")
        .find((e) => (e.textContent ?? "").startsWith(`${state.replaceAll("_", " ")}:`))
        ?.getAttribute("fill");
    const quiet = fillOf(["running", "planned_maintenance"], "planned_maintenance");
    const busy = fillOf(
      ["running", "detecting", "waiting_for_spare", "restarting", "planned_maintenance"],
      "planned_maintenance",
    );
    expect(quiet).toBeTruthy();
    expect(busy).toBe(quiet);
  });
});
