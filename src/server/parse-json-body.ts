import { MAX_JSON_DEPTH } from "./api-limits.ts";
import { type Problem, problem } from "./problem.ts";

/**
 * A request body's text as JSON, or the problem to answer: malformed JSON and JSON nested deeper than
 * `MAX_JSON_DEPTH` are both 400 "invalid-json", the detail quoting the parser.
 * @example parseJsonBody("{\"a\":", "plan training") // { ok: false, problem: { status: 400, detail: "Cannot plan training: the body is not valid JSON (...)", ... } }
 */
export function parseJsonBody(
  text: string,
  action: string,
): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 160);
    const detail = `Cannot ${action}: the body is not valid JSON (${text.trim() === "" ? "empty body" : why})`;
    return {
      ok: false,
      problem: problem("invalid-json", detail, [{ path: "", message: "is not valid JSON" }]),
    };
  }
  if (depthOver(value, MAX_JSON_DEPTH)) {
    const detail = `Cannot ${action}: the body nests deeper than ${MAX_JSON_DEPTH} levels`;
    return { ok: false, problem: problem("invalid-json", detail, [{ path: "", message: "nests too deep" }]) };
  }
  return { ok: true, value };
}

/** True when `value` has arrays or objects nested more than `limit` deep (iterative: no recursion to overflow). */
export function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > limit) return true;
    for (const inner of Array.isArray(v) ? v : Object.values(v)) {
      if (inner !== null && typeof inner === "object") stack.push([inner, depth + 1]);
    }
  }
  return false;
}
