import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { defaultChipsPerNode } from "./default-chips-per-node.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;

describe("defaultChipsPerNode()", () => {
  it("is an 8-chip server, or the scale-up domain when that is smaller", () => {
    expect(defaultChipsPerNode(chip("nvidia-h100-sxm"))).toBe(8);
    // rack-scale domains still come in servers of 8
    expect(defaultChipsPerNode(chip("nvidia-gb200-nvl72-per-gpu"))).toBe(8);
    expect(defaultChipsPerNode(chip("huawei-cloudmatrix-384"))).toBe(8);
    expect(defaultChipsPerNode({ scaleUp: { ...chip("nvidia-h100-sxm").scaleUp, domainSize: 4 } })).toBe(4);
  });
});
