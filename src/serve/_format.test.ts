import { describe, expect, it } from "vitest";
import { plural } from "./_format.ts";

describe("plural()", () => {
  it("plural() keeps the noun singular for one and adds an s otherwise", () => {
    expect(plural(1, "prompt")).toBe("1 prompt");
    expect(plural(0, "prompt")).toBe("0 prompts");
    expect(plural(320, "client")).toBe("320 clients");
  });
});
