// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ServeSimulateJson } from "../lib/api-types.ts";
import { valuesOf } from "../lib/fields.ts";
import { fakeApi, problemResponse } from "./_fake-api.ts";
import { SimulationPanel, simulateBody, simulatedUnit, simulationFields } from "./SimulationPanel.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** An answer shaped as the API's (made-up figures for a Llama-3.1-8B replica on H100). */
const answer: ServeSimulateJson = {
  inputs: {
    model: "Llama-3.1-8B",
    chip: "nvidia-h100-sxm",
    stack: "vllm",
    tp: 16,
    ep: 16,
    precision: "bf16",
    arrival: "bursty",
    requests: 20000,
    seed: 1,
  },
  advisories: [],
  requests: 20000,
  duration_s: 9945.6,
  requests_per_s: 2.011,
  output_tokens_per_s: 2435.2,
  output_tokens_per_s_per_chip: 152.2,
  ttft_ms: { mean: 397, p50: 140.5, p90: 265.2, p99: 7198 },
  tpot_ms: { mean: 57.03, p50: 56.78, p90: 60.17, p99: 63.83 },
  e2e_ms: { mean: 69_401, p50: 68_852, p90: 73_232, p99: 83_637 },
  preemptions: 313,
  steps: 175_559,
  mean_in_system: 139.6,
  arrival_rate_per_s: 2.011,
  mean_sojourn_s: 69.4,
  offered_rate_per_s: 2,
  backlog_at_last_arrival: 0,
};

const serving = {
  model: "llama-3.1-8b",
  chip: "nvidia-h100-sxm",
  precision: "bf16",
  inputTokens: 1000,
  outputTokens: 200,
  ttftLimitMs: 2000,
  tpotLimitMs: 50,
};

const cells = (metric: string) =>
  within(screen.getByRole("row", { name: new RegExp(`^${metric}`) }))
    .getAllByRole("cell")
    .map((c) => c.textContent);

describe("SimulationPanel", () => {
  it("simulateBody() sends Poisson arrivals without a burstiness, and the story's replica by default", () => {
    expect(simulateBody(valuesOf(simulationFields(), {}))).toEqual({
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      tp: 16,
      dp_attention: 1,
      pp: 1,
      ep: 16,
      precision: "fp8",
      seed: 1,
      workload: {
        arrivals: "poisson",
        rate_per_s: 1,
        requests: 20_000,
        input_tokens: 4383,
        output_tokens: 1211,
        length_spread: 0,
      },
    });
  });

  it("simulateBody() sends 4-bit routed experts when the serving view planned them (W4A8), else nothing", () => {
    expect(simulateBody(valuesOf(simulationFields({ expertWeightBits: 4 }), {}))).toMatchObject({
      expert_weight_bits: 4,
    });
    expect(simulateBody(valuesOf(simulationFields({}), {}))).not.toHaveProperty("expert_weight_bits");
  });

  it("simulateBody() sends a burst without a rate", () => {
    const body = simulateBody({ ...valuesOf(simulationFields(), {}), arrivals: "burst", requests: "500" });
    expect(body.workload).toEqual({
      arrivals: "burst",
      requests: 500,
      input_tokens: 4383,
      output_tokens: 1211,
      length_spread: 0,
    });
  });

  it("simulateBody() sends a closed loop with its clients and without a rate", () => {
    const body = simulateBody({
      ...valuesOf(simulationFields(), {}),
      arrivals: "closed",
      concurrency: "32",
      requests: "320",
    });
    expect(body.workload).toEqual({
      arrivals: "closed",
      concurrency: 32,
      requests: 320,
      input_tokens: 4383,
      output_tokens: 1211,
      length_spread: 0,
    });
  });

  it("simulateBody() sends exponential lengths without the uniform spread beside them", () => {
    const values = {
      ...valuesOf(simulationFields(), {}),
      length_distribution: "exponential",
      length_spread: "0.5",
    };
    const body = simulateBody(values);
    expect(body.workload).toMatchObject({ length_distribution: "exponential" });
    expect(body.workload).not.toHaveProperty("length_spread");
  });

  it("SimulationPanel simulates only on Run, with the serving view's fields and the edits, and shows the percentiles", async () => {
    const api = fakeApi(() => answer);
    const { container } = render(<SimulationPanel {...serving} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.calls).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(/^arrivals$/), { target: { value: "bursty" } });
    fireEvent.input(screen.getByLabelText(/^arrival rate/), { target: { value: "2" } });
    fireEvent.input(screen.getByLabelText(/^length spread/), { target: { value: "0.3" } });
    expect(api.calls).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await screen.findByText("2,440 output tokens/s");
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.path).toBe("/api/serve/simulate");
    expect(api.calls[0]?.body).toEqual({
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      tp: 16,
      dp_attention: 1,
      pp: 1,
      ep: 16,
      precision: "bf16",
      seed: 1,
      workload: {
        arrivals: "bursty",
        burstiness: 0.5,
        rate_per_s: 2,
        requests: 20_000,
        input_tokens: 1000,
        output_tokens: 200,
        length_spread: 0.3,
      },
    });
    expect(cells("TTFT")).toEqual(["397", "141", "265", "7,200"]);
    expect(cells("TPOT")).toEqual(["57", "56.8", "60.2", "63.8"]);
    expect(cells("end-to-end")).toEqual(["69,400", "68,900", "73,200", "83,600"]);
    const answerLine = container.querySelector("p.answer")?.textContent ?? "";
    expect(answerLine).toContain("175,559 steps, 313 preemptions");
    expect(answerLine).toContain("2.01 requests/s");
    await waitFor(() =>
      expect(screen.getByRole("figure", { name: "simulated latency percentiles" }).textContent).toContain(
        "7,200 ms",
      ),
    );
  });

  it("SimulationPanel follows the serving view's fields until they are edited, and says when a result is stale", async () => {
    fakeApi(() => answer);
    const { rerender } = render(<SimulationPanel {...serving} />);
    fireEvent.input(screen.getByLabelText(/^input/), { target: { value: "3000" } });
    rerender(<SimulationPanel {...serving} model="qwen3-32b" inputTokens={500} />);
    expect((screen.getByLabelText(/^model$/) as HTMLInputElement).value).toBe("qwen3-32b");
    expect((screen.getByLabelText(/^input/) as HTMLInputElement).value).toBe("3000");
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await screen.findByText("2,440 output tokens/s");
    expect(screen.queryByText(/inputs have changed/)).toBeNull();
    fireEvent.input(screen.getByLabelText(/^seed$/), { target: { value: "2" } });
    expect(screen.getByText(/inputs have changed/)).toBeTruthy();
  });

  it("SimulationPanel simulates the planned replica (layout, batch, stack, rate) until edited", async () => {
    const api = fakeApi(() => answer);
    const replica = {
      tp: 2,
      ep: 4,
      dpAttention: 2,
      pp: 1,
      maxBatch: 95.6,
      stack: "sglang",
      ratePerS: 4.56789,
      sized: true,
    };
    const { rerender } = render(<SimulationPanel {...serving} replica={replica} />);
    expect(
      screen.getByText(
        /colocated replica the plan above sized for the demand \(sglang, at its share of the demand\)/,
      ),
    ).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/^expert parallel/), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await screen.findByText("2,440 output tokens/s");
    expect(api.calls[0]?.body).toMatchObject({
      tp: 2,
      dp_attention: 2,
      pp: 1,
      ep: 2,
      max_batch: 95,
      stack: "sglang",
      workload: { rate_per_s: 4.568 },
    });
    // another chip than the planned one: its family may not run the planned stack, so the API picks the default
    rerender(<SimulationPanel {...serving} replica={replica} />);
    fireEvent.change(screen.getByLabelText(/^chip$/), { target: { value: "huawei-ascend-910c" } });
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(api.calls[1]?.body).not.toHaveProperty("stack");
  });

  it("SimulationPanel says when it starts from the best colocated layout of a plan that splits its pools", () => {
    const replica = {
      tp: 1,
      ep: 32,
      dpAttention: 32,
      pp: 1,
      maxBatch: 32,
      stack: "vllm",
      ratePerS: null,
      sized: false,
    };
    render(<SimulationPanel {...serving} replica={replica} />);
    expect(
      screen.getByText(
        /the plan's best colocated layout \(vllm\); the plan itself may split prefill and decode pools/,
      ),
    ).toBeTruthy();
  });

  it("SimulationPanel shows the API's problem on the input it names, the path written as the label", async () => {
    // review 19 C1: "workload.rate_per_s must be > 0" named the API's path, and no input was marked
    const api = fakeApi(() =>
      problemResponse(400, "Cannot simulate serving: workload.rate_per_s must be <= 1000, got 5000", [
        { path: "workload.rate_per_s", message: "must be <= 1000, got 5000" },
      ]),
    );
    render(<SimulationPanel {...serving} />);
    fireEvent.input(screen.getByLabelText(/^arrival rate/), { target: { value: "5000" } });
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot simulate serving: arrival rate per attention-DP rank must be <= 1000, got 5000",
    );
    const rate = screen.getByLabelText(/^arrival rate/);
    expect(rate.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(rate.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "must be <= 1000, got 5000",
    );
    expect(api.calls[0]?.body).toMatchObject({ workload: { rate_per_s: 5000 } });
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("SimulationPanel refuses more requests than the field allows before running", async () => {
    // review 19 C9: a field's max was never enforced; 2,000,000 requests went to the API
    const api = fakeApi(() => answer);
    render(<SimulationPanel {...serving} />);
    fireEvent.input(screen.getByLabelText(/^requests/), { target: { value: "2000000" } });
    expect(screen.getByRole("alert").textContent).toBe("Not run: requests must be at most 1,000,000.");
    expect((screen.getByRole("button", { name: "Run simulation" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByLabelText(/^requests/).getAttribute("aria-invalid")).toBe("true");
    expect(api.calls).toHaveLength(0);
  });

  it("simulatedUnit() names one attention-DP rank and its instance when DP > 1, else the instance", () => {
    // review 19 A2: "TP1 DP32 EP32 … 521 output tokens/s (521 per chip)" read as a 32-chip replica
    const rank = {
      ...answer,
      inputs: { ...answer.inputs, tp: 1, dp_attention: 32, ep: 32 },
      output_tokens_per_s: 521,
      output_tokens_per_s_per_chip: 521,
    };
    expect(simulatedUnit(rank)).toBe("one attention-DP rank (1 chip) of a 32-chip DP32 instance");
    expect(simulatedUnit(answer)).toBe("one instance (16 chips)");
    expect(simulatedUnit({ ...rank, output_tokens_per_s: null })).toBe(
      "one attention-DP rank of a DP32 instance",
    );
  });

  it("SimulationPanel labels the rate per attention-DP rank", () => {
    render(<SimulationPanel {...serving} />);
    expect(screen.getByLabelText(/^arrival rate per attention-DP rank/)).toBeTruthy();
  });

  it("SimulationPanel says 'overloaded: the queue grows' instead of the latencies of a queue that grows", async () => {
    // review 19 A2: an overloaded run printed a TTFT P50 of 13,300,000 ms
    const overloaded: ServeSimulateJson = {
      ...answer,
      inputs: { ...answer.inputs, tp: 1, dp_attention: 32, ep: 32 },
      offered_rate_per_s: 1.01,
      ttft_ms: { mean: 1.3e7, p50: 1.33e7, p90: 2.3e7, p99: 2.64e7 },
      e2e_ms: { mean: 1.4e7, p50: 1.4e7, p90: 2.4e7, p99: 2.7e7 },
      advisories: [
        {
          code: "overloaded",
          message: "Cannot keep up with 1.01 requests/s: the replica carried 0.43/s",
          hint: "lower the rate",
        },
      ],
    };
    fakeApi(() => overloaded);
    render(<SimulationPanel {...serving} />);
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    expect((await screen.findByTestId("overloaded")).textContent).toContain("Overloaded: the queue grows.");
    expect(cells("TTFT")).toEqual(["overloaded: the queue grows"]);
    expect(cells("end-to-end")).toEqual(["overloaded: the queue grows"]);
    expect(cells("TPOT")).toEqual(["57", "56.8", "60.2", "63.8"]);
    expect(screen.queryByText(/13,300,000/)).toBeNull();
  });
});
