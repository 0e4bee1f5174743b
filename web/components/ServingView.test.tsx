// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InstanceJson, ServePlanJson } from "../lib/api-types.ts";
import { fakeApi } from "./_fake-api.ts";
import { ServingView } from "./ServingView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const instance = (tpot: number, perChip: number): InstanceJson => ({
  tp: 1,
  dp_attention: 32,
  ep: 32,
  chips_per_instance: 32,
  batch: 196,
  tokens_per_s_per_chip: perChip,
  ttft_ms: 0,
  tpot_ms: tpot,
  kv_capacity_tokens: 980_410,
});

function answer(body: Record<string, unknown>): ServePlanJson {
  const tpot = body["tpot_ms"] as number;
  return {
    stack: "vllm",
    colocated: instance(tpot * 0.9, 40 * tpot),
    disaggregated: null,
    alternatives: [instance(20, 1500), instance(30, 2000)],
    capacity: {
      requests_per_s: 1610,
      mode: "colocated",
      chips: 904,
      output_tokens_per_s_per_chip: 2150,
      usd_per_million_output_tokens: null,
    },
    advisories: [],
  };
}

describe("ServingView", () => {
  it("ServingView plans the story's serving load, shows the chips needed and throughput against TPOT", async () => {
    const api = fakeApi((_path, body) => answer(body));
    render(<ServingView params={{}} onParams={() => {}} />);
    expect((await screen.findByText("904 chips")).tagName).toBe("STRONG");
    expect(api.calls[0]?.body).toMatchObject({
      model: "deepseek-v3",
      tpot_ms: 50,
      count: 32,
      demand: { tokens_per_day: 776e9 },
    });
    await waitFor(() => expect(api.calls.length).toBe(1 + 7));
    expect(api.calls.slice(1).map((c) => c.body["tpot_ms"])).toEqual([20, 30, 40, 50, 75, 100, 150]);
    await waitFor(() =>
      expect(screen.getByRole("figure", { name: "throughput against TPOT" }).textContent).toContain(
        "TPOT limit 50 ms",
      ),
    );
  });

  it("ServingView mounts the replica simulation with its own fields, which waits for Run", async () => {
    const api = fakeApi((_path, body) => answer(body));
    const { container } = render(
      <ServingView params={{ model: "llama-3.1-8b", precision: "bf16" }} onParams={() => {}} />,
    );
    await screen.findByText("904 chips");
    expect(screen.getByRole("heading", { name: "Simulate one replica" })).toBeTruthy();
    expect(container.querySelector<HTMLInputElement>("#sim-field-model")?.value).toBe("llama-3.1-8b");
    expect(container.querySelector<HTMLSelectElement>("#sim-field-precision")?.value).toBe("bf16");
    expect(api.calls.every((c) => c.path === "/api/serve/plan")).toBe(true);
  });
});
