import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { renderSvg } from "./render-svg.ts";

describe("renderSvg()", () => {
  it("renderSvg() returns a standalone <svg> with the SVG namespace and the plot's size", () => {
    const svg = renderSvg({
      width: 320,
      height: 200,
      marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('width="320"');
    expect(svg).toContain("<circle");
  });

  it("renderSvg() wraps the <svg> in Plot's <figure> when a legend is asked for", () => {
    const markup = renderSvg({
      color: { legend: true, domain: ["a", "b"] },
      marks: [Plot.dot([{ x: 1, k: "a" }], { x: "x", fill: "k" })],
    });
    expect(markup.startsWith("<figure")).toBe(true);
    expect(markup).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  it("renderSvg() gives the same markup for the same options (no ids from a clock or a random source)", () => {
    const options = { marks: [Plot.barY([3, 1, 2])] };
    expect(renderSvg(options)).toBe(renderSvg(options));
  });
});
