// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Advisories } from "./Advisories.tsx";

afterEach(cleanup);

describe("Advisories", () => {
  it("Advisories lists each message once with its hint", () => {
    const a = { code: "policy-violated", message: "Policy not met", hint: "move work to domestic pools" };
    render(<Advisories items={[a, a, { code: "x", message: "Other", hint: "" }]} />);
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["Policy not met — move work to domestic pools", "Other"]);
  });

  it("Advisories renders nothing without advisories", () => {
    expect(render(<Advisories items={[]} />).container.textContent).toBe("");
  });
});
