import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTextFile } from "./read-text-file.ts";

describe("readTextFile()", () => {
  const dir = mkdtempSync(join(tmpdir(), "fleetcast-read-"));

  it("readTextFile() returns a file's text", () => {
    const file = join(dir, "a.txt");
    writeFileSync(file, "hello");
    expect(readTextFile(file, "case file")).toBe("hello");
  });

  it("readTextFile() says in words why a path cannot be read: missing, a directory", () => {
    expect(() => readTextFile(join(dir, "none.json"), "case file")).toThrow(
      `Cannot read case file ${join(dir, "none.json")}: no such file`,
    );
    expect(() => readTextFile(dir, "chip catalog")).toThrow(
      `Cannot read chip catalog ${dir}: it is a directory`,
    );
  });
});
