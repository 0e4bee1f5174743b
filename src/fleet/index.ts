/**
 * @module The hybrid fleet planner: with pools of NVIDIA and Ascend chips, a model to train by a deadline and a
 * serving load to carry, which chips should train and which should serve? Scenario files (YAML/JSON, with a JSON
 * Schema), strategies side by side (all NVIDIA, all Ascend, train NVIDIA / serve Ascend, the best split a search
 * finds, one job across vendors), what policy and supply constraints cost, and what Ascend would need to train
 * the model itself. Pure and seeded; plain data out, rendered as JSON or Markdown.
 */

export { type Vendor, vendorOf } from "./_fleet-context.ts";
// break-even
export {
  BREAK_EVEN_FACTORS,
  type BreakEven,
  type BreakEvenFactor,
  type BreakEvenResult,
  type Improvements,
  NO_IMPROVEMENT,
  type TornadoRow,
  type TrainingPoint,
} from "./break-even.ts";
// comparison
export {
  type CompareOptions,
  type Comparison,
  compareStrategies,
  type PolicyCost,
} from "./compare-strategies.ts";
export {
  type ComparisonChartData,
  type CostRow,
  comparisonChartData,
  type DaysRow,
  type TornadoChartRow,
} from "./comparison-charts.ts";
// output
export { comparisonJson } from "./comparison-json.ts";
export {
  breakEvenSplitNote,
  comparisonAnswer,
  comparisonMarkdown,
  type ReportCharts,
} from "./comparison-markdown.ts";
export { defaultScenario } from "./default-scenario.ts";
export type { FleetAdvisory, FleetAssumption } from "./fleet-advisory.ts";
export { type HeadroomFacts, headroomText, PEAK_ODDS_MEANS, peakOddsCell } from "./headroom-text.ts";
export { type LaunchEngine, servingLaunch, strategyFor, trainingLaunch } from "./launch-configs.ts";
export { parseScenario, validateScenario } from "./parse-scenario.ts";
export { shareOfWholeText } from "./percent-text.ts";
// supply
export {
  type Admission,
  type AdmissionStatus,
  chipAdmission,
  isDomesticVendor,
  REGION_RULES,
} from "./region-rules.ts";
// scenario
export {
  type PoolSpec,
  REGIONS,
  type Region,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
  type ScenarioSource,
  scenarioJsonSchema,
} from "./scenario-schema.ts";
export { strategyOrder, trainingCounts } from "./search-split.ts";
export { servingLatencyState } from "./serving-latency-state.ts";
export type {
  PartAtLoad,
  PartInstances,
  PolicyOutcome,
  PoolAllocation,
  ServingOutcome,
  ServingPart,
  StrategyId,
  StrategyResult,
  TrainingOutcome,
  TrainingPart,
} from "./strategy-result.ts";
export { poolsForRole, STRATEGY_ROLES, type StrategyRoles } from "./strategy-roles.ts";
export { strategyVerdict } from "./strategy-verdict.ts";
