import type { z } from "zod";
import { formatPath, issueText, valueAt } from "../util/describe-issue.ts";
import { caseFileJson } from "./_case-file.ts";
import { type Case, CaseSchema } from "./case-schema.ts";
import { type ReadAs, readAliases } from "./read-aliases.ts";

/** A case of a file that could not be read, and why (the other cases of the file are still read). */
export interface RejectedCase {
  file: string;
  /** Position in the file's list (null when the case was read but its id came earlier from another file). */
  index: number | null;
  /** The case's id when it has a readable one. */
  id: string | null;
  error: string;
}

/** A field of a case that the format does not define, left out so that the rest of the case is read. */
export interface IgnoredField {
  file: string;
  id: string;
  path: string;
}

/** A value of a case written another way than the format spells it, read as the format's (`readAliases`). */
export interface ReadAsField extends ReadAs {
  file: string;
  id: string;
}

export interface TolerantCases {
  cases: Case[];
  rejected: RejectedCase[];
  ignored: IgnoredField[];
  readAs: ReadAsField[];
}

// Unknown keys can sit at several depths (case, serve, slo...); each pass removes the ones zod reports.
const MAX_PASSES = 4;

/**
 * Reads the cases of one file one by one, for validation against a set whose format may have grown: a case
 * with fields the format does not define is read without them (each listed in `ignored`), a value written another
 * way than the format's ("NVFP4", "HSDP") is read as the format's (each listed in `readAs`), and a case that
 * still does not fit the format is listed in `rejected` with its first problem, instead of failing the whole
 * file as `parseCases` does. A repeated id rejects the later case.
 * @throws {FleetcastError} only when the file is not JSON, or is neither a case object nor a list of them.
 * @example
 * const { cases, rejected } = parseCasesTolerant(text, "serve.json");
 */
export function parseCasesTolerant(text: string, fileName: string): TolerantCases {
  const { raw, isList } = caseFileJson(text, fileName);
  const items: unknown[] = isList ? (raw as unknown[]) : [raw];
  const out: TolerantCases = { cases: [], rejected: [], ignored: [], readAs: [] };
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const id =
      item !== null && typeof item === "object" && typeof (item as { id?: unknown }).id === "string"
        ? (item as { id: string }).id
        : null;
    const read = readOne(item);
    if ("error" in read) {
      // a lone object that is no case is most likely not a case file at all: say what one is (review 34)
      const notACase = !isList && (item === null || typeof item !== "object" || !("kind" in item));
      const error = notACase
        ? `${read.error}; a case file is a JSON array of cases, or one case object (data/cases/FORMAT.md)`
        : read.error;
      out.rejected.push({ file: fileName, index, id, error });
      return;
    }
    if (seen.has(read.value.id)) {
      out.rejected.push({
        file: fileName,
        index,
        id,
        error: `id "${read.value.id}" repeats an earlier case`,
      });
      return;
    }
    seen.add(read.value.id);
    out.cases.push(read.value);
    for (const path of read.ignored) out.ignored.push({ file: fileName, id: read.value.id, path });
    for (const r of read.readAs) out.readAs.push({ file: fileName, id: read.value.id, ...r });
  });
  return out;
}

// --- internal ---

function readOne(item: unknown): { value: Case; ignored: string[]; readAs: ReadAs[] } | { error: string } {
  const { value: current, readAs } = readAliases(item);
  const ignored: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = CaseSchema.safeParse(current);
    if (result.success) return { value: result.data, ignored, readAs };
    const unknownKeys = result.error.issues.filter(
      (i): i is z.core.$ZodIssueUnrecognizedKeys => i.code === "unrecognized_keys",
    );
    if (unknownKeys.length === 0) return { error: firstProblem(result.error, current) };
    for (const issue of unknownKeys) {
      const parent = valueAt(current, issue.path);
      if (parent === null || typeof parent !== "object")
        return { error: firstProblem(result.error, current) };
      for (const key of issue.keys) {
        delete (parent as Record<string, unknown>)[key];
        ignored.push(formatPath([...issue.path, key]));
      }
    }
  }
  const last = CaseSchema.safeParse(current);
  return last.success ? { value: last.data, ignored, readAs } : { error: firstProblem(last.error, current) };
}

function firstProblem(error: z.ZodError, root: unknown): string {
  const issue = error.issues.find((i) => i.code !== "unrecognized_keys") ?? error.issues[0];
  if (issue === undefined) return "invalid case";
  return issueText(issue, { root, whole: "the case" });
}
