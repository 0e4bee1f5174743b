// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Status } from "./Status.tsx";

afterEach(cleanup);

describe("Status", () => {
  it("Status shows the API's error as an alert, before anything else", () => {
    render(
      <Status loading={true} error="Cannot plan training: count must be <= 1048576" what="Searching plans" />,
    );
    expect(screen.getByRole("alert").textContent).toBe("Cannot plan training: count must be <= 1048576");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("Status says what is being computed while loading, and nothing when done", () => {
    const { rerender, container } = render(<Status loading={true} error={null} what="Searching plans" />);
    expect(screen.getByRole("status").textContent).toBe("Searching plans…");
    rerender(<Status loading={false} error={null} what="Searching plans" />);
    expect(container.textContent).toBe("");
  });
});
