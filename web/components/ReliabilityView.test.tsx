// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_REPLICAS } from "../../src/reliability/reliability-input.ts";
import type { ReliabilityJson } from "../lib/api-types.ts";
import { fakeApi, problemResponse } from "./_fake-api.ts";
import { deadlineGrid, ReliabilityView, reliabilityBody, VIEW_REPLICAS } from "./ReliabilityView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(body: Record<string, unknown>): ReliabilityJson {
  const deadline = body["deadline_days"] as number;
  return {
    wall_days: { mean: 54.8, p10: 54.6, p50: 54.8, p90: 54.9 },
    goodput: { mean: 0.986, p10: 0.98, p50: 0.986, p90: 0.99 },
    p_finish_by_deadline: deadline >= 54.8 ? 1 : 0,
    finish_curve: ((body["finish_curve_days"] as number[] | undefined) ?? []).map((d) => ({
      deadline_days: d,
      p_finish: d >= 54.8 ? 1 : 0,
    })),
    timeline: [
      { start_h: 0, end_h: 100, state: "running" },
      { start_h: 100, end_h: 101, state: "restarting" },
    ],
    resolved: { failure_free_days: 54.1, checkpoint_interval_min: 3.9 },
    closed_form: { job_mtbf_h: 24.7, young_min: 5.4, daly_min: 5.4 },
    assumptions: [],
    advisories: [],
  };
}

describe("reliabilityBody()", () => {
  it("reliabilityBody() asks for the CLI's and the API's replicas by default, so the views' percentiles match (review 35)", () => {
    expect(VIEW_REPLICAS).toBe(DEFAULT_REPLICAS);
    expect(reliabilityBody({ chip: "nvidia-h800-sxm" }).replicas).toBe(DEFAULT_REPLICAS);
  });

  it("reliabilityBody() sends the checkpoint's size and a synchronous save only when given", () => {
    expect(reliabilityBody({ chip: "nvidia-h800-sxm", checkpoint_mode: "async" }).checkpoint).toEqual({});
    const body = reliabilityBody({ chip: "nvidia-h800-sxm", checkpoint_gb: "9600", checkpoint_mode: "sync" });
    expect(body.checkpoint).toEqual({ state_gb: 9600, mode: "sync" });
  });
});

describe("ReliabilityView", () => {
  it("deadlineGrid() spans the failure-free days to past the P90 in nine increasing steps", () => {
    const grid = deadlineGrid(54.1, 54.9);
    expect(grid).toHaveLength(9);
    expect(grid[0]).toBe(54.1);
    expect(grid.at(-1)).toBeGreaterThan(54.9);
    expect(grid.every((d, i) => i === 0 || d > grid[i - 1]!)).toBe(true);
  });

  it("ReliabilityView simulates the job, then the interval and deadline sweeps, and draws the three charts", async () => {
    const api = fakeApi((_path, body) => answer(body));
    render(<ReliabilityView params={{}} onParams={() => {}} />);
    await screen.findByText(/Wall time P50 54.8 days/);
    expect(api.calls[0]?.body).toMatchObject({
      chip: "nvidia-h800-sxm",
      chip_count: 2048,
      train_days: 54,
      timeline_max_segments: 2000,
    });
    // the deadline curve is one request for the nine deadlines (re-read 20: it was nine identical simulations)
    await waitFor(() => expect(api.calls.length).toBe(1 + 7 + 1));
    const curve = api.calls.find((c) => c.body["finish_curve_days"] !== undefined);
    expect(curve?.body["finish_curve_days"]).toEqual(deadlineGrid(54.1, 54.9));
    const intervals = api.calls
      .slice(1)
      .flatMap((c) => (c.body["checkpoint"] as { interval_min?: number }).interval_min ?? []);
    expect(intervals).toEqual([1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8].map((f) => 5.4 * f));
    for (const name of [
      "goodput against checkpoint interval",
      "probability of finishing against the deadline",
      "one replica's timeline",
    ]) {
      await waitFor(() => expect(screen.getByRole("figure", { name }).querySelector("svg")).toBeTruthy());
    }
  });

  it("ReliabilityView sends the site spread of the failure rate when the fleet's own rate is unmeasured", async () => {
    const api = fakeApi((_path, body) => answer(body));
    render(<ReliabilityView params={{ site_spread: "unmeasured" }} onParams={() => {}} />);
    await screen.findByText(/Wall time P50 54.8 days/);
    expect(api.calls[0]?.body).toMatchObject({ site_spread: true });
    cleanup();
    const known = fakeApi((_path, body) => answer(body));
    render(<ReliabilityView params={{}} onParams={() => {}} />);
    await screen.findByText(/Wall time P50 54.8 days/);
    expect(known.calls[0]?.body).not.toHaveProperty("site_spread");
  });

  it("ReliabilityView refuses replicas above the field's maximum, under the input, and sends nothing", async () => {
    // review 19 C9: replicas max 5000 accepted 6000
    const api = fakeApi((_path, body) => answer(body));
    render(<ReliabilityView params={{ replicas: "6000" }} onParams={() => {}} />);
    const input = screen.getByLabelText(/^replicas/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toBe("Not simulated: replicas must be at most 5,000.");
    await new Promise((r) => setTimeout(r, 400));
    expect(api.calls).toHaveLength(0);
  });

  it("ReliabilityView marks the input of a nested path the API refuses, and runs no sweep for it", async () => {
    // review 19 C1: the API's path was shown, not the field's; C8: the sweeps followed anyway. The refusal is the
    // API's own bound (reliability-input.ts: interval_min at most 10^6), past the field's check (min only)
    const api = fakeApi(() =>
      problemResponse(
        400,
        "Cannot simulate reliability: checkpoint.interval_min must be <= 1000000, got 2000000",
        [{ path: "checkpoint.interval_min", message: "must be <= 1000000, got 2000000" }],
      ),
    );
    render(<ReliabilityView params={{ interval_min: "2000000" }} onParams={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot simulate reliability: checkpoint interval must be <= 1000000, got 2000000",
    );
    const input = screen.getByLabelText(/^checkpoint interval/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "must be <= 1000000, got 2000000",
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls).toHaveLength(1);
  });
});
