import * as z from "zod";
import { modelAdvisories } from "../arch/index.ts";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinChips, type Chip, defaultChipsPerNode, makeChipCatalog } from "../catalog/chips/index.ts";
import { huggingFaceName } from "../catalog/models/index.ts";
import { findStack } from "../catalog/stacks/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import {
  type K8sOptions,
  k8sManifests,
  megatronLaunch,
  mindspeedLaunch,
  type ServeInstanceConfig,
  type ServeLaunch,
  type TrainLaunch,
  vllmAscendServeLaunch,
  vllmServeLaunch,
  withScheduleCost,
} from "../export/index.ts";
import { defaultServePrecision, instanceFitAdvisory } from "../serve/index.ts";
import { PlanSchema, planFromJson } from "../train/index.ts";
import { amountSchema } from "../util/amount-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { MAX_CHIPS, MAX_GLOBAL_BATCH_TOKENS, MAX_SEQ_LEN } from "./api-limits.ts";
import { importModelRef, ModelRefSchema } from "./model-ref.ts";

/** Engines `POST /api/export/:engine` writes launch configurations for. */
export const EXPORT_ENGINES = ["megatron", "mindspeed", "vllm", "vllm-ascend"] as const;
export type ExportEngine = (typeof EXPORT_ENGINES)[number];
export const TRAIN_ENGINES: readonly ExportEngine[] = ["megatron", "mindspeed"];

/** DNS-1123 label (Kubernetes object names and namespaces). */
const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label (lowercase letters, digits, '-')");

const KubernetesSchema = z
  .strictObject({
    name: dnsLabel.optional(),
    namespace: dnsLabel.optional(),
    image: z.string().min(1).max(500).optional(),
    queue: dnsLabel.optional(),
    master_port: z.int().min(1).max(65_535).optional(),
    devices_per_node: z.int().min(1).max(64).optional().meta({
      description: "Devices a serving node offers (serving exports; a training job takes chips_per_node)",
    }),
  })
  .default({})
  .meta({
    description: "Options of the Kubernetes manifests (Volcano Job for training, Deployments for serving)",
  });

/** `POST /api/export/megatron` and `/mindspeed`: a training job and the plan to launch it with. */
export const TrainExportBodySchema = z.strictObject({
  model: ModelRefSchema,
  chip: z.string().min(1).max(100),
  count: z.int().min(1).max(MAX_CHIPS),
  chips_per_node: z.int().min(1).max(4096).optional(),
  seq_len: z.int().min(1).max(MAX_SEQ_LEN),
  global_batch_tokens: amountSchema(MAX_GLOBAL_BATCH_TOKENS, { integer: true }).meta({
    description:
      'Tokens per optimizer step: a number, or an amount as the CLI takes it ("4M", "16Mi" = 16 x 2^20)',
  }),
  precision: z.enum(["bf16", "fp16", "fp8"]).default("bf16"),
  plan: z.strictObject(PlanSchema.shape).meta({ description: "A plan as POST /api/train/plan returns it" }),
  stack: z.string().min(1).max(100).optional().meta({
    description:
      "The training stack the plan was costed with (POST /api/train/plan's stack). With it, a plan whose schedule the engine cannot run (DualPipe on Megatron-LM) is costed on the schedule the engine runs, and the advisory states both step times",
  }),
  profile: z
    .enum(["builtin", "none"])
    .default("builtin")
    .meta({ description: "The efficiency profile of that costing, as POST /api/train/plan takes it" }),
  kubernetes: KubernetesSchema,
});
export type TrainExportBody = z.output<typeof TrainExportBodySchema>;

/** `POST /api/export/vllm` and `/vllm-ascend`: one serving instance layout, as the serving planner sizes it. */
export const ServeExportBodySchema = z.strictObject({
  model: ModelRefSchema,
  hf_name: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "must be a Hugging Face repository id such as org/name")
    .optional(),
  chip: z.string().min(1).max(100),
  tp: z.int().min(1).max(1024),
  pp: z.int().min(1).max(1024).default(1),
  ep: z.int().min(1).max(1024).default(1),
  dp_attention: z.int().min(1).max(1024).default(1),
  max_num_seqs: z.int().min(1).max(65_536).default(256),
  max_model_len: z.int().min(1).max(MAX_SEQ_LEN),
  /** Default: what `serve plan` serves in on the chip (FP8 where it has FP8, INT8 on Ascend, else BF16). */
  precision: z.enum(["bf16", "fp8", "int8", "fp4"]).optional(),
  replicas: z.int().min(1).max(100_000).default(1),
  disaggregation: z
    .strictObject({
      prefill_instances: z.int().min(1).max(1024),
      decode_instances: z.int().min(1).max(1024),
      /** The prefill instances' own layout (default: the decode layout above), as `serve plan` splits them. */
      prefill: z
        .strictObject({
          tp: z.int().min(1).max(1024),
          pp: z.int().min(1).max(1024).default(1),
          ep: z.int().min(1).max(1024).default(1),
          dp_attention: z.int().min(1).max(1024).default(1),
          max_num_seqs: z.int().min(1).max(65_536).default(256),
          /** A prefill pool holds prompts only: its context length (default the instance's max_model_len). */
          max_model_len: z.int().min(1).max(MAX_SEQ_LEN).optional(),
        })
        .optional(),
    })
    .optional(),
  port: z.int().min(1).max(65_535).optional(),
  gpu_memory_utilization: z.number().gt(0).max(1).optional(),
  additional_config: z.record(z.string(), z.unknown()).optional(),
  kubernetes: KubernetesSchema,
});
export type ServeExportBody = z.output<typeof ServeExportBodySchema>;

/** The body schema of an engine. */
export function exportBodySchema(engine: ExportEngine) {
  return TRAIN_ENGINES.includes(engine) ? TrainExportBodySchema : ServeExportBodySchema;
}

/**
 * Refuses an engine that does not run on the chip's family, naming the chip and the engine that does, as the CLI
 * refuses it (review 35: the API answered 200 with an Ascend launch and NVIDIA manifests, the mismatch an advisory).
 */
function refuseOtherVendor(engine: ExportEngine, chip: Chip): void {
  const runsOn: readonly string[] = findStack(engine).runsOn;
  if (runsOn.includes(chip.family)) return;
  const role = TRAIN_ENGINES.includes(engine)
    ? TRAIN_ENGINES
    : EXPORT_ENGINES.filter((e) => !TRAIN_ENGINES.includes(e));
  const instead = role.filter(
    (e) => e !== engine && (findStack(e).runsOn as readonly string[]).includes(chip.family),
  );
  throw new FleetcastError(
    `Cannot export ${engine} for ${chip.id}: ${engine} runs on ${runsOn.join(", ")}, not ${chip.family}${instead.length > 0 ? ` (use ${instead.join(" or ")})` : ""}`,
    "chip",
  );
}

/**
 * Launch configuration for an engine: command lines, environment, geometry and Kubernetes manifests (YAML).
 * Environment variable names and Kubernetes objects keep their own spelling.
 * @throws {FleetcastError} when the plan does not fit the job the way the engine checks it at start-up
 */
export function exportJob(engine: ExportEngine, body: TrainExportBody | ServeExportBody) {
  const chip = makeChipCatalog(builtinChips()).get(body.chip);
  refuseOtherVendor(engine, chip);
  const imported = importModelRef(body.model, "model");
  const { arch } = imported;
  const k = body.kubernetes;
  const k8s: K8sOptions = {
    ...(k.name === undefined ? {} : { name: k.name }),
    ...(k.namespace === undefined ? {} : { namespace: k.namespace }),
    ...(k.image === undefined ? {} : { image: k.image }),
    ...(k.queue === undefined ? {} : { queue: k.queue }),
    ...(k.master_port === undefined ? {} : { masterPort: k.master_port }),
    ...(k.devices_per_node === undefined ? {} : { devicesPerNode: k.devices_per_node }),
  };
  let launch: TrainLaunch | ServeLaunch;
  if (engine === "megatron" || engine === "mindspeed") {
    const b = body as TrainExportBody;
    // a training job's nodes are its chips_per_node; the manifests' devices_per_node shapes serving pods only, and
    // was ignored here without a word (QA 30)
    if (k.devices_per_node !== undefined) {
      throw new FleetcastError(
        `Cannot export a ${engine} launch: kubernetes.devices_per_node shapes serving nodes; a training job's nodes hold chips_per_node chips (give chips_per_node: ${k.devices_per_node} for ${k.devices_per_node} a node)`,
        "kubernetes.devices_per_node",
      );
    }
    const job = {
      arch,
      seqLen: b.seq_len,
      globalBatchTokens: b.global_batch_tokens,
      precision: b.precision,
      chip,
      count: b.count,
      ...(b.chips_per_node === undefined ? {} : { chipsPerNode: b.chips_per_node }),
    };
    const plan = planFromJson(b.plan);
    launch = engine === "megatron" ? megatronLaunch(job, plan) : mindspeedLaunch(job, plan);
    if (b.stack !== undefined) {
      launch = withScheduleCost(launch, plan, {
        model: arch,
        chip,
        count: b.count,
        ...(b.chips_per_node === undefined ? {} : { chipsPerNode: b.chips_per_node }),
        seqLen: b.seq_len,
        globalBatchTokens: b.global_batch_tokens,
        precision: b.precision,
        profile: b.profile === "builtin" ? builtinProfile().train : null,
        stackId: b.stack,
      });
    }
  } else {
    const b = body as ServeExportBody;
    const instance: ServeInstanceConfig = {
      // the repository the catalog knows for a built-in model name, unless the body names one
      model: { ...arch, ...hfNameOf(b) },
      chipId: chip.id,
      vendor: chip.vendor,
      // the catalog chip's node and dies, as the fleet's launch passes them (launch-configs.ts)
      chipsPerNode: defaultChipsPerNode(chip),
      ranksPerChip: chip.ranksPerChip,
      tp: b.tp,
      pp: b.pp,
      ep: b.ep,
      dpAttention: b.dp_attention,
      maxNumSeqs: b.max_num_seqs,
      maxModelLen: b.max_model_len,
      precision: b.precision ?? defaultServePrecision(chip),
      replicas: b.replicas,
      ...(b.disaggregation
        ? {
            disaggregation: {
              prefillInstances: b.disaggregation.prefill_instances,
              decodeInstances: b.disaggregation.decode_instances,
              ...(b.disaggregation.prefill
                ? {
                    prefill: {
                      tp: b.disaggregation.prefill.tp,
                      pp: b.disaggregation.prefill.pp,
                      ep: b.disaggregation.prefill.ep,
                      dpAttention: b.disaggregation.prefill.dp_attention,
                      maxNumSeqs: b.disaggregation.prefill.max_num_seqs,
                      ...(b.disaggregation.prefill.max_model_len === undefined
                        ? {}
                        : { maxModelLen: b.disaggregation.prefill.max_model_len }),
                    },
                  }
                : {}),
            },
          }
        : {}),
    };
    const options = {
      ...(b.port === undefined ? {} : { port: b.port }),
      ...(b.gpu_memory_utilization === undefined ? {} : { gpuMemoryUtilization: b.gpu_memory_utilization }),
      ...(b.additional_config === undefined ? {} : { additionalConfig: b.additional_config }),
    };
    launch =
      engine === "vllm" ? vllmServeLaunch(instance, options) : vllmAscendServeLaunch(instance, options);
    // each role's instance held to the chip's memory (QA 40: 810 GB of weights on one 80 GB H100 passed unsaid)
    const shapes = [instance, ...(instance.disaggregation?.prefill ? [instance.disaggregation.prefill] : [])];
    for (const shape of shapes) {
      const fit = instanceFitAdvisory(
        arch,
        chip,
        { tp: shape.tp, pp: shape.pp, ep: shape.ep, dpAttention: shape.dpAttention },
        instance.precision,
        engine,
      );
      if (fit !== null) launch.advisories.push(fit);
    }
  }
  // what the model import assumed leads the launch's own advice, as in every answer that uses the model (and in
  // the manifests' comments)
  launch.advisories.unshift(...modelAdvisories(imported));
  // the launch commands stand on their own: manifests that cannot express the launch (an instance wider than a
  // node needs LeaderWorkerSet or Ray) leave kubernetes_yaml null with the reason, instead of failing the request
  let kubernetesYaml: string | null = null;
  let kubernetesNote: string | null = null;
  try {
    kubernetesYaml = k8sManifests(launch, k8s);
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    kubernetesNote = error.message;
  }
  return {
    ...(snakeCaseKeys(launch, { keep: ["env"] }) as Record<string, unknown>),
    kubernetes_yaml: kubernetesYaml,
    kubernetes_note: kubernetesNote,
  };
}

function hfNameOf(b: ServeExportBody): { hfName?: string } {
  const name = b.hf_name ?? (typeof b.model === "string" ? huggingFaceName(b.model) : undefined);
  return name === undefined ? {} : { hfName: name };
}
