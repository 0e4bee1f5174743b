import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALID_BODIES } from "./_test-bodies.ts";
import type { Problem } from "./problem.ts";
import { type RunningServer, startServer } from "./start-server.ts";

/** About 4 s of Monte Carlo on one core (1,000 replicas × 100,000 chips × 365 days), far over the 1.5 s limit. */
const LONG_BODY = { chip: "nvidia-h100-sxm", chip_count: 100_000, train_days: 365, replicas: 1000 };

let server: RunningServer;
let staticDir: string;

function post(path: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), "fleetcast-static-"));
  writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>fleetcast</title>");
  server = await startServer({ port: 0, workers: 1, timeLimitMs: 1500, staticDir });
});

afterAll(async () => {
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe("startServer()", () => {
  it("rejects a port already in use, with its workers stopped", async () => {
    const port = Number(new URL(server.url).port);
    // before the fix the second pool's worker kept the process alive after the rejection
    await expect(startServer({ port, workers: 1 })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("listens on loopback by default at the URL it returns", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("answers /healthz within 200 ms while a long job holds the worker, then stops the job at the time limit", async () => {
    let settled = false;
    const heavy = post("/api/reliability", LONG_BODY).then((res) => {
      settled = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latenciesMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.json();
      latenciesMs.push(performance.now() - t0);
      expect(res.status).toBe(200);
    }
    expect(settled).toBe(false);
    const median = latenciesMs.toSorted((a, b) => a - b)[2]!;
    expect(median).toBeLessThan(200);

    const res = await heavy;
    expect(res.status).toBe(503);
    const p = (await res.json()) as Problem;
    expect(p.type).toBe("/problems/time-limit");
    expect(p.detail).toContain("1.5 s time limit");
  });

  it("keeps serving heavy jobs after a worker was replaced", async () => {
    const res = await post("/api/train/plan", VALID_BODIES["/api/train/plan"]);
    expect(res.status).toBe(200);
    const plan = (await res.json()) as { plans: unknown[] };
    expect(plan.plans.length).toBeGreaterThan(0);
  });

  it("answers 400 problem JSON over the wire for a malformed body", async () => {
    const res = await fetch(`${server.url}/api/reliability`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("serves the dashboard from staticDir at / and leaves the API and unknown paths alone", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("<title>fleetcast</title>");
    const chips = await fetch(`${server.url}/api/chips`);
    expect(chips.headers.get("content-type")).toMatch(/^application\/json/);
    const missing = await fetch(`${server.url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });

  it("does not serve files outside staticDir", async () => {
    const res = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("root:");
  });
});
