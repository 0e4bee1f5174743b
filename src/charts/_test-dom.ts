/** Test helper: chart options rendered by renderSvg and parsed back, to query marks by their aria-description. */
import type * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { renderSvg } from "./render-svg.ts";

/** The part of a DOM element the tests read (the Node type-check has no DOM library). */
export interface ChartElement {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}

export interface RenderedChart {
  markup: string;
  /** Elements (rect, circle, line, path, text) drawn by the mark with this aria-description. */
  elements(ariaDescription: string): ChartElement[];
  /** Text content of the mark's text elements. */
  texts(ariaDescription: string): string[];
  /** Contents of the `<title>` tooltips of the mark. */
  titles(ariaDescription: string): string[];
  /** Legend swatch labels (empty without a legend). */
  legend(): string[];
  /** The tick labels of an axis ("x" or "y"), left to right or top to bottom. */
  ticks(axis: "x" | "y"): string[];
  /** An attribute Plot sets on the mark's group (`text-anchor`, `fill`), or null. */
  markAttribute(ariaDescription: string, name: string): string | null;
}

export function renderChart(options: Plot.PlotOptions): RenderedChart {
  const markup = renderSvg(options);
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const group = (label: string) => [...document.querySelectorAll(`g[aria-description="${label}"]`)];
  const shapes = (label: string) =>
    group(label).flatMap((g) => [...g.querySelectorAll("rect, circle, line, path, text")] as ChartElement[]);
  return {
    markup,
    elements: shapes,
    texts: (label) =>
      shapes(label)
        .filter((e) => e.tagName.toLowerCase() === "text")
        .map((e) => e.textContent ?? ""),
    titles: (label) =>
      group(label).flatMap((g) => [...g.querySelectorAll("title")].map((t) => t.textContent ?? "")),
    legend: () =>
      [...document.querySelectorAll("span")]
        .filter((e) => (e.getAttribute("class") ?? "").endsWith("-swatch"))
        .map((e) => e.textContent?.trim() ?? ""),
    ticks: (axis) =>
      [...document.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)].map(
        (t) => t.textContent ?? "",
      ),
    markAttribute: (label, name) => group(label)[0]?.getAttribute(name) ?? null,
  };
}
