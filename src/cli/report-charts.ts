import type { Comparison } from "../fleet/index.ts";

/** SVG charts for the Markdown report; none until the chart renderer lands (the report then has tables only). */
export function reportCharts(_result: Comparison): { days?: string; tornado?: string; cost?: string } {
  return {};
}
