/**
 * Calls to the fleetcast HTTP API (src/server) from the browser: JSON in, JSON out, problems (RFC 9457) turned
 * into one readable error line.
 */

/** One offending field of a problem (its `errors` extension): the request path and what is wrong with it. */
export interface ProblemError {
  /** Path in the request body: `count`, `workload.rate_per_s`, `scenario.pools[0].usd_per_chip_hour`. */
  path: string;
  message: string;
}

/**
 * An answer the API refused or could not give: the problem's one-line detail, its status, and the fields it
 * names (so a view can mark the input that set each one).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly errors: readonly ProblemError[];
  constructor(message: string, status: number, errors: readonly ProblemError[] = []) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

/**
 * POSTs `body` as JSON to `path` (same origin) and returns the parsed answer.
 * @throws {ApiError} with the problem's detail and field errors for a 4xx/5xx, or "Cannot reach the API" when
 *   offline
 */
export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>(
    path,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    signal,
  );
}

/** GETs `path` (same origin) and returns the parsed JSON. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method: "GET" }, signal);
}

// --- internal ---

async function request<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, signal ? { ...init, signal } : init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    // the browser's own words ("TypeError: Failed to fetch") say nothing a user can act on (review 19 C9)
    throw new ApiError(
      `Cannot reach the API at ${path}: is \`fleetcast ui\` still running? (${errorText(error)})`,
      0,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === "" ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail =
      json !== null && typeof json === "object" && "detail" in json && typeof json.detail === "string"
        ? json.detail
        : `${response.status} ${response.statusText}`.trim();
    throw new ApiError(detail, response.status, problemErrors(json));
  }
  return json as T;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A problem's `errors` (RFC 9457 extension, src/server/problem.ts), the well-formed entries only. */
function problemErrors(json: unknown): ProblemError[] {
  if (json === null || typeof json !== "object" || !("errors" in json) || !Array.isArray(json.errors))
    return [];
  return json.errors.flatMap((e: unknown): ProblemError[] =>
    e !== null &&
    typeof e === "object" &&
    "path" in e &&
    typeof e.path === "string" &&
    "message" in e &&
    typeof e.message === "string"
      ? [{ path: e.path, message: e.message }]
      : [],
  );
}
