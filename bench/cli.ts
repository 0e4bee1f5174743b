import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
// @ts-expect-error: plain JavaScript build script, without type declarations
import { buildCli } from "../bin/build-cli.js";

const BIN = fileURLToPath(new URL("../bin/fleetcast.js", import.meta.url));
const RUNS = 5;

/** Median seconds of `fleetcast --version` over RUNS runs, with the environment given. */
function startupS(env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [BIN, "--version"], { env, stdio: "ignore" });
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

/**
 * CLI start-up: `fleetcast --version` from the bundle (bin/build-cli.js, rebuilt first so it is fresh) and from
 * the TypeScript sources through tsx (FLEETCAST_FROM_SOURCE), medians of 5 runs each.
 */
export async function benchCli(): Promise<Record<string, number>> {
  const t0 = performance.now();
  await buildCli();
  const buildS = (performance.now() - t0) / 1000;
  return {
    cli_bundle_build_s: buildS,
    cli_startup_bundle_s: startupS({ ...process.env, FLEETCAST_FROM_SOURCE: "" }),
    cli_startup_source_s: startupS({ ...process.env, FLEETCAST_FROM_SOURCE: "1" }),
  };
}
