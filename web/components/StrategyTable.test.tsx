// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { StrategyTable } from "./StrategyTable.tsx";

afterEach(cleanup);

describe("StrategyTable", () => {
  it("StrategyTable shows one row per strategy with days, P(deadline), coverage and cost", () => {
    const c = comparisonFixture();
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const row = container.querySelector('tr[data-strategy="all-ascend"]');
    expect(row?.querySelector('[data-field="p50_days"]')?.textContent).toBe("165");
    expect(row?.textContent).toContain("0 %");
    expect(row?.textContent).toContain("$7.75M");
    expect(screen.getAllByRole("row")).toHaveLength(4);
  });

  it("StrategyTable titles the coverage with the headroom of its serving pools' free chips and shows the odds, when the answer has them", () => {
    const c = comparisonFixture();
    const row = c.strategies.find((x) => x.id === "train-nvidia-serve-ascend")!;
    row.serving.headroom = 1.08;
    row.serving.headroom_band = [0.51, 1.63];
    row.serving.headroom_odds = { share: 0.507, bound: null };
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const cell = (id: string) => container.querySelector(`tr[data-strategy="${id}"] [data-field="coverage"]`);
    expect(cell("train-nvidia-serve-ascend")?.getAttribute("title")).toBe(
      "every chip of its serving pools not training: 108 % of the peak, 51 % to 163 % across the serving model's 80 % band; it carries the peak if throughput reaches 93 % of the prediction, as 51 % of held-out runs did, each publication weighted once",
    );
    // an older answer without it: no title, and no odds
    expect(cell("all-ascend")?.hasAttribute("title")).toBe(false);
    const odds = (id: string) =>
      container.querySelector(`tr[data-strategy="${id}"] [data-field="peak_odds"]`)?.textContent;
    expect(odds("train-nvidia-serve-ascend")).toBe("51 %");
    expect(odds("all-ascend")).toBe("–");
  });

  it("StrategyTable marks the recommended strategy and says 'cannot train' when training fails", () => {
    const c = comparisonFixture(Number.NaN);
    c.strategies[1]!.training!.failure = "no plan fits on 1024 chips";
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    expect(container.querySelector("tr.recommended")?.getAttribute("data-strategy")).toBe(
      "train-nvidia-serve-ascend",
    );
    expect(
      container.querySelector('tr[data-strategy="all-ascend"] [data-field="p50_days"]')?.textContent,
    ).toBe("cannot train");
  });

  it("StrategyTable says when a row's serving misses the p99 limits at load, and why, as text", () => {
    const c = comparisonFixture();
    const row = c.strategies.find((x) => x.id === "train-nvidia-serve-ascend")!;
    row.serving.latency_ok = false;
    row.advisories = [
      ...row.advisories,
      { code: "serving-latency-at-load", message: "ascend-910c: TTFT p99 11,300 ms against 1,600", hint: "" },
    ];
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const cell = (id: string) => container.querySelector(`tr[data-strategy="${id}"] [data-field="latency"]`);
    expect(cell("train-nvidia-serve-ascend")?.textContent).toBe("not met");
    expect(container.querySelector(".why-not ul")?.textContent).toContain(
      "latency at load: ascend-910c: TTFT p99 11,300 ms against 1,600",
    );
  });

  it("StrategyTable names what 'feasible' checks, latency at load apart", () => {
    // review 19 B6: "feasible: yes" beside "p99 latency at load: not met" read as a contradiction
    const c = comparisonFixture();
    render(<StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />);
    const header = screen.getByRole("columnheader", { name: "feasible (deadline, throughput, policy)" });
    expect(header.getAttribute("title")).toContain("p99 latency at load is not part of it");
  });

  it("StrategyTable scrolls inside its own box, so a narrow page does not scroll sideways", () => {
    // review 19 A6: at 800 px the 10-column table (801 px) overflowed a 752 px container and the page scrolled
    const c = comparisonFixture();
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const box = container.querySelector("table.strategies")?.parentElement;
    expect(box?.classList.contains("table-scroll")).toBe(true);
    expect(box?.getAttribute("tabindex")).toBe("0");
  });

  it("StrategyTable shows each strategy's energy over the window and its idle chips, as the CLI does", () => {
    // review 19 B8: the API's energy and idle_chips (the CLI's idle column) were not on screen
    const c = comparisonFixture();
    c.strategies[0]!.idle_chips = 3072;
    c.strategies[0]!.energy = { training_mwh: 4565, serving_mwh_per_day: 34.4, window_mwh: 6629 };
    // an answer without idle_chips: the allocation's idle chips
    delete c.strategies[1]!.idle_chips;
    c.strategies[1]!.allocation = [
      { pool: "h800", chip: "nvidia-h800-sxm", count: 2048, train: 0, serve: 0, idle: 2048 },
      { pool: "ascend-910c", chip: "huawei-ascend-910c", count: 3072, train: 768, serve: 2304, idle: 0 },
    ];
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const cell = (id: string, field: string) =>
      container.querySelector(`tr[data-strategy="${id}"] [data-field="${field}"]`)?.textContent;
    expect(cell("all-nvidia", "idle")).toBe("3,072");
    expect(cell("all-nvidia", "energy")).toBe("6,630");
    expect(cell("all-ascend", "idle")).toBe("2,048");
    expect(screen.getByRole("columnheader", { name: "idle chips" })).toBeTruthy();
  });

  it("StrategyTable keeps the reasons behind a closed summary that counts them", () => {
    // review 19 C7: about 20 "why not" bullets sat between the table and the charts
    const c = comparisonFixture();
    const row = c.strategies.find((x) => x.id === "all-nvidia")!;
    row.advisories = [{ code: "serving-latency-at-load", message: "h800: TTFT p99 6,930 ms", hint: "" }];
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const details = container.querySelector("details.why-not") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe(
      "Why not: 2 of 3 strategies not feasible; 1 serving part over the p99 limits at load",
    );
    expect(details.querySelectorAll("li")).toHaveLength(3);
  });
});
