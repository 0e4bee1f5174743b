import { CHIP_FAMILIES as CATALOG_FAMILIES, type ChipFamily } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import type { Assumption } from "./assumption.ts";

/** What a failure rate is counted per: one accelerator, one server (node), or the whole job. */
export type FailureScope = "chip" | "node" | "job";

/** The chip families the reliability model knows: the catalog's (`Chip.family`), as a tuple for zod enums. */
export const CHIP_FAMILIES = CATALOG_FAMILIES as readonly [ChipFamily, ...ChipFamily[]];
export type { ChipFamily };

/** Low or high failure-rate reading; the two differ only where the sources leave a range. */
export const RATE_SCENARIOS = ["low", "high"] as const;
export type RateScenario = (typeof RATE_SCENARIOS)[number];

/**
 * Where the job runs. `dedicated`: a pre-training run that owns its nodes, bad nodes drained as they fail (Llama 3,
 * ByteRobust's job; the default). `shared`: one job among many of a shared research cluster, as Kokolis et al.
 * measured jobs on Meta's RSC clusters, failing ~3.4x as often per node as those clusters' node failure rate.
 */
export const CLUSTER_KINDS = ["dedicated", "shared"] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/** One Poisson failure process of a job (fail-stop unless `silent`). */
export interface FailureComponent {
  /** snake_case cause name, the key of `interruptionsByCause`. */
  readonly cause: string;
  readonly scope: FailureScope;
  /** Rate per unit of `scope` per hour (per chip-hour, node-hour or job-hour). */
  readonly failuresPerUnitHour: number;
  /** True when recovery needs a replacement node (a spare, or a wait for repair). */
  readonly replacesNode: boolean;
  /** Silent data corruption: found only later, rolling back to a checkpoint before the corruption. */
  readonly silent: boolean;
  readonly source: string;
  readonly kind: "sourced" | "assumption";
}

export interface FailureRateSet {
  readonly family: ChipFamily;
  readonly scenario: RateScenario;
  /** A dedicated run's rates, or a shared research cluster's job (the dedicated set plus its shared term). */
  readonly cluster: ClusterKind;
  readonly components: readonly FailureComponent[];
  /** Period of planned maintenance interruptions (firmware, kernel upgrades); null when none. */
  readonly plannedMaintenanceIntervalH: number | null;
  readonly assumptions: readonly Assumption[];
}

// Llama 3 (arXiv 2407.21783, §3.3.4, Table 5): 419 unexpected interruptions of one job on 16,384 H100
// (2,048 nodes of 8) over a 54-day snapshot. Exposure: 16,384 × 54 × 24 = 21,233,664 GPU-hours,
// 2,048 × 1,296 = 2,654,208 node-hours, and 1,296 job-hours.
const LLAMA3_GPU_HOURS = 16_384 * 54 * 24;
const LLAMA3_NODE_HOURS = 2_048 * 54 * 24;
const LLAMA3_SOURCE = "Llama 3, arXiv 2407.21783, Table 5 (54 days, 16,384 H100, 419 unexpected)";

// Table 5 counts grouped by component. Accelerator: faulty GPU 148 + GPU SRAM 19 + GPU system processor 17
// + GPU thermal interface/sensor 6 = 190. HBM3: 72. Host: unplanned host maintenance 32 + SSD 3 + power
// supply 3 + chassis 2 + IO expansion board 2 + CPU 2 + system memory 2 = 46. NIC: 7 (one 400 Gb/s NIC per
// GPU on Grand Teton, so counted per chip). Switch/cable: 35 (fabric grows with nodes). NCCL watchdog
// timeouts: 7. Software bug 54 + dependency 2 = 56. Silent data corruption: 6. Sum 419.
const LLAMA3_COUNTS = {
  accelerator: 190,
  hbm: 72,
  host: 46,
  nic: 7,
  network_switch: 35,
  collective_timeout: 7,
  software: 56,
  silent_data_corruption: 6,
} as const;

// Llama 3 §3.3.4: 47 planned interruptions (firmware, kernel upgrades) in the 54 days, so one every
// 1,296 / 47 = 27.6 h (the text also says "at least one training interruption daily").
const LLAMA3_PLANNED_INTERVAL_H = (54 * 24) / 47;

/** The H100 set: every Table 5 row, as a rate per the unit it scales with. */
function hopperComponents(softwareMultiplier = 1, hardwareMultiplier = 1): FailureComponent[] {
  const perChip = (n: number) => (n / LLAMA3_GPU_HOURS) * hardwareMultiplier;
  const perNode = (n: number) => (n / LLAMA3_NODE_HOURS) * hardwareMultiplier;
  const c = LLAMA3_COUNTS;
  const src = (rows: string) => `${LLAMA3_SOURCE}: ${rows}`;
  return [
    {
      cause: "accelerator",
      scope: "chip",
      failuresPerUnitHour: perChip(c.accelerator),
      replacesNode: true,
      silent: false,
      source: src("faulty GPU 148, SRAM 19, system processor 17, thermal 6"),
      kind: "sourced",
    },
    {
      cause: "hbm",
      scope: "chip",
      failuresPerUnitHour: perChip(c.hbm),
      replacesNode: true,
      silent: false,
      source: src("GPU HBM3 72"),
      kind: "sourced",
    },
    {
      cause: "host",
      scope: "node",
      failuresPerUnitHour: perNode(c.host),
      replacesNode: true,
      silent: false,
      source: src("unplanned host maintenance 32, SSD 3, PSU 3, chassis 2, IO board 2, CPU 2, DRAM 2"),
      kind: "sourced",
    },
    {
      cause: "nic",
      scope: "chip",
      failuresPerUnitHour: perChip(c.nic),
      replacesNode: true,
      silent: false,
      source: src("NIC 7 (one NIC per GPU)"),
      kind: "sourced",
    },
    {
      cause: "network_switch",
      scope: "node",
      failuresPerUnitHour: perNode(c.network_switch),
      replacesNode: false,
      silent: false,
      source: src("network switch/cable 35, scaled per node"),
      kind: "sourced",
    },
    {
      cause: "collective_timeout",
      scope: "node",
      failuresPerUnitHour: (c.collective_timeout / LLAMA3_NODE_HOURS) * softwareMultiplier,
      replacesNode: false,
      silent: false,
      source: src("NCCL watchdog timeouts 7, scaled per node"),
      kind: "sourced",
    },
    {
      // Scope: Table 5 cannot split per-job from per-rank software faults. A per-job rate of 56/1,296 h
      // would give every 8-GPU job an MTTI of 23 h, against 47.7 days measured by Meta for 8-GPU jobs
      // (Kokolis et al., HPCA 2025, Fig. 7), so the software rows are scaled per node.
      cause: "software",
      scope: "node",
      failuresPerUnitHour: (c.software / LLAMA3_NODE_HOURS) * softwareMultiplier,
      replacesNode: false,
      silent: false,
      source: src("software bug 54, dependency 2, scaled per node (per-job would contradict 8-GPU MTTF)"),
      kind: softwareMultiplier === 1 ? "sourced" : "assumption",
    },
    {
      cause: "silent_data_corruption",
      scope: "chip",
      failuresPerUnitHour: perChip(c.silent_data_corruption),
      replacesNode: true,
      silent: true,
      source: src("silent data corruption 6"),
      kind: "sourced",
    },
  ];
}

/** An H100 (Llama 3) rate taken for another family, labelled as the assumption it is there. */
function reusedFromHopper(c: FailureComponent): FailureComponent {
  return { ...c, kind: "assumption", source: `ASSUMPTION: H100 rate reused (${c.source})` };
}

/** The Table 5 rows not tied to the accelerator hardware: software bugs and dependencies, NCCL watchdog timeouts. */
const LLAMA3_SOFTWARE_CAUSES: readonly string[] = ["software", "collective_timeout"];

// Kokolis et al., "Revisiting Reliability in Large-Scale ML Research Clusters", HPCA 2025 (arXiv
// 2410.21680), §IV: cluster node failure rate r_f = 6.50 (RSC-1) and 2.34 (RSC-2) per 1,000 node-days,
// counting NODE_FAIL and critical health-check failures of A100 nodes (8 GPUs per node).
const RSC1_RF_PER_NODE_HOUR = 6.5e-3 / 24;
const RSC2_RF_PER_NODE_HOUR = 2.34e-3 / 24;
// Llama 3 Table 5's software rows (bug 54, dependency 2) and NCCL watchdog timeouts (7), per node-hour: the only
// sourced software failure rate of a dedicated run, borrowed by families whose sources count hardware only.
const LLAMA3_SOFTWARE_PER_NODE_HOUR =
  (LLAMA3_COUNTS.software + LLAMA3_COUNTS.collective_timeout) / LLAMA3_NODE_HOURS;
// Same paper, Fig. 7 text: measured job MTTF 47.7 days at 8 GPUs (1 node) and 7.9 h at 1,024 GPUs
// (128 nodes), i.e. 8.735e-4 and 9.889e-4 job failures per node-hour: 3.2× and 3.6× r_f. Both are nearly
// linear in nodes, so the missing failures scale per node, not per job (a per-job term that fits the
// 8-GPU point leaves the 1,024-GPU MTTF at 28 h). The per-node rate of all job failures is taken as the
// geometric mean of the two, sqrt(8.735e-4 × 9.889e-4) = 9.294e-4 per node-hour (22.3 per 1,000
// node-days). These are jobs of a shared research cluster (many short jobs, nodes re-allocated after
// failures); dedicated pre-training runs on A100 imply 2.1 to >= 15.1 unexpected interruptions per 1,000 node-days
// (data/holdout/reliability.json), straddling r_f rather than the job rate. What a shared-cluster job sees beyond
// a dedicated run's rates is the "shared-cluster job failures" term below, fitted on those two points and added
// only for `shared`: on Ampere the measured job rate less the reading's own r_f and the software rows (so both
// readings give the measured 22.3), elsewhere the same excess over Ampere's high dedicated rate.
const RSC_ALL_JOB_FAILURES_PER_NODE_HOUR = Math.sqrt((1 / (47.7 * 24)) * (1 / (128 * 7.9)));
const RSC_SOURCE = "Kokolis et al., HPCA 2025 (arXiv 2410.21680)";

/** The extra job failures of a shared research cluster (Kokolis Fig. 7), per node; reused as an assumption off Ampere. */
function sharedClusterComponent(family: ChipFamily, scenario: RateScenario): FailureComponent {
  const measured = family === "nvidia-ampere";
  const rf = measured && scenario === "low" ? RSC2_RF_PER_NODE_HOUR : RSC1_RF_PER_NODE_HOUR;
  const rfText = rf === RSC2_RF_PER_NODE_HOUR ? "r_f 2.34 (RSC-2)" : "r_f 6.50 (RSC-1)";
  return {
    cause: "shared_cluster_job_failures",
    scope: "node",
    failuresPerUnitHour: RSC_ALL_JOB_FAILURES_PER_NODE_HOUR - rf - LLAMA3_SOFTWARE_PER_NODE_HOUR,
    replacesNode: false,
    silent: false,
    source: `${measured ? "" : "ASSUMPTION: Meta's A100 research clusters' excess reused: "}${RSC_SOURCE} Fig. 7: measured job MTTF 47.7 d at 8 GPUs and 7.9 h at 1,024 GPUs (22.3 per 1,000 node-days, geometric mean), less ${rfText} and Llama 3's software rows; fitted`,
    // on Ampere fitted on Meta's measured A100 job MTTFs; elsewhere a rate measured on other chips
    kind: measured ? "sourced" : "assumption",
  };
}

function ampereComponents(scenario: RateScenario): FailureComponent[] {
  const rf = scenario === "high" ? RSC1_RF_PER_NODE_HOUR : RSC2_RF_PER_NODE_HOUR;
  return [
    {
      cause: "node_hardware",
      scope: "node",
      failuresPerUnitHour: rf,
      replacesNode: true,
      silent: false,
      source: `${RSC_SOURCE} §IV: r_f ${scenario === "high" ? "6.50 (RSC-1)" : "2.34 (RSC-2)"} per 1,000 node-days`,
      kind: "sourced",
    },
    // Llama 3's software and NCCL-timeout rows: the only sourced software rate of a dedicated run
    ...hopperComponents()
      .filter((c) => LLAMA3_SOFTWARE_CAUSES.includes(c.cause))
      .map(reusedFromHopper),
  ];
}

// Huawei's June 2025 disclosures (as relayed by Chinese media, vendor claim): hardware "MTBF over 24 hours",
// scoped to a 384-NPU CloudMatrix supernode in some reports and to "large-scale clusters" in others;
// 98% training availability is claimed for a 10,000-card cluster. reliability.md §4.2 and §4.6.
const HUAWEI_MTBF_H = 24;
const CLOUDMATRIX_NPUS = 384;
const WANKA_CLUSTER_NPUS = 10_000;
// H100 hardware rows (every Table 5 row but software and NCCL timeouts): 356 of 419, per GPU-hour (node
// rows spread over the 8 GPUs of a node, so the per-chip equivalent holds at 8 chips per node).
const H100_HARDWARE_PER_CHIP_HOUR =
  (LLAMA3_COUNTS.accelerator +
    LLAMA3_COUNTS.hbm +
    LLAMA3_COUNTS.nic +
    LLAMA3_COUNTS.silent_data_corruption +
    LLAMA3_COUNTS.host +
    LLAMA3_COUNTS.network_switch) /
  LLAMA3_GPU_HOURS;

function ascendSet(family: ChipFamily, scenario: RateScenario): FailureRateSet {
  const scopeChips = scenario === "high" ? CLOUDMATRIX_NPUS : WANKA_CLUSTER_NPUS;
  const perChipHour = 1 / (HUAWEI_MTBF_H * scopeChips);
  const hardwareMultiplier = perChipHour / H100_HARDWARE_PER_CHIP_HOUR;
  // No software failure rate is published for CANN/MindSpore; 1× (low) and 2× (high) the H100 software
  // rows is a choice, the 2× standing for reports of frequent crashes and buggy CANN (FT, Sept 2024 and
  // Aug 2025; reliability.md §4.1), which carry no number.
  const softwareMultiplier = scenario === "high" ? 2 : 1;
  const components = hopperComponents(softwareMultiplier, hardwareMultiplier).map((c) => ({
    ...c,
    kind: "assumption" as const,
    source:
      c.cause === "software" || c.cause === "collective_timeout"
        ? `ASSUMPTION: H100 rate × ${softwareMultiplier} (${c.source})`
        : `ASSUMPTION: Huawei "hardware MTBF > 24 h" read per ${scopeChips} NPUs, split by H100 Table 5 shares`,
  }));
  return {
    family,
    scenario,
    cluster: "dedicated",
    components,
    plannedMaintenanceIntervalH: LLAMA3_PLANNED_INTERVAL_H,
    assumptions: [
      {
        name: "ascend_hardware_mtbf_scope",
        value: scopeChips,
        unit: "NPUs per 24 h MTBF",
        source:
          scenario === "high"
            ? 'Huawei June 2025 claim "MTBF over 24 h" read per 384-NPU CloudMatrix supernode (vendor claim, scope ambiguous; with Huawei\'s own "98 % availability" on 10,000 cards it would leave ~1 min per fault: read it as Huawei\'s claims not holding at scale, as DeepSeek reportedly found; docs/research/ascend-reliability.md)'
            : 'Huawei June 2025 claim "MTBF over 24 h" read per 10,000-card cluster (vendor claim, scope ambiguous; an operator\'s claim, TeleAI Sept 2024: 1.5 interruptions a week on a ~10,000-card cluster, all causes, lies lower still; docs/research/ascend-reliability.md)',
        kind: "assumption",
      },
      {
        name: "ascend_hardware_failures_per_chip_year",
        value: perChipHour * 8766,
        unit: "failures/chip-year",
        source: `derived: 8,766 h / (24 h × ${scopeChips}); H100 hardware rate is ${(H100_HARDWARE_PER_CHIP_HOUR * 8766).toFixed(3)}`,
        kind: "assumption",
      },
      {
        name: "ascend_software_rate_multiplier",
        value: softwareMultiplier,
        unit: "× H100 software rows",
        source: "no published Ascend software failure rate; FT reports of crashes (vendor/news, no number)",
        kind: "assumption",
      },
      {
        name: "planned_maintenance_interval_h",
        value: LLAMA3_PLANNED_INTERVAL_H,
        unit: "h",
        source: "Llama 3 §3.3.4 practice (47 planned in 54 days) borrowed for Ascend",
        kind: "assumption",
      },
    ],
  };
}

// The low reading of Hopper rates: ByteDance's three-month dense 70B+ job on 9,600 Hopper GPUs (Wan et al.,
// ByteRobust, SOSP 2025, arXiv 2509.16293, Table 4 "Dense": 128 explicit failures + 15 implicit (hangs, MFU
// declines) + 12 rollbacks = 155 unexpected interruptions; the 20 hot-update restarts for code changes left out as
// planned) over ~90 days on 1,200 machines: 1.44 per 1,000 node-days, against Llama 3's 419 over 54 days on 2,048
// (3.79). Every Llama 3 component is scaled by the ratio (the job's causes are not split the same way).
const BYTEROBUST_PER_NODE_DAY = 155 / (1_200 * 90);
const LLAMA3_PER_NODE_DAY = 419 / (2_048 * 54);
export const HOPPER_LOW_RATE_RATIO = BYTEROBUST_PER_NODE_DAY / LLAMA3_PER_NODE_DAY;

function hopperSet(family: ChipFamily, scenario: RateScenario): FailureRateSet {
  const borrowed = family !== "nvidia-hopper";
  // the low reading is a Hopper measurement: families that borrow H100 rates keep Llama 3's in both readings
  const low = scenario === "low" && !borrowed;
  const ratio = low ? HOPPER_LOW_RATE_RATIO : 1;
  const components = hopperComponents(ratio, ratio).map((c) =>
    borrowed
      ? reusedFromHopper(c)
      : low
        ? {
            ...c,
            kind: "sourced" as const,
            source: `${c.source} x ${ratio.toFixed(3)} (low reading: ByteRobust's 9,600-GPU Hopper job, 1.44 unexpected interruptions per 1,000 node-days against Llama 3's 3.79; arXiv 2509.16293 Table 4)`,
          }
        : c,
  );
  const assumptions: Assumption[] = [
    {
      name: "planned_maintenance_interval_h",
      value: LLAMA3_PLANNED_INTERVAL_H,
      unit: "h",
      source: "Llama 3 §3.3.4: 47 planned interruptions (firmware, kernel) in 54 days",
      kind: "sourced",
    },
  ];
  if (borrowed) {
    assumptions.unshift({
      name: "failure_rates_borrowed",
      value: "nvidia-hopper",
      unit: "rate set",
      source: `no published per-component failure rates for ${family}; H100 rates (Llama 3 Table 5) reused`,
      kind: "assumption",
    });
  } else {
    assumptions.unshift({
      name: "failure_rate_scenario",
      value: low ? "low: ByteRobust's job rate" : "high: Llama 3's",
      unit: "",
      source: low
        ? `Llama 3 Table 5's per-component shares scaled by ${ratio.toFixed(3)} to ByteDance's three-month 9,600-GPU dense job (ByteRobust, SOSP 2025, Table 4: 155 unexpected interruptions in ~90 days on 1,200 machines)`
        : "Llama 3 Table 5 (419 unexpected interruptions in 54 days on 16,384 H100), the only per-component H100 count; the low reading is ByteRobust's job rate",
      kind: "sourced",
    });
  }
  return {
    family,
    scenario,
    cluster: "dedicated",
    components,
    plannedMaintenanceIntervalH: LLAMA3_PLANNED_INTERVAL_H,
    assumptions,
  };
}

function ampereSet(scenario: RateScenario): FailureRateSet {
  return {
    family: "nvidia-ampere",
    scenario,
    cluster: "dedicated",
    components: ampereComponents(scenario),
    plannedMaintenanceIntervalH: LLAMA3_PLANNED_INTERVAL_H,
    assumptions: [
      {
        name: "planned_maintenance_interval_h",
        value: LLAMA3_PLANNED_INTERVAL_H,
        unit: "h",
        source:
          "Llama 3 §3.3.4 practice (47 planned in 54 days) borrowed for Ampere: no A100 run publishes a rate of planned interruptions",
        kind: "assumption",
      },
    ],
  };
}

/**
 * A rate set for one job of a shared research cluster: the dedicated set plus Kokolis's shared-cluster job
 * failures per node, and no planned maintenance interruptions (the scheduler drains nodes between jobs; Kokolis's
 * job MTTFs count failures only).
 */
function sharedClusterSet(set: FailureRateSet): FailureRateSet {
  return {
    ...set,
    cluster: "shared",
    components: [...set.components, sharedClusterComponent(set.family, set.scenario)],
    plannedMaintenanceIntervalH: null,
    assumptions: [
      ...set.assumptions.filter((a) => a.name !== "planned_maintenance_interval_h"),
      {
        name: "planned_maintenance_interval_h",
        value: "none",
        unit: "",
        source:
          "shared research cluster: nodes drained between jobs (Kokolis Fig. 7 job MTTFs count failures only)",
        kind: "assumption",
      },
    ],
  };
}

/**
 * The failure processes of a chip family under a scenario, for a dedicated run or a shared-cluster job. NVIDIA
 * Hopper: Llama 3 Table 5 (sourced; its low reading scaled to ByteDance's ByteRobust job rate); Ampere: Meta's
 * research clusters' node failure rate r_f (sourced) with Llama 3's software rows; Ascend: labelled assumptions from
 * Huawei's "MTBF > 24 h" read per supernode (high) or per 10,000-card cluster (low); every other family borrows the
 * H100 rates as an assumption. A `shared` cluster adds Kokolis's measured job failures beyond r_f.
 */
export function failureRateSet(
  family: string,
  scenario: RateScenario = "high",
  cluster: ClusterKind = "dedicated",
): FailureRateSet {
  if (!(CHIP_FAMILIES as readonly string[]).includes(family)) {
    throw new FleetcastError(
      `Cannot pick failure rates: chip_family is "${family}", expected one of ${CHIP_FAMILIES.join(", ")}`,
      "chip_family",
    );
  }
  if (!RATE_SCENARIOS.includes(scenario)) {
    throw new FleetcastError(
      `Cannot pick failure rates: scenario is "${String(scenario)}", expected ${RATE_SCENARIOS.join(" or ")}`,
      "scenario",
    );
  }
  if (!CLUSTER_KINDS.includes(cluster)) {
    throw new FleetcastError(
      `Cannot pick failure rates: cluster is "${String(cluster)}", expected ${CLUSTER_KINDS.join(" or ")}`,
      "cluster",
    );
  }
  const f = family as ChipFamily;
  const set =
    f === "nvidia-ampere"
      ? ampereSet(scenario)
      : f.startsWith("ascend-")
        ? ascendSet(f, scenario)
        : hopperSet(f, scenario);
  return cluster === "shared" ? sharedClusterSet(set) : set;
}
