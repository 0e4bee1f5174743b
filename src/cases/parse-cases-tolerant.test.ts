import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { parseCases } from "./parse-cases.ts";
import { parseCasesTolerant } from "./parse-cases-tolerant.ts";

const serveText = readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8");
const serveCases = JSON.parse(serveText) as Record<string, Record<string, unknown>>[];

/** The serve file with case 0 given fields the format does not define, and case 1 an unknown precision. */
function grownFile(): string {
  const copy = structuredClone(serveCases);
  const a = copy[0]!;
  a.serve!.prefix_cache = true;
  a.observed!.ttft_p99_ms = 500;
  (a as Record<string, unknown>).collector = "someone";
  copy[1]!.serve!.precision = "int4";
  return JSON.stringify(copy);
}

describe("parseCasesTolerant()", () => {
  it("parseCasesTolerant() reads the whole calibration file as parseCases does", () => {
    const r = parseCasesTolerant(serveText, "serve.json");
    expect(r.cases).toEqual(parseCases(serveText, "serve.json"));
    expect(r.rejected).toEqual([]);
    expect(r.ignored).toEqual([]);
  });

  it("parseCasesTolerant() reads a case without the fields the format lacks, and lists them", () => {
    const r = parseCasesTolerant(grownFile(), "grown.json");
    const id = String(serveCases[0]!.id);
    expect(r.cases.map((c) => c.id)).toContain(id);
    expect(
      r.ignored
        .filter((f) => f.id === id)
        .map((f) => f.path)
        .sort(),
    ).toEqual(["collector", "observed.ttft_p99_ms", "serve.prefix_cache"]);
    const read = r.cases.find((c) => c.id === id)!;
    expect("prefix_cache" in (read as { serve: object }).serve).toBe(false);
  });

  it("parseCasesTolerant() rejects only the case that does not fit, naming its field, and reads the rest", () => {
    const r = parseCasesTolerant(grownFile(), "grown.json");
    expect(r.cases).toHaveLength(serveCases.length - 1);
    expect(r.rejected).toEqual([
      {
        file: "grown.json",
        index: 1,
        id: String(serveCases[1]!.id),
        error: 'serve.precision must be one of "bf16", "fp8", "int8", "fp4", got "int4"',
      },
    ]);
    // the strict reader refuses the whole file
    expect(() => parseCases(grownFile(), "grown.json")).toThrow(FleetcastError);
  });

  it("parseCasesTolerant() rejects a repeated id and a case with no known metric left", () => {
    const copy = structuredClone(serveCases.slice(0, 2));
    (copy[1] as Record<string, unknown>).id = (copy[0] as Record<string, unknown>).id;
    const noMetric = structuredClone(serveCases[2]!);
    noMetric.observed = { ttft_p99_ms: 12 };
    const r = parseCasesTolerant(JSON.stringify([...copy, noMetric]), "x.json");
    expect(r.cases).toHaveLength(1);
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2]);
    expect(r.rejected[0]!.error).toMatch(/repeats an earlier case/);
    expect(r.rejected[1]!.error).toMatch(/^observed must hold at least one observed metric/);
  });

  it("parseCasesTolerant() still refuses a file that is not JSON or holds no case objects", () => {
    expect(() => parseCasesTolerant("{", "bad.json")).toThrow(/^Cannot read bad\.json: not valid JSON/);
    expect(() => parseCasesTolerant("42", "n.json")).toThrow(/expected a JSON array of cases/);
  });

  it("parseCasesTolerant() says what a case file is when a lone object is no case (review 34)", () => {
    const lone = parseCasesTolerant(JSON.stringify({ a: 1 }), "o.json");
    expect(lone.rejected[0]!.error).toMatch(
      /^kind is required .*; a case file is a JSON array of cases, or one case object/,
    );
    // a case of a list missing its kind, or a lone case with a wrong kind, is a case with a problem: no such note
    const listed = parseCasesTolerant(JSON.stringify([{ a: 1 }]), "l.json");
    expect(listed.rejected[0]!.error).not.toMatch(/a case file is/);
    const wrongKind = { ...structuredClone(serveCases[0]!), kind: "srve" };
    expect(parseCasesTolerant(JSON.stringify(wrongKind), "w.json").rejected[0]!.error).not.toMatch(
      /a case file is/,
    );
  });
});
