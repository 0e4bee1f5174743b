export {
  type AccuracyFigures,
  accuracyFigures,
  accuracyFiguresMarkdown,
  type HeldOutRun,
  heldOutRuns,
  withAccuracyBlock,
} from "./accuracy-figures.ts";
export { caseChipAlias, withCaseChipAlias } from "./case-chip-alias.ts";
export {
  fitPredictionBands,
  heldOutPredictionBands,
  PREDICTION_BANDS_METHOD,
} from "./fit-prediction-bands.ts";
export { servePredictorOrUndefined } from "./serve-predictor.ts";
export {
  type ErrorStats,
  errorStats,
  summarizeValidation,
  type ValidationSummary,
} from "./summarize-validation.ts";
export {
  type ServePredictor,
  type ValidateOptions,
  type ValidationReport,
  validateCases,
} from "./validate-cases.ts";
