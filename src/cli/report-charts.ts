import { costChart, daysChart, renderSvg, tornadoChart } from "../charts/index.ts";
import { type Comparison, comparisonChartData } from "../fleet/index.ts";

/** The Markdown report's SVG charts, rendered in Node with the dashboard's chart functions. */
export function reportCharts(result: Comparison): { days?: string; tornado?: string; cost?: string } {
  const data = comparisonChartData(result);
  return {
    days: renderSvg(daysChart(data.days)),
    ...(data.tornado.length > 0
      ? { tornado: renderSvg(tornadoChart(data.tornado, { deadlineDays: result.deadlineDays })) }
      : {}),
    cost: renderSvg(costChart(data.cost)),
  };
}
