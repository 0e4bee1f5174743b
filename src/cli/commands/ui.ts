import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command } from "@commander-js/extra-typings";
import * as z from "zod";
import { FleetcastError } from "../../errors.ts";
import { startServer } from "../../server/index.ts";
import type { CliIo } from "../io.ts";
import { numberFlag } from "../number-flag.ts";

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIR = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

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
