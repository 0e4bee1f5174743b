import { describe, expect, it } from "vitest";
import { percentText, shareOfWholeText } from "./percent-text.ts";

describe("percentText()", () => {
  it("percentText() writes a fraction as whole percent, or with the decimals asked", () => {
    expect(percentText(1.084)).toBe("108 %");
    expect(percentText(0.4966, 1)).toBe("49.7 %");
    expect(percentText(0)).toBe("0 %");
  });
});

describe("shareOfWholeText()", () => {
  it("shareOfWholeText() never prints a share short of the whole as 100 % (QA 40)", () => {
    expect(shareOfWholeText(0.997)).toBe("99.7 %");
    expect(shareOfWholeText(0.9999)).toBe("99.9 %");
    expect(shareOfWholeText(0.994)).toBe("99 %");
    expect(shareOfWholeText(1)).toBe("100 %");
    expect(shareOfWholeText(1.031)).toBe("103 %");
  });
});
