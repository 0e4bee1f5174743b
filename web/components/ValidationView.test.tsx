// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ValidationJson } from "../lib/api-types.ts";
import { fakeApi } from "./_fake-api.ts";
import { ValidationView } from "./ValidationView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const report: ValidationJson = {
  cases: [
    {
      id: "a",
      kind: "train",
      status: "ok",
      family: "nvidia-hopper",
      metrics: [
        {
          metric: "tokens_per_s_per_chip",
          observed: 1000,
          predicted: 1100,
          rel_error: 0.1,
          interval: [900, 1300],
        },
      ],
    },
    {
      id: "b",
      kind: "train",
      status: "ok",
      family: "ascend-910b",
      metrics: [{ metric: "mfu", observed: 0.4, predicted: 0.38, rel_error: -0.05 }],
    },
    { id: "c", kind: "serve", status: "unsupported", metrics: [] },
  ],
  summary: {
    cases: 3,
    ok: 2,
    by_family: { "nvidia-hopper": { cases: 1, median_abs_error: 0.1, within_25pct: 1 } },
  },
};

describe("ValidationView", () => {
  it("ValidationView sends the built-in published cases and plots the chosen metric per family", async () => {
    const api = fakeApi(() => report);
    const onParams = vi.fn();
    render(<ValidationView params={{}} onParams={onParams} />);
    await screen.findByText(
      "2 of 3 calibration cases predicted (the others are unsupported or lack inputs).",
    );
    const cases = api.calls[0]?.body["cases"] as { id: string }[];
    expect(cases.length).toBeGreaterThan(50);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const figure = screen.getByRole("figure", { name: "predicted against observed" });
    await waitFor(() => expect(figure.querySelectorAll("circle")).toHaveLength(1));
    expect((screen.getByLabelText("metric") as HTMLSelectElement).value).toBe("tokens_per_s_per_chip");
    const families = within(screen.getByRole("table", { name: /^Fit error/ }));
    expect(families.getByRole("row", { name: /nvidia-hopper/ }).textContent).toContain("10 %");
  });

  it("ValidationView's family table follows the chosen metric", async () => {
    fakeApi(() => report);
    render(<ValidationView params={{ metric: "mfu" }} onParams={() => {}} />);
    await screen.findByText(/2 of 3 calibration cases predicted/);
    // mfu: only the 910B case reports it (5 %); the Hopper case's tokens/s error is not this metric's
    const families = within(screen.getByRole("table", { name: /^Fit error/ }));
    expect(families.getByRole("row", { name: /ascend-910b/ }).textContent).toContain("5 %");
    expect(families.queryByRole("row", { name: /nvidia-hopper/ })).toBeNull();
  });

  it("ValidationView falls back to the default metric when the URL names one no case has", async () => {
    fakeApi(() => report);
    render(<ValidationView params={{ metric: "bogus" }} onParams={() => {}} />);
    await screen.findByText(/2 of 3 calibration cases predicted/);
    expect((screen.getByLabelText("metric") as HTMLSelectElement).value).toBe("tokens_per_s_per_chip");
  });

  it("ValidationView calls itself the calibration fit and says where the held-out cases are, with their error", async () => {
    // review 19 B3: the fitted cases alone were presented as "Validation"
    fakeApi(() => report);
    render(<ValidationView params={{}} onParams={() => {}} />);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Calibration fit");
    const holdout = screen.getByTestId("holdout").textContent ?? "";
    expect(holdout).toContain("fleetcast validate data/holdout/*.json");
    expect(holdout).toContain("data/holdout/README.md");
    await screen.findByText(/2 of 3 calibration cases predicted/);
  });

  it("ValidationView names the metric in words, puts its unit on the axes and says what the lines are", async () => {
    // review 19 C6: axes "observed →" and "↑ predicted" without units, raw metric names, the 2x lines unexplained
    fakeApi(() => report);
    render(<ValidationView params={{}} onParams={() => {}} />);
    await screen.findByText(/2 of 3 calibration cases predicted/);
    const select = screen.getByLabelText("metric") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "model FLOPs utilization (MFU), fraction of peak",
      "training throughput, tokens/s per chip",
    ]);
    const figure = screen.getByRole("figure", { name: "predicted against observed" });
    await waitFor(() => expect(figure.querySelector("svg")).toBeTruthy());
    expect(figure.textContent).toContain("observed, tokens/s per chip →");
    expect(figure.textContent).toContain("↑ predicted, tokens/s per chip");
    expect(screen.getByTestId("chart-legend").textContent).toContain(
      "grey dotted lines: a factor of two off (predicted 2× or ½× the observation)",
    );
    const cases = screen.getByRole("table", { name: /each case predicted against observed/ });
    expect(cases.querySelector("tbody tr")?.textContent).toBe("anvidia-hopper1,0001,10010 %");
  });
});
