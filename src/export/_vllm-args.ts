import { FleetcastError } from "../errors.ts";
import { engineMemoryBudget } from "../serve/index.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import {
  type ResolvedServeInstance,
  resolveServeInstance,
  type ServeInstanceConfig,
  type ServeInstanceShape,
} from "./serve-instance-config.ts";
import type {
  ServeExportOptions,
  ServeLaunch,
  ServeNodeLaunch,
  ServeRole,
  ServeRoleLaunch,
} from "./serve-launch.ts";
import { type ServeNodeLayout, type ServeNodeSlot, serveNodeLayout } from "./serve-node-layout.ts";
import { shellCommand } from "./shell-command.ts";

// Flag names: vllm-project/vllm vllm/engine/arg_utils.py @ 99d7eb5d6a512cfcc5a2b104f24ebf2d6cda772b
// (EngineArgs.add_cli_args) and vllm/entrypoints/openai/cli_args.py (FrontendArgs --host/--port); vLLM-Ascend is a
// platform plugin behind the same CLI (vllm-project/vllm-ascend docs/source/tutorials/models/DeepSeek-V3.1.md).
// Multi-node data parallelism: vllm-project/vllm docs/serving/data_parallel_deployment.md @
// 01e4fce07423dafcc832600ba05159fb28dc1126 ("Internal Load Balancing": node 0 with --data-parallel-size-local,
// --data-parallel-address, --data-parallel-rpc-port; the other nodes add --headless and --data-parallel-start-rank),
// and the same flags in the DeepSeek-V3.1 tutorial's "Multi-node Deployment" for vLLM-Ascend.

export type VllmEngine = "vllm" | "vllm-ascend";

/** vLLM FrontendArgs.port default. */
const DEFAULT_PORT = 8000;
/** vLLM CacheConfig.gpu_memory_utilization default, as the planner sizes the KV pool (serve/engine-memory.ts). */
const DEFAULT_MEMORY_UTILIZATION = engineMemoryBudget("vllm").fraction;

/** Node 0's address, which every node of a multi-node instance must be given (a shell variable the user sets). */
const NODE0_IP_VAR = "$NODE0_IP";
/** The node's own address and network interface (vLLM-Ascend multi-node tutorial: HCCL_IF_IP, *_SOCKET_IFNAME). */
const LOCAL_IP_VAR = "$LOCAL_IP";
const NIC_NAME_VAR = "$NIC_NAME";
/** Data-parallel RPC port of node 0, as in vLLM's Data Parallel Deployment example (13345). */
const DP_RPC_PORT = 13345;

/**
 * Arguments after `vllm serve MODEL` for one role's instance, as node `nodeIndex` runs them (node 0 by default: the
 * API server; an instance that fits a node has node 0 only).
 */
export function vllmArgsFor(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  role: ServeRole,
  options: ServeExportOptions = {},
  nodeIndex = 0,
): { args: string[]; resolved: ResolvedServeInstance } {
  const resolved = resolveServeInstance(instance);
  const shape = shapeOf(instance, role);
  const layout = serveNodeLayout(shape, resolved.devicesPerNode);
  const slot = layout.slots[nodeIndex];
  if (!slot) {
    throw new FleetcastError(
      `Cannot export node ${nodeIndex}: the ${role} instance has ${layout.slots.length} node command${layout.slots.length === 1 ? "" : "s"}`,
      "node",
    );
  }
  return { args: nodeArgs(engine, instance, resolved, shape, role, options, layout, slot), resolved };
}

/**
 * Every role's instances (prefill and decode when disaggregated, each with its own shape), the commands one instance
 * runs node by node, the footprint in devices and chips, and what the user must add by hand.
 */
export function vllmLaunchFor(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  options: ServeExportOptions = {},
): ServeLaunch {
  const r = resolveServeInstance(instance);
  const d = instance.disaggregation;
  const roles: [ServeRole, number][] = d
    ? [
        ["prefill", instance.replicas * d.prefillInstances],
        ["decode", instance.replicas * d.decodeInstances],
      ]
    : [["both", instance.replicas]];
  const shared = engine === "vllm-ascend" ? ascendSharedEnv() : {};
  const advisories: ExportAdvisory[] = [...r.advisories, ...precisionAdvisories(engine, instance)];
  const launches: ServeRoleLaunch[] = roles.map(([role, instances]) => {
    const shape = shapeOf(instance, role);
    const layout = serveNodeLayout(shape, r.devicesPerNode);
    const nodes: ServeNodeLaunch[] = layout.slots.map((slot) => {
      const args = nodeArgs(engine, instance, r, shape, role, options, layout, slot);
      const nodeEnv =
        engine === "vllm-ascend" ? ascendNodeEnv(shared, slot.devices, layout.nodes > 1) : { ...shared };
      return {
        node: slot.node,
        headless: slot.node > 0,
        dpStartRank: slot.dpStartRank,
        dpLocalRanks: slot.dpLocalRanks,
        devices: slot.devices,
        env: nodeEnv,
        args,
        command: shellCommand(["vllm", "serve", r.modelRef], args, nodeEnv),
      };
    });
    const devicesPerInstance = shape.tp * shape.pp * shape.dpAttention;
    const chipsPerInstance = devicesPerInstance / r.ranksPerChip;
    advisories.push(...layoutAdvisories(engine, role, layout, r.devicesPerNode));
    if (shape.microBatches === 2 && !dualBatchOverlap(engine, shape)) {
      advisories.push({
        code: "overlap-not-launched",
        message: `the plan's ${ROLE_LABEL[role]} step runs two micro-batches to hide the expert all-to-all; ${engine === "vllm" ? "vLLM's Dual Batch Overlap needs data-parallel attention and expert parallelism" : `${engine} has no dual-batch overlap flag fleetcast writes`}, so this launch exposes that communication: expect a slower step than planned`,
        hint: "size for the launched engine with `fleetcast serve plan ... --overlap none` (the fleet comparison plans with the default overlap)",
      });
    }
    return {
      role,
      instances,
      devicesPerInstance,
      chipsPerInstance,
      chips: instances * chipsPerInstance,
      plannedChips: instance.plannedChips?.[role] ?? null,
      launcher: layout.launcher,
      nodesPerInstance: layout.nodes,
      args: nodes[0]!.args,
      command: roleCommand(role, instances, layout, nodes, devicesPerInstance, r.devicesPerNode),
      nodes,
    };
  });
  const rounded = roundingAdvisory(launches);
  if (rounded) advisories.push(rounded);
  if (d) {
    const [prefill, decode] = launches;
    advisories.push({
      code: "pd-proxy-not-exported",
      message: `${prefill!.instances} prefill and ${decode!.instances} decode instances need a request router in front`,
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
    devicesPerInstance: Math.max(...launches.map((l) => l.devicesPerInstance)),
    devicesPerNode: r.devicesPerNode,
    chips: launches.reduce((sum, l) => sum + l.chips, 0),
    port: options.port ?? DEFAULT_PORT,
    env: launches[0]!.nodes[0]!.env,
    roles: launches,
    advisories,
  };
}

// --- internal ---

function precisionArgs(instance: ServeInstanceConfig, r: ResolvedServeInstance): string[] {
  const p = instance.precision;
  if (p === "bf16") return [];
  // the chip decides what its cube units run, not the engine named (QA 30: vLLM-Ascend on an H100 was told "the
  // 910B/910C cube units have no FP8"; the engine's mismatch is an advisory, as for the other engines)
  if (r.family.startsWith("ascend")) {
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
    // vLLM's online FP8 quantization is `--quantization fp8` (quantization choices in ModelConfig). FP8 tensor
    // cores start with Ada and Hopper (NVIDIA Hopper architecture whitepaper); on Ampere the same flag runs the
    // weights weight-only (W8A16, FP8 Marlin: vLLM docs "FP8 W8A8", vllm-project/vllm#5975), as the planner prices
    // it (serve-setup.ts resolvePrecision)
    return ["--quantization", "fp8"];
  }
  // int8 (W8A8) and fp4 need pre-quantized checkpoints; vLLM reads their quantization_config itself. Below
  // Blackwell an FP4 (MXFP4) checkpoint runs weight-only on 16-bit activations (Marlin/Triton kernels), as the
  // planner prices it (serve-setup.ts resolvePrecision): no flag either.
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
  const named = instance.model.hfName ?? "";
  // a repository named for its W8A8 weights (vllm-ascend/DeepSeek-V3.1-w8a8) is the checkpoint itself
  if (engine === "vllm-ascend" && instance.precision === "int8" && !/w8a8/i.test(named)) {
    // `--quantization ascend` loads msModelSlim W8A8 weights (vLLM-Ascend DeepSeek-V3.1 tutorial serves
    // DeepSeek-V3.1-w8a8); the publisher's own repository (FP8 or BF16) does not carry them
    return [
      {
        code: "quantized-checkpoint-needed",
        message: `int8 (W8A8) serving on ${instance.chipId} needs a checkpoint quantized offline with msModelSlim; ${named || "the model's published repository"} is not one`,
        hint: "quantize the weights with msModelSlim (W8A8) and point `vllm serve` at that directory, or export bf16",
      },
    ];
  }
  return [];
}

/**
 * Disaggregated KV transfer. vLLM: NixlConnector with kv_role "kv_both" on both sides (vllm-project/vllm
 * docs/features/nixl_connector_usage.md). vLLM-Ascend: MooncakeConnectorV1 with kv_producer (prefill) /
 * kv_consumer (decode) and each side's own dp/tp sizes in kv_connector_extra_config (DeepSeek-V3.1 tutorial, PD
 * disaggregation section: prefill dp2 tp8 beside decode dp32 tp1).
 */
function kvTransferConfig(engine: VllmEngine, instance: ServeInstanceConfig, role: "prefill" | "decode") {
  if (engine === "vllm") return { kv_connector: "NixlConnector", kv_role: "kv_both" };
  const sizes = (s: ServeInstanceShape) => ({ dp_size: s.dpAttention, tp_size: s.tp });
  return {
    kv_connector: "MooncakeConnectorV1",
    kv_role: role === "prefill" ? "kv_producer" : "kv_consumer",
    kv_port: "30000",
    kv_connector_extra_config: {
      prefill: sizes(shapeOf(instance, "prefill")),
      decode: sizes(shapeOf(instance, "decode")),
    },
  };
}

/** Whether vLLM can run the plan's two micro-batches: its DBO needs attention DP and expert parallelism. */
function dualBatchOverlap(engine: VllmEngine, shape: ServeInstanceShape): boolean {
  return engine === "vllm" && shape.microBatches === 2 && shape.ep > 1 && shape.dpAttention > 1;
}

/** The shape of one role's instance: the prefill shape when disaggregated and given, else the instance's own. */
function shapeOf(instance: ServeInstanceConfig, role: ServeRole): ServeInstanceShape {
  return role === "prefill" ? (instance.disaggregation?.prefill ?? instance) : instance;
}

/** The arguments one node runs: parallel degrees, the node's share of the data-parallel ranks, limits, precision. */
function nodeArgs(
  engine: VllmEngine,
  instance: ServeInstanceConfig,
  r: ResolvedServeInstance,
  shape: ServeInstanceShape,
  role: ServeRole,
  options: ServeExportOptions,
  layout: ServeNodeLayout,
  slot: ServeNodeSlot,
): string[] {
  const args = slot.node > 0 ? ["--headless"] : [];
  args.push(
    "--host",
    "0.0.0.0",
    "--port",
    String(options.port ?? DEFAULT_PORT),
    "--tensor-parallel-size",
    String(shape.tp),
    "--pipeline-parallel-size",
    String(shape.pp),
  );
  // DP attention: one engine core per DP rank, MoE layers shared across them (data_parallel_deployment docs).
  if (shape.dpAttention > 1) args.push("--data-parallel-size", String(shape.dpAttention));
  if (layout.launcher === "data-parallel-nodes") {
    args.push("--data-parallel-size-local", String(slot.dpLocalRanks));
    if (slot.node > 0) args.push("--data-parallel-start-rank", String(slot.dpStartRank));
    args.push("--data-parallel-address", NODE0_IP_VAR, "--data-parallel-rpc-port", String(DP_RPC_PORT));
  }
  if (shape.ep > 1) args.push("--enable-expert-parallel");
  if (dualBatchOverlap(engine, shape)) {
    // vLLM's Dual Batch Overlap: opt-in, DP + EP only, on DeepEP's all-to-all kernels (docs.vllm.ai design/dbo;
    // the all2all backends: deepep_high_throughput for prefill, deepep_low_latency for decode)
    args.push(
      "--enable-dbo",
      "--all2all-backend",
      role === "prefill" ? "deepep_high_throughput" : "deepep_low_latency",
    );
  }
  args.push(
    "--max-num-seqs",
    String(shape.maxNumSeqs),
    "--max-model-len",
    String(shape.maxModelLen ?? instance.maxModelLen),
    "--gpu-memory-utilization",
    String(options.gpuMemoryUtilization ?? DEFAULT_MEMORY_UTILIZATION),
    "--dtype",
    "bfloat16",
  );
  args.push(...precisionArgs(instance, r));
  if (role !== "both")
    args.push("--kv-transfer-config", JSON.stringify(kvTransferConfig(engine, instance, role)));
  // vLLM's own --additional-config (EngineArgs.additional_config, for platform plugins), which vLLM-Ascend reads:
  // passed through for either engine, not dropped for vLLM (QA 30)
  if (options.additionalConfig) {
    args.push("--additional-config", JSON.stringify(options.additionalConfig));
  }
  return args;
}

const ROLE_LABEL: Record<ServeRole, string> = { both: "colocated", prefill: "prefill", decode: "decode" };

/**
 * One instance's commands as shell text: the command alone on one node; else a comment naming the instances alike,
 * then one block per node headed by a comment (or the Ray head node's command).
 */
function roleCommand(
  role: ServeRole,
  instances: number,
  layout: ServeNodeLayout,
  nodes: readonly ServeNodeLaunch[],
  devicesPerInstance: number,
  devicesPerNode: number,
): string {
  const label = ROLE_LABEL[role];
  if (layout.launcher === "single-node") {
    // one command per instance, said which role and how many (QA 40: a P/D export printed two bare commands), and
    // where several share a node, that each needs its own port and devices
    if (role === "both" && instances === 1) return nodes[0]!.command;
    const perNode = Math.floor(devicesPerNode / devicesPerInstance);
    const sharing =
      perNode > 1 && instances > 1
        ? `; ${perNode} fit a node of ${devicesPerNode}: give each its own --port and visible devices`
        : "";
    return `# ${label}: ${instances} instance${instances === 1 ? "" : "s"} alike, each on ${devicesPerInstance} device${devicesPerInstance === 1 ? "" : "s"}${sharing}\n${nodes[0]!.command}`;
  }
  const head = `# ${label}: ${instances} instance${instances === 1 ? "" : "s"} alike, each on ${layout.nodes} nodes of its own`;
  if (layout.launcher === "ray") {
    return `${head}\n# on the head node of the instance's Ray cluster\n${nodes[0]!.command}`;
  }
  const blocks = nodes.map((n) => {
    const ranks =
      n.dpLocalRanks === 1
        ? `DP rank ${n.dpStartRank}`
        : `DP ranks ${n.dpStartRank}-${n.dpStartRank + n.dpLocalRanks - 1}`;
    const what = n.headless ? "headless" : "API server";
    return `# ${label} node ${n.node} of ${layout.nodes} (${what}, ${ranks}, ${n.devices} devices)\n${n.command}`;
  });
  return `${head}\n${blocks.join("\n\n")}`;
}

/** What a user must add by hand for an instance that spans nodes. */
function layoutAdvisories(
  engine: VllmEngine,
  role: ServeRole,
  layout: ServeNodeLayout,
  devicesPerNode: number,
): ExportAdvisory[] {
  const label = ROLE_LABEL[role];
  const own =
    engine === "vllm-ascend" ? "; LOCAL_IP and NIC_NAME to the node's own address and interface" : "";
  if (layout.launcher === "data-parallel-nodes") {
    return [
      {
        code: "multi-node-instance",
        message: `each ${label} instance spans ${layout.nodes} nodes of ${devicesPerNode} devices: one command per node, node 0 serving the API`,
        hint: `on every node of an instance set NODE0_IP to node 0's address${own}; each instance needs its own nodes`,
      },
    ];
  }
  if (layout.launcher === "ray") {
    return [
      {
        code: "ray-cluster-needed",
        message: `each ${label} instance's tensor/pipeline group spans ${layout.nodes} nodes of ${devicesPerNode} devices`,
        hint: `start a Ray cluster over those nodes (vLLM's multi-node-serving.sh) and run the command on its head node${own}`,
      },
    ];
  }
  return [];
}

/** Relative slack for planned chips that are whole instances up to floating-point error. */
const CHIP_EPSILON = 1e-9;

/**
 * When the caller gave the plan's chips per role and the whole instances written differ from them: both counts,
 * per role, and which way they were rounded.
 */
function roundingAdvisory(launches: readonly ServeRoleLaunch[]): ExportAdvisory | null {
  const planned = launches.filter((l) => l.plannedChips !== null);
  if (planned.length === 0) return null;
  // relative differences: whole instances match a planned count up to floating-point error
  const diffs = planned.map((l) => (l.chips - l.plannedChips!) / Math.max(1, l.plannedChips!));
  if (diffs.every((x) => Math.abs(x) <= CHIP_EPSILON)) return null;
  const plannedTotal = planned.reduce((sum, l) => sum + l.plannedChips!, 0);
  const writtenTotal = planned.reduce((sum, l) => sum + l.chips, 0);
  const extra = writtenTotal - plannedTotal;
  const parts = (f: (l: ServeRoleLaunch) => string) => planned.map(f).join(" + ");
  const split =
    planned.length > 1 ? ` (${parts((l) => `${chipCount(l.plannedChips!)} ${ROLE_LABEL[l.role]}`)})` : "";
  const written = parts((l) => `${l.instances} ${ROLE_LABEL[l.role]} × ${chipCount(l.chipsPerInstance)}`);
  const up = diffs.every((x) => x >= -CHIP_EPSILON);
  const down = diffs.every((x) => x <= CHIP_EPSILON);
  return {
    code: "instances-rounded",
    message: `the plan's ${chipCount(plannedTotal)} chips${split} are written as whole instances: ${written} = ${chipCount(writtenTotal)} chips (${extra >= 0 ? "+" : ""}${chipCount(extra)})`,
    hint: up
      ? "each role was rounded up so that it keeps at least its planned capacity; drop instances by hand to stay within the plan's chips"
      : down
        ? "each role was rounded down: the launch carries less than the planned capacity"
        : "roles were rounded to whole instances in both directions",
  };
}

/** A chip count for messages: whole numbers with thousands separators, else one decimal. */
function chipCount(n: number): string {
  const r = Math.abs(n - Math.round(n)) < 0.05 ? Math.round(n) : Math.round(n * 10) / 10;
  return r.toLocaleString("en-US");
}

/**
 * vLLM-Ascend environment from its DeepSeek-V3.1 tutorial shared by every node: the expandable-segments NPU
 * allocator, HCCL buffer of 200 MB, one OpenMP thread without binding.
 */
function ascendSharedEnv(): Record<string, string> {
  return {
    PYTORCH_NPU_ALLOC_CONF: "expandable_segments:True",
    HCCL_BUFFSIZE: "200",
    OMP_PROC_BIND: "false",
    OMP_NUM_THREADS: "1",
  };
}

/**
 * One node's vLLM-Ascend environment: the shared variables, the NPUs this node's process uses, and on a multi-node
 * instance the node's own address and interface for HCCL, Gloo and the TP sockets (DeepSeek-V3.1 tutorial,
 * "Multi-node Deployment": HCCL_IF_IP, GLOO_SOCKET_IFNAME, TP_SOCKET_IFNAME, HCCL_SOCKET_IFNAME).
 */
function ascendNodeEnv(
  shared: Record<string, string>,
  devices: number,
  multiNode: boolean,
): Record<string, string> {
  return {
    ...(multiNode
      ? {
          HCCL_IF_IP: LOCAL_IP_VAR,
          GLOO_SOCKET_IFNAME: NIC_NAME_VAR,
          TP_SOCKET_IFNAME: NIC_NAME_VAR,
          HCCL_SOCKET_IFNAME: NIC_NAME_VAR,
        }
      : {}),
    ...shared,
    ASCEND_RT_VISIBLE_DEVICES: Array.from({ length: devices }, (_, i) => i).join(","),
  };
}
