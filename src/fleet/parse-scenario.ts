import { parse as parseYaml } from "yaml";
import type * as z from "zod";
import { builtinChips, type ChipCatalog, makeChipCatalog, suggestIds } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
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
    const issue = result.error.issues[0];
    const path = issue ? pathText(issue.path) : "(input)";
    throw new FleetcastError(
      `Cannot read ${fileName}: ${issue ? describeIssue(issue, path) : "invalid"}`,
      path,
    );
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

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(input)";
}

function got(issue: z.core.$ZodIssue): string {
  if (!("input" in issue)) return "missing";
  const input = issue.input;
  if (input === undefined) return "missing";
  const text = JSON.stringify(input);
  return text === undefined ? String(input) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue, path: string): string {
  switch (issue.code) {
    case "too_small": {
      const op = issue.inclusive ? ">=" : ">";
      const what =
        issue.origin === "array" ? `have ${op} ${issue.minimum} items` : `be ${op} ${issue.minimum}`;
      return `${path} must ${what}, got ${got(issue)}`;
    }
    case "too_big": {
      const op = issue.inclusive ? "<=" : "<";
      const what =
        issue.origin === "array" ? `have ${op} ${issue.maximum} items` : `be ${op} ${issue.maximum}`;
      return `${path} must ${what}, got ${got(issue)}`;
    }
    case "invalid_type": {
      if (got(issue) === "missing") return `${path} is missing`;
      const expected = issue.expected === "int" ? "integer" : issue.expected;
      return `${path} must be ${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}, got ${got(issue)}`;
    }
    case "invalid_value":
      return `${path} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${got(issue)}`;
    case "unrecognized_keys":
      return `${path === "(input)" ? "the scenario" : path} has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    default:
      return `${path} ${issue.message}, got ${got(issue)}`;
  }
}
