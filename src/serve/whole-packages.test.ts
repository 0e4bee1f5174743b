import { describe, expect, it } from "vitest";
import { wholePackages } from "./whole-packages.ts";

describe("wholePackages()", () => {
  it("wholePackages() rounds half-package instances up to whole chips and keeps whole counts", () => {
    expect(wholePackages(3 * 0.5)).toBe(2);
    expect(wholePackages(4 * 0.5)).toBe(2);
    expect(wholePackages(256)).toBe(256);
    // float noise on a whole count does not add a chip
    expect(wholePackages(0.1 * 30)).toBe(3);
  });
});
