import { FleetcastError } from "../errors.ts";
import type { CollectiveEfficiency } from "./collective-efficiency.ts";

/** Scale-up topology kinds (research/hardware.json `scaleup_topology`). */
export type ScaleUpKind = "switch" | "full-mesh" | "supernode" | "torus" | "pcie" | "none";

/**
 * What the collective model needs to know about a chip's fabrics. The catalog's `Chip` satisfies it structurally.
 * Bandwidths follow research/hardware.md §1: GB/s unidirectional, aggregate over all links of one chip, and the
 * most one chip can send to one peer (1/7 of the aggregate on switchless 8-chip meshes).
 */
export interface FabricSpec {
  readonly id?: string;
  readonly family: string;
  /** Collective ranks per chip package: 2 for the two-die 910C (HCCL ranks are dies, hardware.md §5.5). */
  readonly ranksPerChip: number;
  readonly scaleUp: {
    readonly name: string;
    readonly kind: ScaleUpKind;
    /** Chips reachable without a NIC: 8 (HGX, 910B mesh), 72 (NVL72), 384 (CloudMatrix), 4 (910A). */
    readonly domainSize: number;
    readonly chipGBpsUnidir: number | null;
    readonly peerGBpsUnidir: number | null;
  };
  readonly scaleOut: {
    /** NIC line rate per chip, gigabits per second. */
    readonly chipGbps: number | null;
  };
}

/**
 * A chip's fabrics reduced to the per-rank numbers the cost functions read: bytes per second and seconds,
 * efficiencies already applied. Build it once per chip with `fabricOf`; the cost functions only read it.
 */
export interface Fabric {
  readonly kind: ScaleUpKind;
  /** Ranks in one scale-up domain: domainSize x ranksPerChip. */
  readonly domainRanks: number;
  /** True for switchless meshes, where r ranks of a domain reach each other over r-1 direct links only. */
  readonly isMesh: boolean;
  /** Achievable ring bus bandwidth of one rank over the scale-up fabric, B/s (0 when unknown). */
  readonly intraBps: number;
  /** Achievable bandwidth from one rank to one peer of its domain, B/s (equals intraBps on switched fabrics). */
  readonly peerBps: number;
  /** Achievable NIC bandwidth of one rank, B/s (0 when unknown or absent). */
  readonly interBps: number;
  /** All-to-all bandwidth of one rank inside the domain, B/s (aggregate; meshes cap it per peer below). */
  readonly alltoallIntraBps: number;
  /** All-to-all bandwidth of one rank to one mesh peer, B/s. */
  readonly alltoallPeerBps: number;
  /** In-switch-reduction all-reduce algorithm bandwidth, B/s; 0 when the fabric has none. */
  readonly nvlsAlgBps: number;
  readonly baseS: number;
  readonly alphaIntraS: number;
  readonly alphaInterS: number;
  readonly nvlsS: number;
  /** Full mid-size protocol cost of an all-reduce crossing the network (CollectiveEfficiency.netProtocolUs), s. */
  readonly netProtocolMaxS: number;
  /** The buffer at which half of netProtocolMaxS is paid, bytes (> 0). */
  readonly netProtocolHalfBytes: number;
  /** Spec fields that were null: the costs that need them come out as Infinity. */
  readonly unknown: readonly string[];
}

const GB = 1e9;
const US = 1e-6;

function fail(path: string, value: unknown, rule: string): never {
  throw new FleetcastError(`Cannot build fabric: ${path} is ${String(value)} (${rule})`, path);
}

function positiveInteger(path: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) fail(path, value, "must be a positive integer");
  return value;
}

function bandwidth(path: string, value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value <= 0) fail(path, value, "must be a positive number or null");
  return value;
}

function fraction(path: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 1) fail(path, value, "must be in (0, 1]");
  return value;
}

/** The protocol switch's half size: required with a cost, else 1 (unread: no cost is charged). */
function halfBytes(eff: CollectiveEfficiency): number {
  const value = eff.netProtocolHalfBytes;
  if (value === undefined) {
    if ((eff.netProtocolUs ?? 0) > 0) fail("netProtocolHalfBytes", value, "needed with netProtocolUs");
    return 1;
  }
  if (!Number.isFinite(value) || value <= 0)
    fail("netProtocolHalfBytes", value, "must be a positive number of bytes");
  return value;
}

function latency(path: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    fail(path, value, "must be a non-negative number of microseconds");
  return value;
}

/**
 * Builds the per-rank fabric the collective cost functions take. A 910C package counts as two ranks, each with
 * half of the package's UB and NIC bandwidth. On a full mesh without a per-peer figure the peer link is
 * derived as aggregate / (domainSize - 1) (hardware.md §1: "a single pair gets 1/7 of the aggregate").
 * @throws FleetcastError when a count, bandwidth, fraction or latency is out of range.
 * @example fabricOf(h100, defaultCollectiveEfficiency("nvidia-hopper")).intraBps // 369e9
 */
export function fabricOf(chip: FabricSpec, eff: CollectiveEfficiency): Fabric {
  const ranksPerChip = positiveInteger("ranksPerChip", chip.ranksPerChip);
  const domainSize = positiveInteger("scaleUp.domainSize", chip.scaleUp.domainSize);
  const chipGBps = bandwidth("scaleUp.chipGBpsUnidir", chip.scaleUp.chipGBpsUnidir);
  let peerGBps = bandwidth("scaleUp.peerGBpsUnidir", chip.scaleUp.peerGBpsUnidir);
  const nicGbps = bandwidth("scaleOut.chipGbps", chip.scaleOut.chipGbps);
  const intraFraction = fraction("intraBusBwFraction", eff.intraBusBwFraction);
  const interFraction = fraction("interBusBwFraction", eff.interBusBwFraction);
  const alltoallFraction = fraction("alltoallFraction", eff.alltoallFraction ?? eff.intraBusBwFraction);
  const alltoallPeerFraction = fraction("alltoallPeerFraction", eff.alltoallPeerFraction ?? alltoallFraction);
  const nvlsFraction =
    eff.nvlsAlgBwFraction === undefined ? 0 : fraction("nvlsAlgBwFraction", eff.nvlsAlgBwFraction);

  const isMesh = chip.scaleUp.kind === "full-mesh";
  const unknown: string[] = [];
  if (chipGBps === null && domainSize > 1) unknown.push("scaleUp.chipGBpsUnidir");
  if (nicGbps === null) unknown.push("scaleOut.chipGbps");
  if (peerGBps === null) {
    // Switched fabrics give every pair the full per-chip rate; meshes split it over domainSize - 1 links.
    if (chipGBps !== null) peerGBps = isMesh && domainSize > 1 ? chipGBps / (domainSize - 1) : chipGBps;
  }

  const perRank = (gbps: number | null) => (gbps === null ? 0 : (gbps * GB) / ranksPerChip);
  const chipBps = perRank(chipGBps);
  const peerBps = perRank(peerGBps);
  return {
    kind: chip.scaleUp.kind,
    domainRanks: domainSize * ranksPerChip,
    isMesh,
    intraBps: intraFraction * chipBps,
    peerBps: intraFraction * Math.min(peerBps, chipBps),
    interBps: nicGbps === null ? 0 : (interFraction * nicGbps * GB) / 8 / ranksPerChip,
    alltoallIntraBps: alltoallFraction * chipBps,
    alltoallPeerBps: alltoallPeerFraction * Math.min(peerBps, chipBps),
    nvlsAlgBps: nvlsFraction * chipBps,
    baseS: latency("baseLatencyUs", eff.baseLatencyUs ?? 0) * US,
    alphaIntraS: latency("latencyIntraUs", eff.latencyIntraUs) * US,
    alphaInterS: latency("latencyInterUs", eff.latencyInterUs) * US,
    nvlsS: latency("nvlsLatencyUs", eff.nvlsLatencyUs ?? 0) * US,
    netProtocolMaxS: latency("netProtocolUs", eff.netProtocolUs ?? 0) * US,
    netProtocolHalfBytes: halfBytes(eff),
    unknown,
  };
}
