// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DownloadButton } from "./DownloadButton.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("DownloadButton", () => {
  it("DownloadButton makes the file on click and hands it to the browser under its name", async () => {
    const created = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:report");
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe("report.md");
    });
    render(<DownloadButton label="Report" make={async () => ({ filename: "report.md", text: "# hi" })} />);
    fireEvent.click(screen.getByRole("button", { name: "Report" }));
    await waitFor(() => expect(clicked).toHaveBeenCalledOnce());
    expect(created).toHaveBeenCalledOnce();
  });

  it("DownloadButton shows why the file could not be made", async () => {
    render(
      <DownloadButton
        label="megatron"
        make={async () => {
          throw new Error("Cannot export: plan.tp must divide the heads");
        }}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "megatron" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Cannot export: plan.tp must divide the heads",
    );
  });

  it("DownloadButton shows an export's advisories beside it once the file is made (review 19)", async () => {
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:x");
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const notes = ["DualPipe is not a Megatron-LM schedule: exported as 1F1B"];
    render(
      <DownloadButton label="megatron" make={async () => ({ filename: "m.json", text: "{}", notes })} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "megatron" }));
    const list = await screen.findByRole("list", { name: "megatron: notes" });
    expect(list.textContent).toContain("DualPipe is not a Megatron-LM schedule");
  });
});
