/**
 * The one error type the core throws for bad input. Messages read "Cannot X: state", naming the
 * field path and the value, so a shell can print them as one line (exit 1) without a stack trace.
 */
export class FleetcastError extends Error {
  override readonly name = "FleetcastError";
  /** Dotted path of the offending field, when there is one (`model.hidden_size`). */
  readonly path: string | undefined;

  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }
}

/** True for the errors a user caused (bad input), as opposed to bugs. */
export function isFleetcastError(error: unknown): error is FleetcastError {
  return error instanceof FleetcastError;
}
