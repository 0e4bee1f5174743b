import { describe, expect, it } from "vitest";
import { percentText } from "./percent-text.ts";

describe("percentText()", () => {
  it("percentText() writes a fraction as whole percent, or with the decimals asked", () => {
    expect(percentText(1.084)).toBe("108 %");
    expect(percentText(0.4966, 1)).toBe("49.7 %");
    expect(percentText(0)).toBe("0 %");
  });
});
