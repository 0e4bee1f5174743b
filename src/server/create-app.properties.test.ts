import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALID_BODIES } from "./_test-bodies.ts";
import { createApp } from "./create-app.ts";

const app = createApp();
const paths = Object.keys(VALID_BODIES);

async function send(path: string, text: string) {
  const res = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });
  const body = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body };
}

/** Every answer is 2xx JSON or a 4xx problem whose detail is one "Cannot ..." line. */
function expectNoServerError(r: { status: number; type: string | null; body: string }) {
  expect(r.status, r.body).toBeLessThan(500);
  if (r.status >= 400) {
    expect(r.type).toBe("application/problem+json");
    const p = JSON.parse(r.body) as { detail: string; status: number };
    expect(p.status).toBe(r.status);
    expect(p.detail).toMatch(/^Cannot /);
  }
}

/** JSON values, with numbers at the edges the schemas bound (zero, negatives, fractions, 10^9, 10^300). */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(0, -1, 0.5, 1, 2 ** 31, 1e9, 1e300, -1e300, "", "nvidia-h100-sxm", null, [], {}),
);

/** Every place in a JSON value, as the path of keys (and indexes) leading to it; the root is []. */
function placesOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => placesOf(v, [...path, k]))];
}

/** A valid body with one place at any depth replaced, removed or given an extra key. */
const mutated = fc
  .record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom("replace", "remove", "add"),
    pick: fc.nat(),
    key: fc.string({ maxLength: 12 }),
    value,
  })
  .map(({ path, op, pick, key, value }) => {
    const body: Record<string, unknown> = structuredClone(VALID_BODIES[path]!);
    const places = placesOf(body).filter((p) => p.length > 0);
    const place = places[pick % places.length]!;
    const parent = place
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], body);
    const last = place.at(-1)!;
    const container = parent as Record<string | number, unknown>;
    if (op === "replace") container[last] = value;
    else if (op === "remove") {
      if (Array.isArray(container)) container.splice(last as number, 1);
      else delete container[last];
    } else if (!Array.isArray(container)) container[key] = value;
    return { path, text: JSON.stringify(body) };
  });

describe("createApp() fuzzed bodies", () => {
  it("never answers 5xx to arbitrary JSON on any POST route", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, json) => {
        expectNoServerError(await send(path, JSON.stringify(json)));
      }),
      { numRuns: 200 },
    );
  });

  it("never answers 5xx to arbitrary text on any POST route", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.string({ maxLength: 200 }), async (path, text) => {
        expectNoServerError(await send(path, text));
      }),
      { numRuns: 100 },
    );
  });

  it("never answers 5xx to valid bodies with one field mutated", async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ path, text }) => {
        expectNoServerError(await send(path, text));
      }),
      { numRuns: 400 },
    );
  });
});
