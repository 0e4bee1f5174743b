// Where the CLI bundle lives (bin/build-cli.js makes it) and whether it may be run: only while no source file it
// was built from has changed since, so an edit under src/ is never hidden behind an old bundle.
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BUNDLE_FILE = "fleetcast.mjs";
export const MANIFEST_FILE = "inputs.json";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const INSTALLED = ROOT.split(sep).includes("node_modules");

/**
 * The URL of a bundle in `dir` (default dist/cli) that is newer than every source it was built from, or null: no
 * bundle or manifest, a source changed (modified or replaced) or removed since the build, or FLEETCAST_FROM_SOURCE
 * set to anything but "" or "0".
 * @param {string} [dir]
 * @returns {string | null}
 */
export function freshBundleUrl(dir = resolve(ROOT, "dist/cli")) {
  const fromSource = process.env.FLEETCAST_FROM_SOURCE;
  if (fromSource !== undefined && fromSource !== "" && fromSource !== "0") return null;
  try {
    const manifest = JSON.parse(readFileSync(resolve(dir, MANIFEST_FILE), "utf8"));
    const bundle = resolve(dir, BUNDLE_FILE);
    statSync(bundle);
    if (!Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return null;
    // an installed package (under node_modules) is not edited in place, and unpacking it sets every file's times
    // after the build: its bundle is taken as built
    if (INSTALLED) return pathToFileURL(bundle).href;
    for (const input of manifest.inputs) {
      // the change time too: a copy that keeps an older mtime (cp -p, rsync -a, tar) still sets it
      const st = statSync(resolve(ROOT, input));
      if (Math.max(st.mtimeMs, st.ctimeMs) > manifest.builtAtMs) return null;
    }
    return pathToFileURL(bundle).href;
  } catch {
    return null;
  }
}
