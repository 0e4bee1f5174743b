/**
 * The one error type the core throws for bad input. Messages read "Cannot X: state", naming the
 * field path and the value, so a shell can print them as one line (exit 1) without a stack trace.
 */
export class FleetcastError extends Error {
  override readonly name = "FleetcastError";
  /** Dotted path of the offending field, when there is one (`model.hidden_size`). */
  readonly path: string | undefined;
  /**
   * True when the input is well formed but asks for what cannot be had (a model larger than the chips named hold):
   * the CLI exits 3, as for a search that finds no plan, not 1 as for a malformed value.
   */
  readonly infeasible: boolean;
  /**
   * True when the input is well formed but names what fleetcast does not model (a model config with Mamba layers): the
   * API answers 422, not the 400 of a malformed field.
   */
  readonly unsupported: boolean;

  constructor(message: string, path?: string, options: { infeasible?: boolean; unsupported?: boolean } = {}) {
    super(message);
    this.path = path;
    this.infeasible = options.infeasible ?? false;
    this.unsupported = options.unsupported ?? false;
  }
}

/** True for the errors a user caused (bad input), as opposed to bugs. */
export function isFleetcastError(error: unknown): error is FleetcastError {
  return error instanceof FleetcastError;
}
