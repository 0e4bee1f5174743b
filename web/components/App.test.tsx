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
});
