/**
 * How much of a fabric's nominal bandwidth a collective library really delivers, and what each step costs in
 * latency. Fractions are measured bus bandwidth over the unidirectional link rate (research/hardware.md §5.2, §6);
 * latencies are the per-step and per-call costs of an alpha–beta model.
 */

/** Efficiency and latency inputs of the collective cost model. Fractions are of unidirectional bandwidth. */
export interface CollectiveEfficiency {
  /** Ring bus bandwidth over the scale-up link rate per rank (H100 NCCL 0.82). Full meshes apply it per peer. */
  intraBusBwFraction: number;
  /** Achieved NIC bandwidth over line rate (CX-7 NDR 0.97). */
  interBusBwFraction: number;
  /** Latency of one algorithm step over the scale-up fabric, microseconds. */
  latencyIntraUs: number;
  /** Latency of one algorithm step that crosses the scale-out network, microseconds. */
  latencyInterUs: number;
  /** All-to-all bandwidth over the scale-up link rate per rank; defaults to intraBusBwFraction. */
  alltoallFraction?: number;
  /**
   * All-to-all bandwidth over one peer link's rate, where it differs from the whole rank's (a measurement that
   * bounds the aggregate only); defaults to alltoallFraction.
   */
  alltoallPeerFraction?: number;
  /** Fixed cost of launching one collective, microseconds; 0 when absent. */
  baseLatencyUs?: number;
  /** In-switch reduction (NVLink SHARP) all-reduce algorithm bandwidth over the link rate; absent = none. */
  nvlsAlgBwFraction?: number;
  /** Latency of one in-switch-reduction all-reduce, microseconds (replaces the base and step latencies). */
  nvlsLatencyUs?: number;
  /**
   * What an all-reduce crossing the scale-out network pays once the library leaves its low-latency protocol for the
   * bandwidth one (NCCL's LL for Simple), microseconds: extra(bytes) = netProtocolUs x bytes / (bytes +
   * netProtocolHalfBytes). 0 when absent.
   */
  netProtocolUs?: number;
  /** The buffer size at which half of netProtocolUs is paid, bytes. */
  netProtocolHalfBytes?: number;
}

/** The collective library a profile describes. */
export type CollectiveLibrary = "nccl" | "hccl" | "rccl" | "unknown";

/** The field names of CollectiveEfficiency, for source records. */
export type EfficiencyField = keyof CollectiveEfficiency;

/** A default efficiency with where each number comes from and which numbers are placeholders. */
export interface DefaultCollectiveEfficiency extends CollectiveEfficiency {
  /** Profile key the family resolved to (`nvidia-hopper`, `ascend-910b`, ..., `generic`). */
  profile: string;
  library: CollectiveLibrary;
  /** Source or derivation of every field that is set. */
  sources: Readonly<Partial<Record<EfficiencyField, string>>>;
  /** Fields whose value is a placeholder borrowed from another part or library (unknown, not measured). */
  flagged: readonly EfficiencyField[];
}

// NCCL's own cost model (NVIDIA/nccl src/graph/tuning.cc @b6475625): ring LL base latency 6.6 us, NVLink ring LL
// hop 0.6 us, NVLS all-reduce latency 23 us on NVLink.
const NCCL_BASE_US = 6.6;
const NCCL_NVLINK_STEP_US = 0.6;
const NCCL_NVLS_US = 23;
// Per inter-node step: nccl-tests#150 measured 19-20 us for an 8-byte all_reduce of 2 A100 on 2 nodes (HDR IB);
// (19.5 - 6.6 base) / 2 steps = 6.45 us. NCCL's tuning.cc charges 2.7 us (ring LL, NET) plus per-post overhead.
const NET_STEP_US = 6.5;
// Mid-size network all-reduces: on 2-4 nodes of 8 GPUs nccl-tests all_reduce_perf runs 1.5-2.4x slower than base +
// steps + bytes / busbw between 64 KB and 16 MB and within ~20 % at both ends: NCCL leaves LL (a quarter to half the
// bandwidth) for Simple, whose network steps cost far more (tuning.cc hwLat NET: tree Simple 50 us, ring 9.6 us), and
// runs few channels below ~2 MiB each (enqueue.h NCCL_AGG_CHANNEL_SIZE). Charged as extra = E / (1 + b0 / bytes),
// E and b0 fitted per generation by `fitNetProtocol` (fit-net-protocol.ts: least squares in log time, sizes up to
// 64 MB, the model's time without the term; a test keeps these equal to its result). A100 (Azure NDm A100 v4 and
// OCI BM.GPU4.8, 2 x 8): E 40 us, b0 10.8 KB, sum of squared log errors 5.23 -> 0.48. H100 (nccl-tests#309, 2 and 4
// nodes of 8, NDR): E 76 us, b0 795 KB, 3.34 -> 0.19; on Hopper tables no fit read, mid sizes measured / model: a
// second 2-node cluster 2.12 -> 1.06, 2 x 8 H20 (nccl#1244) 2.43 -> 1.22, 8 nodes 2.32 -> 1.39 (one pair for both
// generations, stop 24's first fit, charged Hopper's 64-256 KB all-reduces ~2.5x what the tables show: review 24).
const AMPERE_NET_PROTOCOL = { netProtocolUs: 40, netProtocolHalfBytes: 10_809 } as const;
const HOPPER_NET_PROTOCOL = { netProtocolUs: 76, netProtocolHalfBytes: 794_672 } as const;
const NET_PROTOCOL_SOURCE = {
  ampere:
    "fitNetProtocol(AMPERE_SWEEPS): nccl-tests all_reduce_perf on 2 x 8 A100, Azure NDm A100 v4 (HDR IB) and OCI " +
    "BM.GPU4.8 (oracle-quickstart/oci-hpc-oke README, RoCE)",
  hopper:
    "fitNetProtocol(HOPPER_SWEEPS): nccl-tests#309 all_reduce_perf on 2 and 4 nodes of 8 H100, NDR 8 x 400G, NCCL 2.26.2",
} as const;

/** The two protocol-switch fields' source (they come from one fit). */
function netProtocolSources(
  source: string,
): Pick<Record<EfficiencyField, string>, "netProtocolUs" | "netProtocolHalfBytes"> {
  return { netProtocolUs: source, netProtocolHalfBytes: source };
}

const NCCL_LATENCY_SOURCES = {
  latencyIntraUs: "NVIDIA/nccl src/graph/tuning.cc hwLat NVLink ring LL 0.6 us per step",
  latencyInterUs:
    "nccl-tests#150: 2xA100 over HDR IB, 8 B all_reduce 19-20 us => (19.5-6.6)/2 = 6.5 us per network step",
  baseLatencyUs: "NVIDIA/nccl src/graph/tuning.cc baseLat ring LL 6.6 us",
} as const;

/** What a non-NCCL library (HCCL, RCCL) borrows from NCCL or from its own ring fraction: no measurement found. */
const NON_NCCL_PLACEHOLDERS: readonly EfficiencyField[] = [
  "interBusBwFraction",
  "alltoallFraction",
  "latencyIntraUs",
  "latencyInterUs",
  "baseLatencyUs",
  "netProtocolUs",
  "netProtocolHalfBytes",
];

const HOPPER: DefaultCollectiveEfficiency = {
  profile: "nvidia-hopper",
  library: "nccl",
  intraBusBwFraction: 0.82,
  interBusBwFraction: 0.97,
  latencyIntraUs: NCCL_NVLINK_STEP_US,
  latencyInterUs: NET_STEP_US,
  baseLatencyUs: NCCL_BASE_US,
  ...HOPPER_NET_PROTOCOL,
  // DeepEP legacy.md: H800 intranode dispatch/combine 153/158 GB/s over 200 GB/s unidirectional NVLink.
  alltoallFraction: 0.78,
  // nccl-tests#212: 8xH100 NVLS algbw ~273-275 of 450 = 0.61; nccl#1374: 8xH800 busbw 215 => algbw 122.9 of 200.
  nvlsAlgBwFraction: 0.61,
  nvlsLatencyUs: NCCL_NVLS_US,
  sources: {
    intraBusBwFraction: "nccl#1455, nccl-tests#212: 8xH100 ring all_reduce busbw 365-370 GB/s of 450 unidir",
    interBusBwFraction: "nccl-tests#267, nccl-tests#290: CX-7 NDR 400G reaches 46-49 GB/s per NIC of 50",
    alltoallFraction:
      "deepseek-ai/DeepEP docs/legacy.md: H800 EP8 intranode dispatch 153 / combine 158 GB/s of 200",
    nvlsAlgBwFraction: "nccl-tests#212 (H100 algbw ~275/450), nccl#1374 (H800 busbw 215 => algbw 123/200)",
    nvlsLatencyUs: "NVIDIA/nccl src/graph/tuning.cc hwLat NVLink NVLS 23 us",
    ...netProtocolSources(NET_PROTOCOL_SOURCE.hopper),
    ...NCCL_LATENCY_SOURCES,
  },
  flagged: [],
};

const AMPERE: DefaultCollectiveEfficiency = {
  profile: "nvidia-ampere",
  library: "nccl",
  intraBusBwFraction: 0.78,
  // nccl#812 (NVIDIA): DGX-A100 with 8x200 Gb/s IB measures 192 GB/s all-reduce busbw = 0.96 of 8 x 25 GB/s.
  interBusBwFraction: 0.96,
  latencyIntraUs: NCCL_NVLINK_STEP_US,
  latencyInterUs: NET_STEP_US,
  baseLatencyUs: NCCL_BASE_US,
  ...AMPERE_NET_PROTOCOL,
  alltoallFraction: 0.78,
  sources: {
    intraBusBwFraction: "limulidae README: 8xA800 all_reduce algbw 89 => busbw 156 GB/s of 200 unidir",
    interBusBwFraction: "nccl#812 (NVIDIA): DGX-A100 8x200G IB all_reduce busbw 192 GB/s of 200",
    alltoallFraction: "placeholder: ring fraction (no Ampere all-to-all measurement found)",
    ...netProtocolSources(NET_PROTOCOL_SOURCE.ampere),
    ...NCCL_LATENCY_SOURCES,
  },
  flagged: ["alltoallFraction"],
};

// HCCL's floor on the 910B: Huawei's own fitted time of a full-mesh AllReduce over 8 dies (hicann/ops-transformer
// mc2/common/op_host/op_tiling/hccl_performance.cpp @0892d120, FITTING_PARAMETER_MAP default key "0_0" = SOC910_B x
// FULL_MESH, "拟合采用8 die通信"), which MC2's fused kernels tile by: 18 us up to 64 KiB of a rank's buffer (a clamp
// below MC2's smallest tile: the fitted parabola gives 14.8 us at zero and 16.5 at 64 KiB), the parabola to 8 MiB,
// then 13.58 us/MiB + 61.5 us. Read as one-shot mesh all-reduce = base + 2 steps: base = 18 - 2 x 0.6 (the step
// latency stays NCCL's, unknown) = 16.8 us, where NCCL's launch is 6.6 us. A fit for tiling decisions, not a benchmark;
// its slope (77 GB/s algorithm bandwidth) matches limulidae's measured 72 GB/s, the ring fraction's source. Between
// 64 KiB and 8 MiB the fit runs up to 1.4x above base + bytes / busbw (1 MiB: 41 against 33 us), not modelled. The base
// is charged to every collective as its launch: reduce-scatter and all-gather read 17.4 us where the file's rule
// (all-reduce = 2 x all-gather) would give ~9 (review 40), and DeepEP's all-to-all kernels, send/recv and the steps
// across nodes pay it too. What else was looked for (no raw hccl_test sweep for 910B or 910C was found):
// docs/research/hccl-latency.md.
const HCCL_910B_ALLREDUCE_FLOOR_US = 18;
const HCCL_910B_BASE_US = HCCL_910B_ALLREDUCE_FLOOR_US - 2 * NCCL_NVLINK_STEP_US;

const ASCEND_910B: DefaultCollectiveEfficiency = {
  profile: "ascend-910b",
  library: "hccl",
  intraBusBwFraction: 0.64,
  interBusBwFraction: 0.97,
  latencyIntraUs: NCCL_NVLINK_STEP_US,
  latencyInterUs: NET_STEP_US,
  baseLatencyUs: HCCL_910B_BASE_US,
  ...HOPPER_NET_PROTOCOL,
  // DeepEP-Ascend's low-latency kernels on one Atlas A2 server, EP8 (sgl-project/sgl-kernel-npu PR #176,
  // test_low_latency output, rank 5): "Dispatch bandwidth: 49.81 GB/s, avg_t=304.60 us | Combine bandwidth:
  // 64.90 GB/s, avg_t=452.38 us" (other ranks 304-325 / 432-453 us). DeepEP's test counts every (token, expert)
  // copy, local ones included, as allToAllS's `bytes` does: 15.2 MB and 29.4 MB. allToAllS over the 7 x 28 GB/s
  // mesh (t = base + step + 7/8 x bytes / (f x 196 GB/s), base + step = 17.4 us) matches the two at f = 0.236 and
  // 0.301: their geometric mean, 0.27, replaces the ring fraction (0.64) it took before (2.5x the measured time). The
  // kernels are DeepEP's, not HCCL calls, but the model charges every collective the base. The test
  // loads all 7 links at once: it bounds the rank's aggregate, not what one link carries alone (EP2 keeps the
  // ring fraction per peer: a 2-card MindIE Qwen3-30B-A3B EP2 prefill read 2.3x slow under 0.26 per link).
  alltoallFraction: 0.27,
  alltoallPeerFraction: 0.64,
  sources: {
    intraBusBwFraction:
      "limulidae README: 8x910B HCCL all_reduce algbw 72 => busbw 126 GB/s of 7 x 28 (196) GB/s unidir",
    interBusBwFraction:
      "placeholder: NVIDIA CX-7 value (no cross-node HCCL measurement found, hardware.md §5.2)",
    alltoallFraction:
      "sgl-kernel-npu PR #176: DeepEP-Ascend low-latency EP8 on one A2 server, dispatch 49.81 GB/s (304.6 us), " +
      "combine 64.90 GB/s (452.4 us); f = 0.236 / 0.301 through allToAllS, geometric mean 0.27",
    alltoallPeerFraction:
      "placeholder: HCCL ring fraction per link (the EP8 measurement bounds only the aggregate)",
    latencyIntraUs: "placeholder: NCCL NVLink value (no HCCL latency measurement found)",
    latencyInterUs: "placeholder: NCCL network value (no HCCL latency measurement found)",
    baseLatencyUs:
      "hicann/ops-transformer hccl_performance.cpp: Huawei's fitted 8-die 910B full-mesh AllReduce, 18 us up to " +
      "64 KB, less two mesh steps of the step placeholder (a fit MC2 tiles by, not a benchmark)",
    ...netProtocolSources(
      `placeholder: NCCL's on Hopper (no cross-node HCCL size sweep found); ${NET_PROTOCOL_SOURCE.hopper}`,
    ),
  },
  flagged: [
    ...NON_NCCL_PLACEHOLDERS.filter((f) => f !== "alltoallFraction" && f !== "baseLatencyUs"),
    "alltoallPeerFraction",
  ],
};

// the 910B's per-link all-to-all placeholder is a mesh's: UB is switched, one rate for a peer and the rank
const { alltoallPeerFraction: _meshPeer, ...ASCEND_910B_SWITCHED } = ASCEND_910B;
const { alltoallPeerFraction: _meshPeerSource, ...ASCEND_910B_SOURCES } = ASCEND_910B.sources;

const ASCEND_910C: DefaultCollectiveEfficiency = {
  ...ASCEND_910B_SWITCHED,
  profile: "ascend-910c",
  // DeepEP-Ascend on CM384 (sgl-project/sgl-kernel-npu README): EP16..EP64 dispatch/combine 81-107 GB/s per rank,
  // mean 96.5; HCCL ranks are dies (hardware.md §5.5), so per-rank UB is 392/2 = 196 GB/s => 0.49.
  alltoallFraction: 0.49,
  sources: {
    ...ASCEND_910B_SOURCES,
    intraBusBwFraction: "placeholder: 910B HCCL ring fraction (no 910C/UB all-reduce measurement found)",
    // the same file's A3 entry ("2_1", DOUBLE_RING) is 250 us flat to 2 MiB and carries ~248 us at every size above:
    // far from the 910B's 18 and from any other HCCL figure, not used as a latency
    baseLatencyUs: "placeholder: the 910B's HCCL floor (no 910C small-message figure found)",
    alltoallFraction:
      "sgl-kernel-npu README: DeepEP-Ascend EP16-64 81-107 GB/s per rank over 196 GB/s per die (0.15-0.37 if " +
      "read per 392 GB/s package)",
  },
  flagged: ["intraBusBwFraction", ...NON_NCCL_PLACEHOLDERS.filter((f) => f !== "alltoallFraction")],
};

const CDNA3: DefaultCollectiveEfficiency = {
  profile: "amd-cdna3",
  library: "rccl",
  intraBusBwFraction: 0.7,
  interBusBwFraction: 0.97,
  latencyIntraUs: NCCL_NVLINK_STEP_US,
  latencyInterUs: NET_STEP_US,
  baseLatencyUs: NCCL_BASE_US,
  ...HOPPER_NET_PROTOCOL,
  alltoallFraction: 0.7,
  sources: {
    intraBusBwFraction:
      "stas00/ml-engineering network/README.md: 8xMI300X all_reduce busbw 312.9 GB/s of 448",
    interBusBwFraction: "placeholder: NVIDIA CX-7 value (no MI300X cross-node measurement found)",
    alltoallFraction: "placeholder: RCCL ring fraction",
    latencyIntraUs: "placeholder: NCCL NVLink value",
    latencyInterUs: "placeholder: NCCL network value",
    baseLatencyUs: "placeholder: NCCL base latency",
    ...netProtocolSources(
      `placeholder: NCCL's on Hopper (no RCCL size sweep found); ${NET_PROTOCOL_SOURCE.hopper}`,
    ),
  },
  flagged: NON_NCCL_PLACEHOLDERS,
};

function placeholder(
  base: DefaultCollectiveEfficiency,
  profile: string,
  why: string,
): DefaultCollectiveEfficiency {
  const sources: Partial<Record<EfficiencyField, string>> = {};
  for (const [field, source] of Object.entries(base.sources)) {
    sources[field as EfficiencyField] = `placeholder (${why}): ${base.profile} value; ${source}`;
  }
  return { ...base, profile, sources, flagged: Object.keys(base.sources) as EfficiencyField[] };
}

/** Every profile by key. hardware.md §6: "For B200/GB200, use the Hopper values and flag them as placeholders". */
const PROFILES: Readonly<Record<string, DefaultCollectiveEfficiency>> = {
  "nvidia-hopper": HOPPER,
  "nvidia-ampere": AMPERE,
  "nvidia-blackwell": placeholder(HOPPER, "nvidia-blackwell", "no Blackwell collective measurement found"),
  "nvidia-ada": placeholder(AMPERE, "nvidia-ada", "PCIe-only part, no NVLink collective data"),
  "ascend-910a": placeholder(ASCEND_910B, "ascend-910a", "no 910A HCCL measurement found"),
  "ascend-910b": ASCEND_910B,
  "ascend-910c": ASCEND_910C,
  "ascend-950": placeholder(ASCEND_910C, "ascend-950", "roadmap part, nothing measured"),
  "amd-cdna3": CDNA3,
  "amd-cdna4": placeholder(CDNA3, "amd-cdna4", "no MI350-series collective measurement found"),
  "google-tpu": placeholder(HOPPER, "google-tpu", "no ICI collective measurement in the research"),
  generic: placeholder(HOPPER, "generic", "unrecognised family"),
};

/** Keys `defaultCollectiveEfficiency` can resolve to. */
export const COLLECTIVE_PROFILES: readonly string[] = Object.keys(PROFILES);

/** Family patterns, checked in order (910C before 910B, Blackwell before Hopper's "h20"). */
const FAMILY_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/blackwell|gb[23]00|b[23]00/, "nvidia-blackwell"],
  [/hopper|gh200|h100|h200|h800|h20/, "nvidia-hopper"],
  [/ampere|a100|a800|a30\b/, "nvidia-ampere"],
  [/\bada\b|l40|l20|l4\b/, "nvidia-ada"],
  [/910c|cloudmatrix|cm384|\ba3\b|800[ti]-a3|900-a3/, "ascend-910c"],
  [/910b\d|910b-|800[ti]-a2|\ba2\b/, "ascend-910b"],
  [/950|960|970/, "ascend-950"],
  [/910a|ascend-910$|ascend910$|\b910\b/, "ascend-910a"],
  [/cdna ?4|mi3[5-9]\d/, "amd-cdna4"],
  [/cdna|mi3\d\d/, "amd-cdna3"],
  [/tpu/, "google-tpu"],
];

/**
 * The sourced default efficiency for a chip family or chip id (`nvidia-hopper`, `nvidia-h100-sxm`,
 * `huawei-ascend-910b2`, `amd-mi300x`, ...). Unrecognised families get the `generic` profile with every field
 * flagged, never an error: the estimate stays possible and says it is a guess.
 * @example defaultCollectiveEfficiency("nvidia-h100-sxm").intraBusBwFraction // 0.82
 */
export function defaultCollectiveEfficiency(family: string): DefaultCollectiveEfficiency {
  const key = family.trim().toLowerCase();
  const direct = PROFILES[key];
  if (direct !== undefined) return direct;
  for (const [pattern, profile] of FAMILY_PATTERNS) {
    if (pattern.test(key)) return PROFILES[profile]!;
  }
  return PROFILES["generic"]!;
}
