/**
 * @module Published cases: real measurements of LLM training, serving and cluster reliability
 * (format in `data/cases/FORMAT.md`), validated with zod and read from files.
 */

// reading
export { builtinCasePaths } from "./builtin-case-paths.ts";
// schema and types
export type { Case, CaseKind, ReliabilityCase, ServeCase, TrainCase } from "./case-schema.ts";
export {
  CaseHardwareSchema,
  CaseModelSchema,
  CaseSchema,
  ReliabilityCaseSchema,
  ServeCaseSchema,
  SourceSchema,
  TrainCaseSchema,
  TrainParallelismSchema,
} from "./case-schema.ts";
// metric names
export type { ReliabilityMetric, ServeMetric, TrainMetric } from "./metrics.ts";
export {
  isTimeLikeMetric,
  RELIABILITY_METRICS,
  SERVE_METRICS,
  TIME_METRICS,
  TRAIN_METRICS,
} from "./metrics.ts";
export { parseCases } from "./parse-cases.ts";
export type { IgnoredField, ReadAsField, RejectedCase, TolerantCases } from "./parse-cases-tolerant.ts";
export { parseCasesTolerant } from "./parse-cases-tolerant.ts";
export { precisionFromText, type ReadAs, readAliases, readAsText } from "./read-aliases.ts";
export { readCaseFiles } from "./read-case-files.ts";
export { readCaseFilesTolerant } from "./read-case-files-tolerant.ts";
export { sourceKeyOf } from "./source-key.ts";
