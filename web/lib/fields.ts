/**
 * Editable inputs of a view: what each is, its default, how the URL's string values become numbers, and which
 * inputs an API problem's field errors point to.
 */
import type { ProblemError } from "./api.ts";
import { num } from "./format.ts";

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
  /**
   * Where the value goes in the request body (`workload.rate_per_s`), so a problem naming that path marks this
   * input; default the key.
   */
  path?: string;
  /** A text input offered the catalog's chip ids or model names as suggestions (a `<datalist>`). */
  suggest?: "chip" | "model";
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
  // grouped as the help beside it writes them ("1,000,000"), every digit kept (65,536 is not 65,500)
  if (field.min !== undefined && x < field.min) return `must be at least ${num(field.min, 15)}`;
  if (field.max !== undefined && x > field.max) return `must be at most ${num(field.max, 15)}`;
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

/**
 * The fields' errors as one line, in the fields' order, each after its label ("h800 chips must be at least 0;
 * plans to list must be at most 20"); empty when there are none.
 */
export function fieldErrorsText(
  fields: readonly FieldSpec[],
  errors: Readonly<Record<string, string>>,
): string {
  return fields
    .filter((f) => errors[f.key] !== undefined)
    .map((f) => `${f.label} ${errors[f.key]}`)
    .join("; ");
}

/** What a refused request says, placed on the inputs: `{key: message}` under each input, and the line to show. */
export interface FieldProblems {
  errors: Record<string, string>;
  /** The problem's detail with each path it names written as its input's label; null without an error. */
  message: string | null;
}

/**
 * Places an API problem on the inputs that set the fields it names (review 19 C1: "scenario.pools[0].
 * usd_per_chip_hour must be > 0" named an API path, not the input): an error's `path` matches a field whose
 * request path (`paths[key]`, else the field's `path`, else its key) is that path or contains it (`demand` holds
 * `demand.tokens_per_day`). A problem that names no path but quotes a text input's value ("Cannot find model
 * 'bogus'") marks that input. The detail and the messages keep their words, the paths in them (whole, or without
 * their first part: `pools[0].chip` of `scenario.pools[0].chip`) replaced by the labels.
 * @example fieldProblems(fields, { error: "Cannot plan training: count must be >= 1, got 0", problems: [{ path: "count", message: "must be >= 1, got 0" }] })
 *   // { errors: { count: "must be >= 1, got 0" }, message: "Cannot plan training: chips must be >= 1, got 0" }
 */
export function fieldProblems(
  fields: readonly FieldSpec[],
  state: { error: string | null; problems: readonly ProblemError[] },
  paths: Readonly<Record<string, string>> = {},
  values: Record<string, string> = {},
): FieldProblems {
  if (state.error === null) return { errors: {}, message: null };
  const pathOf = (f: FieldSpec) => paths[f.key] ?? f.path ?? f.key;
  const errors: Record<string, string> = {};
  const labels: [written: string, label: string][] = [];
  for (const p of state.problems) {
    const field =
      fields.find((f) => p.path === pathOf(f)) ??
      fields.find((f) => p.path.startsWith(`${pathOf(f)}.`) || p.path.startsWith(`${pathOf(f)}[`));
    if (!field) continue;
    errors[field.key] ??= p.message;
    // the path as the detail writes it: whole, or without its first part where the detail names it apart
    // ("Cannot read scenario: pools[0].chip is not ..." for `scenario.pools[0].chip`)
    const rest = p.path.slice(p.path.indexOf(".") + 1);
    labels.push([p.path, field.label]);
    if (rest !== p.path && /[.[]/.test(rest)) labels.push([rest, field.label]);
  }
  const relabel = (text: string) =>
    labels.reduce(
      (t, [written, label]) =>
        t.replaceAll(`${written} `, `${label} `).replaceAll(`${written}: `, `${label}: `),
      text,
    );
  for (const key of Object.keys(errors)) errors[key] = relabel(errors[key]!);
  const message = relabel(state.error);
  if (state.problems.length === 0) {
    for (const f of fields) {
      const v = (values[f.key] ?? "").trim();
      if (f.kind === "text" && v !== "" && (state.error.includes(`'${v}'`) || state.error.includes(`"${v}"`)))
        errors[f.key] = state.error;
    }
  }
  return { errors, message };
}

/** What a view shows of its inputs' problems: under each input, and in its status line. */
export interface FieldStatus {
  /** `{key: message}` under each input: the view's own check (nothing was sent) over the API's refusal. */
  errors: Record<string, string>;
  /** "Not planned: chips must be at least 1." while a value is refused here, else the API's problem; null without. */
  message: string | null;
}

/**
 * The inputs' problems as a view shows them: `local` (`fieldErrors`, what the view refuses before sending) and the
 * request's refusal placed on the inputs it names (`fieldProblems`, with its `paths` and `values`); the status line
 * says what was not done (`verb`: "planned", "compared", ...) while a value is refused here.
 * @example fieldStatus(fields, { top: "must be at most 20" }, plan, "planned").message // "Not planned: plans to list must be at most 20."
 */
export function fieldStatus(
  fields: readonly FieldSpec[],
  local: Readonly<Record<string, string>>,
  state: { error: string | null; problems: readonly ProblemError[] },
  verb: string,
  options: { paths?: Readonly<Record<string, string>>; values?: Record<string, string> } = {},
): FieldStatus {
  const invalid = fieldErrorsText(fields, local);
  const refused = fieldProblems(fields, state, options.paths, options.values);
  return {
    errors: { ...refused.errors, ...local },
    message: invalid !== "" ? `Not ${verb}: ${invalid}.` : refused.message,
  };
}
