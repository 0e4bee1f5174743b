import { describe, expect, it } from "vitest";
import { adviceLine, formatCount } from "./render.ts";

describe("adviceLine()", () => {
  it("joins message and hint as two sentences, the hint capitalised", () => {
    expect(adviceLine({ message: "TTFT missed", hint: "raise the limit" })).toBe(
      "TTFT missed. Raise the limit",
    );
  });

  it("adds no second full stop after a message that ends a sentence, and drops an empty hint", () => {
    expect(adviceLine({ message: "Too slow.", hint: "add chips" })).toBe("Too slow. Add chips");
    expect(adviceLine({ message: "Too slow", hint: " " })).toBe("Too slow");
  });
});

describe("formatCount()", () => {
  it("formatCount() writes a count as it is typed, trailing zeros dropped (review 34: 15.00T, 671.0B)", () => {
    expect(formatCount(15e12)).toBe("15T");
    expect(formatCount(14.8e12)).toBe("14.8T");
    expect(formatCount(671.03e9)).toBe("671B");
    expect(formatCount(37.56e9)).toBe("37.6B");
    expect(formatCount(124.4e6)).toBe("124.4M");
    expect(formatCount(4096)).toBe("4.1K");
    expect(formatCount(12.345)).toBe("12.35");
  });
});
