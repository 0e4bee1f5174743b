import { FleetcastError } from "../errors.ts";

/** A plan's parallel degrees. World = tp x cp x dp x pp; EP is carved out of dp x cp (Megatron-Core MoE). */
export interface ParallelDegrees {
  readonly tp: number;
  readonly cp: number;
  readonly ep: number;
  readonly dp: number;
  readonly pp: number;
}

/** Where one kind of group lands. */
export interface PlacedGroup {
  /** Members of one group. */
  readonly size: number;
  /** Distance in global rank between consecutive members. */
  readonly strideRanks: number;
  /** Members sharing one scale-up domain (worst group when groups straddle domains). */
  readonly ranksPerDomain: number;
  /** Domains one group touches. */
  readonly domainsSpanned: number;
  /** True when the group's traffic crosses the scale-out network. */
  readonly crossesScaleOut: boolean;
  /** False when some groups straddle a domain boundary unevenly (ranksPerDomain is then the worst case, 1). */
  readonly aligned: boolean;
}

/** Every communicating group of a plan. Each entry can be passed as the `group` of `collectiveTimeS`. */
export interface GroupPlacement {
  readonly worldRanks: number;
  readonly domainRanks: number;
  /** Tensor parallel: activations all-reduce / reduce-scatter + all-gather (sequence parallel). */
  readonly tp: PlacedGroup;
  /** Context parallel: ring attention K/V exchange. */
  readonly cp: PlacedGroup;
  /** Expert parallel: token all-to-all (dispatch and combine). */
  readonly ep: PlacedGroup;
  /** Data parallel (without CP). */
  readonly dp: PlacedGroup;
  /** Data x context parallel: where dense-parameter gradients are reduced (Megatron's dp-cp group). */
  readonly dpCp: PlacedGroup;
  /** Expert data parallel: where expert gradients are reduced (dp x cp / ep members). */
  readonly edp: PlacedGroup;
  /** The whole pipeline of one model replica. */
  readonly pp: PlacedGroup;
  /** Two consecutive pipeline stages (send/recv of activations): worst pair, size 1 when pp = 1. */
  readonly ppNeighbour: PlacedGroup;
  /** False when any group straddles domains unevenly. */
  readonly aligned: boolean;
}

function degree(name: keyof ParallelDegrees, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new FleetcastError(
      `Cannot place groups: degrees.${name} is ${String(value)} (must be a positive integer)`,
      `degrees.${name}`,
    );
  }
  return value;
}

/**
 * Where a family of groups of `size` members at `stride` lands in domains of `domainRanks` consecutive ranks.
 * Groups tile the world in blocks of stride x size ranks, so when the block and the domain nest (one divides the
 * other, and the stride divides the domain) every group has the same share of each domain it touches.
 */
function placeGroup(size: number, stride: number, domainRanks: number, worldRanks: number): PlacedGroup {
  const span = stride * size;
  let r: number;
  let aligned = true;
  if (size <= 1 || worldRanks <= domainRanks) {
    r = size;
  } else if (stride >= domainRanks) {
    r = 1; // members are at least one domain apart: one per domain
  } else if (span <= domainRanks) {
    aligned = domainRanks % span === 0;
    r = aligned ? size : 1;
  } else {
    aligned = domainRanks % stride === 0 && span % domainRanks === 0;
    r = aligned ? domainRanks / stride : 1;
  }
  return {
    size,
    strideRanks: stride,
    ranksPerDomain: r,
    domainsSpanned: Math.ceil(size / r),
    crossesScaleOut: r < size,
    aligned,
  };
}

/**
 * Places a plan's groups in Megatron-Core rank order: tp fastest, then cp, then dp, then pp
 * (megatron/core/parallel_state.py, order "tp-cp-ep-dp-pp"); expert layers re-read the tp x cp x dp ranks as
 * tp, ep, edp (expert tensor parallel = tp), so an EP group is ep consecutive ranks at stride tp. Domains hold
 * `domainRanks` consecutive ranks (domainSize x ranksPerChip).
 * @throws FleetcastError when a degree is not a positive integer or ep does not divide dp x cp.
 * @example placeGroups({ tp: 8, cp: 1, ep: 8, dp: 16, pp: 4 }, 8).ep.crossesScaleOut // true
 */
export function placeGroups(degrees: ParallelDegrees, domainRanks: number): GroupPlacement {
  const tp = degree("tp", degrees.tp);
  const cp = degree("cp", degrees.cp);
  const ep = degree("ep", degrees.ep);
  const dp = degree("dp", degrees.dp);
  const pp = degree("pp", degrees.pp);
  if (!Number.isInteger(domainRanks) || domainRanks < 1) {
    throw new FleetcastError(
      `Cannot place groups: domainRanks is ${String(domainRanks)} (must be a positive integer)`,
      "domainRanks",
    );
  }
  if ((dp * cp) % ep !== 0) {
    throw new FleetcastError(
      `Cannot place groups: degrees.ep is ${ep} (must divide dp x cp = ${dp * cp})`,
      "degrees.ep",
    );
  }
  const world = tp * cp * dp * pp;
  const stageRanks = tp * cp * dp;
  const pipeline = placeGroup(pp, stageRanks, domainRanks, world);
  const neighbourSize = pp > 1 ? 2 : 1;
  const neighbourTogether = pipeline.ranksPerDomain === pp;
  const ppNeighbour: PlacedGroup = {
    size: neighbourSize,
    strideRanks: stageRanks,
    ranksPerDomain: neighbourTogether ? neighbourSize : 1,
    domainsSpanned: neighbourTogether ? 1 : neighbourSize,
    crossesScaleOut: !neighbourTogether && neighbourSize > 1,
    aligned: pipeline.aligned,
  };
  const groups = {
    tp: placeGroup(tp, 1, domainRanks, world),
    cp: placeGroup(cp, tp, domainRanks, world),
    ep: placeGroup(ep, tp, domainRanks, world),
    dp: placeGroup(dp, tp * cp, domainRanks, world),
    dpCp: placeGroup(dp * cp, tp, domainRanks, world),
    edp: placeGroup((dp * cp) / ep, tp * ep, domainRanks, world),
    pp: pipeline,
  };
  const aligned =
    groups.tp.aligned &&
    groups.cp.aligned &&
    groups.ep.aligned &&
    groups.dp.aligned &&
    groups.dpCp.aligned &&
    groups.edp.aligned &&
    pipeline.aligned;
  return { worldRanks: world, domainRanks, ...groups, ppNeighbour, aligned };
}
