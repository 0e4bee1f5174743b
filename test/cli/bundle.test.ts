import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript launcher helpers, without type declarations
import { buildCli } from "../../bin/build-cli.js";
// @ts-expect-error: as above
import { freshBundleUrl, MANIFEST_FILE } from "../../bin/cli-bundle.js";
import { memoryIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/main.ts";

const run$ = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the CLI from a bundle, as bin/fleetcast.js does, and returns its standard output. */
async function fromBundle(url: string, args: string[]): Promise<string> {
  const script = `const { run } = await import(${JSON.stringify(url)}); process.exitCode = await run(${JSON.stringify(args)});`;
  const r = await run$(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
  return r.stdout;
}

async function fromSources(args: string[]): Promise<string> {
  const io = memoryIo();
  expect(await run(args, io)).toBe(0);
  return io.stdout();
}

describe("CLI bundle (bin/build-cli.js, bin/cli-bundle.js)", () => {
  let dir = "";
  beforeAll(async () => {
    // inside the repository (dist/ is ignored by git): the bundle resolves its packages from node_modules
    await mkdir(join(ROOT, "dist"), { recursive: true });
    dir = await mkdtemp(join(ROOT, "dist", "cli-test-"));
    await buildCli(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("buildCli() bundles a CLI that answers as the sources do, data files read from where they are", async () => {
    const url = freshBundleUrl(dir);
    expect(url).toBe(pathToFileURL(join(dir, "fleetcast.mjs")).href);
    // the model catalog's configs (src/catalog/models/data) and the built-in cases (data/cases) are found through
    // each source file's own import.meta.url
    for (const args of [
      ["models", "--json"],
      ["validate", "data/cases/serve.json", "--json"],
    ]) {
      expect(await fromBundle(url, args)).toBe(await fromSources(args));
    }
  });

  it("freshBundleUrl() refuses a bundle older than one of its sources, or without a manifest", async () => {
    const manifestPath = join(dir, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    expect(manifest.inputs).toContain("src/cli/main.ts");
    // built before main.ts last changed: stale
    await writeFile(manifestPath, JSON.stringify({ ...manifest, builtAtMs: 0 }));
    expect(freshBundleUrl(dir)).toBeNull();
    // a source that no longer exists: stale
    await writeFile(
      manifestPath,
      JSON.stringify({ ...manifest, inputs: [...manifest.inputs, "src/gone.ts"] }),
    );
    expect(freshBundleUrl(dir)).toBeNull();
    await writeFile(manifestPath, JSON.stringify(manifest));
    expect(freshBundleUrl(dir)).not.toBeNull();
    await rm(manifestPath);
    expect(freshBundleUrl(dir)).toBeNull();
    await writeFile(manifestPath, JSON.stringify(manifest));
  });

  it("freshBundleUrl() runs the sources when FLEETCAST_FROM_SOURCE is set, but not when it is empty or 0", () => {
    const saved = process.env["FLEETCAST_FROM_SOURCE"];
    try {
      for (const [value, fresh] of [
        ["1", false],
        ["yes", false],
        ["0", true],
        ["", true],
      ] as const) {
        process.env["FLEETCAST_FROM_SOURCE"] = value;
        expect(freshBundleUrl(dir) !== null).toBe(fresh);
      }
    } finally {
      if (saved === undefined) delete process.env["FLEETCAST_FROM_SOURCE"];
      else process.env["FLEETCAST_FROM_SOURCE"] = saved;
    }
  });

  it("freshBundleUrl() counts a file replaced with an older modification time as changed (its ctime moves)", async () => {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8"));
    // a source copied with an old mtime (cp -p, rsync -a, tar): its mtime is before the build, its ctime after
    const copied = join(dir, "copied.ts");
    await writeFile(copied, "export {};\n");
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(copied, old, old);
    const { mtimeMs, ctimeMs } = statSync(copied);
    expect(mtimeMs).toBeLessThan(ctimeMs);
    const input = relative(ROOT, copied);
    await writeFile(
      join(dir, MANIFEST_FILE),
      JSON.stringify({ ...manifest, builtAtMs: ctimeMs - 1, inputs: [input] }),
    );
    expect(freshBundleUrl(dir)).toBeNull();
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  });
});
