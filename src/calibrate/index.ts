export { fitTrainProfile, TRAIN_FIT_METHOD } from "./fit-train-profile.ts";
export {
  type CasePrediction,
  type MetricPrediction,
  predictTrainCase,
  primaryMetric,
} from "./predict-train-case.ts";
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
  type TrainProfile,
  TrainProfileSchema,
  trainDaysLogSigma,
  Z80,
} from "./train-profile.ts";
