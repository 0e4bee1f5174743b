import type { ChipFamily } from "../catalog/chips/index.ts";
import type { ExportAdvisory } from "./export-advisory.ts";

/** Serving role of a set of instances: colocated prefill+decode, or one side of a disaggregated pair. */
export type ServeRole = "both" | "prefill" | "decode";

/**
 * How one instance is started: `single-node` (one command on one node), `data-parallel-nodes` (one command per node,
 * node 0 with the API server and the others `--headless`, vLLM's multi-node internal load balancing), `ray` (one
 * data-parallel rank wider than a node: one command on the head of a Ray cluster over the nodes).
 */
export type ServeLauncher = "single-node" | "data-parallel-nodes" | "ray";

/** The command one node of an instance runs. */
export interface ServeNodeLaunch {
  /** Node index within the instance; node 0 runs the API server. */
  node: number;
  /** True for nodes that run engine cores only (`--headless`). */
  headless: boolean;
  /** First data-parallel rank on this node and how many it runs. */
  dpStartRank: number;
  dpLocalRanks: number;
  /** Devices this node's process uses (its visible devices, 0..devices-1). */
  devices: number;
  /** The whole environment of this node: the engine's settings plus its visible devices and addresses. */
  env: Record<string, string>;
  /** Arguments after `vllm serve MODEL`. */
  args: string[];
  /** The node's command as shell text (export lines, then vllm serve MODEL args). */
  command: string;
}

/** The instances of one role: how many, their footprint, and the per-node commands each instance runs. */
export interface ServeRoleLaunch {
  role: ServeRole;
  instances: number;
  devicesPerInstance: number;
  /** Chip packages of one instance: devices / ranks per chip. */
  chipsPerInstance: number;
  /** Chips of all instances of the role: instances x chipsPerInstance. */
  chips: number;
  /** Chips the serving plan gave the role before rounding to whole instances, when known. */
  plannedChips: number | null;
  launcher: ServeLauncher;
  /** Nodes one instance spans. */
  nodesPerInstance: number;
  /** Arguments of node 0 after `vllm serve MODEL`. */
  args: string[];
  /** All of one instance's node commands as shell text; a multi-node instance has one block per node, headed by a comment. */
  command: string;
  /** One entry per command to run for one instance (one per node, or the Ray head node only). */
  nodes: ServeNodeLaunch[];
}

/** A ready serving launch: per-role commands, shared environment and the device footprint. */
export interface ServeLaunch {
  engine: "vllm" | "vllm-ascend";
  modelRef: string;
  vendor: string;
  chipFamily: ChipFamily;
  /** Devices of the largest instance of any role (each role carries its own). */
  devicesPerInstance: number;
  /** Devices (ranks) one node offers: chips per node x ranks per chip. */
  devicesPerNode: number;
  /** Chips of every role's instances together. */
  chips: number;
  port: number;
  /**
   * The environment of the first role's node 0 (a single-node instance's one command); the other nodes' and roles'
   * (visible devices, addresses) are in `roles[].nodes[].env`.
   */
  env: Record<string, string>;
  roles: ServeRoleLaunch[];
  advisories: ExportAdvisory[];
}

/** Knobs the serving model does not decide. */
export interface ServeExportOptions {
  /** HTTP port of the OpenAI-compatible server; vLLM's FrontendArgs default is 8000. */
  port?: number;
  /** Fraction of device memory vLLM may use; CacheConfig's default is 0.9. */
  gpuMemoryUtilization?: number;
  /** vLLM's --additional-config object, which vLLM-Ascend reads (keys change between releases; passed through as JSON). */
  additionalConfig?: Record<string, unknown>;
}
