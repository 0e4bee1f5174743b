/**
 * Calls to the fleetcast HTTP API (src/server) from the browser: JSON in, JSON out, problems (RFC 9457) turned
 * into one readable error line.
 */

/** An answer the API refused or could not give: the problem's one-line detail and its status. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/**
 * POSTs `body` as JSON to `path` (same origin) and returns the parsed answer.
 * @throws {ApiError} with the problem's detail for a 4xx/5xx, or "Cannot reach the API" when offline
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
    throw new ApiError(`Cannot reach the API at ${path}: ${String(error)}`, 0);
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
    throw new ApiError(detail, response.status);
  }
  return json as T;
}
