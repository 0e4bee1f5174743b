import { Command } from "@commander-js/extra-typings";
import { configureTree } from "./configure-tree.ts";
import { type CliIo, memoryIo } from "./io.ts";

/**
 * Test helpers for one command run in-process: a program holding only that command (as main.ts builds it),
 * whose errors are thrown rather than printed, so a test sees the FleetcastError or CommanderError itself.
 */
export function commandRunner(factory: (io: CliIo) => unknown) {
  async function runCli(argv: readonly string[], options: { tty?: boolean } = {}) {
    const io = memoryIo();
    io.errIsTty = options.tty ?? false;
    const program = new Command("fleetcast")
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    program.addCommand(factory(io) as Command);
    configureTree(program, io);
    await program.parseAsync([...argv], { from: "user" });
    return io;
  }
  async function runJson(argv: readonly string[]) {
    const io = await runCli([...argv, "--json"]);
    return JSON.parse(io.stdout()) as Record<string, unknown>;
  }
  /** The error a run throws, or a failure when it does not throw. */
  async function errorOf(argv: readonly string[]): Promise<Error> {
    try {
      await runCli(argv);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`expected ${argv.join(" ")} to throw`);
  }
  return { runCli, runJson, errorOf };
}

/** Every key of a JSON value, at any depth (to check snake_case output). */
export function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  }
  return [];
}
