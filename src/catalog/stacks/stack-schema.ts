/**
 * @module The software-stack record: which framework runs where, in which precisions, over which collective
 * library, and the starting efficiency values (priors, each with its source) that calibration later fits.
 */
import type { ChipFamily, Precision } from "../chips/index.ts";

/** What a stack is for. */
export type StackRole = "train" | "serve";

/** The collective-communication library a stack runs its collectives on. */
export type CollectiveLib = "nccl" | "hccl" | "rccl" | "other";

/** A starting value with where it comes from; `uncertain` when it is an assumption or a placeholder. */
export interface Prior {
  value: number;
  /** Research file and section, paper, or "assumption: ..." */
  source: string;
  uncertain: boolean;
  /** The spread seen in the sources, when they give one: [low, high]. */
  range?: readonly [number, number];
}

/**
 * The efficiency priors of a stack on one chip family. Training: `matmulFraction` (achieved fraction of the
 * dense peak on large GEMMs, per precision; a precision absent here is unknown), `attentionFraction` (of the
 * dense BF16 peak), `intraBusBwFraction` (collective bus bandwidth / one-direction scale-up link rate),
 * `interBusBwFraction` (NIC achievable / line rate), `overlapFraction` (share of overlappable communication
 * hidden behind compute), `stepOverheadS` (per optimizer step). Serving: `decodeHbmFraction` (achieved fraction
 * of HBM bandwidth in memory-bound decode), `prefillMatmulFraction`, `stepOverheadMs` (per engine step).
 */
export interface StackEfficiency {
  matmulFraction: Partial<Record<Precision, Prior>>;
  attentionFraction: Prior;
  intraBusBwFraction: Prior;
  interBusBwFraction: Prior;
  overlapFraction: Prior;
  stepOverheadS: Prior;
  decodeHbmFraction: Prior;
  prefillMatmulFraction: Prior;
  stepOverheadMs: Prior;
}

/**
 * How a training stack saves a checkpoint unless told otherwise: `sync` stalls training until the checkpoint is
 * durable, `async` only for the copy to host memory (docs/research/checkpoint-times.md §5).
 */
export interface CheckpointSave {
  /** Who saves so, as advice names it ("Megatron-LM's training loop"). */
  who: string;
  defaultMode: "sync" | "async";
  /** The option or product that makes its saves asynchronous. */
  asyncOption: string;
  /** The file or page that says so. */
  source: string;
}

/** A software stack. */
export interface Stack {
  id: string;
  name: string;
  vendor: string;
  role: StackRole;
  runsOn: ChipFamily[];
  precisions: Precision[];
  collectiveLib: CollectiveLib;
  /** Priors on the stack's first `runsOn` family; `byFamily` patches them per family. */
  efficiency: StackEfficiency;
  byFamily: Partial<Record<ChipFamily, Partial<StackEfficiency>>>;
  sources: string[];
  notes: string[];
  /** Not public software (a lab's own system, kept to read its published figures): never suggested to users. */
  inHouse?: boolean;
  /** A training stack's default checkpoint save, where its code or docs say it (unknown: absent). */
  checkpointSave?: CheckpointSave;
}
