import { describe, expect, it } from "vitest";
import { num, signed } from "./format.ts";

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

describe("signed()", () => {
  it("signed() writes the sign of a difference, none for zero and a dash for unknown", () => {
    expect(signed(12.44)).toBe("+12.4");
    expect(signed(-35, " pts")).toBe("−35 pts");
    expect(signed(1.25e6, "", true)).toBe("+$1.25M");
    expect(signed(-4e5, "", true)).toBe("−$0.4M");
    expect(signed(0, " pts")).toBe("0 pts");
    expect(signed(0, "", true)).toBe("$0");
    expect(signed(null)).toBe("–");
  });
});
