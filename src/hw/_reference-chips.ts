import type { FabricSpec } from "./fabric.ts";

// Fabric fields of research/hardware.json (scaleup_* / scaleout_*), for tests. Not exported from index.ts: the
// catalog owns chips. A800 is not in hardware.json: A100 with NVLink cut to 200 GB/s unidirectional (its
// scaleup_note: "China variant A800 cut to 400 GB/s bidirectional (200 unidirectional)").

export const H100: FabricSpec = {
  id: "nvidia-h100-sxm",
  family: "nvidia-hopper",
  ranksPerChip: 1,
  scaleUp: {
    name: "NVLink 4 + NVSwitch (gen3)",
    kind: "switch",
    domainSize: 8,
    chipGBpsUnidir: 450,
    peerGBpsUnidir: 450,
  },
  scaleOut: { chipGbps: 400 },
};

export const H800: FabricSpec = {
  ...H100,
  id: "nvidia-h800-sxm",
  scaleUp: {
    ...H100.scaleUp,
    name: "NVLink 4 (reduced) + NVSwitch",
    chipGBpsUnidir: 200,
    peerGBpsUnidir: 200,
  },
};

export const A100: FabricSpec = {
  id: "nvidia-a100-sxm-80gb",
  family: "nvidia-ampere",
  ranksPerChip: 1,
  scaleUp: {
    name: "NVLink 3 + NVSwitch (gen2)",
    kind: "switch",
    domainSize: 8,
    chipGBpsUnidir: 300,
    peerGBpsUnidir: 300,
  },
  scaleOut: { chipGbps: 200 },
};

export const A800: FabricSpec = {
  ...A100,
  id: "nvidia-a800",
  scaleUp: { ...A100.scaleUp, chipGBpsUnidir: 200, peerGBpsUnidir: 200 },
};

export const GB200: FabricSpec = {
  id: "nvidia-gb200-nvl72-per-gpu",
  family: "nvidia-blackwell",
  ranksPerChip: 1,
  scaleUp: {
    name: "NVLink 5 + NVLink Switch trays",
    kind: "switch",
    domainSize: 72,
    chipGBpsUnidir: 900,
    peerGBpsUnidir: 900,
  },
  scaleOut: { chipGbps: 400 },
};

export const ASCEND_910B2: FabricSpec = {
  id: "huawei-ascend-910b2",
  family: "ascend-910b",
  ranksPerChip: 1,
  scaleUp: {
    name: "HCCS (7 links per chip)",
    kind: "full-mesh",
    domainSize: 8,
    chipGBpsUnidir: 196,
    peerGBpsUnidir: 28,
  },
  scaleOut: { chipGbps: 200 },
};

export const CLOUDMATRIX_384: FabricSpec = {
  id: "huawei-cloudmatrix-384",
  family: "ascend-910c",
  ranksPerChip: 2,
  scaleUp: {
    name: "UB plane (two-tier Clos of UB switches, optical)",
    kind: "supernode",
    domainSize: 384,
    chipGBpsUnidir: 392,
    peerGBpsUnidir: 392,
  },
  scaleOut: { chipGbps: 400 },
};

export const MI300X: FabricSpec = {
  id: "amd-mi300x",
  family: "amd-cdna3",
  ranksPerChip: 1,
  scaleUp: {
    name: "Infinity Fabric / xGMI (7 links)",
    kind: "full-mesh",
    domainSize: 8,
    chipGBpsUnidir: 448,
    peerGBpsUnidir: 64,
  },
  scaleOut: { chipGbps: 400 },
};

export const ASCEND_910A: FabricSpec = {
  id: "huawei-ascend-910a",
  family: "ascend-910a",
  ranksPerChip: 1,
  scaleUp: {
    name: "HCCS (3 ports x 240 Gb/s) within a 4-NPU group",
    kind: "full-mesh",
    domainSize: 4,
    chipGBpsUnidir: null,
    peerGBpsUnidir: null,
  },
  scaleOut: { chipGbps: 100 },
};
