import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Case, CaseSchema, type TrainCase } from "./case-schema.ts";
import { COUNT_METRICS, RELIABILITY_METRICS, SERVE_METRICS, TRAIN_METRICS } from "./metrics.ts";

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

  it("CaseSchema reads an unknown source URL or locator and a metric written null as unknown (FORMAT.md)", () => {
    const [first] = read("train.json");
    const source = first!.source as Record<string, unknown>;
    const observed = first!.observed as Record<string, unknown>;
    const noUrl = { ...first, source: { ...source, url: null, locator: undefined } };
    expect(CaseSchema.safeParse(noUrl).success).toBe(true);
    const nullMetric = { ...first, observed: { ...observed, step_time_s: null } };
    const parsed = CaseSchema.parse(nullMetric);
    expect(parsed.observed).not.toHaveProperty("step_time_s");
    // a case whose every metric is null has nothing observed: refused
    const allNull = { ...first, observed: Object.fromEntries(Object.keys(observed).map((k) => [k, null])) };
    expect(CaseSchema.safeParse(allNull).success).toBe(false);
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

  it("CaseSchema accepts an mfu of exactly one and rejects one of zero", () => {
    const [train] = read("train.json");
    expect(CaseSchema.safeParse({ ...train, observed: { mfu: 1 } }).success).toBe(true);
    expect(CaseSchema.safeParse({ ...train, observed: { mfu: 0 } }).success).toBe(false);
  });

  // A throughput, rate or time of 0 is no measurement (calibrate fitted a compute scale of 0.0183 on one).
  const zeroCases: [string, string][] = [
    ...TRAIN_METRICS.map((m): [string, string] => ["train.json", m]),
    ...SERVE_METRICS.map((m): [string, string] => ["serve.json", m]),
    ...RELIABILITY_METRICS.map((m): [string, string] => ["reliability.json", m]),
  ];
  it.each(zeroCases)("CaseSchema in %s reads an observed %s of 0 only for event counts", (file, metric) => {
    const [c] = read(file);
    const result = CaseSchema.safeParse({ ...c, observed: { [metric]: 0 } });
    expect(result.success).toBe(COUNT_METRICS.includes(metric));
    if (!result.success) {
      expect(result.error.issues[0]?.path).toEqual(["observed", metric]);
      expect(result.error.issues[0]?.code).toBe("too_small");
    }
  });

  it("CaseSchema still reads interruptions of 0 next to a positive MTTI", () => {
    const [c] = read("reliability.json");
    const observed = { interruptions: 0, unexpected_interruptions: 0, mtti_hours: 2.5 };
    expect(CaseSchema.safeParse({ ...c, observed }).success).toBe(true);
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
