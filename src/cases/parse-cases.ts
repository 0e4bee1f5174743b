import { z } from "zod";
import { FleetcastError } from "../errors.ts";
import { formatPath, issuesText, issueText } from "../util/describe-issue.ts";
import { caseFileJson } from "./_case-file.ts";
import { type Case, CaseSchema } from "./case-schema.ts";

/**
 * Parses the text of a case file (a JSON array of cases, or one case object) against the format
 * of `data/cases/FORMAT.md`.
 *
 * @throws {FleetcastError} one line naming the file, the case index and id, the field path and
 *   the value: `Cannot read train.json: [3].train.seq_len must be > 0, got -1 (case "x")`.
 *   Also for text that is not JSON and for an id used twice in the file.
 * @example
 * const cases = parseCases(readFileSync("data/cases/train.json", "utf8"), "train.json");
 */
export function parseCases(text: string, fileName: string): Case[] {
  const { raw, isList } = caseFileJson(text, fileName);
  const result = (isList ? z.array(CaseSchema) : CaseSchema).safeParse(raw);
  if (!result.success) throw issueError(result.error, raw, fileName, isList);
  const cases: Case[] = isList ? (result.data as Case[]) : [result.data as Case];
  const seen = new Map<string, number>();
  cases.forEach((c, i) => {
    const first = seen.get(c.id);
    if (first !== undefined) {
      throw new FleetcastError(
        `Cannot read ${fileName}: [${i}].id "${c.id}" repeats the id of [${first}]`,
        `[${i}].id`,
      );
    }
    seen.set(c.id, i);
  });
  return cases;
}

// --- internal ---

function issueError(error: z.ZodError, raw: unknown, fileName: string, isList: boolean): FleetcastError {
  const [issue, ...others] = error.issues;
  if (!issue) return new FleetcastError(`Cannot read ${fileName}: invalid case`);
  const index = isList ? issue.path[0] : undefined;
  const item = typeof index === "number" && Array.isArray(raw) ? raw[index] : raw;
  const id =
    item !== null && typeof item === "object" && typeof (item as { id?: unknown }).id === "string"
      ? ` (case "${(item as { id: string }).id}")`
      : "";
  // every problem at once, up to five (review 19: fixing a file one error at a time), each naming its path
  const options = { root: raw, whole: "the case" };
  const rest = others.length > 0 ? `; ${issuesText(others, { ...options, max: SHOWN - 1 })}` : "";
  return new FleetcastError(
    `Cannot read ${fileName}: ${issueText(issue, options)}${id}${rest}`,
    formatPath(issue.path),
  );
}

const SHOWN = 5;
