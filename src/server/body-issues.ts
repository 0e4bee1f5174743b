import type * as z from "zod";
import { suggestIds } from "../catalog/chips/index.ts";
import { describeIssue, formatPath } from "../util/describe-issue.ts";
import { schemaKeysAt } from "../util/schema-keys-at.ts";
import type { ProblemError } from "./problem.ts";

/**
 * A zod error as the API's field list: one `{path, message}` per issue, paths in the request's own snake_case
 * (`constraints.tp`, `cases[3].id`), messages that say what is allowed and what was sent ("must be <= 1048576,
 * got 1000000000"). Needs the issues' inputs: parse with `{ reportInput: true }`.
 * @example bodyIssues(Schema.safeParse(body, { reportInput: true }).error!)[0] // { path: "count", message: "must be <= 1048576, got 1000000000" }
 */
export function bodyIssues(error: z.ZodError, schema?: z.ZodType): ProblemError[] {
  return error.issues.flatMap((issue): ProblemError[] => {
    if (issue.code === "unrecognized_keys") {
      // the fields allowed where it stands, the nearest named (QA 30: scale_out_gbps_per_chip in a fleet pool,
      // which spells it scaleout_gbps_per_chip)
      const allowed = schema === undefined ? null : schemaKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const near = allowed === null ? [] : nearFields(key, allowed);
        return {
          path: formatPath([...issue.path, key]),
          message: `is not a known field${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}`,
        };
      });
    }
    return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
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

/**
 * A library's one-line refusal as the field entry of a problem's `errors`: without its "Cannot X: " lead and the
 * field's own name where the state begins with it, as the schema's entries read (review 35 L8: the entry repeated
 * the detail whole).
 * @example fieldMessage('Cannot read model config: hidden_size must be a number, got "x"', "model.hidden_size") // 'must be a number, got "x"'
 */
export function fieldMessage(message: string, path: string): string {
  const state = message.replace(/^Cannot [^:]*: /, "");
  const leaf = path.split(".").at(-1) ?? "";
  const named = [path, leaf].find((name) => name !== "" && state.startsWith(`${name} `));
  return named === undefined ? state : state.slice(named.length + 1);
}

/** "count must be > 0": a standard message reads on from its field; a custom one is a sentence after a colon. */
function problemText(e: ProblemError): string {
  const joiner = /^(must|is|are|gives|has|needs) /.test(e.message) ? " " : ": ";
  return `${e.path === "" ? "the body" : e.path}${joiner}${e.message}`;
}

// The CLI's flags a body spells otherwise (`--engine` is the body's `stack`): suggested where the body has that field.
const CLI_FLAG_FIELDS: Readonly<Record<string, string>> = { engine: "stack" };

/** The allowed fields nearest an unknown one: the CLI's spelling of it (CLI_FLAG_FIELDS), then suggestIds'. */
function nearFields(key: string, allowed: readonly string[]): string[] {
  const flag = CLI_FLAG_FIELDS[key];
  const named = flag !== undefined && allowed.includes(flag) ? [flag] : [];
  return [...new Set([...named, ...suggestIds(key, allowed)])].slice(0, 3);
}
