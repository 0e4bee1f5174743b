import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "@commander-js/extra-typings";
import * as z from "zod";
import { FleetcastError } from "../../errors.ts";
import { startServer } from "../../server/index.ts";
import type { CliIo } from "../io.ts";
import { numberFlag } from "../number-flag.ts";
import { staleDashboard } from "../stale-dashboard.ts";

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIR = fileURLToPath(new URL("../../../dist/web/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Rebuilds dist/web when a source of the dashboard (web/, or src/, which it bundles) changed since it was built, as
 * the CLI runs its sources when its bundle is older (review 35: after a pull without `npm ci` the dashboard showed
 * the old default's days beside the CLI's new ones). An installed package is taken as built; a rebuild that cannot
 * run (no vite, a build error) leaves the old build served, said so.
 */
async function refreshDashboard(io: CliIo): Promise<void> {
  if (ROOT.split(sep).includes("node_modules")) return;
  const changed = staleDashboard(DASHBOARD_DIR, [join(ROOT, "web"), join(ROOT, "src")], ROOT);
  if (changed === null) return;
  io.err(
    `note: ${changed} changed since the dashboard in dist/web was built: rebuilding it (npm run build:web)\n`,
  );
  try {
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "error" });
  } catch (error) {
    io.err(
      `note: the dashboard could not be rebuilt (${error instanceof Error ? error.message : String(error)}): serving the build in dist/web, which may not match the CLI\n`,
    );
  }
}

export function uiCommand(io: CliIo) {
  return new Command("ui")
    .description("Serve the HTTP API and the dashboard (loopback only unless --host says otherwise)")
    .option(
      "--port <n>",
      "port to listen on (0 = any free port)",
      numberFlag("serve the dashboard", "--port", "non-negative integer", z.number().max(65_535)),
      8787,
    )
    .option("--host <address>", "address to bind", "127.0.0.1")
    .addHelpText("after", "\nExamples:\n  $ fleetcast ui\n  $ fleetcast ui --port 3000")
    .action(async (opts) => {
      const { port } = opts;
      if (existsSync(`${DASHBOARD_DIR}index.html`)) await refreshDashboard(io);
      const hasDashboard = existsSync(`${DASHBOARD_DIR}index.html`);
      if (!hasDashboard)
        io.err("note: no built dashboard in dist/web (run `npm run build:web`); serving the API only\n");
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          port,
          host: opts.host,
          ...(hasDashboard ? { staticDir: DASHBOARD_DIR } : {}),
          onError: (error) =>
            io.err(`server error: ${error instanceof Error ? error.message : String(error)}\n`),
        });
      } catch (error) {
        const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
        throw new FleetcastError(
          `Cannot serve on ${opts.host}:${port}: ${inUse ? "the port is already in use (--port 0 picks a free one)" : (error as Error).message}`,
        );
      }
      io.out(
        `fleetcast dashboard and API: ${server.url}/ (API docs: ${server.url}/openapi.json). Ctrl-C stops it.\n`,
      );
      await new Promise<void>((done) => {
        const stop = () => {
          void server.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
