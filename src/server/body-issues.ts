import type * as z from "zod";
import type { ProblemError } from "./problem.ts";

/**
 * A zod error as the API's field list: one `{path, message}` per issue, paths in the request's own snake_case
 * (`constraints.tp`, `cases[3].id`), messages that say what is allowed and what was sent ("must be <= 1048576,
 * got 1000000000"). Needs the issues' inputs: parse with `{ reportInput: true }`.
 * @example bodyIssues(Schema.safeParse(body, { reportInput: true }).error!)[0] // { path: "count", message: "must be <= 1048576, got 1000000000" }
 */
export function bodyIssues(error: z.ZodError): ProblemError[] {
  return error.issues.flatMap((issue): ProblemError[] => {
    const path = pathText(issue.path);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: join(path, key), message: "is not a known field" }));
    }
    return [{ path, message: issueMessage(issue) }];
  });
}

/**
 * One line for a problem's `detail`: "Cannot <action>: <path> <message>; <path> <message>...", every problem up to
 * five, then how many more (the full list is in `errors`; a reader of the detail alone, a dashboard or a log, sees
 * them all this way).
 * @example bodyDetail("plan training", [{ path: "count", message: "must be > 0, got -1" }]) // "Cannot plan training: count must be > 0, got -1"
 */
export function bodyDetail(action: string, errors: readonly ProblemError[]): string {
  if (errors.length === 0) return `Cannot ${action}: the request body is invalid`;
  const shown = errors.slice(0, DETAIL_PROBLEMS).map(problemText);
  const more =
    errors.length > DETAIL_PROBLEMS ? `; and ${errors.length - DETAIL_PROBLEMS} more in "errors"` : "";
  return `Cannot ${action}: ${shown.join("; ")}${more}`;
}

const DETAIL_PROBLEMS = 5;

/** "count must be > 0": a standard message reads on from its field; a custom one is a sentence after a colon. */
function problemText(e: ProblemError): string {
  const joiner = /^(must|is|are|gives|has|needs) /.test(e.message) ? " " : ": ";
  return `${e.path === "" ? "the body" : e.path}${joiner}${e.message}`;
}

/** A path as text: keys joined by ".", indexes as "[i]" (`pools[1].count`). */
export function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out = typeof key === "number" ? `${out}[${key}]` : join(out, String(key));
  return out;
}

// --- internal ---

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** The value sent, as short JSON. */
function got(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (input === undefined) return "nothing";
  // JSON has no Infinity: 1e400 parses to it, and JSON.stringify would show it as null
  if (typeof input === "number" && !Number.isFinite(input)) return String(input);
  const text = JSON.stringify(input);
  if (text === undefined) return String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const ARTICLE: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function issueMessage(issue: z.core.$ZodIssue): string {
  const sent = got(issue);
  const missing = (issue as { input?: unknown }).input === undefined;
  if (
    missing &&
    (issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union")
  )
    return "is required";
  switch (issue.code) {
    case "invalid_type":
      return `must be ${ARTICLE[issue.expected] ?? issue.expected}, got ${sent}`;
    case "too_big": {
      const op = issue.inclusive === false ? "<" : "<=";
      if (issue.origin === "array") return `must have at most ${issue.maximum} items, got more`;
      if (issue.origin === "string") return `must have at most ${issue.maximum} characters`;
      return `must be ${op} ${issue.maximum}, got ${sent}`;
    }
    case "too_small": {
      const op = issue.inclusive === false ? ">" : ">=";
      if (issue.origin === "array") return `must have at least ${issue.minimum} item(s), got ${sent}`;
      if (issue.origin === "string") return `must have at least ${issue.minimum} character(s), got ${sent}`;
      return `must be ${op} ${issue.minimum}, got ${sent}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${sent}`;
    case "invalid_format":
      return `${issue.message.replace(/^Invalid\s*/i, "must be a valid ")}, got ${sent}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}, got ${sent}`;
    case "invalid_union": {
      // A discriminated union names its tag: report the tag's value, not the whole object.
      const tag = (issue as { discriminator?: string }).discriminator;
      if (tag !== undefined) {
        const input = (issue as { input?: unknown }).input;
        const value =
          input !== null && typeof input === "object" ? (input as Record<string, unknown>)[tag] : undefined;
        if (value === undefined) return "is required";
        const allowed = issue.message.replace(/^Invalid discriminator value\. Expected /, "");
        return `must be one of ${allowed}, got ${JSON.stringify(value)}`;
      }
      return `${issue.message === "Invalid input" ? "does not match any allowed form" : issue.message}, got ${sent}`;
    }
    case "custom":
      return issue.message;
    default:
      return `${issue.message}, got ${sent}`;
  }
}
