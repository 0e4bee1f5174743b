// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Inputs } from "./Inputs.tsx";

afterEach(cleanup);

const fields = [
  { key: "count", label: "chips", default: "2048", unit: "chips" },
  {
    key: "scenario",
    label: "failure-rate reading",
    default: "high",
    kind: "select" as const,
    options: ["low", "high"],
  },
  { key: "chip", label: "chip", default: "nvidia-h800-sxm", kind: "text" as const },
];

describe("Inputs", () => {
  it("Inputs renders one labelled control per field with its value", () => {
    render(
      <Inputs fields={fields} values={{ count: "512", scenario: "high", chip: "x" }} onChange={() => {}} />,
    );
    expect((screen.getByLabelText(/chips/) as HTMLInputElement).value).toBe("512");
    expect((screen.getByLabelText(/failure-rate reading/) as HTMLSelectElement).value).toBe("high");
    expect((screen.getByLabelText(/^chip$/) as HTMLInputElement).type).toBe("text");
  });

  it("Inputs reports edits by key and marks fields that differ from their default", () => {
    const onChange = vi.fn();
    const { container } = render(<Inputs fields={fields} values={{ count: "512" }} onChange={onChange} />);
    fireEvent.input(screen.getByLabelText(/chips/), { target: { value: "1024" } });
    fireEvent.change(screen.getByLabelText(/failure-rate reading/), { target: { value: "low" } });
    expect(onChange.mock.calls).toEqual([
      ["count", "1024"],
      ["scenario", "low"],
    ]);
    expect(container.querySelectorAll(".field.changed")).toHaveLength(1);
  });

  it("Inputs prefixes the ids, so two sets of inputs can share a page", () => {
    render(<Inputs fields={fields} values={{}} onChange={() => {}} idPrefix="sim-field" />);
    expect((screen.getByLabelText(/chips/) as HTMLInputElement).id).toBe("sim-field-count");
  });

  it("Inputs offers a reset only when given one", () => {
    const onReset = vi.fn();
    const { rerender } = render(<Inputs fields={fields} values={{}} onChange={() => {}} />);
    expect(screen.queryByRole("button")).toBeNull();
    rerender(<Inputs fields={fields} values={{}} onChange={() => {}} onReset={onReset} />);
    fireEvent.click(screen.getByRole("button", { name: "Reset to defaults" }));
    expect(onReset).toHaveBeenCalledOnce();
  });

  it("Inputs marks a field with an error invalid and describes it by the message under it", () => {
    render(
      <Inputs
        fields={fields}
        values={{ count: "-5" }}
        onChange={() => {}}
        errors={{ count: "must be at least 0" }}
      />,
    );
    const input = screen.getByLabelText(/chips/) as HTMLInputElement;
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "must be at least 0",
    );
    expect((screen.getByLabelText(/^chip$/) as HTMLInputElement).getAttribute("aria-invalid")).toBeNull();
  });
});
