import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Case, CaseSchema, type TrainCase } from "./case-schema.ts";
import { RELIABILITY_METRICS, SERVE_METRICS, TRAIN_METRICS } from "./metrics.ts";

const DATA = new URL("../../data/cases/", import.meta.url);
const read = (f: string): Record<string, unknown>[] => JSON.parse(readFileSync(new URL(f, DATA), "utf8"));

describe("CaseSchema", () => {
  // Counts as in the files (data/cases/README.md): 34 train, 38 serve, 3 reliability.
  it.each([
    ["train.json", 34],
    ["serve.json", 38],
    ["reliability.json", 3],
  ])("CaseSchema accepts every case of %s (%i cases)", (file, count) => {
    const raw = read(file);
    expect(raw).toHaveLength(count);
    for (const c of raw) {
      const result = CaseSchema.safeParse(c);
      expect(result.success, `${String(c.id)}: ${result.error?.message}`).toBe(true);
    }
  });

  it("CaseSchema keeps unknown Hugging Face keys of model", () => {
    const [first] = read("train.json");
    const parsed = CaseSchema.parse(first);
    expect(parsed.kind === "train" && parsed.model.rope_theta).toBe(500000);
  });

  it("CaseSchema accepts the nulls the files really use (precision, parallelism fields, zero fsdp)", () => {
    const cases = read("train.json").map((c) => CaseSchema.parse(c) as TrainCase);
    expect(cases.some((c) => c.train.precision === null)).toBe(true);
    expect(cases.some((c) => c.train.parallelism?.zero === "fsdp")).toBe(true);
    expect(cases.some((c) => c.train.parallelism?.tp === null)).toBe(true);
  });

  it("CaseSchema rejects a metric of another kind", () => {
    const [serve] = read("serve.json");
    const bad = { ...serve, observed: { mfu: 0.4 } };
    expect(CaseSchema.safeParse(bad).success).toBe(false);
  });

  it("CaseSchema rejects an mfu above one", () => {
    const [train] = read("train.json");
    expect(CaseSchema.safeParse({ ...train, observed: { mfu: 1.2 } }).success).toBe(false);
  });

  it("metric lists are those of FORMAT.md", () => {
    const format = readFileSync(new URL("FORMAT.md", DATA), "utf8");
    for (const m of [...TRAIN_METRICS, ...SERVE_METRICS, ...RELIABILITY_METRICS])
      expect(format).toContain(`\`${m}\``);
  });

  it("Case narrows on kind", () => {
    expectTypeOf<Extract<Case, { kind: "train" }>>().toEqualTypeOf<TrainCase>();
  });
});
