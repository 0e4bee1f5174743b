// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InstanceJson, ServePlanJson } from "../lib/api-types.ts";
import { fakeApi, problemResponse } from "./_fake-api.ts";
import {
  plannedReplica,
  poolsText,
  SERVING_FIELDS,
  ServingView,
  serveBody,
  stepRows,
} from "./ServingView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
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
  step_ms: {
    dense: tpot * 0.2,
    experts: tpot * 0.3,
    attention: tpot * 0.25,
    kernel_launches: tpot * 0.05,
    communication: tpot * 0.1,
    overhead: tpot * 0.1,
    total: tpot,
    micro_batches: 2,
  },
});

/** A prefill instance: one step of a 32-chip prefill unit, ~1,000x a decode step. */
const prefill = (): InstanceJson => ({
  ...instance(0, 0),
  ttft_ms: 1800,
  step_ms: {
    dense: 12_000,
    experts: 18_000,
    attention: 9_000,
    kernel_launches: 2,
    communication: 3_000,
    overhead: 5,
    total: 42_007,
    micro_batches: 1,
  },
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
      chips_band: [628, 2205],
      pools: [
        {
          role: "colocated",
          tp: 1,
          dp_attention: 8,
          ep: 8,
          instances: 113,
          chips_per_instance: 8,
          chips: 904,
          tokens_per_s_per_chip: 2200,
          ttft_ms: 400,
          tpot_ms: 45,
          load: 0.977,
        },
      ],
      at_load: {
        requests: 2000,
        rate_per_s: 14.2,
        ttft_ms: { mean: 60, p50: 48.5, p90: 90, p99: 131 },
        tpot_ms: { mean: 30, p50: 29.6, p90: 35, p99: 38.7 },
      },
      output_tokens_per_s_per_chip: 2150,
      usd_per_million_output_tokens: null,
    },
    advisories: [],
  };
}

/** Waits for the plan and the TPOT sweep (1 + 7 requests), so none is sent after the fake fetch is gone. */
async function settled(api: ReturnType<typeof fakeApi>): Promise<void> {
  await waitFor(() => expect(api.calls.length).toBe(1 + 7));
}

describe("ServingView", () => {
  it("ServingView plans the story's serving load, shows the chips needed and throughput against TPOT", async () => {
    const api = fakeApi((_path, body) => answer(body));
    render(<ServingView params={{}} onParams={() => {}} />);
    expect((await screen.findByText("904 chips")).tagName).toBe("STRONG");
    expect(screen.getByText(/113 colocated instances of 8 chips/)).toBeTruthy();
    // the chips if throughput per chip missed as held-out deployments did
    expect(
      screen.getByText(/\(80 %: 628–2,205, the spread of published deployments no fit saw\)/),
    ).toBeTruthy();
    expect(screen.getByText(/first token in 48\.5 ms \(p99 131 ms\)/)).toBeTruthy();
    expect(api.calls[0]?.body).toMatchObject({
      model: "deepseek-v3",
      tpot_ms: 50,
      demand: { tokens_per_day: 776e9 },
    });
    // no instance cap and no engine unless asked: serve plan's own defaults, as the CLI's (review 19)
    expect(api.calls[0]?.body).not.toHaveProperty("count");
    expect(api.calls[0]?.body).not.toHaveProperty("stack");
    await waitFor(() => expect(api.calls.length).toBe(1 + 7));
    expect(api.calls.slice(1).map((c) => c.body["tpot_ms"])).toEqual([20, 30, 40, 50, 75, 100, 150]);
    // the sweep plans layouts only, without the demand's simulations at load
    expect(api.calls.slice(1).every((c) => !("demand" in c.body))).toBe(true);
    await waitFor(() =>
      expect(screen.getByRole("figure", { name: "throughput against TPOT" }).textContent).toContain(
        "TPOT limit 50 ms",
      ),
    );
  });

  it("ServingView says what a split plan's prefill and decode replicas answer at the demand", async () => {
    const api = fakeApi((_path, body) => {
      const a = answer(body);
      return {
        ...a,
        capacity: {
          ...a.capacity!,
          mode: "disaggregated",
          at_load: {
            requests: 2000,
            rate_per_s: 1.5,
            ttft_ms: { mean: 630, p50: 450, p90: 1100, p99: 1970 },
            tpot_ms: { mean: 40, p50: 39.6, p90: 43, p99: 44.6 },
            split: { decode_rate_per_s: 2.4, decode_wait_ms: { mean: 50, p50: 45, p90: 70, p99: 85.3 } },
          },
        },
      };
    });
    render(<ServingView params={{}} onParams={() => {}} />);
    await screen.findByText("904 chips");
    expect(
      screen.getByText(
        /one prefill replica \(simulated\) answers its first token in 450 ms \(p99 1,970 ms\); a decode replica streams at 39\.6 ms per token \(p99 44\.6 ms\)/,
      ),
    ).toBeTruthy();
    await settled(api);
  });

  it("ServingView shows where one step's time goes in each planned pool, under the plan", async () => {
    fakeApi((_path, body) => ({
      ...answer(body),
      disaggregated: {
        prefill: prefill(),
        decode: instance(40, 2150),
        prefill_chips_per_decode_chip: 0.5,
        output_tokens_per_s_per_chip: 2150,
      },
    }));
    render(<ServingView params={{}} onParams={() => {}} />);
    await screen.findByText("904 chips");
    expect(screen.getByText(/^Where one step's time goes/).tagName).toBe("FIGCAPTION");
    const figure = screen.getByRole("figure", { name: "step time by part" });
    await waitFor(() => expect(figure.querySelector("svg[aria-label]")).toBeTruthy());
    const svg = figure.querySelector("svg[aria-label]")!;
    expect(svg.getAttribute("aria-label")).toBe(
      "Where one engine step's time goes, per pool: colocated 45 ms, prefill 42,000 ms, decode 40 ms",
    );
    const totals = [...figure.querySelectorAll('g[aria-description="total"] text')].map((t) => t.textContent);
    expect(totals).toEqual(["45 ms, 2 micro-batches", "42,000 ms", "40 ms, 2 micro-batches"]);
    expect(figure.querySelectorAll('g[aria-description="part"] rect')).toHaveLength(18);
    expect(figure.textContent).toContain("kernel launches");
  });

  it("ServingView draws no step chart while planning, nor when no layout meets the limits", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>(() => {})),
    );
    const pending = render(<ServingView params={{}} onParams={() => {}} />);
    expect(screen.queryByText(/^Where one step's time goes/)).toBeNull();
    pending.unmount();

    const api = fakeApi((_path, body) => ({ ...answer(body), colocated: null, capacity: null }));
    render(<ServingView params={{}} onParams={() => {}} />);
    await screen.findByText("No layout meets the limits; see the advisories.");
    expect(screen.queryByText(/^Where one step's time goes/)).toBeNull();
    expect(screen.queryByRole("figure", { name: "step time by part" })).toBeNull();
    await settled(api);
  });

  it("ServingView sends no TPOT sweep when the plan is refused", async () => {
    // review 19 C8, as in Train and Reliability: a refused plan sent the seven sweep requests as well
    const api = fakeApi(() =>
      problemResponse(422, "Cannot find model 'bogus': not a built-in model; GET /api/models lists them", [
        { path: "model", message: "not a built-in model; GET /api/models lists them" },
      ]),
    );
    render(<ServingView params={{ model: "bogus" }} onParams={() => {}} />);
    await screen.findByText(/^Cannot find model 'bogus'/);
    await new Promise((r) => setTimeout(r, 700));
    expect(api.calls.map((c) => c.body["tpot_ms"])).toEqual([50]);
  });

  it("ServingView exports the job the shown plan was planned for while a new plan runs", async () => {
    // the stale answer stays on screen with its download: it posted the form's new chip with the old plan's pools
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:x");
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const api = fakeApi((path, body) => (path.startsWith("/api/export/") ? {} : answer(body)));
    const { rerender } = render(<ServingView params={{}} onParams={() => {}} />);
    await screen.findByText("904 chips");
    await settled(api);
    rerender(
      <ServingView params={{ chip: "huawei-ascend-910c", input_tokens: "9999" }} onParams={() => {}} />,
    );
    // within the new plan's debounce: the old answer is still shown
    fireEvent.click(screen.getByRole("button", { name: "vllm launch config" }));
    await waitFor(() => expect(api.calls.some((c) => c.path === "/api/export/vllm")).toBe(true));
    const exported = api.calls.find((c) => c.path === "/api/export/vllm")!.body;
    expect(exported).toMatchObject({ model: "deepseek-v3", chip: "nvidia-h800-sxm" });
    expect(exported["max_model_len"]).not.toBe(9999 + (api.calls[0]!.body["output_tokens"] as number));
    expect(exported["max_model_len"]).toBe(
      (api.calls[0]!.body["input_tokens"] as number) + (api.calls[0]!.body["output_tokens"] as number),
    );
    await waitFor(() => expect(api.calls.length).toBe(1 + 7 + 1 + 1 + 7));
  });

  it("poolsText() names each pool's instances, layout and load, and nothing without pools", () => {
    const pool = answer({ tpot_ms: 50 }).capacity!.pools![0]!;
    expect(poolsText([pool])).toBe("113 colocated instances of 8 chips (TP 1 x DP 8, EP 8; 97.7 % loaded).");
    expect(poolsText([{ ...pool, tp: 8, dp_attention: 1, ep: 1, pp: 2, chips_per_instance: 16 }])).toBe(
      "113 colocated instances of 16 chips (TP 8 x DP 1 x PP 2, EP 1; 97.7 % loaded).",
    );
    expect(
      poolsText([
        { ...pool, role: "prefill", instances: 1 },
        { ...pool, role: "decode" },
      ]),
    ).toBe(
      "1 prefill instance of 8 chips (TP 1 x DP 8, EP 8; 97.7 % loaded) + " +
        "113 decode instances of 8 chips (TP 1 x DP 8, EP 8; 97.7 % loaded).",
    );
    expect(poolsText(undefined)).toBe("");
  });

  it("stepRows() lists the colocated, prefill and decode pools the plan has, in ms", () => {
    const plan = answer({ tpot_ms: 50 });
    expect(stepRows(plan).map((r) => [r.pool, r.total, r.kernelLaunches])).toEqual([["colocated", 45, 2.25]]);
    expect(stepRows({ ...plan, colocated: null })).toEqual([]);
    const disaggregated = {
      ...plan,
      colocated: null,
      disaggregated: {
        prefill: prefill(),
        decode: instance(40, 2150),
        prefill_chips_per_decode_chip: 0.5,
        output_tokens_per_s_per_chip: 2150,
      },
    };
    expect(stepRows(disaggregated).map((r) => [r.pool, r.total, r.microBatches])).toEqual([
      ["prefill", 42_007, 1],
      ["decode", 40, 2],
    ]);
  });

  it("plannedReplica() takes the sized colocated pool and its rate, else the best colocated layout without one", () => {
    const plan = answer({ tpot_ms: 50 });
    // the pool's own sized batch when the answer carries it
    const withBatch = {
      ...plan,
      capacity: plan.capacity && {
        ...plan.capacity,
        pools: plan.capacity.pools?.map((p) => ({ ...p, batch: 77.5 })),
      },
    };
    expect(plannedReplica(withBatch)?.maxBatch).toBe(77.5);
    // an older answer without it: the sized pool (DP 8) differs from the best layout (DP 32), whose batch is not the pool's
    expect(plannedReplica(plan)).toEqual({
      tp: 1,
      ep: 8,
      dpAttention: 8,
      pp: 1,
      maxBatch: null,
      stack: "vllm",
      ratePerS: 14.2,
      sized: true,
    });
    expect(plannedReplica({ ...plan, capacity: null })).toEqual({
      tp: 1,
      ep: 32,
      dpAttention: 32,
      pp: 1,
      maxBatch: 196,
      stack: "vllm",
      ratePerS: null,
      sized: false,
      loadedRatePerS: null,
    });
    // with the answer length, a rate one DP rank carries at 70 % of its planned output (review 35: "1" overloaded it)
    const best = plan.colocated!;
    expect(plannedReplica({ ...plan, capacity: null }, 500)?.loadedRatePerS).toBeCloseTo(
      (0.7 * best.tokens_per_s_per_chip * best.chips_per_instance) / best.dp_attention / 500,
      9,
    );
    expect(plannedReplica({ ...plan, capacity: null, colocated: null })).toBeNull();
    // a split plan's at-load rate is the prefill replica's, not a colocated one's
    const split = { ...plan, capacity: plan.capacity && { ...plan.capacity, mode: "disaggregated" } };
    expect(plannedReplica(split)?.ratePerS).toBeNull();
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
    // the replica the plan sized the demand with: its layout and one replica's share of the demand
    const field = (key: string) => container.querySelector<HTMLInputElement>(`#sim-field-${key}`)?.value;
    expect([field("tp"), field("dp_attention"), field("ep"), field("pp"), field("rate_per_s")]).toEqual([
      "1",
      "8",
      "8",
      "1",
      "14.2",
    ]);
    await settled(api);
    expect(api.calls.every((c) => c.path === "/api/serve/plan")).toBe(true);
  });
});

describe("serveBody()", () => {
  it("serveBody() passes the engine and the instance cap only when given (review 19)", () => {
    expect(serveBody({ model: "deepseek-v3", chip: "huawei-ascend-910c" })).not.toHaveProperty("stack");
    expect(
      serveBody({ model: "deepseek-v3", chip: "huawei-ascend-910c", stack: "sglang-ascend", count: "384" }),
    ).toMatchObject({ stack: "sglang-ascend", count: 384 });
  });

  it("serveBody() asks for 4-bit routed experts (W4A8) only when chosen", () => {
    const base = { model: "deepseek-v3", chip: "huawei-ascend-910b2" };
    expect(serveBody({ ...base, expert_weight_bits: "at precision" })).not.toHaveProperty(
      "expert_weight_bits",
    );
    expect(serveBody({ ...base, expert_weight_bits: "4-bit" })).toMatchObject({ expert_weight_bits: 4 });
  });

  it("serveBody() asks for a graph mode only when one is chosen over the engine's default", () => {
    const base = { model: "qwen3-32b", chip: "huawei-ascend-910b2" };
    expect(serveBody({ ...base, graph_mode: "engine default" })).not.toHaveProperty("graph_mode");
    expect(serveBody({ ...base, graph_mode: "eager" })).toMatchObject({ graph_mode: "eager" });
    expect(SERVING_FIELDS.find((f) => f.key === "graph_mode")?.options).toContain("decode-only");
  });

  it("serveBody() sends a price only when given (review 35: the advice asked for one the view could not take)", () => {
    const base = { model: "deepseek-v3", chip: "nvidia-h800-sxm" };
    expect(serveBody({ ...base, usd_per_chip_hour: "" })).not.toHaveProperty("usd_per_chip_hour");
    expect(serveBody({ ...base, usd_per_chip_hour: "2.5" })).toMatchObject({ usd_per_chip_hour: 2.5 });
    expect(SERVING_FIELDS.map((f) => f.key)).toContain("usd_per_chip_hour");
  });

  it("serveBody() asks for long-tailed lengths at load only when chosen", () => {
    const base = { model: "deepseek-v3", chip: "huawei-ascend-910c" };
    expect(serveBody({ ...base, length_distribution: "uniform" })).not.toHaveProperty("length_distribution");
    expect(serveBody({ ...base, length_distribution: "exponential" })).toMatchObject({
      length_distribution: "exponential",
    });
  });
});
