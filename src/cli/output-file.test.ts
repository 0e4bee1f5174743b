import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "./output-file.ts";

const dir = mkdtempSync(join(tmpdir(), "fleetcast-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkOutputPath()", () => {
  it("checkOutputPath() names a missing directory and a path that is a directory", () => {
    expect(() => checkOutputPath("/nonexistent-dir/r.md", "report")).toThrowError(
      /Cannot write the report \/nonexistent-dir\/r\.md: directory \/nonexistent-dir does not exist/,
    );
    expect(() => checkOutputPath(dir, "profile")).toThrowError(/it is a directory/);
    expect(() => checkOutputPath(join(dir, "ok.json"), "profile")).not.toThrow();
  });
});

describe("writeOutputFile()", () => {
  it("writeOutputFile() writes, and turns a file-system failure into a FleetcastError", () => {
    writeOutputFile(join(dir, "a.md"), "hi", "report");
    expect(readFileSync(join(dir, "a.md"), "utf8")).toBe("hi");
    expect(() => writeOutputFile(dir, "x", "report")).toThrowError(FleetcastError);
  });
});
