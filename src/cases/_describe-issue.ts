import type { z } from "zod";

/** `[3].train.seq_len` from an issue path (numeric keys as indices). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path)
    out += typeof key === "number" ? `[${key}]` : `${out === "" ? "" : "."}${String(key)}`;
  return out;
}

/** A short rendering of a JSON value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The value at an issue path inside `root` (undefined when the path leaves the objects). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** One line for one zod issue, e.g. `must be > 0, got -1`, reading the offending value from `root`. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const got = describeValue(valueAt(root, issue.path));
  switch (issue.code) {
    case "too_small":
      // a length check on text reads as one (review 19: an empty url said "must be >= 1")
      if (issue.origin === "string" && Number(issue.minimum) === 1) return `must not be empty, got ${got}`;
      return `must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}, got ${got}`;
    case "too_big":
      return `must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}, got ${got}`;
    case "invalid_type": {
      const expected = issue.expected === "int" ? "whole number" : issue.expected;
      const article = /^[aeiou]/.test(expected) ? "an" : "a";
      return got === "nothing" ? `is missing` : `must be ${article} ${expected}, got ${got}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${got}`;
    case "unrecognized_keys":
      return `has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_union": {
      // A discriminated union names its allowed discriminator values in `options` (zod 4).
      const { options } = issue as { options?: unknown };
      if (Array.isArray(options)) {
        return `must be one of ${options.map((v: unknown) => JSON.stringify(v)).join(", ")}, got ${got}`;
      }
      return `does not match any allowed form, got ${got}`;
    }
    case "invalid_format":
      return `${issue.message.replace(/^Invalid string: /, "")}, got ${got}`;
    default:
      return `${issue.message}, got ${got}`;
  }
}
