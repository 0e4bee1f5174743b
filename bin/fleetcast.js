#!/usr/bin/env node
// Runs the CLI: from its bundle (dist/cli, made by bin/build-cli.js at install) while no source has changed since
// it was built, else from the TypeScript sources through tsx's loader (Node 20 cannot strip types by itself).
import { freshBundleUrl } from "./cli-bundle.js";

// A reader that stops early (`fleetcast ... | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const bundle = freshBundleUrl();
let main = bundle;
if (main === null) {
  const { register } = await import("tsx/esm/api");
  register();
  main = "../src/cli/main.ts";
}
const { run } = await import(main);
process.exitCode = await run(process.argv.slice(2));
