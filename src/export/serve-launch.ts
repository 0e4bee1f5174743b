import type { ChipFamily } from "../catalog/chips/index.ts";
import type { ExportAdvisory } from "./export-advisory.ts";

/** Serving role of a set of instances: colocated prefill+decode, or one side of a disaggregated pair. */
export type ServeRole = "both" | "prefill" | "decode";

/** The instances of one role: how many, and the command each runs. */
export interface ServeRoleLaunch {
  role: ServeRole;
  instances: number;
  /** Arguments after `vllm serve MODEL`. */
  args: string[];
  /** The whole command as shell text (export lines, then vllm serve MODEL args). */
  command: string;
}

/** A ready serving launch: per-role commands, shared environment and the device footprint of one instance. */
export interface ServeLaunch {
  engine: "vllm" | "vllm-ascend";
  modelRef: string;
  vendor: string;
  chipFamily: ChipFamily;
  devicesPerInstance: number;
  port: number;
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
  /** vLLM-Ascend's --additional-config object (keys change between releases; passed through as JSON). */
  additionalConfig?: Record<string, unknown>;
}
