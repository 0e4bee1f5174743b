import { FleetcastError } from "../errors.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import {
  type ResolvedServeInstance,
  resolveServeInstance,
  type ServeInstanceConfig,
} from "./serve-instance-config.ts";
import type { ServeExportOptions, ServeLaunch, ServeRole, ServeRoleLaunch } from "./serve-launch.ts";
import { shellCommand } from "./shell-command.ts";

// Flag names: vllm-project/vllm vllm/engine/arg_utils.py @ 99d7eb5d6a512cfcc5a2b104f24ebf2d6cda772b
// (EngineArgs.add_cli_args) and vllm/entrypoints/openai/cli_args.py (FrontendArgs --host/--port); vLLM-Ascend is a
// platform plugin behind the same CLI (vllm-project/vllm-ascend docs/source/tutorials/models/DeepSeek-V3.1.md).

export type VllmEngine = "vllm" | "vllm-ascend";

/** vLLM FrontendArgs.port default. */
const DEFAULT_PORT = 8000;
/** vLLM CacheConfig.gpu_memory_utilization default. */
const DEFAULT_MEMORY_UTILIZATION = 0.9;

export function vllmArgsFor(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  role: ServeRole,
  options: ServeExportOptions = {},
): { args: string[]; resolved: ResolvedServeInstance } {
  const resolved = resolveServeInstance(instance);
  const args = [
    "--host",
    "0.0.0.0",
    "--port",
    String(options.port ?? DEFAULT_PORT),
    "--tensor-parallel-size",
    String(instance.tp),
    "--pipeline-parallel-size",
    String(instance.pp),
  ];
  // DP attention: one engine core per DP rank, MoE layers shared across them (data_parallel_deployment docs).
  if (instance.dpAttention > 1) args.push("--data-parallel-size", String(instance.dpAttention));
  if (instance.ep > 1) args.push("--enable-expert-parallel");
  args.push(
    "--max-num-seqs",
    String(instance.maxNumSeqs),
    "--max-model-len",
    String(instance.maxModelLen),
    "--gpu-memory-utilization",
    String(options.gpuMemoryUtilization ?? DEFAULT_MEMORY_UTILIZATION),
    "--dtype",
    "bfloat16",
  );
  args.push(...precisionArgs(engine, instance, resolved));
  if (role !== "both")
    args.push("--kv-transfer-config", JSON.stringify(kvTransferConfig(engine, instance, role)));
  if (engine === "vllm-ascend" && options.additionalConfig) {
    args.push("--additional-config", JSON.stringify(options.additionalConfig));
  }
  return { args, resolved };
}

export function vllmLaunchFor(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  options: ServeExportOptions = {},
): ServeLaunch {
  const d = instance.disaggregation;
  const roles: [ServeRole, number][] = d
    ? [
        ["prefill", instance.replicas * d.prefillInstances],
        ["decode", instance.replicas * d.decodeInstances],
      ]
    : [["both", instance.replicas]];
  let resolved: ResolvedServeInstance | undefined;
  const env = engine === "vllm-ascend" ? ascendEnv(instance.tp * instance.pp * instance.dpAttention) : {};
  const launches: ServeRoleLaunch[] = roles.map(([role, instances]) => {
    const built = vllmArgsFor(engine, instance, role, options);
    resolved = built.resolved;
    return {
      role,
      instances,
      args: built.args,
      command: shellCommand(["vllm", "serve", built.resolved.modelRef], built.args, env),
    };
  });
  const r = resolved!;
  const advisories: ExportAdvisory[] = [...r.advisories, ...precisionAdvisories(engine, instance)];
  if (d) {
    advisories.push({
      code: "pd-proxy-not-exported",
      message: `${instance.replicas * d.prefillInstances} prefill and ${instance.replicas * d.decodeInstances} decode instances need a request router in front`,
      hint:
        engine === "vllm"
          ? "run a P/D proxy (vLLM's NixlConnector docs: toy_proxy_server.py, or llm-d/Dynamo)"
          : "run vLLM-Ascend's load-balance proxy and give each instance its own engine_id in --kv-transfer-config",
    });
  }
  const ascend = r.family.startsWith("ascend");
  if (ascend !== (engine === "vllm-ascend")) {
    advisories.push({
      code: "engine-vendor-mismatch",
      message: `${engine} does not target ${instance.chipId}`,
      hint: ascend ? "export with vllm-ascend for Ascend NPUs" : "export with vllm for GPUs",
    });
  }
  return {
    engine,
    modelRef: r.modelRef,
    vendor: instance.vendor,
    chipFamily: r.family,
    devicesPerInstance: r.devicesPerInstance,
    port: options.port ?? DEFAULT_PORT,
    env,
    roles: launches,
    advisories,
  };
}

// --- internal ---

function precisionArgs(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  r: ResolvedServeInstance,
): string[] {
  const p = instance.precision;
  if (p === "bf16") return [];
  if (engine === "vllm-ascend" || r.family.startsWith("ascend")) {
    if (p === "int8") {
      // W8A8 weights quantized with msModelSlim are served with --quantization ascend (vLLM-Ascend DeepSeek-V3.1
      // tutorial, DeepSeek-V3.1-w8a8).
      return ["--quantization", "ascend"];
    }
    throw new FleetcastError(
      `Cannot export ${p} for Ascend: ${instance.chipId} serves bf16 or int8 (W8A8) weights in vLLM-Ascend; the 910B/910C cube units have no ${p.toUpperCase()}`,
      "precision",
    );
  }
  if (p === "fp8") {
    // FP8 tensor cores start with Ada and Hopper (NVIDIA Hopper architecture whitepaper); vLLM's online FP8
    // quantization is `--quantization fp8` (quantization choices in ModelConfig).
    if (r.family === "nvidia-ampere") {
      throw new FleetcastError(
        `Cannot export fp8 for ${instance.chipId}: Ampere has no FP8 tensor cores`,
        "precision",
      );
    }
    return ["--quantization", "fp8"];
  }
  if (p === "fp4" && r.family !== "nvidia-blackwell") {
    throw new FleetcastError(
      `Cannot export fp4 for ${instance.chipId}: FP4 tensor cores are Blackwell's (NVFP4)`,
      "precision",
    );
  }
  // int8 (W8A8) and fp4 (NVFP4) need pre-quantized checkpoints; vLLM reads their quantization_config itself.
  return [];
}

function precisionAdvisories(engine: VllmEngine, instance: ServeInstanceConfig): ExportAdvisory[] {
  if (engine === "vllm" && (instance.precision === "int8" || instance.precision === "fp4")) {
    return [
      {
        code: "quantized-checkpoint-needed",
        message: `${instance.precision} serving needs a checkpoint quantized offline (${instance.precision === "int8" ? "W8A8, e.g. compressed-tensors" : "NVFP4, e.g. ModelOpt"})`,
        hint: "point `vllm serve` at that checkpoint; vLLM takes the method from its quantization_config",
      },
    ];
  }
  return [];
}

/**
 * Disaggregated KV transfer. vLLM: NixlConnector with kv_role "kv_both" on both sides (vllm-project/vllm
 * docs/features/nixl_connector_usage.md). vLLM-Ascend: MooncakeConnectorV1 with kv_producer (prefill) /
 * kv_consumer (decode) and both sides' dp/tp sizes in kv_connector_extra_config (DeepSeek-V3.1 tutorial, PD
 * disaggregation section).
 */
function kvTransferConfig(engine: VllmEngine, instance: ServeInstanceConfig, role: "prefill" | "decode") {
  if (engine === "vllm") return { kv_connector: "NixlConnector", kv_role: "kv_both" };
  const shape = { dp_size: instance.dpAttention, tp_size: instance.tp };
  return {
    kv_connector: "MooncakeConnectorV1",
    kv_role: role === "prefill" ? "kv_producer" : "kv_consumer",
    kv_port: "30000",
    kv_connector_extra_config: { prefill: shape, decode: shape },
  };
}

/**
 * vLLM-Ascend environment from its DeepSeek-V3.1 tutorial: the expandable-segments NPU allocator, HCCL buffer of
 * 200 MB, one OpenMP thread without binding, and the NPUs the instance uses.
 */
function ascendEnv(devices: number): Record<string, string> {
  return {
    PYTORCH_NPU_ALLOC_CONF: "expandable_segments:True",
    HCCL_BUFFSIZE: "200",
    OMP_PROC_BIND: "false",
    OMP_NUM_THREADS: "1",
    ASCEND_RT_VISIBLE_DEVICES: Array.from({ length: devices }, (_, i) => i).join(","),
  };
}
