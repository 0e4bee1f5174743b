// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrainPlanJson } from "../lib/api-types.ts";
import { type Catalog, CatalogContext } from "../lib/catalog.ts";
import { valuesOf } from "../lib/fields.ts";
import { fakeApi, problemResponse } from "./_fake-api.ts";
import { scalingCounts, TRAIN_FIELDS, TrainView, trainBody } from "./TrainView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function planAnswer(count: number): TrainPlanJson {
  return {
    model: "deepseek-v3",
    chip: "nvidia-h800-sxm",
    count,
    stack: "hai-llm",
    plans: [
      {
        plan: {
          tp: 4,
          pp: 2,
          dp: count / 8,
          cp: 1,
          ep: 128,
          vpp: 1,
          micro_batch: 1,
          recompute: "selective",
          zero: 1,
          sequence_parallel: true,
          schedule: "dualpipe",
        },
        label: `TP4 PP2 DP${count / 8}`,
        fits: true,
        metrics: {
          step_time_s: 16.1,
          tokens_per_s_per_chip: 1910,
          mfu: 0.542,
          chip_hours_per_trillion_tokens: 145_000,
        },
        step_breakdown_s: { mlp: 1, experts: 5, pipeline_bubble: 0.5, total: 6.5 },
        memory_gib: { weights: 20, activations: 40, total: 60, capacity: 80 },
        advisories: [],
      },
    ],
    budget: { days: 43.9, days_interval: [38.1, 50.6], with_failures: null },
    advisories: [],
  };
}

describe("TrainView", () => {
  it("scalingCounts() halves the count three times and doubles it once, whole and distinct", () => {
    expect(scalingCounts(2048)).toEqual([256, 512, 1024, 2048, 4096]);
    expect(scalingCounts(2)).toEqual(
      [0.25, 0.5, 1, 2, 4].map(Math.round).filter((c, i, a) => c >= 1 && a.indexOf(c) === i),
    );
  });

  it("TrainView plans the default job, lists the plans and draws the breakdowns and the scaling curve", async () => {
    const api = fakeApi((_path, body) => planAnswer(body["count"] as number));
    const { container } = render(<TrainView params={{}} onParams={() => {}} />);
    await screen.findByText("TP4 PP2 DP256");
    expect(api.calls[0]?.body).toMatchObject({
      model: "deepseek-v3",
      count: 2048,
      precision: "fp8",
      tokens: 14.8e12,
    });
    await waitFor(() => expect(api.calls.length).toBe(6));
    await waitFor(() =>
      expect(screen.getByRole("figure", { name: "scaling curve" }).querySelector("svg")).toBeTruthy(),
    );
    expect(screen.getByRole("figure", { name: "memory breakdown" }).textContent).toContain("capacity 80");
    expect(container.textContent).toContain("43.9 failure-free days");
  });

  it("TrainView says when no plan fits and draws no empty charts", async () => {
    const api = fakeApi((_path, body) => ({
      ...planAnswer(body["count"] as number),
      plans: [],
      budget: null,
    }));
    const { container } = render(<TrainView params={{ count: "3" }} onParams={() => {}} />);
    // the plan and the scaling curve's counts, all answered before the fake API goes
    await waitFor(() => expect(api.calls.length).toBe(1 + scalingCounts(3).length));
    await waitFor(() =>
      expect(container.textContent).toContain("No plan of deepseek-v3 fits 3 × nvidia-h800-sxm"),
    );
    expect(screen.queryByRole("figure", { name: "memory breakdown" })).toBeNull();
  });

  it("TrainView shows the with-failures P50, P90 and goodput beside the failure-free days", async () => {
    // review 19 B7: /api/train/plan's budget.with_failures (54.7 d, 66.0 d, 98.6 %) was not on screen
    const api = fakeApi((_path, body) => {
      const a = planAnswer(body["count"] as number);
      a.budget = {
        days: 53.4,
        days_interval: null,
        with_failures: { wall_days_p50: 54.7, wall_days_p90: 66, goodput_mean: 0.986 },
      };
      return a;
    });
    const { container } = render(<TrainView params={{}} onParams={() => {}} />);
    await waitFor(() => expect(container.textContent).toContain("53.4 failure-free days"));
    expect(screen.getByTestId("with-failures").textContent).toBe(
      "with failures P50 54.7 days, P90 66 (goodput 98.6 %)",
    );
    await waitFor(() => expect(api.calls.length).toBe(6));
  });

  it("TrainView asks for P(finish) by its deadline and shows it (review 35: no deadline field)", async () => {
    const api = fakeApi((_path, body) => {
      const a = planAnswer(body["count"] as number);
      a.budget = {
        days: 43.2,
        days_interval: null,
        with_failures: {
          wall_days_p50: 44,
          wall_days_p90: 60,
          goodput_mean: 0.986,
          p_finish_by_deadline: 0.899,
        },
      };
      return a;
    });
    render(<TrainView params={{}} onParams={() => {}} />);
    await waitFor(() =>
      expect(screen.getByTestId("with-failures").textContent).toContain("P(finish within 60 days) 89.9 %"),
    );
    expect(api.calls[0]?.body).toMatchObject({ deadline_days: 60, tokens: 14.8e12 });
    // no token budget, no deadline sent (the API refuses a deadline without one)
    expect(trainBody({ ...valuesOf(TRAIN_FIELDS, {}), tokens_t: "" })).not.toHaveProperty("deadline_days");
    expect(trainBody({ ...valuesOf(TRAIN_FIELDS, {}), deadline_days: "" })).not.toHaveProperty(
      "deadline_days",
    );
  });

  it("TrainView labels the memory per rank (die) when the catalog gives the chip two ranks (Ascend 910C)", async () => {
    // review 19 B5: the 910C's 64 GiB is one die's, shown as "memory per chip"
    const api = fakeApi((_path, body) => {
      const count = body["count"] as number;
      const a = planAnswer(count);
      a.chip = "huawei-ascend-910c";
      a.plans[0]!.plan = { ...a.plans[0]!.plan, tp: 4, pp: 1, dp: count / 2 };
      return a;
    });
    // the catalog says how many ranks a chip is (GET /api/chips ranks_per_chip)
    const catalog: Catalog = {
      chips: [{ id: "huawei-ascend-910c", name: "Huawei Ascend 910C", fp8: false, ranksPerChip: 2 }],
      models: [],
    };
    render(
      <CatalogContext.Provider value={catalog}>
        <TrainView params={{ chip: "huawei-ascend-910c", precision: "bf16" }} onParams={() => {}} />
      </CatalogContext.Provider>,
    );
    await screen.findByRole("columnheader", { name: "memory per rank (die), GiB" });
    expect(screen.getByText(/^Memory per rank \(die\) by part \(a chip is 2 ranks/)).toBeTruthy();
    await waitFor(() => expect(api.calls.length).toBe(6));
  });

  it("TrainView labels the memory per chip when a chip is one rank", async () => {
    const api = fakeApi((_path, body) => planAnswer(body["count"] as number));
    render(<TrainView params={{}} onParams={() => {}} />);
    expect(await screen.findByRole("columnheader", { name: "memory per chip, GiB" })).toBeTruthy();
    expect(screen.getByText("Memory per chip by part")).toBeTruthy();
    await waitFor(() => expect(api.calls.length).toBe(6));
  });

  it("TrainView sends no scaling-curve requests when the plan is refused, and marks the field the API names", async () => {
    // review 19 C8: six failing requests per invalid edit; C1: the problem's path named, the input not marked
    const api = fakeApi(() =>
      problemResponse(422, "Cannot find model 'bogus': not a built-in model; GET /api/models lists them", [
        { path: "model", message: "not a built-in model; GET /api/models lists them" },
      ]),
    );
    render(<TrainView params={{ model: "bogus" }} onParams={() => {}} />);
    const input = screen.getByLabelText(/^model/) as HTMLInputElement;
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "not a built-in model; GET /api/models lists them",
    );
    await new Promise((r) => setTimeout(r, 700));
    expect(api.calls.map((c) => c.body["count"])).toEqual([2048]);
  });

  it("TrainView exports the job the best plan was planned for while a new plan runs", async () => {
    // the stale answer stays on screen with its download: it posted the form's new count with the old plan's degrees
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:x");
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const api = fakeApi((path, body) =>
      path.startsWith("/api/export/") ? {} : planAnswer(body["count"] as number),
    );
    const { rerender } = render(<TrainView params={{}} onParams={() => {}} />);
    await screen.findByText("TP4 PP2 DP256");
    await waitFor(() => expect(api.calls.length).toBe(6));
    rerender(<TrainView params={{ count: "4096", seq_len: "8192" }} onParams={() => {}} />);
    // within the new plan's debounce: the old answer is still shown
    fireEvent.click(screen.getByRole("button", { name: "megatron launch config (best plan)" }));
    await waitFor(() => expect(api.calls.some((c) => c.path === "/api/export/megatron")).toBe(true));
    expect(api.calls.find((c) => c.path === "/api/export/megatron")?.body).toMatchObject({
      chip: "nvidia-h800-sxm",
      count: 2048,
      seq_len: 4096,
      plan: { dp: 256 },
    });
    await waitFor(() => expect(api.calls.length).toBe(6 + 1 + 6));
  });

  it("TrainView writes a problem's path as the input's label in the error line", async () => {
    fakeApi(() =>
      problemResponse(400, "Cannot plan training: tokens must be <= 1e15, got 5e15", [
        { path: "tokens", message: "must be <= 1e15, got 5e15" },
      ]),
    );
    render(<TrainView params={{ tokens_t: "5000" }} onParams={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot plan training: token budget must be <= 1e15, got 5e15",
    );
    expect(screen.getByLabelText(/^token budget/).getAttribute("aria-invalid")).toBe("true");
  });

  it("TrainView says an Ascend chip has no FP8 beside the precision and sends nothing until bf16", async () => {
    // review 19 C3: chip = any Ascend with the default fp8 only failed, after a request
    const catalog: Catalog = {
      chips: [
        { id: "nvidia-h800-sxm", name: "NVIDIA H800 SXM5", fp8: true, ranksPerChip: 1 },
        { id: "huawei-ascend-910c", name: "Huawei Ascend 910C", fp8: false, ranksPerChip: 2 },
      ],
      models: [{ name: "deepseek-v3", displayName: "DeepSeek-V3" }],
    };
    const api = fakeApi((_path, body) => planAnswer(body["count"] as number));
    const view = (params: Record<string, string>) => (
      <CatalogContext.Provider value={catalog}>
        <TrainView params={params} onParams={() => {}} />
      </CatalogContext.Provider>
    );
    const { rerender } = render(view({ chip: "huawei-ascend-910c" }));
    const precision = screen.getByLabelText(/^precision/);
    expect(precision.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(precision.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Huawei Ascend 910C has no FP8: choose bf16",
    );
    expect(screen.getByRole("alert").textContent).toBe(
      "Not planned: precision Huawei Ascend 910C has no FP8: choose bf16.",
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(api.calls).toHaveLength(0);
    rerender(view({ chip: "huawei-ascend-910c", precision: "bf16" }));
    await waitFor(() => expect(api.calls[0]?.body).toMatchObject({ precision: "bf16" }));
    expect(screen.getByLabelText(/^precision/).getAttribute("aria-invalid")).toBeNull();
    await waitFor(() => expect(api.calls.length).toBe(6));
  });

  it("TrainView refuses a value above a field's maximum with a message under it", async () => {
    // review 19 C9: "plans to list" (max 20) accepted 50
    const api = fakeApi((_path, body) => planAnswer(body["count"] as number));
    render(<TrainView params={{ top: "50" }} onParams={() => {}} />);
    const top = screen.getByLabelText(/^plans to list/);
    expect(top.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toBe("Not planned: plans to list must be at most 20.");
    await new Promise((r) => setTimeout(r, 400));
    expect(api.calls).toHaveLength(0);
  });
});
