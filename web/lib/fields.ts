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
