#!/usr/bin/env node
// Compiles the library entry (src/index.ts and every module it reaches) to JavaScript with type declarations in
// lib/ (tsconfig.lib.json: relative .ts imports rewritten to .js), so a program imports `fleetcast` from plain
// Node 20 and type-checks against lib/*.d.ts, without tsx or fleetcast's compiler settings. lib/ sits beside src/,
// so the modules that read repository files by URL (`../../data/cases/`) find them; the data folders inside src/
// that are read by URL (model configs, the fitted training profile) are copied next to their modules.
// Run at install (`prepare`) and by `npm run build:lib`; an install never fails over it (the library is then
// importable from the TypeScript sources only, as before).
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");
const LIB = join(ROOT, "lib");

/** Every folder named `data` under `dir`. */
function dataDirs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === "data") out.push(path);
    else out.push(...dataDirs(path));
  }
  return out;
}

/** Builds lib/ from the sources; returns the data folders copied. */
export function buildLib() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  rmSync(LIB, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.lib.json")], { stdio: "inherit" });
  const copied = dataDirs(SRC).map((dir) => {
    cpSync(dir, join(LIB, relative(SRC, dir)), { recursive: true });
    return relative(ROOT, dir);
  });
  return copied;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const copied = buildLib();
    process.stdout.write(
      `library: lib/ (JavaScript and declarations; data copied from ${copied.join(", ")})\n`,
    );
  } catch (error) {
    process.stderr.write(
      `warning: Cannot build the library (lib/): ${error instanceof Error ? error.message : String(error)}; import the TypeScript sources (src/index.ts) through tsx instead\n`,
    );
  }
}
