import { describe, expect, it } from "vitest";
import { adviceLine } from "./render.ts";

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
