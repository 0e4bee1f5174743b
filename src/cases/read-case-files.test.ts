import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { builtinCasePaths } from "./builtin-case-paths.ts";
import { readCaseFiles } from "./read-case-files.ts";

const dir = mkdtempSync(join(tmpdir(), "fleetcast-cases-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readCaseFiles()", () => {
  it("builtinCasePaths() lists the three absolute case files", () => {
    const paths = builtinCasePaths();
    expect(paths.map((p) => p.split("/").pop())).toEqual(["reliability.json", "serve.json", "train.json"]);
    expect(paths.every((p) => p.startsWith("/"))).toBe(true);
  });

  it("readCaseFiles() reads the built-in cases: 34 train, 38 serve, 3 reliability, ids unique", () => {
    const cases = readCaseFiles(builtinCasePaths());
    const count = (kind: string) => cases.filter((c) => c.kind === kind).length;
    expect([count("train"), count("serve"), count("reliability")]).toEqual([34, 38, 3]);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it("readCaseFiles() rejects an id present in two files, naming both", () => {
    const [train] = builtinCasePaths().filter((p) => p.endsWith("train.json"));
    const copy = join(dir, "copy.json");
    writeFileSync(copy, JSON.stringify(readCaseFiles([train as string]).slice(0, 1)));
    expect(() => readCaseFiles([train as string, copy])).toThrow(FleetcastError);
    expect(() => readCaseFiles([train as string, copy])).toThrow(/is in both .*train\.json and .*copy\.json/);
  });

  it("readCaseFiles() names a missing file", () => {
    expect(() => readCaseFiles([join(dir, "absent.json")])).toThrow(
      /^Cannot read case file .*absent\.json: no such file$/,
    );
  });
});
