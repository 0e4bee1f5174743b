/** Test helper: a fake `fetch` answering API paths with canned JSON, recording each request's path and body. */
import { vi } from "vitest";

export interface FakeCall {
  path: string;
  body: Record<string, unknown>;
}

export function fakeApi(answer: (path: string, body: Record<string, unknown>) => unknown) {
  const calls: FakeCall[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const path = String(input);
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    calls.push({ path, body });
    const json = answer(path, body);
    return json instanceof Response ? json : new Response(JSON.stringify(json), { status: 200 });
  });
  vi.stubGlobal("fetch", fetch);
  return { calls, fetch };
}

/** An API problem answer (RFC 9457, as src/server/problem.ts writes it): its status, detail and field errors. */
export function problemResponse(
  status: number,
  detail: string,
  errors?: readonly { path: string; message: string }[],
): Response {
  return new Response(JSON.stringify({ status, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}
