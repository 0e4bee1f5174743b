/**
 * Problem details (RFC 9457, "Problem Details for HTTP APIs"): every error the API answers is one JSON object
 * `{type, title, status, detail, errors}` with media type `application/problem+json` (RFC 9457 §3 and §6.1).
 * `errors` is an extension member (§3.2) listing each offending field as `{path, message}`.
 */

/** One offending field: its dotted path in the request (`constraints.tp`, `cases[3].id`; "" = the whole body). */
export interface ProblemError {
  path: string;
  message: string;
}

/** An RFC 9457 problem object as the API sends it. */
export interface Problem {
  /** A URI reference naming the kind of problem (relative to the API's origin, RFC 9457 §3.1.1). */
  type: string;
  title: string;
  status: number;
  /** One line, "Cannot X: state", naming the field and the value when there is one. */
  detail: string;
  errors: ProblemError[];
}

/** The kinds of problem the API reports, each with its status and title. */
export const PROBLEM_KINDS = {
  "invalid-json": { status: 400, title: "Malformed JSON" },
  "invalid-body": { status: 400, title: "Invalid request body" },
  "not-found": { status: 404, title: "Not Found" },
  "method-not-allowed": { status: 405, title: "Method Not Allowed" },
  "body-too-large": { status: 413, title: "Content Too Large" },
  "unsupported-media-type": { status: 415, title: "Unsupported Media Type" },
  unprocessable: { status: 422, title: "Cannot compute this request" },
  internal: { status: 500, title: "Internal Server Error" },
  busy: { status: 503, title: "Server busy" },
  "time-limit": { status: 503, title: "Time limit exceeded" },
  "work-limit": { status: 503, title: "Work limit exceeded" },
  // nginx's 499 "client closed request": no client reads it, a log may
  cancelled: { status: 499, title: "Client closed request" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** Media type of problem bodies (RFC 9457 §6.1). */
export const PROBLEM_MEDIA_TYPE = "application/problem+json";

/**
 * A problem of a known kind; its type is `/problems/<kind>`.
 * @example problem("invalid-body", "Cannot plan training: count must be <= 1048576, got 1000000000", [{ path: "count", message: "must be <= 1048576, got 1000000000" }])
 */
export function problem(kind: ProblemKind, detail: string, errors: ProblemError[] = []): Problem {
  const { status, title } = PROBLEM_KINDS[kind];
  return { type: `/problems/${kind}`, title, status, detail, errors };
}

/** The problem as an HTTP response, with extra headers (e.g. Retry-After). */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { "content-type": PROBLEM_MEDIA_TYPE, ...headers },
  });
}
