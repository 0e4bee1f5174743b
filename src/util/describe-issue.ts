// Zod issues as one-line messages, worded alike wherever input is checked (scenario and case files, library calls,
// API bodies): the field's path, what it must be and what it was, `pools[1].count must be > 0, got -8`.
import type * as z from "zod";
import { FleetcastError } from "../errors.ts";

type Issue = z.core.$ZodIssue;

/** Where an issue's path and offending value come from, and how its messages read. */
export interface DescribeOptions {
  /** The value that was parsed: the offending value is read from it when the parse did not report inputs. */
  readonly root?: unknown;
  /** Keys put before each issue's path (`["workload"]`: the argument a library function was given). */
  readonly prefix?: readonly PropertyKey[];
  /** What an empty path names: "the scenario", "the case" (default "the input"). */
  readonly whole?: string;
  /** Known keys near an unknown one, for "did you mean" (`path` is the object's). */
  readonly nearKeys?: (key: string, path: readonly PropertyKey[]) => readonly string[];
}

/**
 * A path as text: keys joined by ".", indexes as "[i]"; "" for the root.
 * @example formatPath([3, "train", "seq_len"]) // "[3].train.seq_len"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path)
    out += typeof key === "number" ? `[${key}]` : `${out === "" ? "" : "."}${String(key)}`;
  return out;
}

/**
 * A short rendering of a value for an error message: JSON up to 60 characters, an infinite number as such (JSON
 * would show null), a long array or object by its kind.
 * @example describeValue("fp4") // '"fp4"'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= MAX_SHOWN_CHARS) return text;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (value !== null && typeof value === "object") return "an object";
  return `${text.slice(0, MAX_SHOWN_CHARS - 3)}...`;
}

/**
 * The value at a path inside `root` (undefined when the path leaves the objects).
 * @example valueAt({ pools: [{ count: -8 }] }, ["pools", 0, "count"]) // -8
 */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * What is wrong with the field, without its path: what it must be and what it was.
 * @example describeIssue(issue, { root: { count: -1 } }) // "must be > 0, got -1"
 */
export function describeIssue(issue: Issue, options: DescribeOptions = {}): string {
  const value = offendingValue(issue, options.root);
  const got = describeValue(value);
  const missing = value === undefined;
  // a schema's own sentence ("must be a positive number or an amount like 776B") says more than its code
  // (a field left out says so first: "is required (it must be ...)", as the fields with zod's own wording do; QA 30)
  if (issue.code !== "unrecognized_keys" && !ZOD_WORDING.test(issue.message))
    return missing && issue.code !== "custom" && /^must /.test(issue.message)
      ? `is required (it ${issue.message})`
      : withValue(issue.message, value);
  switch (issue.code) {
    case "invalid_type":
      if (missing) return "is required";
      return `must be ${withArticle(issue.expected === "int" ? "integer" : issue.expected)}, got ${got}`;
    case "invalid_value":
      return allowedValues(issue.values, got, missing);
    case "invalid_union": {
      // a discriminated union names its tags in `options`, its path ending at the tag (zod 4)
      const { options: tags } = issue as { options?: unknown };
      if (Array.isArray(tags)) return allowedValues(tags, got, missing);
      if (missing) return "is required";
      const kinds = unionKinds(issue);
      return kinds === null ? `does not match any allowed form, got ${got}` : `must be ${kinds}, got ${got}`;
    }
    case "too_small": {
      const min = issue.minimum;
      const collection = isCollection(issue.origin);
      if ((collection || issue.origin === "string") && Number(min) === 1) return "must not be empty";
      if (issue.origin === "string") return `must have at least ${count(min, "character")}, got ${got}`;
      if (collection) return `must have at least ${count(min, "item")}, got ${sizeOf(value)}`;
      return `must be ${issue.inclusive === false ? ">" : ">="} ${String(min)}, got ${got}`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "string")
        return `must have at most ${count(max, "character")}, got ${sizeOf(value)}`;
      if (isCollection(issue.origin)) return `must have at most ${count(max, "item")}, got ${sizeOf(value)}`;
      return `must be ${issue.inclusive === false ? "<" : "<="} ${String(max)}, got ${got}`;
    }
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}, got ${got}`;
    case "invalid_format":
      return `${formatRule(issue.message)}, got ${got}`;
    case "unrecognized_keys": {
      const named = issue.keys.slice(0, MAX_LISTED).map((key) => {
        const near = options.nearKeys?.(key, issue.path) ?? [];
        return `${JSON.stringify(key)}${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}`;
      });
      const more = issue.keys.length > MAX_LISTED ? ` and ${issue.keys.length - MAX_LISTED} more` : "";
      return `has unknown key${issue.keys.length > 1 ? "s" : ""} ${named.join(", ")}${more}`;
    }
    case "custom":
      return withValue("is invalid", value);
    default:
      return `${issue.message}, got ${got}`;
  }
}

/**
 * One issue with its path: `pools[1].count must be > 0, got -8` (the root as `options.whole`).
 * @example issueText(issue, { whole: "the scenario" }) // "the scenario has unknown key \"colour\""
 */
export function issueText(issue: Issue, options: DescribeOptions = {}): string {
  const path = formatPath([...(options.prefix ?? []), ...issue.path]);
  return `${path === "" ? (options.whole ?? "the input") : path} ${describeIssue(issue, options)}`;
}

/**
 * Issues as one line, every one up to `max` (default 5) and then how many more, so a caller fixes them in one pass.
 * @example issuesText(issues) // "count must be > 0, got 0; seqLen must be an integer, got 1.5"
 */
export function issuesText(
  issues: readonly Issue[],
  options: DescribeOptions & { max?: number } = {},
): string {
  const max = options.max ?? MAX_LISTED;
  const shown = issues.slice(0, max).map((issue) => issueText(issue, options));
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return `${shown.join("; ")}${more}`;
}

/**
 * The error for input that failed a parse: "Cannot <action>: <issues>", its path the first issue's.
 * @example throw issuesError("plan training", result.error.issues, { root: req }) // "Cannot plan training: tokens must be > 0, got -1"
 */
export function issuesError(
  action: string,
  issues: readonly Issue[],
  options: DescribeOptions & { max?: number } = {},
): FleetcastError {
  const first = issues[0];
  if (first === undefined)
    return new FleetcastError(`Cannot ${action}: ${options.whole ?? "the input"} is invalid`);
  const path = formatPath([...(options.prefix ?? []), ...first.path]);
  return new FleetcastError(
    `Cannot ${action}: ${issuesText(issues, options)}`,
    path === "" ? undefined : path,
  );
}

// --- internal ---

const MAX_SHOWN_CHARS = 60;
const MAX_LISTED = 5;
/** How zod's own messages start ("Too small: expected number to be >0", "Invalid input"); any other is the schema's. */
const ZOD_WORDING = /^(Too (small|big)|Invalid|Unrecognized)\b/;

/** The value the issue is about: the parse's reported input, else the value at its path in `root`. */
function offendingValue(issue: Issue, root: unknown): unknown {
  if (!("input" in issue)) return valueAt(root, issue.path);
  // a discriminated union reports the whole object, its path ending at the tag
  const { discriminator } = issue as { discriminator?: unknown };
  if (issue.code === "invalid_union" && typeof discriminator === "string")
    return valueAt(issue.input, [discriminator]);
  return issue.input;
}

function allowedValues(values: readonly unknown[], got: string, missing: boolean): string {
  const listed = values.map((v) => JSON.stringify(v)).join(", ");
  const rule = values.length === 1 ? listed : `one of ${listed}`;
  return missing ? `is required (${rule})` : `must be ${rule}, got ${got}`;
}

/** "a number or a string" when every branch of a plain union wanted a type the value is not. */
function unionKinds(issue: z.core.$ZodIssueInvalidUnion): string | null {
  const kinds = issue.errors.map((branch) => {
    const [only] = branch;
    return branch.length === 1 && only?.code === "invalid_type" && only.path.length === 0
      ? only.expected
      : null;
  });
  if (kinds.length === 0 || kinds.some((k) => k === null)) return null;
  return [...new Set(kinds)].map((k) => withArticle(k === "int" ? "integer" : String(k))).join(" or ");
}

function withArticle(expected: string): string {
  if (expected === "null" || expected === "undefined") return expected;
  // zod's "record" is a JSON object of any keys to its reader (QA 30: "config must be a record")
  const word = expected === "record" ? "object" : expected;
  return `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
}

function count(n: number | bigint, noun: string): string {
  return `${String(n)} ${noun}${Number(n) === 1 ? "" : "s"}`;
}

function isCollection(origin: string): boolean {
  return origin === "array" || origin === "set" || origin === "map";
}

/** A string's or a collection's size, for "must have at most 64 items, got 70". */
function sizeOf(value: unknown): string {
  if (typeof value === "string" || Array.isArray(value)) return String(value.length);
  if (value instanceof Set || value instanceof Map) return String(value.size);
  return describeValue(value);
}

/** Zod's format message as a rule: "Invalid URL" as "must be a valid URL", "Invalid string: must match ..." as "must match ...". */
function formatRule(message: string): string {
  const stringRule = /^Invalid string: (.+)$/.exec(message);
  if (stringRule) return stringRule[1]!;
  return message.replace(/^Invalid /, "must be a valid ");
}

/** A message with the value after it, when the value is a plain one the message does not give already. */
function withValue(message: string, value: unknown): string {
  const plain = value !== undefined && (value === null || typeof value !== "object");
  return plain && !/\bgot\b/.test(message) ? `${message}, got ${describeValue(value)}` : message;
}
