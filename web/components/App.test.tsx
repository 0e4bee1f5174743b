// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { fakeApi } from "./_fake-api.ts";
import { App } from "./App.tsx";

beforeEach(() => history.replaceState(null, "", "/"));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("App", () => {
  it("App opens the Fleet view by default and switches views through the tabs, writing the hash", () => {
    fakeApi(() => comparisonFixture());
    render(<App />);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Fleet comparison");
    fireEvent.click(screen.getByRole("link", { name: "Reliability" }));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Reliability");
    expect(location.hash).toBe("#/reliability");
    expect(screen.getByRole("link", { name: "Reliability" }).getAttribute("aria-current")).toBe("page");
  });

  it("App restores a shared view and its inputs from the URL", () => {
    fakeApi(() => comparisonFixture());
    history.replaceState(null, "", "/#/train?count=512");
    render(<App />);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Train plan explorer");
    expect((screen.getByLabelText(/^chips/) as HTMLInputElement).value).toBe("512");
  });

  it("App adds a history entry per tab change, so Back returns to the previous tab, and none per input edit", async () => {
    // review 19 C4: replaceState for tabs made Back skip Fleet → Reliability → Serving to before the app
    fakeApi(() => comparisonFixture());
    render(<App />);
    const start = history.length;
    fireEvent.click(screen.getByRole("link", { name: "Reliability" }));
    fireEvent.click(screen.getByRole("link", { name: "Train plan explorer" }));
    expect(history.length).toBe(start + 2);
    fireEvent.input(screen.getByLabelText(/^chips/), { target: { value: "512" } });
    expect(location.hash).toBe("#/train?count=512");
    expect(history.length).toBe(start + 2);
    history.back();
    await waitFor(() => expect(location.hash).toBe("#/reliability"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Reliability"));
  });

  it("App keeps the simulation panel's edits in the URL, so they survive a tab switch", async () => {
    // review 19 C5: 1234 requests were back to 20000 after Validation and back, and not in the URL
    fakeApi((path) =>
      path.startsWith("/api/serve") ? new Response("{}", { status: 503 }) : comparisonFixture(),
    );
    history.replaceState(null, "", "/#/serving");
    render(<App />);
    fireEvent.input(screen.getByLabelText(/^requests/), { target: { value: "1234" } });
    expect(location.hash).toBe("#/serving?sim_requests=1234");
    fireEvent.click(screen.getByRole("link", { name: "Calibration fit" }));
    fireEvent.click(screen.getByRole("link", { name: "Serving" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Serving"));
    expect((screen.getByLabelText(/^requests/) as HTMLInputElement).value).toBe("1234");
    expect(location.hash).toBe("#/serving?sim_requests=1234");
  });

  it("App fetches the chip and model catalog once and offers it to the inputs", async () => {
    // review 19 C3: chip and model inputs had no suggestions
    const api = fakeApi((path) =>
      path === "/api/chips"
        ? { chips: [{ id: "huawei-ascend-910c", name: "Huawei Ascend 910C", peak_tflops: { fp8: null } }] }
        : path === "/api/models"
          ? { models: [{ name: "deepseek-v3", display_name: "DeepSeek-V3" }] }
          : comparisonFixture(),
    );
    history.replaceState(null, "", "/#/train");
    render(<App />);
    const chip = document.getElementById("field-chip") as HTMLInputElement;
    await waitFor(() => expect(chip.getAttribute("list")).toBe("field-chip-list"));
    expect(document.querySelector("#field-chip-list option")?.getAttribute("value")).toBe(
      "huawei-ascend-910c",
    );
    fireEvent.click(screen.getByRole("link", { name: "Reliability" }));
    fireEvent.click(screen.getByRole("link", { name: "Train plan explorer" }));
    expect(api.calls.filter((c) => c.path === "/api/chips")).toHaveLength(1);
  });
});
