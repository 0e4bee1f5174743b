/**
 * A body field the request schema let through whose content the library then refused as malformed: a pasted
 * config.json with a field of the wrong type or one missing. The API answers it 400 `invalid-body`, as it answers a
 * schema's own refusal, not 422 (review 35 L8: `hidden_size: "x"` in a config was a 422 where a string count is a 400).
 */
export class InvalidFieldError extends Error {
  override readonly name = "InvalidFieldError";
  /** The field's path as the body spells it (`model.hidden_size`, `config.num_hidden_layers`). */
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.path = path;
  }
}

/** True for an `InvalidFieldError`. */
export function isInvalidFieldError(error: unknown): error is InvalidFieldError {
  return error instanceof InvalidFieldError;
}
