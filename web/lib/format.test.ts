import { describe, expect, it } from "vitest";
import { num } from "./format.ts";

describe("num()", () => {
  it("num() groups thousands, rounds to significant digits, and keeps tiny rates visible", () => {
    expect(num(1916.4)).toBe("1,920");
    expect(num(3584, 7)).toBe("3,584");
    // a NIC failure rate per chip-hour: six fraction digits showed it as 0
    expect(num(2.1e-7)).toBe("2.10e-7");
    expect(num(0)).toBe("0");
    expect(num(null)).toBe("–");
  });
});
