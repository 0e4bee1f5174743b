import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Renders Plot options to markup in Node, on linkedom's DOM (the same chart code the dashboard renders in the
 * browser). The answer is an `<svg>` with its namespace, ready to embed in Markdown or save as a file; options
 * that ask for a legend, title or caption give Plot's `<figure>` holding the `<svg>` instead.
 * @example writeFileSync("days.svg", renderSvg(daysChart(comparisonChartData(result).days)))
 */
export function renderSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const node = Plot.plot({ ...options, document });
  for (const svg of node.tagName.toLowerCase() === "svg" ? [node] : [...node.querySelectorAll("svg")]) {
    if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", SVG_NS);
  }
  return node.outerHTML;
}
