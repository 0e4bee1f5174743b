import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { describeChip } from "./describe-chip.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;
const row = (rows: [string, string][], label: string) => rows.find(([l]) => l === label)?.[1];

describe("describeChip()", () => {
  it("shows dense peaks with the unit in the label", () => {
    const { rows } = describeChip(chip("nvidia-h100-sxm"));
    expect(row(rows, "BF16 dense (TFLOPS)")).toBe("989.4");
    expect(row(rows, "HBM bandwidth (TB/s)")).toBe("3.35");
    expect(row(rows, "Cloud price (USD per chip-hour)")).toBe("1.99-5.00");
  });

  it("shows unknown values as 'unknown', never 0", () => {
    const { rows } = describeChip(chip("huawei-ascend-910c"));
    expect(row(rows, "TDP (W)")).toBe("unknown");
    expect(row(rows, "FP8 dense (TFLOPS)")).toBe("unknown");
    expect(rows.every(([, value]) => value !== "0" && value !== "" && value !== "null")).toBe(true);
  });

  it("shows the derived per-peer bandwidth of a mesh and the ranks per chip", () => {
    expect(
      row(describeChip(chip("huawei-ascend-910b2")).rows, "Scale-up to one peer, one direction (GB/s)"),
    ).toBe("28");
    expect(row(describeChip(chip("huawei-ascend-910c")).rows, "Ranks per chip")).toBe("2");
  });

  it("adds system rows only for system entries", () => {
    expect(row(describeChip(chip("huawei-cloudmatrix-384")).rows, "System: chips")).toBe("384");
    expect(row(describeChip(chip("nvidia-h100-sxm")).rows, "System: chips")).toBeUndefined();
  });

  it("lists uncertain fields, conflicts, sources and measurements", () => {
    const d = describeChip(chip("nvidia-h800-sxm"));
    expect(d.uncertain).toContain("tdp_w: not verified from NVIDIA");
    expect(d.sources.length).toBe(chip("nvidia-h800-sxm").sources.length);
    expect(d.sources[0]).toMatch(/^\S+: /);
    const h100 = describeChip(chip("nvidia-h100-sxm"));
    expect(h100.conflicts.length).toBe(2);
    expect(row(h100.rows, "Measured: max achievable BF16 matmul (TFLOPS)")).toMatch(/^794\.5 \(/);
  });
});
