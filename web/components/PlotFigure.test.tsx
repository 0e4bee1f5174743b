// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { daysChart } from "../../src/charts/index.ts";
import { PlotFigure } from "./PlotFigure.tsx";

afterEach(cleanup);

describe("PlotFigure", () => {
  it("PlotFigure draws the chart's SVG into the page and redraws when the options change", () => {
    const rows = [{ label: "A", p50Days: 40, p90Days: 41, deadlineDays: 60, feasible: true }];
    const { rerender } = render(<PlotFigure options={daysChart(rows)} label="days" />);
    const figure = screen.getByRole("figure", { name: "days" });
    // one chart (the days chart has a colour legend: Plot wraps its swatches and the plot's SVG in a figure)
    expect(figure.childElementCount).toBe(1);
    const svgs = figure.querySelectorAll("svg").length;
    expect(svgs).toBeGreaterThanOrEqual(1);
    expect(figure.textContent).toContain("40 d (P90 41)");
    rerender(<PlotFigure options={daysChart([{ ...rows[0]!, p50Days: 50 }])} label="days" />);
    expect(figure.childElementCount).toBe(1);
    expect(figure.querySelectorAll("svg")).toHaveLength(svgs);
    expect(figure.textContent).toContain("50 d (P90 41)");
  });

  it("PlotFigure is empty without options", () => {
    render(<PlotFigure options={null} label="empty" />);
    expect(screen.getByRole("figure", { name: "empty" }).childElementCount).toBe(0);
  });
});
