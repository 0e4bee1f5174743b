import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { parseCases } from "./parse-cases.ts";

const trainText = readFileSync(new URL("../../data/cases/train.json", import.meta.url), "utf8");
const trainCases = JSON.parse(trainText) as Record<string, unknown>[];
const first = trainCases[0] as Record<string, unknown>;

/** The error parseCases throws for `value` (as JSON text), or a failure if it does not throw one. */
function errorOf(text: string): FleetcastError {
  try {
    parseCases(text, "cases.json");
  } catch (error) {
    if (error instanceof FleetcastError) return error;
    throw error;
  }
  throw new Error("parseCases accepted the input");
}

function withChange(change: (c: Record<string, unknown>) => void, index = 3): string {
  const copy = structuredClone(trainCases);
  change(copy[index] as Record<string, unknown>);
  return JSON.stringify(copy);
}

describe("parseCases()", () => {
  it("parseCases() reads a whole file and one bare case", () => {
    expect(parseCases(trainText, "train.json")).toHaveLength(34);
    const one = parseCases(JSON.stringify(first), "one.json");
    expect(one.map((c) => c.id)).toEqual([first.id]);
  });

  it("parseCases() names the index, field path, value and case id of a negative seq_len", () => {
    const error = errorOf(
      withChange((c) => {
        (c.train as Record<string, unknown>).seq_len = -1;
      }),
    );
    expect(error.message).toMatch(
      /^Cannot read cases\.json: \[3\]\.train\.seq_len must be > 0, got -1 \(case "[^"]+"\)$/,
    );
    expect(error.path).toBe("[3].train.seq_len");
  });

  it("parseCases() rejects a negative chip count", () => {
    const error = errorOf(
      withChange((c) => {
        (c.hardware as Record<string, unknown>).count = -8;
      }),
    );
    expect(error.message).toContain("[3].hardware.count must be > 0, got -8");
  });

  it("parseCases() rejects a wrong kind, listing the kinds", () => {
    const error = errorOf(withChange((c) => Object.assign(c, { kind: "inference" })));
    expect(error.message).toContain(
      '[3].kind must be one of "train", "serve", "reliability", got "inference"',
    );
  });

  it("parseCases() rejects an observed throughput of 0, naming the case id and field path", () => {
    const error = errorOf(withChange((c) => Object.assign(c, { observed: { tokens_per_s_per_chip: 0 } })));
    const id = String(trainCases[3]?.id);
    expect(error.message).toBe(
      `Cannot read cases.json: [3].observed.tokens_per_s_per_chip must be > 0, got 0 (case "${id}")`,
    );
    expect(error.path).toBe("[3].observed.tokens_per_s_per_chip");
  });

  it("parseCases() rejects an unknown metric name", () => {
    const error = errorOf(withChange((c) => Object.assign(c, { observed: { mfu: 0.4, tokens_per_sec: 9 } })));
    expect(error.message).toContain('[3].observed has unknown key "tokens_per_sec"');
  });

  it("parseCases() rejects text that is not JSON, and truncated JSON, on one line", () => {
    for (const text of ["not json", trainText.slice(0, 500), ""]) {
      const error = errorOf(text);
      expect(error.message).toMatch(/^Cannot read cases\.json: not valid JSON \(/);
      expect(error.message).not.toContain("\n");
    }
  });

  it("parseCases() names a pasted config.json without a name by its _name_or_path or model_type (review 19)", () => {
    const bare = (extra: Record<string, unknown>) =>
      withChange((c) => {
        const { name: _drop, ...model } = c.model as Record<string, unknown>;
        c.model = { ...model, ...extra };
      });
    expect(parseCases(bare({ _name_or_path: "my-org/my-70b" }), "cases.json")[3]?.model?.name).toBe(
      "my-org/my-70b",
    );
    const typed = parseCases(bare({}), "cases.json")[3]?.model;
    expect(typed?.name).toBe(typed?.model_type);
  });

  it("parseCases() lists every problem of a file at once, an empty text said as empty (review 19)", () => {
    const text = withChange((c) => {
      (c.source as Record<string, unknown>).url = "";
      (c.hardware as Record<string, unknown>).count = -1;
    });
    const message = errorOf(text).message;
    expect(message).toMatch(/\[3\]\.source\.url must not be empty \(case "[^"]+"\);/);
    expect(message).toMatch(/\[3\]\.hardware\.count must be > 0, got -1/);
  });

  it("parseCases() rejects a JSON scalar", () => {
    expect(errorOf("42").message).toBe(
      "Cannot read cases.json: expected a JSON array of cases or one case object, got 42",
    );
  });

  it("parseCases() rejects an id used twice in one file", () => {
    const text = JSON.stringify([first, first]);
    expect(errorOf(text).message).toContain(`[1].id "${String(first.id)}" repeats the id of [0]`);
  });

  it("parseCases() returns cases or throws a one-line FleetcastError for any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseCases(JSON.stringify(value), "x.json");
        } catch (error) {
          expect(error).toBeInstanceOf(FleetcastError);
          expect((error as Error).message).not.toContain("\n");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("parseCases() returns cases or throws a FleetcastError when any field of a real case is replaced", () => {
    const paths: string[][] = [];
    const walk = (v: unknown, at: string[]) => {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        for (const [k, child] of Object.entries(v)) {
          paths.push([...at, k]);
          walk(child, [...at, k]);
        }
      }
    };
    walk(first, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(first);
        let at = copy as Record<string, unknown>;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[path[path.length - 1] as string] = value;
        try {
          parseCases(JSON.stringify(copy), "x.json");
        } catch (error) {
          expect(error).toBeInstanceOf(FleetcastError);
          expect((error as Error).message).not.toContain("\n");
        }
      }),
      { numRuns: 300 },
    );
  });
});
