import type { CliIo } from "./io.ts";

/** A one-line progress bar on stderr, fed with the done fraction (0-1). */
export interface ProgressBar {
  update(doneFraction: number): void;
  /** Clears the bar's line, leaving stderr as it was. */
  done(): void;
}

export interface ProgressBarOptions {
  /** Width of the bar itself, in characters (default 30). */
  readonly widthChars?: number;
}

const NO_BAR: ProgressBar = { update: () => {}, done: () => {} };

/**
 * A progress bar drawn with "\r" on `io.err`, only when stderr is a terminal (`io.errIsTty`): pipes and
 * logs get nothing. Redraws only when the whole percentage changes, so a callback fired per replica stays
 * cheap.
 * @example
 * const bar = progressBar(io, "simulating");
 * simulateReliability(input, { seed: 1, onProgress: bar.update });
 * bar.done();
 */
export function progressBar(io: CliIo, label: string, options: ProgressBarOptions = {}): ProgressBar {
  if (!io.errIsTty) return NO_BAR;
  const width = Math.max(1, Math.floor(options.widthChars ?? 30));
  let shownPercent = -1;
  let lineChars = 0;
  return {
    update(doneFraction) {
      const fraction = Number.isFinite(doneFraction) ? Math.min(1, Math.max(0, doneFraction)) : 0;
      const percent = Math.floor(fraction * 100);
      if (percent === shownPercent) return;
      shownPercent = percent;
      const filled = Math.round(fraction * width);
      const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)} %`;
      lineChars = line.length;
      io.err(`\r${line}`);
    },
    done() {
      if (lineChars > 0) io.err(`\r${" ".repeat(lineChars)}\r`);
      lineChars = 0;
      shownPercent = -1;
    },
  };
}
