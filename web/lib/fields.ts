/** Editable inputs of a view: what each is, its default, and how the URL's string values become numbers. */

export interface FieldSpec {
  /** Key in the URL and in the values record (snake_case, like the API). */
  key: string;
  label: string;
  /** Default as it appears in the input (a string, like every URL value). */
  default: string;
  unit?: string;
  /** A number input (default), a text input, or a select of `options`. */
  kind?: "number" | "text" | "select";
  options?: readonly string[];
  min?: number;
  max?: number;
  step?: number | "any";
  /** One line under the label: what the input means or where its default comes from. */
  help?: string;
  /** An empty value is valid: it means a default the help names (a pool's price: the catalog's). */
  optional?: boolean;
}

/** `{key: default}` of the fields. */
export function defaultsOf(fields: readonly FieldSpec[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.default]));
}

/** The fields' values: the defaults, overridden by `params` (the URL's) for known keys only. */
export function valuesOf(
  fields: readonly FieldSpec[],
  params: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, params[f.key] ?? f.default]));
}

/** A value as a finite number, or null when it is empty or not a number. */
export function numberOf(values: Record<string, string>, key: string): number | null {
  const raw = values[key];
  if (raw === undefined || raw.trim() === "") return null;
  const x = Number(raw);
  return Number.isFinite(x) ? x : null;
}

/**
 * Why a number field's value cannot be used, or null when it can (text and select fields always can): empty
 * (unless `optional`), not a number, below `min` or above `max`, or not whole where `step` is 1 (a count). A view
 * that checks its fields sends nothing while one is invalid, rather than reading -5 chips as 0 or 1.5 as 2
 * (review 19 A3).
 * @example fieldError({ key: "n", label: "chips", default: "8", min: 0, step: 1 }, "1.5") // "must be a whole number"
 */
export function fieldError(field: FieldSpec, raw: string | undefined): string | null {
  if (field.kind === "text" || field.kind === "select") return null;
  const text = (raw ?? "").trim();
  if (text === "") return field.optional ? null : "enter a number";
  const x = Number(text);
  if (!Number.isFinite(x)) return "must be a number";
  if (field.min !== undefined && x < field.min) return `must be at least ${field.min}`;
  if (field.max !== undefined && x > field.max) return `must be at most ${field.max}`;
  if (field.step === 1 && !Number.isInteger(x)) return "must be a whole number";
  return null;
}

/** `{key: message}` of the fields whose values `fieldError` refuses; empty when every value can be used. */
export function fieldErrors(
  fields: readonly FieldSpec[],
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((f) => {
      const error = fieldError(f, values[f.key]);
      return error === null ? [] : [[f.key, error]];
    }),
  );
}
