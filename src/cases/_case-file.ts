import { FleetcastError } from "../errors.ts";
import { describeValue } from "../util/describe-issue.ts";

/**
 * The JSON of a case file: a list of cases, or one case object (`isList` false).
 * @throws {FleetcastError} when the text is not JSON or holds neither.
 */
export function caseFileJson(text: string, fileName: string): { raw: unknown; isList: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 120);
    throw new FleetcastError(`Cannot read ${fileName}: not valid JSON (${why})`);
  }
  const isList = Array.isArray(raw);
  if (!isList && (raw === null || typeof raw !== "object")) {
    throw new FleetcastError(
      `Cannot read ${fileName}: expected a JSON array of cases or one case object, got ${describeValue(raw)}`,
    );
  }
  return { raw, isList };
}
