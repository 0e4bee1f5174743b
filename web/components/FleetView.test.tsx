// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { fakeApi } from "./_fake-api.ts";
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
    // the fixture's recommended row meets its latency at load: the answer does not say otherwise
    expect(screen.getByTestId("answer").textContent).not.toContain("without meeting the p99");
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
    fakeApi(
      () =>
        new Response(
          JSON.stringify({
            status: 400,
            detail: "Cannot compare the fleet strategies: scenario.pools[0].count must be > 0",
          }),
          {
            status: 400,
          },
        ),
    );
    render(<Harness />);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cannot compare the fleet strategies: scenario.pools[0].count must be > 0",
    );
  });
  it("FleetView's answer says when the recommended row's serving misses the p99 limits at load", async () => {
    fakeApi(() => {
      const c = comparisonFixture();
      for (const s of c.strategies) s.serving.latency_ok = false;
      return c;
    });
    render(<Harness />);
    await screen.findByText(/Strategies side by side/);
    await waitFor(() =>
      expect(screen.getByTestId("answer").textContent).toContain(
        "without meeting the p99 latency limits at that peak",
      ),
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
});
