import { describe, expect, it } from "vitest";
import { isFleetcastError } from "../../errors.ts";
import { builtinChips } from "./builtin-chips.ts";
import { makeChipCatalog } from "./chip-catalog.ts";
import { parseChipFile } from "./parse-chip-file.ts";

const userFile = `
- id: nvidia-h100-sxm
  name: H100 at our negotiated price
  vendor: NVIDIA
  bf16_dense_tflops: 989.4
  hbm_gb: 80
  price_usd_approx: "22000"
- id: acme-npu-1
  name: Acme NPU 1
  vendor: Acme
  bf16_dense_tflops: 500
`;

describe("makeChipCatalog()", () => {
  it("overrides a built-in chip by id and adds new ones after", () => {
    const catalog = makeChipCatalog(builtinChips(), parseChipFile(userFile, "mine.yaml"));
    expect(catalog.get("nvidia-h100-sxm").priceUsd).toBe(22000);
    expect(catalog.get("nvidia-h100-sxm").name).toBe("H100 at our negotiated price");
    expect(catalog.all().length).toBe(builtinChips().length + 1);
    expect(catalog.all()[1]?.id).toBe("nvidia-h100-sxm");
    expect(catalog.all().at(-1)?.id).toBe("acme-npu-1");
    expect(catalog.has("acme-npu-1")).toBe(true);
  });

  it("leaves the base chips untouched", () => {
    makeChipCatalog(builtinChips(), parseChipFile(userFile, "mine.yaml"));
    expect(makeChipCatalog(builtinChips()).get("nvidia-h100-sxm").priceUsd).toBe(27500);
  });

  it("get() of an unknown id throws a FleetcastError suggesting the nearest ids", () => {
    const catalog = makeChipCatalog(builtinChips());
    let caught: unknown;
    try {
      catalog.get("h100");
    } catch (error) {
      caught = error;
    }
    expect(isFleetcastError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^Cannot find chip 'h100': did you mean nvidia-h100-sxm, /);
    expect(catalog.has("h100")).toBe(false);
  });

  it("get() says so when nothing is near", () => {
    expect(() => makeChipCatalog(builtinChips()).get("zzzzzzzz")).toThrow(/no similar id among 32 chips/);
  });

  it("get() cuts an id far longer than any chip's in its message (QA 30)", () => {
    expect(() => makeChipCatalog(builtinChips()).get("x".repeat(5000))).toThrow(
      new RegExp(`^Cannot find chip '${"x".repeat(80)}\\.\\.\\. \\(5000 characters\\)': `),
    );
  });
  it("makeChipCatalog() finds an id whatever its case, and still suggests on a miss", () => {
    const catalog = makeChipCatalog(builtinChips());
    expect(catalog.get("NVIDIA-H20").id).toBe("nvidia-h20");
    expect(catalog.has("Huawei-Ascend-910C")).toBe(true);
    expect(() => catalog.get("NVIDIA-H2")).toThrow(/^Cannot find chip 'NVIDIA-H2': did you mean/);
  });
});
