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
/** The CLI's entry from the sources, through tsx. */
async function fromSources() {
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../src/cli/main.ts")).run;
}

const bundle = freshBundleUrl();
let run = null;
if (bundle !== null) {
  try {
    run = (await import(bundle)).run;
  } catch (error) {
    // a bundle that cannot load (damaged on disk): the sources answer instead, and say so once
    process.stderr.write(
      `note: the CLI bundle (dist/cli) could not load (${error instanceof Error ? error.message : String(error)}): running from the sources; \`npm run build:cli\` rebuilds it\n`,
    );
  }
}
if (typeof run !== "function") run = await fromSources();
process.exitCode = await run(process.argv.slice(2));
