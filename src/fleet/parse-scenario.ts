import { parse as parseYaml } from "yaml";
import { builtinChips, type ChipCatalog, makeChipCatalog, suggestIds } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { issuesError } from "../util/describe-issue.ts";
import { type Scenario, ScenarioSchema } from "./scenario-schema.ts";

/**
 * Reads a scenario from YAML or JSON text (JSON is YAML), validates it and checks that pool names are unique
 * and chip ids exist. Errors name the file, the field path and the value, on one line.
 * @throws {FleetcastError} "Cannot read scenario.yaml: pools[1].count must be > 0, got -8"
 * @example parseScenario("pools: ...", "my-fleet.yaml")
 */
export function parseScenario(
  text: string,
  fileName: string,
  options: { catalog?: ChipCatalog } = {},
): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const first = String((error as Error).message ?? error).split("\n")[0];
    throw new FleetcastError(`Cannot read ${fileName}: not valid YAML or JSON: ${first}`, "(file)");
  }
  return validateScenario(raw, fileName, options);
}

/** Validates an already-parsed scenario object; the same checks and messages as `parseScenario`. */
export function validateScenario(
  raw: unknown,
  fileName = "scenario",
  options: { catalog?: ChipCatalog } = {},
): Scenario {
  const result = ScenarioSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    // every problem at once (up to ten), so a file is fixed in one pass, not one error per run
    throw issuesError(`read ${fileName}`, result.error.issues, {
      root: raw,
      whole: "the scenario",
      max: MAX_ISSUES,
      nearKeys: (key, path) => suggestIds(key, keysAt(path) ?? []),
    });
  }
  const scenario = result.data;
  const catalog = options.catalog ?? makeChipCatalog(builtinChips());
  const seen = new Set<string>();
  scenario.pools.forEach((pool, i) => {
    if (seen.has(pool.name)) {
      throw new FleetcastError(
        `Cannot read ${fileName}: pools[${i}].name must be unique, got ${JSON.stringify(pool.name)} twice`,
        `pools[${i}].name`,
      );
    }
    seen.add(pool.name);
    if (!catalog.has(pool.chip)) {
      const near = suggestIds(
        pool.chip,
        catalog.all().map((c) => c.id),
      );
      throw new FleetcastError(
        `Cannot read ${fileName}: pools[${i}].chip is not a catalog chip, got ${JSON.stringify(pool.chip)}${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`,
        `pools[${i}].chip`,
      );
    }
  });
  return scenario;
}

// --- internal ---

const MAX_ISSUES = 10;

/** The keys the scenario schema allows at an object path (null when the path does not lead to an object). */
function keysAt(path: readonly PropertyKey[]): string[] | null {
  let schema: unknown = ScenarioSchema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as { _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
    for (let i = 0; i < 8 && cur?._zod?.def; i++) {
      const def = cur._zod.def;
      const next = def.innerType ?? def.in;
      if (next === undefined) break;
      cur = next as typeof cur;
    }
    return cur;
  };
  for (const key of path) {
    const s = unwrap(schema) as { shape?: Record<string, unknown>; element?: unknown } | undefined;
    if (typeof key === "number") schema = s?.element;
    else schema = s?.shape?.[String(key)];
    if (schema === undefined) return null;
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? null : Object.keys(shape);
}
