// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CatalogContext } from "../lib/catalog.ts";
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

  it("Inputs marks a text input and a select invalid too", () => {
    render(
      <Inputs
        fields={fields}
        values={{}}
        onChange={() => {}}
        errors={{ chip: "Cannot find chip 'x'", scenario: "not for this chip" }}
      />,
    );
    expect(document.getElementById("field-chip")?.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("field-scenario")?.getAttribute("aria-invalid")).toBe("true");
  });

  it("Inputs applies typed text after a pause, once, and at once on Enter or leaving the input", async () => {
    // review 19 C2: chip, model and stack applied only on blur or Enter, and looked like they did nothing
    const onChange = vi.fn();
    render(<Inputs fields={fields} values={{}} onChange={onChange} textDelayMs={50} />);
    const chip = screen.getByLabelText(/^chip$/) as HTMLInputElement;
    fireEvent.input(chip, { target: { value: "huawei" } });
    fireEvent.input(chip, { target: { value: "huawei-ascend-910c" } });
    // what was typed shows at once, and is not applied yet
    expect(chip.value).toBe("huawei-ascend-910c");
    expect(onChange).not.toHaveBeenCalled();
    await waitFor(() => expect(onChange).toHaveBeenCalledWith("chip", "huawei-ascend-910c"));
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.input(chip, { target: { value: "amd-mi300x" } });
    fireEvent.change(chip, { target: { value: "amd-mi300x" } });
    expect(onChange).toHaveBeenLastCalledWith("chip", "amd-mi300x");
    await new Promise((r) => setTimeout(r, 80));
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it("Inputs suggests the catalog's chip ids and model names in a datalist", () => {
    // review 19 C3: chips and models were typed from memory
    const catalog = {
      chips: [{ id: "huawei-ascend-910c", name: "Huawei Ascend 910C", fp8: false, ranksPerChip: 2 }],
      models: [{ name: "deepseek-v3", displayName: "DeepSeek-V3" }],
    };
    render(
      <CatalogContext.Provider value={catalog}>
        <Inputs
          fields={[
            { key: "chip", label: "chip", default: "x", kind: "text", suggest: "chip" },
            { key: "model", label: "model", default: "y", kind: "text", suggest: "model" },
            { key: "stack", label: "stack", default: "", kind: "text" },
          ]}
          values={{}}
          onChange={() => {}}
        />
      </CatalogContext.Provider>,
    );
    const list = (label: RegExp) => {
      const id = screen.getByLabelText(label).getAttribute("list");
      return id === null ? null : [...(document.getElementById(id)?.querySelectorAll("option") ?? [])];
    };
    expect(list(/^chip$/)?.map((o) => [o.value, o.getAttribute("label")])).toEqual([
      ["huawei-ascend-910c", "Huawei Ascend 910C"],
    ]);
    expect(list(/^model$/)?.map((o) => o.value)).toEqual(["deepseek-v3"]);
    expect(list(/^stack$/)).toBeNull();
  });
});
