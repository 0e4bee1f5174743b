/**
 * @module Fabrics and collectives: alpha–beta costs of ring, tree, hierarchical, full-mesh one-shot and
 * in-switch-reduction collectives on NVLink/NVSwitch, HCCS meshes, UB supernodes and IB/RoCE, with sourced
 * library efficiencies, and where a plan's TP/CP/EP/DP/PP groups land in scale-up domains.
 */

// Collective costs (seconds)
export { allToAllS } from "./all-to-all.ts";
export { busBwFactor, busBwGBps } from "./bus-bandwidth.ts";
// Fabric and efficiency
export {
  COLLECTIVE_PROFILES,
  type CollectiveEfficiency,
  type CollectiveLibrary,
  type DefaultCollectiveEfficiency,
  defaultCollectiveEfficiency,
  type EfficiencyField,
} from "./collective-efficiency.ts";
export {
  algorithmTimeS,
  bestCollectiveAlgorithm,
  type CollectiveAlgorithm,
  type CollectiveGroup,
  type CollectiveOp,
  collectiveTimeS,
} from "./collective-time.ts";
export { directAllGatherS, directAllReduceS, directReduceScatterS } from "./direct.ts";
// Placement
export { type FabricAdvisory, placementAdvisories, tpDomainAdvisory } from "./domain-advisories.ts";
export { type Fabric, type FabricSpec, fabricOf, type ScaleUpKind } from "./fabric.ts";
export {
  hierarchicalAllGatherS,
  hierarchicalAllReduceS,
  hierarchicalReduceScatterS,
} from "./hierarchical.ts";
export { moeAllToAllS } from "./moe-all-to-all.ts";
export { nvlsAllReduceS } from "./nvls.ts";
export { type GroupPlacement, type ParallelDegrees, type PlacedGroup, placeGroups } from "./place-groups.ts";
export { ringAllGatherS, ringAllReduceS, ringBroadcastS, ringReduceScatterS } from "./ring.ts";
export { sendRecvS } from "./send-recv.ts";
export { treeAllReduceS } from "./tree.ts";
