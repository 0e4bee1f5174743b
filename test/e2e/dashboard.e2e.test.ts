/**
 * End to end: the built dashboard served by the API server (src/server startServer with staticDir), driven in
 * headless Chromium (Debian's package, through playwright-core; .ci/install-browser installs it). Changing the
 * Ascend failure-rate assumption on the Fleet view must change the comparison. A screenshot is kept in
 * artifacts/dashboard.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/index.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
// Flags from research/ecosystem.md §14: root needs --no-sandbox; the rest keep Chromium off the network.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** One fleet comparison takes ~4 s of one core here (the story scenario with its break-even sweep). */
const COMPARISON_TIMEOUT_MS = 120_000;

let outDir = "";
let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
const offsite: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Cannot run the dashboard e2e test: no Chromium at ${CHROMIUM} (run .ci/install-browser or set CHROMIUM_PATH)`,
    );
  }
  // A fresh build of the current sources, away from dist/web (which the lead's build script owns).
  outDir = mkdtempSync(join(tmpdir(), "fleetcast-web-"));
  await build({
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  server = await startServer({ port: 0, host: "127.0.0.1", staticDir: outDir });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const origin = server.url;
  // Works offline: every request must go to the server itself (no CDN, no web fonts).
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const ascendP50 = 'tr[data-strategy="all-ascend"] td[data-field="p50_days"]';

describe("dashboard", () => {
  it("dashboard Fleet view loads the story scenario and shows the strategies with charts", async () => {
    await page.goto(`${server!.url}/`);
    await page.locator(ascendP50).filter({ hasText: /\d/ }).waitFor({ timeout: COMPARISON_TIMEOUT_MS });
    expect(await page.locator("table.strategies tbody tr").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
  });

  it("dashboard Fleet view downloads every launch config of the recommended strategy (review 35: vllm-ascend answered 422)", async () => {
    const buttons = page.getByRole("button", { name: /launch config/ });
    const n = await buttons.count();
    expect(n).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: COMPARISON_TIMEOUT_MS }),
        buttons.nth(i).click(),
      ]);
      names.push(download.suggestedFilename());
    }
    expect(names.some((f) => f.includes("vllm-ascend"))).toBe(true);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
  });

  it("dashboard Fleet view changes the comparison when the Ascend failure rate changes, and keeps it in the URL", async () => {
    const before = (await page.locator(ascendP50).textContent())?.trim() ?? "";
    const tornadoBefore = await page.locator('[aria-label="tornado of the break-even factors"]').innerHTML();
    await page.locator("#field-ascend_failure_rate_multiplier").fill("4");
    await page.waitForFunction(
      `document.querySelector('${ascendP50}')?.textContent.trim() !== ${JSON.stringify(before)} && !document.querySelector('.results.stale')`,
      undefined,
      { timeout: COMPARISON_TIMEOUT_MS },
    );
    const after = (await page.locator(ascendP50).textContent())?.trim() ?? "";
    // More Ascend failures can only lengthen all-Ascend training (same seed, common random numbers).
    expect(Number(after.replaceAll(",", ""))).toBeGreaterThan(Number(before.replaceAll(",", "")));
    expect(await page.locator('[aria-label="tornado of the break-even factors"]').innerHTML()).not.toBe(
      tornadoBefore,
    );
    expect(page.url()).toContain("ascend_failure_rate_multiplier=4");
    mkdirSync(join(ROOT, "artifacts"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "artifacts", "dashboard.png"), fullPage: true });
  });

  it("dashboard restores the scenario from a shared URL", async () => {
    const shared = page.url();
    const other = await browser!.newPage();
    await other.goto(shared);
    await expect.poll(() => other.locator("#field-ascend_failure_rate_multiplier").inputValue()).toBe("4");
    await other.close();
  });

  it("dashboard Serving view simulates one replica and shows its latency percentiles", async () => {
    await page.goto(`${server!.url}/#/serving`);
    const run = page.getByRole("button", { name: "Run simulation" });
    await run.waitFor({ timeout: COMPARISON_TIMEOUT_MS });
    // the plan first: its layout and rate fill the simulation's defaults, which run as they are
    await page.locator("p.answer").waitFor({ timeout: COMPARISON_TIMEOUT_MS });
    await run.click();
    const p99 = page.locator('tr[data-latency="TPOT"] td').nth(3);
    await p99.filter({ hasText: /\d/ }).waitFor({ timeout: COMPARISON_TIMEOUT_MS });
    expect(Number((await p99.textContent())?.replaceAll(",", ""))).toBeGreaterThan(0);
    // the default rate is one the planned layout carries (review 35: a fixed 1 request/s overloaded it)
    expect(await page.locator(".simulation").textContent()).not.toMatch(/Overloaded/i);
    expect(
      await page.locator('[aria-label="simulated latency percentiles"] svg').count(),
    ).toBeGreaterThanOrEqual(1);
  });

  it("dashboard makes no request off the server and throws no page error", () => {
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
