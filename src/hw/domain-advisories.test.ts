import { describe, expect, it } from "vitest";
import { ASCEND_910B2, CLOUDMATRIX_384, H100 } from "./_reference-chips.ts";
import { placementAdvisories, tpDomainAdvisory } from "./domain-advisories.ts";
import { placeGroups } from "./place-groups.ts";

describe("tpDomainAdvisory()", () => {
  it("names the TP degree, the domain and the chip when TP exceeds the NVLink domain", () => {
    const a = tpDomainAdvisory(16, H100);
    expect(a?.code).toBe("tp_exceeds_scale_up_domain");
    expect(a?.message).toBe(
      "TP=16 exceeds the 8-chip NVLink domain of nvidia-h100-sxm: its all-reduces cross the scale-out network",
    );
    expect(a?.hint).toContain("legal but slow");
    expect(a?.hint).toContain("~50 GB/s per chip instead of ~450");
  });

  it("counts ranks (dies) on the two-die 910C", () => {
    expect(tpDomainAdvisory(1024, CLOUDMATRIX_384)?.message).toBe(
      "TP=1024 exceeds the 768-rank (384-chip) UB domain of huawei-cloudmatrix-384: its all-reduces cross the scale-out network",
    );
  });

  it("returns null when TP fits", () => {
    expect(tpDomainAdvisory(8, H100)).toBeNull();
  });
});

describe("placementAdvisories()", () => {
  it("warns that TP=2 on a 910B mesh uses one of seven HCCS links", () => {
    const advisories = placementAdvisories(
      placeGroups({ tp: 2, cp: 1, ep: 1, dp: 4, pp: 1 }, 8),
      ASCEND_910B2,
    );
    expect(advisories.map((a) => a.code)).toEqual(["tp_partial_mesh"]);
    expect(advisories[0]?.message).toBe(
      "TP=2 uses 1 of 7 direct links in the 8-chip HCCS domain of huawei-ascend-910b2",
    );
  });

  it("is empty for TP=8 on an HGX node, and reports straddling groups", () => {
    expect(placementAdvisories(placeGroups({ tp: 8, cp: 1, ep: 1, dp: 4, pp: 2 }, 8), H100)).toEqual([]);
    const codes = placementAdvisories(placeGroups({ tp: 3, cp: 1, ep: 1, dp: 8, pp: 1 }, 8), H100).map(
      (a) => a.code,
    );
    expect(codes).toEqual(["group_straddles_domain"]);
  });
});
