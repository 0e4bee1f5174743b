import * as z from "zod";
import { modelAdvisories } from "../arch/index.ts";
import {
  builtinChips,
  MAX_SCALE_OUT_GBPS,
  makeChipCatalog,
  withScaleOutGbps,
} from "../catalog/chips/index.ts";
import { defaultStackFor } from "../catalog/stacks/index.ts";
import {
  builtinServeProfile,
  defaultServePrecision,
  GRAPH_MODES,
  MAX_TRACE_SPAN_S,
  profileEfficiency,
  type SimulateWorkload,
  serveSetup,
  simulateServing,
  simulationAdvisories,
  workloadLengths,
} from "../serve/index.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { MAX_SEQ_LEN, MAX_SIM_REQUESTS } from "./api-limits.ts";
import { importModelRef, ModelRefSchema } from "./model-ref.ts";

const tokens = z.int().min(1).max(MAX_SEQ_LEN);
const rate = z.number().positive().max(1e6);
const lengthSpread = z
  .number()
  .min(0)
  .lt(1)
  .default(0)
  .meta({ description: "Lengths uniform in [L(1-r), L(1+r)] around the means (vLLM --random-range-ratio)" });

/** How lengths are drawn around the means; the caps bound exponential draws (default 10x the means). */
const lengthFields = {
  length_spread: lengthSpread,
  length_distribution: z.enum(["uniform", "exponential"]).default("uniform").meta({
    description:
      "uniform (with length_spread; 0 = fixed) or exponential: long-tailed chat lengths with the given means",
  }),
  max_input_tokens: tokens.optional().meta({ description: "Cap of exponential prompt lengths" }),
  max_total_tokens: z
    .int()
    .min(2)
    .max(2 * MAX_SEQ_LEN)
    .optional()
    .meta({ description: "Cap of exponential prompt + output lengths" }),
};

// How many requests an open loop sends: a count, or seconds of arrivals as the CLI's --duration-s (review 35 L2)
const openLoopSize = {
  requests: z.int().min(1).max(MAX_SIM_REQUESTS).optional().meta({ description: "Requests sent in all" }),
  duration_s: z
    .number()
    .positive()
    .max(1e9)
    .optional()
    .meta({ description: "Seconds of arrivals, instead of requests: requests = rate_per_s x duration_s" }),
};

/** An open loop takes requests or duration_s, one of them, and the count they make stays in the API's bounds. */
function oneOpenLoopSize(
  w: { rate_per_s: number; requests?: number | undefined; duration_s?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((w.requests === undefined) === (w.duration_s === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [w.requests === undefined ? "requests" : "duration_s"],
      message:
        w.requests === undefined
          ? "is required (or duration_s, seconds of arrivals)"
          : "takes requests or duration_s, not both",
    });
    return;
  }
  if (w.duration_s !== undefined) {
    const n = Math.round(w.rate_per_s * w.duration_s);
    if (n < 1 || n > MAX_SIM_REQUESTS)
      ctx.addIssue({
        code: "custom",
        path: ["duration_s"],
        message: `gives rate_per_s x duration_s = ${n} requests (must be 1 to ${MAX_SIM_REQUESTS})`,
      });
  }
}

/** Requests of an open loop: its count, or rate x seconds of arrivals rounded, as the CLI counts them. */
function openLoopRequests(w: {
  rate_per_s: number;
  requests?: number | undefined;
  duration_s?: number | undefined;
}) {
  return w.requests ?? Math.round(w.rate_per_s * (w.duration_s ?? 0));
}

/** Arrivals of the simulation: Poisson, bursty (gamma gaps), one burst or a trace, as `simulateServing` takes them. */
const WorkloadSchema = z
  .discriminatedUnion("arrivals", [
    z
      .strictObject({
        arrivals: z.literal("poisson"),
        rate_per_s: rate,
        ...openLoopSize,
        input_tokens: tokens,
        output_tokens: tokens,
        ...lengthFields,
      })
      .superRefine(oneOpenLoopSize),
    z
      .strictObject({
        arrivals: z.literal("bursty"),
        rate_per_s: rate,
        burstiness: z
          .number()
          .positive()
          .max(1e3)
          .meta({ description: "Gamma shape of the gaps: < 1 burstier" }),
        ...openLoopSize,
        input_tokens: tokens,
        output_tokens: tokens,
        ...lengthFields,
      })
      .superRefine(oneOpenLoopSize),
    z.strictObject({
      arrivals: z.literal("burst"),
      requests: z.int().min(1).max(MAX_SIM_REQUESTS).meta({ description: "Requests sent at once, at t = 0" }),
      input_tokens: tokens,
      output_tokens: tokens,
      ...lengthFields,
    }),
    z.strictObject({
      arrivals: z.literal("closed"),
      concurrency: z.int().min(1).max(MAX_SIM_REQUESTS).meta({
        description: "Clients of a closed loop: each sends its next request when its answer completes",
      }),
      requests: z
        .int()
        .min(1)
        .max(MAX_SIM_REQUESTS)
        .meta({ description: "Requests the clients send in all" }),
      input_tokens: tokens,
      output_tokens: tokens,
      ...lengthFields,
    }),
    z.strictObject({
      arrivals: z.literal("trace"),
      trace: z
        .array(
          // the CLI's CSV header names the arrival `timestamp_s` (or `arrival_s`): both forms are taken, and both are
          // in the published schema (QA 26, review 26)
          z
            .union([
              z.strictObject({
                // any finite stamp (epoch seconds too): the simulator starts the clock at the first request and
                // bounds the span (review 39: 1e9 here refused 2026's epoch stamps the CLI takes)
                arrival_s: z
                  .number()
                  .min(0)
                  .finite()
                  .meta({
                    description: `Arrival time, s (any origin: the clock starts at the first request; the trace may span at most ${MAX_TRACE_SPAN_S} s)`,
                  }),
                input_tokens: tokens,
                output_tokens: tokens,
              }),
              z.strictObject({
                timestamp_s: z
                  .number()
                  .min(0)
                  .finite()
                  .meta({ description: "Arrival time, s (the CLI's CSV name; any origin, as arrival_s)" }),
                input_tokens: tokens,
                output_tokens: tokens,
              }),
            ])
            .transform((e) => ({
              arrival_s: "arrival_s" in e ? e.arrival_s : e.timestamp_s,
              input_tokens: e.input_tokens,
              output_tokens: e.output_tokens,
            })),
        )
        .min(1)
        .max(MAX_SIM_REQUESTS),
    }),
  ])
  .superRefine((w, ctx) => {
    if (w.arrivals === "trace") return;
    if (w.length_distribution === "exponential" && w.length_spread > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["length_spread"],
        message: "sets uniform lengths, and length_distribution is exponential",
      });
    }
    if (w.length_distribution === "uniform") {
      for (const key of ["max_input_tokens", "max_total_tokens"] as const) {
        if (w[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "caps exponential lengths, and length_distribution is uniform",
          });
        }
      }
    }
  });

/** `POST /api/serve/simulate`: one engine replica (layout, precision, stack) and its workload. */
export const ServeSimulateBodySchema = z.strictObject({
  model: ModelRefSchema,
  chip: z.string().min(1).max(100),
  scale_out_gbps_per_chip: z.number().positive().max(MAX_SCALE_OUT_GBPS).optional().meta({
    description: "NIC line rate per chip, Gb/s, when the catalog has none (H20) or the site differs",
  }),
  tp: z.int().min(1).max(1024).default(1),
  ep: z.int().min(1).max(1024).default(1),
  pp: z.int().min(1).max(256).default(1).meta({
    description:
      "Pipeline stages (each 1/pp of the layers on tp x dp_attention ranks; pp micro-batches in flight)",
  }),
  dp_attention: z.int().min(1).max(1024).default(1).meta({
    description: "Attention data-parallel replicas sharing the experts; the workload is one replica's",
  }),
  precision: z
    .enum(["bf16", "fp8", "int8", "fp4"])
    .optional()
    .meta({ description: "GEMM precision (default: FP8 where the chip has it, INT8 on Ascend, else BF16)" }),
  expert_weight_bits: z.literal(4).optional().meta({
    description:
      "Routed experts stored in 4 bits under INT8 (or FP8) GEMMs: a W4A8 checkpoint of a mixture of experts (default: the precision's own width)",
  }),
  stack: z.string().min(1).max(100).optional(),
  graph_mode: z.enum(GRAPH_MODES).optional().meta({
    description:
      "How the engine launches a step's kernels: full, full-and-piecewise (vLLM's default), decode-only (FULL_DECODE_ONLY), piecewise, eager (default: the engine's current builds')",
  }),
  workload: WorkloadSchema,
  max_batch: z.int().min(1).max(65_536).optional().meta({ description: "Sequences decoding at once" }),
  chunk_tokens: z
    .int()
    .min(1)
    .max(1 << 20)
    .optional()
    .meta({
      description:
        "Tokens per step, decode and prefill chunks (default: the engine's, 8192; vLLM and its ports 2048 on devices under 70 GiB and on A100)",
    }),
  seed: SeedSchema.default(1),
});
export type ServeSimulateBody = z.output<typeof ServeSimulateBodySchema>;

/**
 * Simulates one engine replica for a request body, as `fleetcast serve simulate --json`: TTFT, TPOT and
 * end-to-end percentiles, throughput and preemptions (seeded).
 * @throws {FleetcastError} for an unknown chip, model or stack, or a prompt that cannot fit the KV pool
 */
export function serveSimulateJob(body: ServeSimulateBody) {
  const chip = withScaleOutGbps(makeChipCatalog(builtinChips()).get(body.chip), body.scale_out_gbps_per_chip);
  const imported = importModelRef(body.model, "model");
  const { arch } = imported;
  const stack = body.stack ?? defaultStackFor(chip.family, "serve");
  const { efficiency } = profileEfficiency(builtinServeProfile(), chip.family, stack);
  const setup = serveSetup({
    arch,
    chip,
    config: { tp: body.tp, dpAttention: body.dp_attention, ep: body.ep, pp: body.pp },
    precision: body.precision ?? defaultServePrecision(chip),
    engine: stack,
    efficiency,
    ...(body.expert_weight_bits === undefined ? {} : { expertWeightBits: body.expert_weight_bits }),
    ...(body.graph_mode === undefined ? {} : { graphMode: body.graph_mode }),
  });
  const calibration = simulationAdvisories({
    arch,
    setup,
    profile: builtinServeProfile(),
    family: chip.family,
    stackId: stack,
    requestedExpertBits: body.expert_weight_bits,
    requestedPrecision: body.precision ?? defaultServePrecision(chip),
  });
  const w = body.workload;
  const workload = workloadOf(w);
  const result = simulateServing(setup, workload, {
    seed: body.seed,
    ...(body.max_batch === undefined ? {} : { maxBatch: body.max_batch }),
    ...(body.chunk_tokens === undefined ? {} : { chunkTokens: body.chunk_tokens }),
  });
  // the count the simulation ran, from the workload built once (as the CLI counts it)
  const requests = workload.arrivals === "trace" ? workload.trace.length : workload.requests;
  const inputs = {
    model: arch.name,
    chip: chip.id,
    stack,
    graph_mode: setup.graphMode,
    tp: setup.config.tp,
    dp_attention: setup.config.dpAttention,
    pp: setup.stages,
    ep: setup.config.ep,
    // the precision that reproduces the run (the weights'), and the GEMMs' where they are wider (W8A16, W4A16)
    precision: setup.weightPrecision,
    ...(setup.weightPrecision === setup.precision ? {} : { gemm_precision: setup.precision }),
    ...(setup.expertWeightBits === null ? {} : { expert_weight_bits: setup.expertWeightBits }),
    arrival: w.arrivals,
    requests,
    seed: body.seed,
    ...(w.arrivals === "bursty" ? { burstiness: w.burstiness } : {}),
    ...(w.arrivals === "closed" ? { concurrency: w.concurrency } : {}),
    ...workloadLengths(workload),
  };
  return snakeCaseKeys({
    inputs,
    ...result,
    advisories: [...modelAdvisories(imported), ...calibration, ...setup.advisories, ...result.advisories],
  });
}

/** The API's snake_case workload as `simulateServing` takes it. */
function workloadOf(w: ServeSimulateBody["workload"]): SimulateWorkload {
  if (w.arrivals === "trace") {
    const trace = w.trace.map((r) => ({
      arrivalS: r.arrival_s,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
    }));
    return { arrivals: "trace", trace };
  }
  const common = {
    requests: w.arrivals === "poisson" || w.arrivals === "bursty" ? openLoopRequests(w) : w.requests,
    inputTokens: w.input_tokens,
    outputTokens: w.output_tokens,
    lengthSpread: w.length_spread,
    lengthDistribution: w.length_distribution,
    ...(w.max_input_tokens === undefined ? {} : { maxInputTokens: w.max_input_tokens }),
    ...(w.max_total_tokens === undefined ? {} : { maxTotalTokens: w.max_total_tokens }),
  };
  switch (w.arrivals) {
    case "burst":
      return { arrivals: "burst", ...common };
    case "closed":
      return { arrivals: "closed", concurrency: w.concurrency, ...common };
    case "poisson":
      return { arrivals: "poisson", ratePerS: w.rate_per_s, ...common };
    case "bursty":
      return { arrivals: "bursty", ratePerS: w.rate_per_s, burstiness: w.burstiness, ...common };
  }
}
