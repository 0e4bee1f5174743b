import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// docs/research/README.md: the notes that sources cite as research/<file>, copied verbatim so a user can read them
// (review 34 found citations to files outside the repository).
const ORIGINALS = "/work/shared/research/";
const NOTES = ["hardware.md", "reliability.md"];

describe("research notes", () => {
  it("ships every note the sources cite as research/<file>", () => {
    for (const note of NOTES) {
      const text = readFileSync(new URL(`../docs/research/${note}`, import.meta.url), "utf8");
      expect(text.length).toBeGreaterThan(10_000);
    }
  });

  it.skipIf(!existsSync(ORIGINALS))("keeps them verbatim copies of the project's research notes", () => {
    for (const note of NOTES) {
      expect(readFileSync(new URL(`../docs/research/${note}`, import.meta.url), "utf8")).toBe(
        readFileSync(`${ORIGINALS}${note}`, "utf8"),
      );
    }
  });
});
