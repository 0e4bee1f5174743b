/** The CLI entry: parses argv, calls the core, renders. Returns the exit code (0 ok, 1 bad input, 2 bug). */
export async function run(argv: readonly string[]): Promise<number> {
  process.stdout.write(`fleetcast: nothing yet (${argv.join(" ")})\n`);
  return 0;
}
