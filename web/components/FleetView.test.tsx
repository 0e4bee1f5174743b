// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { fakeApi, problemResponse } from "./_fake-api.ts";
import { FleetView } from "./FleetView.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Harness({ onParams }: { onParams?: (p: Record<string, string>) => void }) {
  const [params, setParams] = useState<Record<string, string>>({});
  return (
    <FleetView
      params={params}
      onParams={(p) => {
        onParams?.(p);
        setParams(p);
      }}
    />
  );
}

describe("FleetView", () => {
  it("FleetView compares the story's scenario on load and shows strategies, charts and exports", async () => {
    const api = fakeApi(() => comparisonFixture());
    const { container } = render(<Harness />);
    await screen.findByText(/Strategies side by side/);
    const body = api.calls[0]?.body as { scenario: { name: string; pools: unknown[] } };
    expect(api.calls[0]?.path).toBe("/api/fleet/compare");
    expect(body.scenario.name).toBe("deepseek-r2-story");
    expect(body.scenario.pools).toHaveLength(3);
    await waitFor(() =>
      expect(container.querySelectorAll("figure.chart svg").length).toBeGreaterThanOrEqual(4),
    );
    expect(screen.getByTestId("answer").textContent).toContain("Train on NVIDIA, serve on Ascend");
    expect(screen.getByRole("button", { name: /megatron launch config/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Report (Markdown)" })).toBeTruthy();
  });

  it("FleetView sends the edited Ascend failure rate and shows the new comparison", async () => {
    const api = fakeApi((_path, body) => {
      const m = (body as { scenario: { assumptions: { ascend_failure_rate_multiplier: number } } }).scenario
        .assumptions.ascend_failure_rate_multiplier;
      return comparisonFixture(m === 4 ? 175.1 : 164.5);
    });
    const onParams = vi.fn();
    const { container } = render(<Harness onParams={onParams} />);
    const cell = () =>
      container.querySelector('tr[data-strategy="all-ascend"] [data-field="p50_days"]')?.textContent;
    await waitFor(() => expect(cell()).toBe("165"));
    fireEvent.input(screen.getByLabelText(/Ascend failure rate/), { target: { value: "4" } });
    expect(onParams).toHaveBeenLastCalledWith({ ascend_failure_rate_multiplier: "4" });
    await waitFor(() => expect(cell()).toBe("175"));
    expect(api.calls.length).toBe(2);
  });

  it("FleetView shows the API's problem detail when the comparison is refused", async () => {
    fakeApi(() =>
      problemResponse(400, "Cannot compare the fleet strategies: scenario.pools[0].count must be > 0"),
    );
    render(<Harness />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot compare the fleet strategies: scenario.pools[0].count must be > 0",
    );
  });
  it("FleetView marks a negative, fractional or non-numeric count invalid and sends nothing for it", async () => {
    // review 19 A3: -5 chips dropped the H800 pool, 1.5 became 2 and "abc" the story's 2,048, without a word
    const api = fakeApi(() => comparisonFixture());
    render(<Harness />);
    await screen.findByText(/Strategies side by side/);
    expect(api.calls).toHaveLength(1);
    const input = screen.getByLabelText(/^h800 chips/) as HTMLInputElement;
    for (const [typed, message] of [
      ["-5", "must be at least 0"],
      ["1.5", "must be a whole number"],
      ["", "enter a number"],
    ] as const) {
      fireEvent.input(input, { target: { value: typed } });
      await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
      expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
        message,
      );
      expect(screen.getByRole("alert").textContent).toBe(`Not compared: h800 chips ${message}.`);
    }
    // the debounce (400 ms) passes without a request for any of them
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls).toHaveLength(1);
    expect(screen.queryByText(/Strategies side by side/)).toBeNull();
    fireEvent.input(input, { target: { value: "1024" } });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(input.getAttribute("aria-invalid")).toBeNull();
  });

  it("FleetView refuses a count from the URL that is not a number", async () => {
    const api = fakeApi(() => comparisonFixture());
    render(<FleetView params={{ h800_count: "abc" }} onParams={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toBe("Not compared: h800 chips must be a number.");
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls).toHaveLength(0);
  });

  it("FleetView shows whether Ascend can do it all and what each constraint costs, as the CLI does", async () => {
    // review 19 B8: policy_costs, unconstrained and "Can Ascend do it all?" were only in the CLI
    fakeApi(() => comparisonFixture());
    const { container } = render(<Harness />);
    await screen.findByText(/Strategies side by side/);
    // the sentence compare prints (the API's ascend_alone), not one written again in the dashboard (re-read 20)
    expect(screen.getByTestId("ascend-alone").textContent).toBe(
      `Can Ascend do it all? ${comparisonFixture().ascend_alone}`,
    );
    const table = screen.getByRole("table", {
      name: "What each constraint costs against the unconstrained best",
    });
    const rows = table.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(4);
    expect(rows[0]?.classList.contains("baseline")).toBe(true);
    const work = [...rows].find((r) => r.textContent?.startsWith("at least 30 % of the work"));
    expect(work?.querySelector('[data-field="delta_days"]')?.textContent).toBe("+12.4");
    expect(work?.querySelector('[data-field="delta_p_deadline"]')?.textContent).toBe("−35 pts");
    expect(container.textContent).toContain("What the constraints cost: all together +12.4 days P50");
  });

  it("FleetView keeps the break-even table behind a one-line summary, so the charts come first", async () => {
    // review 19 C7: an 11-row table of "beyond-range / –" sat above the advisories and downloads
    fakeApi(() => comparisonFixture());
    const { container } = render(<Harness />);
    await screen.findByText(/Strategies side by side/);
    const details = container.querySelector("details.break-even") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe(
      "What 1,024 chips of ascend-910c training alone would need: the one improvement searched does not meet the 60-day deadline (best: failure rate, P50 161 days)",
    );
    expect(details.querySelector("table")).toBeTruthy();
  });

  it("FleetView marks the input behind a problem's path, by the pool's place in the scenario sent", async () => {
    // review 19 C1: "scenario.pools[0].usd_per_chip_hour must be > 0, got 0" named a path, no input was marked;
    // with the h800 pool left out (0 chips), pools[0] is h20
    fakeApi(() =>
      problemResponse(
        400,
        "Cannot compare the fleet strategies: scenario.pools[0].usd_per_chip_hour must be > 0, got 0",
        [{ path: "scenario.pools[0].usd_per_chip_hour", message: "must be > 0, got 0" }],
      ),
    );
    render(<FleetView params={{ h800_count: "0" }} onParams={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot compare the fleet strategies: h20 price must be > 0, got 0",
    );
    const price = screen.getByLabelText(/^h20 price/);
    expect(price.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(price.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "must be > 0, got 0",
    );
    expect(screen.getByLabelText(/^h800 price/).getAttribute("aria-invalid")).toBeNull();
  });

  it("FleetView marks the text input whose value a problem without paths quotes", async () => {
    // the API names no path for an unknown model in a scenario; its detail quotes the value typed
    fakeApi(() => problemResponse(422, "Cannot find model 'bogus': not a built-in model nor a file", []));
    render(<FleetView params={{ serving_model: "bogus" }} onParams={() => {}} />);
    await screen.findByRole("alert");
    expect(screen.getByLabelText(/^model served/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText(/^model trained/).getAttribute("aria-invalid")).toBeNull();
  });
});
