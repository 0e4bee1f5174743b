export { fitTrainProfile, TRAIN_FIT_METHOD } from "./fit-train-profile.ts";
export {
  type BandResidual,
  type LogBand,
  leaveOneSourceOutCoverage,
  outOfSampleBand,
  RESIDUAL_QUANTILE_PROBS,
  residualQuantiles,
  shareReaching,
  widenedInterval,
} from "./out-of-sample-band.ts";
export {
  type CasePrediction,
  type MetricPrediction,
  predictTrainCase,
  primaryMetric,
  type ServeLayout,
} from "./predict-train-case.ts";
export {
  builtinPredictionBands,
  outOfSampleBandOf,
  type PredictionBands,
  PredictionBandsSchema,
  residualQuantilesOf,
  serveTrackRecordOf,
  type TrackRecord,
  trackRecordText,
} from "./prediction-bands.ts";
export {
  builtinProfile,
  effectiveProfile,
  mergeTrainProfiles,
  type Profile,
  ProfileSchema,
  parseProfile,
  readProfileFile,
} from "./profile.ts";
export { type TrainCaseSetup, trainCaseSetup } from "./train-case-setup.ts";
export {
  applyTrainProfile,
  computeScaleOf,
  intervalFactorLogSigma,
  intervalHalfWidth,
  MAX_INTERVAL_FACTOR,
  predictionHalfWidth,
  type TrainDaysSpread,
  type TrainProfile,
  TrainProfileSchema,
  trainDaysLogSigma,
  trainDaysSpread,
  Z80,
} from "./train-profile.ts";
