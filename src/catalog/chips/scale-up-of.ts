import type { Chip, ChipEntry, ScaleUpKind } from "./chip-schema.ts";

/**
 * Fabric-description patterns, tried in order on "scaleup_name scaleup_topology" (lowercase).
 * Order matters: the 910B topology reads "full mesh (no switch)", so meshes are tried before switches, and the
 * 910C reads "UB switches", so the UB supernode is tried before switches too. Sources: research/hardware.md §1
 * ("Domain size", "per-peer"), §3 (910B HCCS full mesh, MI300X xGMI mesh, CloudMatrix UB Clos, TPU ICI torus).
 */
const KIND_PATTERNS: readonly (readonly [ScaleUpKind, RegExp])[] = [
  ["torus", /torus|\bici\b/],
  // the Atlas 350 card bridge links 2 or 4 cards point to point (3 ports each for 4 cards): a small mesh
  ["full-mesh", /full(y connected)? mesh|\bmesh\b|bridge/],
  ["supernode", /\bub\b|lingqu|cloudmatrix|supernode|superpod|clos/],
  ["switch", /nvswitch|nvlink switch|switch/],
];

/** The scale-up description of a chip, and the notes on what was derived to fill it. */
export interface ScaleUpResult {
  scaleUp: Chip["scaleUp"];
  /** Field name → how a value was derived or guessed here. */
  uncertain: Record<string, string>;
}

/**
 * Derives the scale-up fabric of an entry: its kind (explicit `scaleup_kind`, else from the fabric text),
 * domain size, and per-peer bandwidth. Per-peer is taken from the entry when given; for switched fabrics
 * (switch, supernode) it equals the per-chip rate; for a full mesh without one it is derived as
 * chip / (domain - 1) and flagged.
 * @example scaleUpOf(ascend910b2).scaleUp.peerGBpsUnidir // 28 = 196 / 7
 */
export function scaleUpOf(entry: ChipEntry): ScaleUpResult {
  const uncertain: Record<string, string> = {};
  let domainSize = entry.scaleup_domain_size ?? 1;
  if (entry.scaleup_domain_size === null) {
    uncertain["scaleup_domain_size"] = "unknown in the entry; taken as 1 (no scale-up fabric)";
  }
  let kind = entry.scaleup_kind ?? kindFromText(entry, domainSize, uncertain);
  let chipGBpsUnidir = entry.scaleup_GBps_per_chip_unidir;
  if (kind === "none" && entry.scaleup_kind === undefined && isPcieCard(entry)) {
    // A PCIe card without NVLink still reaches the other cards of its server over PCIe (NCCL P2P through the
    // PCIe switches or the host): the server is its scale-up domain, 8 cards as NVIDIA's PCIe-optimised reference
    // servers hold them ("2-8-5": 2 CPUs, 8 GPUs, 5 NICs; docs.nvidia.com/ai-enterprise/reference-architecture,
    // compute node hardware), each at its PCIe link rate: the entry's, else PCIe 4.0 x16's 31.5 GB/s a direction
    // (16 GT/s x 16 lanes x 128/130; the Ada cards' host interface), flagged
    kind = "pcie";
    domainSize = PCIE_SERVER_CARDS;
    uncertain["scaleup_domain_size"] =
      `${PCIE_SERVER_CARDS}: the cards of one PCIe server (NVIDIA's PCIe-optimised reference servers), reached over PCIe; assumption`;
    if (chipGBpsUnidir === null) {
      chipGBpsUnidir = PCIE4_X16_GBPS;
      uncertain["scaleup_GBps_per_chip_unidir"] =
        `${PCIE4_X16_GBPS}: PCIe 4.0 x16, 16 GT/s x 16 lanes x 128/130 one way (the link rate is not in the entry); assumption`;
    }
  }
  let peerGBpsUnidir = entry.scaleup_GBps_per_peer_unidir;
  if (peerGBpsUnidir === null && chipGBpsUnidir !== null) {
    if (kind === "switch" || kind === "supernode" || kind === "pcie") {
      // research/hardware.md §6: per-pair bandwidth inside a switched node is the full link
      peerGBpsUnidir = chipGBpsUnidir;
    } else if (kind === "full-mesh" && domainSize > 1) {
      // research/hardware.md §1: in a switchless mesh one pair gets 1/(n-1) of the aggregate (910B: 196/7)
      peerGBpsUnidir = chipGBpsUnidir / (domainSize - 1);
      uncertain["scaleup_GBps_per_peer_unidir"] =
        `derived here: per-chip ${chipGBpsUnidir} GB/s / (domain ${domainSize} - 1) for a full mesh`;
    }
  }
  return {
    scaleUp: {
      name: entry.scaleup_name,
      kind,
      domainSize,
      chipGBpsUnidir,
      chipGBpsBidir:
        entry.scaleup_GBps_per_chip_bidir ??
        (kind === "pcie" && chipGBpsUnidir !== null ? 2 * chipGBpsUnidir : null),
      peerGBpsUnidir,
      topology: entry.scaleup_topology,
    },
    uncertain,
  };
}

// --- internal ---

const PCIE_SERVER_CARDS = 8;
const PCIE4_X16_GBPS = 31.5;

/** An entry that names PCIe as its only link ("none (PCIe only)", "PCIe switch / host bridge", a PCIe form factor). */
function isPcieCard(entry: ChipEntry): boolean {
  const text =
    `${entry.scaleup_name ?? ""} ${entry.scaleup_topology ?? ""} ${entry.form_factor ?? ""}`.toLowerCase();
  return /\bpcie\b/.test(text) && (entry.scaleup_domain_size ?? 1) <= 1;
}

function kindFromText(entry: ChipEntry, domainSize: number, uncertain: Record<string, string>): ScaleUpKind {
  const name = (entry.scaleup_name ?? "").toLowerCase();
  if (domainSize <= 1 || name.startsWith("none")) return "none";
  const haystack = `${name} ${entry.scaleup_topology ?? ""}`.toLowerCase();
  for (const [kind, pattern] of KIND_PATTERNS) {
    if (pattern.test(haystack)) return kind;
  }
  uncertain["scaleup_kind"] =
    `fabric '${haystack.trim() || "unnamed"}' not recognised; assumed a switch (every pair at the per-chip rate)`;
  return "switch";
}
