import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/fleetcast.js", import.meta.url));

/**
 * Runs the real CLI with a reader that has already gone, as `fleetcast ... | head -1` leaves it once head has its
 * line (the CLI takes about a second to start, so every write meets a closed pipe).
 */
function runWithClosedReader(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.destroy();
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("bin/fleetcast.js", () => {
  it("bin/fleetcast.js stops quietly with status 0 when the reader closes the pipe early", async () => {
    // help is written in several pieces: the first after the reader left used to crash the process
    const r = await runWithClosedReader(["serve", "simulate", "--help"]);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.code).toBe(0);
  });
});
