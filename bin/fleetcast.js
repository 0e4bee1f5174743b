#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (Node 20 cannot strip types by itself).
import { register } from "tsx/esm/api";

register();
// A reader that stops early (`fleetcast ... | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
