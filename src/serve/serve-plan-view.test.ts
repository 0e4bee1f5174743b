import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { planServe } from "./plan-serve.ts";
import { instanceView, servePlanJson, servePlanView } from "./serve-plan-view.ts";
import { builtinServeProfile } from "./serve-profile.ts";

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const qwen = importModel(findBuiltinModel("qwen3-8b")!.config).arch;

describe("servePlanView()", () => {
  it("writes a split's prefill TPOT and decode TTFT, and the demand's pools' likewise, as null (review 34)", () => {
    const plan = planServe(
      qwen,
      h100,
      { inputTokens: 2000, outputTokens: 200, demand: { tokensPerDay: 10e9 } },
      builtinServeProfile(),
    );
    // the step model leaves the latency a pool lacks at 0
    expect(plan.disaggregated?.prefill.tpotMs).toBe(0);
    expect(plan.disaggregated?.decode.ttftMs).toBe(0);
    const view = servePlanView(plan);
    expect(view.disaggregated?.prefill.tpotMs).toBeNull();
    expect(view.disaggregated?.decode.ttftMs).toBeNull();
    expect(view.disaggregated?.prefill.ttftMs).toBe(plan.disaggregated?.prefill.ttftMs);
    expect(view.disaggregated?.decode.tpotMs).toBe(plan.disaggregated?.decode.tpotMs);
    // a colocated layout keeps both, and the rest of the plan is the plan's
    expect(view.colocated).toBe(plan.colocated);
    expect(view.alternatives).toBe(plan.alternatives);
    for (const p of view.capacity?.pools ?? []) {
      expect(p.ttftMs === null).toBe(p.role === "decode");
      expect(p.tpotMs === null).toBe(p.role === "prefill");
    }
  });

  it("instanceView() keeps a colocated layout's latencies", () => {
    expect(instanceView({ ttftMs: 5, tpotMs: 7 }, "colocated")).toEqual({ ttftMs: 5, tpotMs: 7 });
    expect(instanceView({ ttftMs: 5, tpotMs: 0 }, "prefill")).toEqual({ ttftMs: 5, tpotMs: null });
    expect(instanceView({ ttftMs: 0, tpotMs: 7 }, "decode")).toEqual({ ttftMs: null, tpotMs: 7 });
  });
});

describe("servePlanJson()", () => {
  it("servePlanJson() echoes the defaults filled in and the weights' precision that reproduces the plan", () => {
    const a100 = builtinChips().find((c) => c.id === "nvidia-a100-sxm-80gb")!;
    const input = { inputTokens: 1000, outputTokens: 100, precision: "fp8" as const };
    const plan = planServe(qwen, a100, input, builtinServeProfile());
    const out = servePlanJson(plan, input, { model: "Qwen3-8B", chip: a100.id });
    // an A100 runs FP8 weights with BF16 GEMMs: the echo keeps fp8 (what reproduces it), the plan says bf16
    expect([out.inputs.precision, out.precision]).toEqual(["fp8", "bf16"]);
    expect(out.inputs).toMatchObject({
      model: "Qwen3-8B",
      chip: a100.id,
      inputTokens: 1000,
      cacheHitRate: 0,
    });
    expect(Object.keys(out)[0]).toBe("inputs");
    expect(out.colocated).toBe(plan.colocated);
  });
});
