import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../../errors.ts";
import { parseChipFile } from "./parse-chip-file.ts";

const minimal = { id: "acme-npu-1", name: "Acme NPU 1", vendor: "Acme", bf16_dense_tflops: 500 };

/** The FleetcastError a call throws (fails the test if it throws anything else or nothing). */
function errorOf(run: () => unknown): FleetcastError {
  try {
    run();
  } catch (error) {
    if (error instanceof FleetcastError) return error;
    throw error;
  }
  throw new Error("expected a FleetcastError");
}

describe("parseChipFile()", () => {
  it("reads one JSON object with only the required fields, defaulting the rest to unknown", () => {
    const [chip] = parseChipFile(JSON.stringify(minimal), "acme.json");
    expect(chip).toMatchObject({ id: "acme-npu-1", family: "other", kind: "accelerator", hbmGB: null });
    expect(chip?.scaleUp).toMatchObject({ kind: "none", domainSize: 1, peerGBpsUnidir: null });
    expect(chip?.uncertain["scaleup_domain_size"]).toMatch(/unknown/);
  });

  it("reads a YAML array and derives a full mesh's per-peer bandwidth, flagged", () => {
    const yaml = `
- id: acme-mesh
  name: Acme Mesh
  vendor: Acme
  bf16_dense_tflops: 300
  scaleup_name: AcmeLink
  scaleup_topology: 4-chip full mesh
  scaleup_domain_size: 4
  scaleup_GBps_per_chip_unidir: 120
`;
    const [chip] = parseChipFile(yaml, "acme.yaml");
    expect(chip?.scaleUp).toMatchObject({ kind: "full-mesh", peerGBpsUnidir: 40 });
    expect(chip?.uncertain["scaleup_GBps_per_peer_unidir"]).toMatch(/derived/);
  });

  it("accepts fleetcast's own family, scaleup_kind and ranks_per_chip fields", () => {
    const text = JSON.stringify({
      ...minimal,
      family: "ascend-910c",
      scaleup_kind: "supernode",
      ranks_per_chip: 3,
    });
    expect(parseChipFile(text, "a.json")[0]).toMatchObject({
      family: "ascend-910c",
      ranksPerChip: 3,
      scaleUp: { kind: "supernode" },
    });
  });

  it("reads the built-in research file itself, as a user would copy it", () => {
    const text = readFileSync(new URL("./data/hardware.json", import.meta.url), "utf8");
    const entries = JSON.parse(text) as { bf16_dense_tflops: number | null }[];
    const withBf16 = JSON.stringify(entries.filter((e) => e.bf16_dense_tflops !== null));
    expect(parseChipFile(withBf16, "copy.json").length).toBe(20);
  });

  it("rejects text that is not JSON, naming the file", () => {
    const error = errorOf(() => parseChipFile("not json", "chips.json"));
    expect(error.message).toMatch(/^Cannot parse chip file 'chips\.json' as JSON: /);
  });

  it("rejects a truncated file", () => {
    const text = JSON.stringify([minimal]).slice(0, 30);
    expect(errorOf(() => parseChipFile(text, "chips.json")).message).toMatch(/Cannot parse chip file/);
  });

  it("rejects a negative HBM size, naming the field path and the value", () => {
    const text = JSON.stringify([minimal, { ...minimal, id: "b", hbm_gb: -80 }]);
    const error = errorOf(() => parseChipFile(text, "chips.json"));
    expect(error.path).toBe("[1].hbm_gb");
    expect(error.message).toMatch(/^Cannot load chip file 'chips\.json': \[1\]\.hbm_gb: .*got -80$/);
  });

  it("names every problem of an entry at once, the first one's path as the error's", () => {
    const text = JSON.stringify({ ...minimal, hbm_gb: -80, hbm_tbps: "fast", tdp_w: -1 });
    const error = errorOf(() => parseChipFile(text, "c.json"));
    expect(error.path).toBe("hbm_gb");
    expect(error.message).toMatch(/^Cannot load chip file 'c\.json': hbm_gb: .*got -80; also /);
    expect(error.message).toMatch(/hbm_tbps: .*got 'fast'/);
    expect(error.message).toMatch(/tdp_w: .*got -1/);
    expect(error.message).not.toMatch(/more\)/);
  });

  it("rejects a field of the wrong type", () => {
    const error = errorOf(() =>
      parseChipFile("id: a\nname: A\nvendor: V\nbf16_dense_tflops: lots\n", "c.yaml"),
    );
    expect(error.path).toBe("bf16_dense_tflops");
    expect(error.message).toMatch(/got 'lots'/);
  });

  it("rejects a misspelt field rather than ignoring it", () => {
    const error = errorOf(() => parseChipFile(JSON.stringify({ ...minimal, hbm_gbs: 80 }), "c.json"));
    expect(error.path).toBe("hbm_gbs");
  });

  it("rejects a nested bad value with its full path", () => {
    const text = JSON.stringify({ ...minimal, measured: [{ metric: "m", value: "fast", unit: "x" }] });
    expect(errorOf(() => parseChipFile(text, "c.json")).path).toBe("measured[0].value");
  });

  it("rejects an inverted cloud price range", () => {
    const text = JSON.stringify({ ...minimal, cloud_usd_per_chip_hour: [5, 2] });
    expect(errorOf(() => parseChipFile(text, "c.json")).path).toBe("cloud_usd_per_chip_hour");
  });

  it("rejects an entry without a 16-bit peak and a repeated id, and takes FP16 where BF16 is missing", () => {
    const noBf16 = JSON.stringify([{ ...minimal, bf16_dense_tflops: null }]);
    expect(errorOf(() => parseChipFile(noBf16, "c.json")).path).toBe("[0].bf16_dense_tflops");
    const fp16Only = JSON.stringify([{ ...minimal, bf16_dense_tflops: null, fp16_dense_tflops: 256 }]);
    expect(parseChipFile(fp16Only, "c.json")[0]?.peakTflops).toMatchObject({ bf16: null, fp16: 256 });
    const twice = JSON.stringify([minimal, minimal]);
    expect(errorOf(() => parseChipFile(twice, "c.json")).message).toMatch(
      /\[1\]\.id 'acme-npu-1' repeats entry \[0\]/,
    );
  });

  it("rejects a file holding a scalar or null", () => {
    expect(errorOf(() => parseChipFile("42", "c.json")).message).toMatch(/expected a chip entry object/);
    expect(errorOf(() => parseChipFile("", "c.yaml")).message).toMatch(/got nothing|got null/);
  });

  it("never throws anything but a FleetcastError on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, asYaml) => {
        try {
          parseChipFile(JSON.stringify(value), asYaml ? "x.yaml" : "x.json");
        } catch (error) {
          return error instanceof FleetcastError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but a FleetcastError when one field of a valid entry is replaced", () => {
    const keys = [
      "hbm_gb",
      "scaleup_domain_size",
      "cloud_usd_per_chip_hour",
      "uncertain",
      "sources",
      "id",
      "family",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        try {
          parseChipFile(JSON.stringify({ ...minimal, [key]: value }), "x.json");
        } catch (error) {
          return error instanceof FleetcastError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
