import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { DEFAULT_TIME_LIMIT_MS } from "./api-limits.ts";
import { createApp } from "./create-app.ts";
import { createWorkerPool } from "./worker-pool.ts";

export interface StartServerOptions {
  /** TCP port; 0 picks a free one (read it from `url`). */
  port: number;
  /** Interface to bind; loopback by default, so only this machine can reach the API. */
  host?: string;
  /** A built dashboard to serve at `/` (index.html and its assets); the API keeps its own paths. */
  staticDir?: string;
  /** Worker threads for heavy jobs (default: cores − 1, between 1 and 2). */
  workers?: number;
  /** Per-request time limit of heavy jobs, ms (default 30 s); over it the answer is 503 and the worker is replaced. */
  timeLimitMs?: number;
  /** Told about unexpected errors (500s), e.g. to log them. */
  onError?: (error: unknown) => void;
}

/** A listening server: its base URL and how to stop it. */
export interface RunningServer {
  /** "http://127.0.0.1:PORT" (IPv6 hosts in brackets). */
  url: string;
  /** Stops accepting connections, ends open ones and terminates the workers. */
  close(): Promise<void>;
}

/**
 * Serves the API (`createApp`) on Node's HTTP server with heavy jobs on a worker pool, and the dashboard from
 * `staticDir` when given. Binds to 127.0.0.1 unless told otherwise. Resolves once the workers have loaded the
 * libraries (a second or two), so the first heavy request does not wait for them.
 * @example const { url, close } = await startServer({ port: 0 }); await fetch(`${url}/healthz`); await close();
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const pool = createWorkerPool({
    ...(options.workers === undefined ? {} : { size: options.workers }),
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  });
  const app = createApp({ runner: pool, ...(options.onError ? { onError: options.onError } : {}) });
  if (options.staticDir !== undefined) {
    const root = resolve(options.staticDir);
    app.use("/*", serveStatic({ root }));
  }
  let server: Server;
  let address: AddressInfo;
  try {
    address = await new Promise<AddressInfo>((done, fail) => {
      server = serve({ fetch: app.fetch, port: options.port, hostname: host }, done) as Server;
      server.once("error", fail);
    });
  } catch (error) {
    // the workers keep the process alive: stop them, or a failed start never exits
    await pool.close();
    throw error;
  }
  await pool.ready();
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}
