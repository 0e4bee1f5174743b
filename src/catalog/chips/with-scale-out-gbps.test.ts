import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { withScaleOutGbps } from "./with-scale-out-gbps.ts";

const h20 = builtinChips().find((c) => c.id === "nvidia-h20")!;

describe("withScaleOutGbps()", () => {
  it("sets the NIC line rate where one is given and leaves the chip alone otherwise", () => {
    // research/hardware.json has no scale-out figure for the H20
    expect(h20.scaleOut.chipGbps).toBeNull();
    expect(withScaleOutGbps(h20, 200).scaleOut.chipGbps).toBe(200);
    expect(withScaleOutGbps(h20, 200).scaleOut.nic).toBe(h20.scaleOut.nic);
    expect(withScaleOutGbps(h20, undefined)).toBe(h20);
    expect(withScaleOutGbps(h20, null)).toBe(h20);
  });
});
