/**
 * What one checkpoint of a job costs, from the bytes it writes: the seconds training stalls, the seconds until it is
 * durable, and the seconds a restart takes to read it back. Derivations and the published points they were checked
 * against: docs/research/checkpoint-times.md §2 (stop 20) and §5 (stop 37).
 */

/** How the stack saves: `async` stalls only for the device-to-host copy; `sync` stalls until the write is durable. */
export type CheckpointMode = "async" | "sync";

export const CHECKPOINT_MODES = ["async", "sync"] as const satisfies readonly CheckpointMode[];

/** A job's checkpoint: its whole state in GB (all ranks, deduplicated), and where it is written from. */
export interface CheckpointJobShape {
  stateGB: number;
  chips: number;
  nodes: number;
  mode: CheckpointMode;
  /** Aggregate write bandwidth of the checkpoint storage, GB/s (default: ByteCheckpoint's HDFS as fitted below). */
  storageWriteGBps?: number;
}

export interface CheckpointCost {
  blockingS: number;
  persistS: number;
  loadS: number;
}

// ByteCheckpoint (Wan et al., NSDI 2025, arXiv 2407.20143 v4) Table 8, two production jobs on the same storage (HDFS),
// asynchronous saves (docs/research/checkpoint-times.md rows R1, R2; shared/research/reliability.md rows 76, 77):
// a 405B Megatron-LM model on 8,960 GPUs (1,120 nodes) and a 7B ViT under FSDP on 1,488 GPUs (186 nodes). State bytes
// are derived at 14 B a parameter (BF16 weights, FP32 master, Adam m and v): 5.67 TB and 98 GB.
const R1 = { stateGB: 5670, chips: 8960, blockingS: 0.59, persistS: 51.06, loadS: 129.49 };
const R2 = { stateGB: 98, chips: 1488, blockingS: 0.34, persistS: 20.13 };

/** Effective device-to-host copy rate, GB/s, and the fixed part of an asynchronous stall, s: R1 and R2 two-point fit. */
const D2H_GBPS = (R1.stateGB / R1.chips - R2.stateGB / R2.chips) / (R1.blockingS - R2.blockingS); // 2.27
const BLOCK_FIXED_S = R2.blockingS - R2.stateGB / R2.chips / D2H_GBPS; // 0.31

/** Aggregate storage write rate, GB/s, and the fixed part of a save (planning, metadata), s: R1 and R2 two-point fit. */
export const DEFAULT_STORAGE_WRITE_GBPS = (R1.stateGB - R2.stateGB) / (R1.persistS - R2.persistS); // 180
const PERSIST_FIXED_S = R2.persistS - R2.stateGB / DEFAULT_STORAGE_WRITE_GBPS; // 19.6

/**
 * What one node writes at most, GB/s: the low end of "shared network filesystems (5-10 GB/s)" (NVIDIA Technical Blog,
 * "Cut Checkpoint Costs with About 30 Lines of Python and NVIDIA nvCOMP", 2026-04-09). It binds on few nodes.
 */
const NODE_WRITE_GBPS = 5;

/** Reads run at twice the write rate on the same storage (DeepSpeed DeepNVMe blog 03-2025: 10/5, 27/11, 48/26 GB/s). */
const READ_PER_WRITE = 2;

/**
 * The fixed part of a load (planning, metadata, resharding), s: what R1's load leaves after reading its bytes at the
 * read rate. One point: the 7B row of the same table loaded in 266 s, so the term is uncertain (checkpoint-times.md §3).
 */
const LOAD_FIXED_S = R1.loadS - R1.stateGB / (READ_PER_WRITE * DEFAULT_STORAGE_WRITE_GBPS); // 113.7

/**
 * A synchronous save goes through a stack's stock save path, not ByteCheckpoint's pipeline: its persist is this many
 * times the fitted one. The median of observed / fitted over the six published stock saves with a stated scale
 * (checkpoint-times.md §5.2 and R3, R12; fitted = this file's persist on their bytes and nodes): ByteCheckpoint's
 * Megatron (MCP) baseline, 70B on 4,800 GPUs, 76.2 s (x3.0), its PyTorch DCP baseline, 4B on 128 GPUs, 236 s (x11.65),
 * GPT-175B on 4,096 GPUs before ByteCheckpoint, ~200 s (x6.0), torchtitan's synchronous DCP, Llama 3 8B on 64 H100,
 * ~50 s (x2.3), GLM-65B on 1,536 H800 to CPFS, ~120 s (x5.0), BLOOM-176B on 384 A100 to GPFS, 40 s (x1.24): median x4.0,
 * range x1.24-x11.65 (review 37: the async fit read synchronous saves 2-8x fast).
 */
export const SYNC_SAVE_FACTOR = 4.0;
/** The published stock saves' spread around the fitted persist, low and high (the six points above). */
export const SYNC_SAVE_RANGE: readonly [number, number] = [1.24, 11.65];

/**
 * The checkpoint state of a model trained with Adam in mixed precision, GB: BF16 weights (2 B), FP32 master weights
 * (4 B) and the two moments (FP32: 8 B; BF16 where the stack keeps them so: 4 B, DeepSeek-V3 §3.3.3). Gradients are
 * not saved. BLOOM's 176B checkpoint was 2.3 TB "with fp32 optim states and bf16+fp32 weights" (13.1 B a parameter;
 * Bekman, ml-engineering).
 * @example checkpointStateGB(405e9, false) // 5670
 */
export function checkpointStateGB(params: number, bf16Moments: boolean): number {
  return (params * (2 + 4 + (bf16Moments ? 4 : 8))) / 1e9;
}

/**
 * Seconds one checkpoint stalls training, until it is durable, and to load it at a restart:
 * - persist = 19.6 s + max(state / storage rate, state per node / 5 GB/s);
 * - load = 113.7 s + max(state / (2 x storage rate), state per node / 10 GB/s);
 * - an asynchronous stall = 0.31 s + state per chip / 2.27 GB/s (the copy to host memory); a synchronous save takes
 *   the stock save path, SYNC_SAVE_FACTOR times the persist, and stalls for all of it.
 * Reproduces ByteCheckpoint's 405B job (0.59 / 51.06 / 129.49 s) by construction; other sites' storage reads 1.2-10x
 * slower than ByteDance's HDFS (checkpoint-times.md §2.2), so give `storageWriteGBps` where it is known.
 * @example checkpointCost({ stateGB: 5670, chips: 8960, nodes: 1120, mode: "sync" }).blockingS // 204 (4 x 51.06)
 */
export function checkpointCost(job: CheckpointJobShape): CheckpointCost {
  const storage = job.storageWriteGBps ?? DEFAULT_STORAGE_WRITE_GBPS;
  const perNode = job.stateGB / job.nodes;
  const pipelineS = PERSIST_FIXED_S + Math.max(job.stateGB / storage, perNode / NODE_WRITE_GBPS);
  const persistS = job.mode === "sync" ? SYNC_SAVE_FACTOR * pipelineS : pipelineS;
  const loadS =
    LOAD_FIXED_S +
    Math.max(job.stateGB / (READ_PER_WRITE * storage), perNode / (READ_PER_WRITE * NODE_WRITE_GBPS));
  const blockingS = job.mode === "sync" ? persistS : BLOCK_FIXED_S + job.stateGB / job.chips / D2H_GBPS;
  return { blockingS, persistS, loadS };
}
