import type { Chip } from "../catalog/chips/index.ts";
import type { Region } from "./scenario-schema.ts";

/** How a chip stands in a region: usable, usable only as already-installed stock, or not obtainable. */
export type AdmissionStatus = "admitted" | "installed-base" | "excluded";

/** One supply rule: chips whose id matches `pattern` have `status` in the region, for the reason given. */
export interface SupplyRule {
  pattern: RegExp;
  status: AdmissionStatus;
  reason: string;
  /** Where the rule comes from: the catalog's export-control text and research/hardware.md §7. */
  source: string;
}

export interface RegionRules {
  region: Region;
  /** Vendors whose chips count as domestic there (a pool's `domestic` overrides). */
  domesticVendors: readonly string[];
  rules: readonly SupplyRule[];
  /** Status of chips no rule names. */
  otherwise: AdmissionStatus;
}

export interface Admission {
  status: AdmissionStatus;
  reason: string;
  source: string;
}

const TIMELINE = "research/hardware.md §7 (export-control timeline, China)";

/**
 * Supply rules per region, read off the catalog's `export_control` notes (research/hardware.json) and the
 * timeline in research/hardware.md §7. Data, not code: each rule carries its source. China: Huawei Ascend is
 * domestic (Huawei on the US Entity List since 2019); H800 was cut off by the 17 Oct 2023 rule update, so only
 * stock bought before then is usable (DeepSeek's 2,048 H800, V3 report §3.1); H20 sales resumed mid-2025 under a
 * licence/revenue-share arrangement; H100/A100 need a licence since 2022 ("Not exportable to China since the 2022
 * rules"); Blackwell is not licensed; H200 exports were announced for approved customers on 8 Dec 2025 but
 * Chinese approval is uncertain, so it is excluded here. US: every NVIDIA/AMD part is available; Huawei parts
 * are not (Entity List).
 */
export const REGION_RULES: Readonly<Record<Region, RegionRules>> = {
  china: {
    region: "china",
    domesticVendors: ["Huawei", "Cambricon"],
    rules: [
      {
        pattern: /^(huawei|cambricon)-/,
        status: "admitted",
        reason: "China-domestic product",
        source:
          "catalog export_control of huawei-ascend-910b2/910c: 'Huawei on US Entity List; China-domestic product'",
      },
      {
        pattern: /^nvidia-h800/,
        status: "installed-base",
        reason: "cut off by the 17 Oct 2023 rule update: only stock bought before then",
        source: `catalog export_control of nvidia-h800-sxm ('became non-exportable after the Oct-2023 performance-density/TPP rules'); ${TIMELINE}`,
      },
      {
        pattern: /^nvidia-a800/,
        status: "installed-base",
        reason: "China variant of the A100, cut off in Oct 2023 like the H800: only installed stock",
        source: TIMELINE,
      },
      {
        pattern: /^nvidia-h20\b/,
        status: "admitted",
        reason:
          "designed under the Oct-2023 thresholds; sales resumed mid-2025 under a revenue-share licence",
        source: `catalog export_control of nvidia-h20; ${TIMELINE}`,
      },
      {
        pattern: /^nvidia-(h100|a100|h200|gh200)/,
        status: "excluded",
        reason: "needs a US export licence for China (H100/A100 since 2022; H200 approval uncertain)",
        source: `catalog export_control of nvidia-h100-sxm ('Not exportable to China since the 2022 rules') and nvidia-h200-sxm; ${TIMELINE}`,
      },
      {
        pattern: /^nvidia-(b100|b200|b300|gb200|gb300)/,
        status: "excluded",
        reason: "Blackwell is not licensed for China",
        source: TIMELINE,
      },
      {
        pattern: /^amd-mi3/,
        status: "excluded",
        reason: "MI300-class parts need a US licence (MI308 hit by the Apr 2025 rule)",
        source: `catalog export_control of nvidia-h20 (mentions AMD MI308); ${TIMELINE}`,
      },
    ],
    otherwise: "excluded",
  },
  us: {
    region: "us",
    domesticVendors: ["NVIDIA", "AMD", "Google"],
    rules: [
      {
        pattern: /^huawei-/,
        status: "excluded",
        reason: "Huawei is on the US Entity List",
        source:
          "catalog export_control of huawei-ascend-910b2 ('Huawei is on the US Entity List (since 2019)')",
      },
    ],
    otherwise: "admitted",
  },
  any: { region: "any", domesticVendors: [], rules: [], otherwise: "admitted" },
};

/**
 * Whether a chip can be used in a region, and why.
 * @example chipAdmission("china", h100).status // "excluded"
 */
export function chipAdmission(region: Region, chip: Chip): Admission {
  const rules = REGION_RULES[region];
  for (const rule of rules.rules) {
    if (rule.pattern.test(chip.id)) return { status: rule.status, reason: rule.reason, source: rule.source };
  }
  return {
    status: rules.otherwise,
    reason:
      rules.otherwise === "admitted" ? "no restriction known" : "no supply rule admits it in this region",
    source: TIMELINE,
  };
}

/** Whether a chip counts as domestic in a region by its vendor (a pool's `domestic` field overrides this). */
export function isDomesticVendor(region: Region, chip: Chip): boolean {
  return REGION_RULES[region].domesticVendors.some((v) => v.toLowerCase() === chip.vendor.toLowerCase());
}
