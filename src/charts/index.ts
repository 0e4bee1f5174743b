/**
 * @module Chart specifications shared by the dashboard and the Markdown report: pure functions
 * `(rows, options) => Plot options` (Observable Plot), drawn by the browser's DOM in the dashboard and by
 * `renderSvg` (linkedom) in Node. Rows are plain camelCase data; each chart states what it shows and its units.
 */

export type { ChartOptions } from "./_chart-style.ts";
// training
export {
  type BreakdownChartOptions,
  type BreakdownChartRow,
  breakdownChart,
  TRAIN_MEMORY_PART_COLORS,
  TRAIN_STEP_PART_COLORS,
} from "./breakdown-chart.ts";
export { type CostChartRow, costChart } from "./cost-chart.ts";
export { type CoverageChartRow, coverageChart } from "./coverage-chart.ts";
// fleet comparison
export { type DaysChartRow, daysChart, FEASIBLE_LABEL } from "./days-chart.ts";
export {
  type FinishProbabilityOptions,
  type FinishProbabilityPoint,
  finishProbabilityChart,
} from "./finish-probability-chart.ts";
// reliability
export {
  type GoodputIntervalOptions,
  type GoodputIntervalPoint,
  goodputIntervalChart,
} from "./goodput-interval-chart.ts";
// serving simulation
export {
  type LatencyPercentileRow,
  latencyPercentileChart,
} from "./latency-percentile-chart.ts";
// rendering
export { renderSvg } from "./render-svg.ts";
export { type ScalingChartPoint, scalingChart } from "./scaling-chart.ts";
// serving
export { STEP_PARTS, type StepTimeRow, stepTimeChart } from "./step-time-chart.ts";
export {
  type ThroughputTpotOptions,
  type ThroughputTpotPoint,
  throughputTpotChart,
} from "./throughput-tpot-chart.ts";
export { type TimelineChartSegment, timelineChart } from "./timeline-chart.ts";
export { type TornadoChartOptions, type TornadoChartRow, tornadoChart } from "./tornado-chart.ts";
// validation
export { type ValidationChartPoint, validationChart } from "./validation-chart.ts";
