import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import { fakeApi } from "../components/_fake-api.ts";
import { exportFile, exportRequests, servePlanExportBody } from "./launch-export.ts";
import { comparisonFixture } from "./test-fixtures.ts";

afterEach(() => vi.unstubAllGlobals());

describe("exportFile()", () => {
  it("exportFile() posts the body to the engine's export and gives its answer as JSON, advisories as notes", async () => {
    const advisory = {
      code: "schedule",
      message: "DualPipe is not a Megatron-LM schedule: exported as 1F1B",
      hint: "",
    };
    const api = fakeApi(() => ({ args: ["--tp", "4"], advisories: [advisory] }));
    const file = await exportFile("megatron", { model: "deepseek-v3" }, "fleetcast-megatron.json");
    expect(api.calls).toEqual([{ path: "/api/export/megatron", body: { model: "deepseek-v3" } }]);
    expect(file).toMatchObject({
      filename: "fleetcast-megatron.json",
      type: "application/json",
      notes: [advisory.message],
    });
    expect(JSON.parse(file.text)).toEqual({ args: ["--tp", "4"], advisories: [advisory] });
  });

  it("exportFile() has no notes when the answer has no advisories", async () => {
    fakeApi(() => ({ args: [] }));
    expect((await exportFile("vllm", {}, "v.json")).notes).toEqual([]);
  });
});

describe("exportRequests()", () => {
  it("exportRequests() picks Megatron for NVIDIA training and vLLM-Ascend for Ascend serving", () => {
    const s = comparisonFixture().strategies[2]!;
    const requests = exportRequests(s, defaultScenario());
    expect(requests.map((r) => r.engine)).toEqual(["megatron", "vllm-ascend"]);
    const [train, serve] = requests;
    expect(train?.body).toMatchObject({
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      count: 1024,
      seq_len: 4096,
    });
    expect(serve?.body).toMatchObject({ tp: 16, ep: 16, max_num_seqs: 64, replicas: 125 });
  });

  it("exportRequests() sends the precision a serving part was priced at, not the scenario's", () => {
    const s = comparisonFixture().strategies[2]!;
    const part = s.serving.parts[0]!;
    const priced = { ...s, serving: { ...s.serving, parts: [{ ...part, precision: "int8" }] } };
    expect(defaultScenario().serving.precision).toBe("fp8");
    expect(exportRequests(priced, defaultScenario())[1]?.body).toMatchObject({ precision: "int8" });
  });

  it("exportRequests() sends the stack the training plan was costed with, so the export costs it on the engine's schedule", () => {
    const s = comparisonFixture().strategies[2]!;
    const part = s.training!.parts[0]!;
    const withStack = { ...s, training: { ...s.training!, parts: [{ ...part, stack_id: "hai-llm" }] } };
    expect(exportRequests(withStack, defaultScenario())[0]?.body).toMatchObject({ stack: "hai-llm" });
    const without = { ...s, training: { ...s.training!, parts: [{ ...part, stack_id: "" }] } };
    expect(exportRequests(without, defaultScenario())[0]?.body).not.toHaveProperty("stack");
  });

  it("exportRequests() launches every serving part, a split one as its prefill and decode pools (review 19)", () => {
    const s = comparisonFixture().strategies[2]!;
    const part = s.serving.parts[0]!;
    const split = {
      ...part,
      mode: "disaggregated",
      prefill_instance: { ...part.instance!, tp: 2, dp_attention: 8, ep: 16, batch: 3.6 },
      instances: { prefill: 4, decode: 9 },
    };
    const h20 = { ...part, pool: "h20", chip: "nvidia-h20" };
    const two = { ...s, serving: { ...s.serving, parts: [split, h20] } };
    const serving = exportRequests(two, defaultScenario()).filter((r) => r.part !== undefined);
    expect(serving.map((r) => [r.engine, r.part])).toEqual([
      ["vllm-ascend", part.pool],
      ["vllm", "h20"],
    ]);
    expect(serving[0]?.body).toMatchObject({
      replicas: 1,
      disaggregation: {
        prefill_instances: 4,
        decode_instances: 9,
        prefill: { tp: 2, dp_attention: 8, ep: 16, max_num_seqs: 4 },
      },
    });
    expect(new Set(serving.map((r) => r.filename)).size).toBe(2);
  });

  it("exportRequests() picks MindSpeed for Ascend training and skips training without a plan", () => {
    const s = comparisonFixture().strategies[1]!;
    expect(exportRequests(s, defaultScenario())[0]?.engine).toBe("mindspeed");
    const noPlan = { ...s, training: { ...s.training!, parts: [{ ...s.training!.parts[0]!, plan: null }] } };
    expect(exportRequests(noPlan, defaultScenario()).map((r) => r.engine)).toEqual(["vllm-ascend"]);
  });
});

describe("servePlanExportBody()", () => {
  const instance = (tp: number, dp: number, ep: number, batch: number) => ({
    tp,
    dp_attention: dp,
    ep,
    chips_per_instance: tp * dp,
    batch,
    tokens_per_s_per_chip: 1,
    ttft_ms: 1,
    tpot_ms: 1,
    kv_capacity_tokens: 1,
    step_ms: {
      dense: 1,
      experts: 1,
      attention: 1,
      kernel_launches: 1,
      communication: 1,
      overhead: 1,
      total: 6,
      micro_batches: 1 as const,
    },
  });
  const pool = (
    role: "prefill" | "decode" | "colocated",
    tp: number,
    dp: number,
    instances: number,
    batch: number,
  ) => ({
    role,
    tp,
    dp_attention: dp,
    ep: tp * dp,
    instances,
    chips_per_instance: tp * dp,
    chips: tp * dp * instances,
    batch,
    tokens_per_s_per_chip: 1,
    ttft_ms: 1,
    tpot_ms: 1,
    load: 0.9,
  });
  const job = {
    model: "deepseek-v3",
    chip: "nvidia-h800-sxm",
    inputTokens: 2000,
    outputTokens: 500,
    precision: "fp8",
  };
  const split = {
    stack: "sglang",
    colocated: instance(1, 32, 32, 50),
    disaggregated: {
      prefill: instance(1, 16, 16, 4),
      decode: instance(1, 32, 32, 60),
      prefill_chips_per_decode_chip: 0.5,
      output_tokens_per_s_per_chip: 100,
    },
    alternatives: [],
    capacity: {
      requests_per_s: 10,
      mode: "disaggregated",
      chips: 39 * 16 + 59 * 32,
      pools: [pool("prefill", 1, 16, 39, 4), pool("decode", 1, 32, 59, 58)],
      output_tokens_per_s_per_chip: 100,
      usd_per_million_output_tokens: null,
    },
    advisories: [],
  };

  it("servePlanExportBody() launches a split plan as its prefill and decode pools, each with its own layout (review 19)", () => {
    const body = servePlanExportBody(split, job)!;
    expect(body).toMatchObject({
      tp: 1,
      dp_attention: 32,
      ep: 32,
      max_num_seqs: 58,
      replicas: 1,
      max_model_len: 2500,
    });
    expect(body.disaggregation).toEqual({
      prefill_instances: 39,
      decode_instances: 59,
      prefill: { tp: 1, pp: 1, ep: 16, dp_attention: 16, max_num_seqs: 4, max_model_len: 2000 },
    });
  });

  it("servePlanExportBody() writes a split plan as exportRequests() writes the same split part of a strategy", () => {
    // one split-body format for the Serving and the Fleet views' exports: a change to it reaches both
    const scenario = defaultScenario();
    const s = comparisonFixture().strategies[2]!;
    const part = s.serving.parts[0]!;
    const strategy = {
      ...s,
      training: null,
      serving: {
        ...s.serving,
        parts: [
          {
            ...part,
            mode: "disaggregated",
            instance: split.disaggregated.decode,
            prefill_instance: split.disaggregated.prefill,
            instances: { prefill: 39, decode: 59 },
          },
        ],
      },
    };
    const plan = {
      ...split,
      capacity: { ...split.capacity, pools: [pool("prefill", 1, 16, 39, 4), pool("decode", 1, 32, 59, 60)] },
    };
    const fromPlan = servePlanExportBody(plan, {
      model: scenario.serving.model,
      chip: part.chip,
      inputTokens: scenario.serving.input_tokens,
      outputTokens: scenario.serving.output_tokens,
      precision: scenario.serving.precision,
    });
    expect(exportRequests(strategy, scenario)[0]?.body).toEqual(fromPlan);
  });

  it("servePlanExportBody() launches colocated pools as replicas, and one instance without a demand", () => {
    const colocated = {
      ...split,
      capacity: { ...split.capacity, mode: "colocated", pools: [pool("colocated", 1, 32, 7, 50)] },
    };
    expect(servePlanExportBody(colocated, job)).toMatchObject({
      dp_attention: 32,
      replicas: 7,
      max_num_seqs: 50,
    });
    expect(servePlanExportBody(colocated, job)).not.toHaveProperty("disaggregation");
    const noDemand = { ...split, capacity: null };
    expect(servePlanExportBody(noDemand, job)).toMatchObject({ replicas: 1, max_num_seqs: 50 });
  });
});
