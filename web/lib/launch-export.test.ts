import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import { exportRequests } from "./launch-export.ts";
import { comparisonFixture } from "./test-fixtures.ts";

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

  it("exportRequests() picks MindSpeed for Ascend training and skips training without a plan", () => {
    const s = comparisonFixture().strategies[1]!;
    expect(exportRequests(s, defaultScenario())[0]?.engine).toBe("mindspeed");
    const noPlan = { ...s, training: { ...s.training!, parts: [{ ...s.training!.parts[0]!, plan: null }] } };
    expect(exportRequests(noPlan, defaultScenario()).map((r) => r.engine)).toEqual(["vllm-ascend"]);
  });
});
