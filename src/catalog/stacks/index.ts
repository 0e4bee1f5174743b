/**
 * @module The software-stack catalog: training and serving stacks (Megatron, MindSpeed, vLLM, vLLM-Ascend,
 * ROCm builds, ...), the chip families each runs on, and sourced efficiency priors per family for calibration.
 */

// catalog
export { builtinStacks } from "./builtin-stacks.ts";
export { defaultStackFor } from "./default-stack-for.ts";
export { BASE_EFFICIENCY, familyPriors } from "./family-priors.ts";
export { findStack } from "./find-stack.ts";
export { rolesOnFamily } from "./roles-on-family.ts";
export { stackChoiceHint } from "./stack-choice-hint.ts";
export { mergeEfficiency, stackEfficiencyFor } from "./stack-efficiency-for.ts";
export { stackForSoftwareText, stackReadingNote } from "./stack-for-software-text.ts";
// types
export type { CollectiveLib, Prior, Stack, StackEfficiency, StackRole } from "./stack-schema.ts";
