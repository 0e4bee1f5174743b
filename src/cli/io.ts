/** Where a command writes: data to `out` (stdout), messages and progress to `err` (stderr). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  errIsTty: boolean;
  /**
   * Called by a command whose answer is computed but meets nothing asked (no plan, limits not met at load): the run
   * then exits 3, so scripts can tell it from success (0) and from bad input (1).
   */
  markInfeasible?: () => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: Boolean(process.stderr.isTTY),
};

/** Collects output in memory, for tests that run the CLI in-process. */
export function memoryIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    errIsTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}
