/**
 * The keys an object schema at `path` inside a zod schema allows (through optional, nullable, default and pipe
 * wrappers, and array elements at numeric steps), or null when the path leads to no object schema. For "did you
 * mean" hints on unknown keys (zod's unrecognized_keys issue names the key, not the keys allowed).
 * @example schemaKeysAt(ScenarioSchema, ["pools", 0]) // ["name", "chip", "count", ...]
 */
export function schemaKeysAt(root: unknown, path: readonly PropertyKey[]): string[] | null {
  let schema: unknown = root;
  for (const key of path) {
    const s = unwrap(schema) as { shape?: Record<string, unknown>; element?: unknown } | undefined;
    schema = typeof key === "number" ? s?.element : s?.shape?.[String(key)];
    if (schema === undefined) return null;
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? null : Object.keys(shape);
}

/** The schema inside optional, nullable, default and pipe wrappers (at most 8 deep). */
function unwrap(x: unknown): unknown {
  let cur = x as { _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
  for (let i = 0; i < 8 && cur?._zod?.def; i++) {
    const def = cur._zod.def;
    const next = def.innerType ?? def.in;
    if (next === undefined) break;
    cur = next as typeof cur;
  }
  return cur;
}
