#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts and everything it imports from src/) into one ES module, dist/cli/fleetcast.mjs,
// so `fleetcast` starts without transpiling ~300 TypeScript files through tsx's loader thread on every run
// (measured 2026-11-30 on this 2-core machine, unloaded: `fleetcast --version` 1.4 s through tsx, 0.5-0.7 s from the
// bundle; bench/results.json `cli_startup_*` under the bench's own load).
// bin/fleetcast.js runs the bundle only while it is fresh (cli-bundle.js); otherwise it runs the sources.
// Packages stay external (resolved from node_modules at run time). Files the sources locate next to themselves
// (`new URL("./data/", import.meta.url)`: model configs, fitted profiles, built-in cases, the dashboard) are read
// where they are: each source file's `import.meta.url` is rewritten to its own URL, relative to the bundle.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUNDLE_FILE, MANIFEST_FILE } from "./cli-bundle.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Builds the bundle into `outDir` (default dist/cli) and writes its manifest: the build time and every source
 * file it was made from (repository-relative), which the launcher checks for changes.
 * @returns {Promise<{ bundle: string, inputs: number }>}
 */
export async function buildCli(outDir = resolve(ROOT, "dist/cli")) {
  const { build } = await import("esbuild");
  const finalFile = resolve(outDir, BUNDLE_FILE);
  // built beside the bundle and renamed into place, the manifest written last: an interrupted or failed build
  // leaves no manifest, so the launcher runs the sources rather than a half-written bundle
  const outfile = `${finalFile}.tmp`;
  await rm(resolve(outDir, MANIFEST_FILE), { force: true });
  const startedAtMs = Date.now();
  let result;
  try {
    result = await build({
      entryPoints: [resolve(ROOT, "src/cli/main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      packages: "external",
      metafile: true,
      logLevel: "silent",
      plugins: [
        {
          name: "own-import-meta-url",
          setup(b) {
            b.onLoad({ filter: /\.ts$/ }, async (args) => {
              const text = await readFile(args.path, "utf8");
              if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
              const own = JSON.stringify(relative(dirname(outfile), args.path).split("\\").join("/"));
              return {
                contents: text.replaceAll("import.meta.url", `new URL(${own}, import.meta.url).href`),
                loader: "ts",
              };
            });
          },
        },
      ],
    });
  } catch (error) {
    await rm(outfile, { force: true });
    throw error;
  }
  // the sources bundled, and what the build itself depends on that ships with the package (this script, its pins)
  const inputs = [
    ...Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(process.cwd(), p))),
    "bin/build-cli.js",
    "bin/cli-bundle.js",
    "package.json",
  ]
    .filter((p, i, all) => !p.startsWith("node_modules") && all.indexOf(p) === i)
    .sort();
  await mkdir(outDir, { recursive: true });
  await rename(outfile, finalFile);
  // the start time, not the end: a source saved while the build ran counts as newer than the bundle
  await writeFile(
    resolve(outDir, MANIFEST_FILE),
    `${JSON.stringify({ builtAtMs: startedAtMs, inputs }, null, 1)}\n`,
  );
  return { bundle: finalFile, inputs: inputs.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const { bundle, inputs } = await buildCli();
    process.stdout.write(`CLI bundle: ${relative(ROOT, bundle)} (${inputs} source files)\n`);
  } catch (error) {
    // never fail an install over it: the CLI runs from the sources (slower to start) without the bundle
    process.stderr.write(
      `warning: Cannot build the CLI bundle (fleetcast will run from the sources): ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
