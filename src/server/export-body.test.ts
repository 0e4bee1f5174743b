import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { FleetcastError } from "../errors.ts";
import { exportJob, ServeExportBodySchema, TrainExportBodySchema } from "./export-body.ts";

/** DeepSeek-V3 on 2,048 H800 with the DualPipe plan `compare` costs on HAI-LLM (the default scenario's). */
const DUALPIPE_BODY = {
  model: "deepseek-v3",
  chip: "nvidia-h800-sxm",
  count: 2048,
  seq_len: 4096,
  global_batch_tokens: 15_360 * 4096,
  precision: "fp8",
  plan: { tp: 2, pp: 4, dp: 256, ep: 256, recompute: "selective", schedule: "dualpipe" },
};

type Answer = {
  advisories: { code: string; message: string; hint: string }[];
  kubernetes_yaml: string | null;
};

function exported(body: Record<string, unknown>): Answer {
  return exportJob("megatron", TrainExportBodySchema.parse(body)) as unknown as Answer;
}

describe("exportJob()", () => {
  it("costs a DualPipe plan on the 1F1B Megatron-LM runs when the body names the plan's stack", () => {
    const costed = exported({ ...DUALPIPE_BODY, stack: "hai-llm" });
    const schedule = costed.advisories.find((a) => a.code === "schedule-not-supported");
    expect(schedule?.message).toMatch(
      /^DualPipe \(DeepSeek-V3 §3\.2\.1\) is not a Megatron-LM schedule: the launch runs 1F1B, [\d.]+ s a step on megatron against [\d.]+ s with DualPipe on hai-llm \(\+\d+ %\)$/,
    );
    // without the stack the answer is as before: the advisory uncosted
    const plain = exported(DUALPIPE_BODY);
    expect(plain.advisories.find((a) => a.code === "schedule-not-supported")?.message).toBe(
      "DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule",
    );
  });

  it("heads kubernetes_yaml with every advisory of the answer as comments, the YAML parsing", () => {
    const answer = exported({ ...DUALPIPE_BODY, stack: "hai-llm" });
    const yaml = answer.kubernetes_yaml!;
    for (const a of answer.advisories) expect(yaml).toContain(`# - ${a.message}\n`);
    const docs = parseAllDocuments(yaml).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as { kind: string };
    });
    expect(docs.map((d) => d.kind)).toEqual(["Job"]);
  });

  it("refuses a stack that is not a training stack of the chip, naming the field", () => {
    let error: unknown = null;
    try {
      exported({ ...DUALPIPE_BODY, stack: "vllm" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetcastError);
    expect((error as FleetcastError).message).toBe("Cannot cost the plan on vllm: it is a serving stack");
    expect((error as FleetcastError).path).toBe("stack");
  });

  it("refuses the serving pods' devices_per_node on a training export, pointing at chips_per_node (QA 30)", () => {
    expect(() => exported({ ...DUALPIPE_BODY, kubernetes: { devices_per_node: 4 } })).toThrow(
      /^Cannot export a megatron launch: kubernetes\.devices_per_node shapes serving nodes; .*give chips_per_node: 4/,
    );
  });

  it("says when a serving instance cannot hold its weights or leaves no KV room on the chip (QA 40)", () => {
    const served = (body: Record<string, unknown>) =>
      (exportJob("vllm", ServeExportBodySchema.parse(body)) as unknown as Answer).advisories.map(
        (a) => a.code,
      );
    const base = { model: "llama-3.1-405b", chip: "nvidia-h100-sxm", max_model_len: 8192, precision: "bf16" };
    // ~810 GB of BF16 weights on one 80 GB H100; ~101 GB a rank at TP8; ~203 GB at TP4 in FP8 is still too much
    expect(served({ ...base, tp: 1 })).toContain("instance_does_not_fit");
    expect(served({ ...base, tp: 8 })).toContain("instance_does_not_fit");
    expect(served({ ...base, tp: 8, precision: "fp8" })).not.toContain("instance_does_not_fit");
  });
});
