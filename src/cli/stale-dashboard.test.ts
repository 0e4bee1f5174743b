import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { staleDashboard } from "./stale-dashboard.ts";

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("staleDashboard()", () => {
  it("staleDashboard() names a source changed after the build and nothing before it", async () => {
    const root = mkdtempSync(join(tmpdir(), "fleetcast-stale-"));
    mkdirSync(join(root, "web", "components"), { recursive: true });
    mkdirSync(join(root, "dist"), { recursive: true });
    writeFileSync(join(root, "web", "components", "View.tsx"), "a");
    await pause(30);
    writeFileSync(join(root, "dist", "index.html"), "<html>");
    expect(staleDashboard(join(root, "dist"), [join(root, "web")], root)).toBeNull();
    await pause(30);
    // a test file is not bundled: editing it leaves the build current
    writeFileSync(join(root, "web", "components", "View.test.tsx"), "t");
    expect(staleDashboard(join(root, "dist"), [join(root, "web")], root)).toBeNull();
    writeFileSync(join(root, "web", "components", "View.tsx"), "b");
    expect(staleDashboard(join(root, "dist"), [join(root, "web")], root)).toBe(
      join("web", "components", "View.tsx"),
    );
  });

  it("staleDashboard() has nothing to judge without a build", () => {
    const root = mkdtempSync(join(tmpdir(), "fleetcast-stale-"));
    expect(staleDashboard(join(root, "dist"), [root], root)).toBeNull();
  });
});
