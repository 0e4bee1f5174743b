import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { parseCases } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { caseChipAlias } from "./case-chip-alias.ts";
import { servePredictorOrUndefined } from "./serve-predictor.ts";
import { validateCases } from "./validate-cases.ts";

const chips = makeChipCatalog(builtinChips());

describe("caseChipAlias()", () => {
  it("caseChipAlias() reads an id that names one catalog chip as it, and says so", () => {
    expect(caseChipAlias("nvidia-gb300", chips)?.id).toBe("nvidia-gb300-nvl72-per-gpu");
    expect(caseChipAlias("nvidia-b200", chips)?.id).toBe("nvidia-b200-hgx");
    expect(caseChipAlias("amd-mi355x-288gb", chips)?.id).toBe("amd-mi355x");
    expect(caseChipAlias("h800-sxm", chips)?.id).toBe("nvidia-h800-sxm");
    expect(caseChipAlias("nvidia-gb300", chips)?.assumption).toBe(
      'hardware.chip "nvidia-gb300" read as nvidia-gb300-nvl72-per-gpu, the only catalog chip it names',
    );
  });

  it("caseChipAlias() leaves catalog ids alone and refuses to guess between several or none", () => {
    expect(caseChipAlias("nvidia-h100-sxm", chips)).toBeNull();
    // the SXM and the PCIe part
    expect(caseChipAlias("nvidia-h100", chips)).toBeNull();
    // 910B1 to 910B4
    expect(caseChipAlias("huawei-ascend-910b", chips)).toBeNull();
    expect(caseChipAlias("nvidia-h100-sxm5", chips)).toBeNull();
    expect(caseChipAlias("intel-gaudi3", chips)).toBeNull();
    // another part of the same name (review 22c): the 141 GB H20, the A3 Atlas
    expect(caseChipAlias("nvidia-h20-3e", chips)).toBeNull();
    expect(caseChipAlias("huawei-atlas-800i", chips)).toBeNull();
  });

  it("caseChipAlias() holds a memory size the id states to the part's, taking the same part's other SKU", () => {
    // the 800I A2 and the 910B4 come in 32 and 64 GB: a stated 64 GB is the 64 GB SKU, a stated 32 GB the named one
    expect(caseChipAlias("huawei-atlas-800i-a2-64gb", chips)?.id).toBe("huawei-atlas-800i-a2-64g");
    expect(caseChipAlias("huawei-ascend-910b4-64gb", chips)?.id).toBe("huawei-ascend-910b4-1");
    expect(caseChipAlias("huawei-atlas-800i-a2-32gb", chips)?.id).toBe("huawei-atlas-800i-a2");
    // memory beside a form factor the catalog adds; the catalog's usable 180 GB for a stated 192
    expect(caseChipAlias("nvidia-h200-141gb", chips)?.id).toBe("nvidia-h200-sxm");
    expect(caseChipAlias("nvidia-b200-192gb", chips)?.id).toBe("nvidia-b200-hgx");
    // a size the part is not sold in is another part
    expect(caseChipAlias("nvidia-h20-141gb", chips)).toBeNull();
    expect(caseChipAlias("amd-mi300x-256gb", chips)).toBeNull();
  });

  it("validateCases() predicts a case whose chip id names one catalog chip, the reading said first", () => {
    const cases = parseCases(
      readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
      "serve.json",
    );
    const b200 = cases.find((c) => c.id === "mlperf51-b200x8-llama2-70b-offline")!;
    const profile = builtinProfile();
    const servePredictor = servePredictorOrUndefined(chips, profile)!;
    const run = (chip: string) =>
      validateCases([{ ...b200, hardware: { ...b200.hardware, chip } }], { chips, profile, servePredictor })
        .cases[0]!;
    const aliased = run("nvidia-b200");
    const exact = run("nvidia-b200-hgx");
    expect(aliased.status).toBe("ok");
    expect(aliased.metrics[0]!.predicted).toBe(exact.metrics[0]!.predicted);
    expect(aliased.assumptions?.[0]).toBe(
      'hardware.chip "nvidia-b200" read as nvidia-b200-hgx, the only catalog chip it names',
    );
    expect(run("nvidia-b9000").status).not.toBe("ok");
  });
});
