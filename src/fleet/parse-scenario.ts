import { existsSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { importModel } from "../arch/index.ts";
import {
  builtinChips,
  type Chip,
  type ChipCatalog,
  makeChipCatalog,
  suggestIds,
} from "../catalog/chips/index.ts";
import { builtinModels, findBuiltinModel } from "../catalog/models/index.ts";
import { builtinStacks, type StackRole, stackChoiceHint } from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";
import { issuesError } from "../util/describe-issue.ts";
import { schemaKeysAt } from "../util/schema-keys-at.ts";
import { type Scenario, ScenarioSchema } from "./scenario-schema.ts";

/** How a scenario is checked beyond its schema. */
export interface ScenarioCheckOptions {
  /** The chips pools may name (default: the built-in catalog). */
  catalog?: ChipCatalog;
  /**
   * What a model field may name: "builtin-or-file" (default; a CLI user's Hugging Face config.json, read when the
   * comparison runs) or "builtin" (the HTTP API, which reads no file on a client's behalf).
   */
  models?: "builtin-or-file" | "builtin";
}

/**
 * Reads a scenario from YAML or JSON text (JSON is YAML), validates it and checks that pool names are unique,
 * chip ids exist, each pool's stacks run on its chip and the models are known. Errors name the file, the field path
 * and the value, on one line.
 * @throws {FleetcastError} "Cannot read scenario.yaml: pools[1].count must be > 0, got -8"
 * @example parseScenario("pools: ...", "my-fleet.yaml")
 */
export function parseScenario(text: string, fileName: string, options: ScenarioCheckOptions = {}): Scenario {
  let raw: unknown;
  // a .json file is told JSON's own error, not the YAML parser's (QA 40: "Flow sequence in block collection ...")
  if (fileName.toLowerCase().endsWith(".json")) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new FleetcastError(
        `Cannot read ${fileName}: not valid JSON: ${(error as Error).message}`,
        "(file)",
      );
    }
    return validateScenario(raw, fileName, options);
  }
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
  options: ScenarioCheckOptions = {},
): Scenario {
  const result = ScenarioSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    // every problem at once (up to ten), so a file is fixed in one pass, not one error per run
    throw issuesError(`read ${fileName}`, result.error.issues, {
      root: raw,
      whole: "the scenario",
      max: MAX_ISSUES,
      nearKeys: (key, path) => suggestIds(key, schemaKeysAt(ScenarioSchema, path) ?? []),
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
    // each pool's stacks, as the comparison uses them: `stack` trains on the pool, `serve_stack` serves on it (a
    // stack that cannot run there is bad input, not a strategy that happens to fail: QA 27 #5); a stack left out
    // takes the family's default, whose fit the comparison reports itself
    const chip = catalog.get(pool.chip);
    if (pool.stack !== undefined) checkStack(pool.stack, "train", chip, `pools[${i}].stack`, fileName);
    if (pool.serve_stack !== undefined)
      checkStack(pool.serve_stack, "serve", chip, `pools[${i}].serve_stack`, fileName);
  });
  // the models, before any strategy is compared (QA 27 #5: an unknown name surfaced mid-run, without its field)
  const models = options.models ?? "builtin-or-file";
  checkModel(scenario.training.model, "training.model", models, fileName);
  checkModel(scenario.serving.model, "serving.model", models, fileName);
  checkServingContext(scenario, fileName);
  return scenario;
}

// --- internal ---

const MAX_ISSUES = 10;

/**
 * Refuses serving requests longer than a built-in model's context (config.json max_position_embeddings): engines
 * refuse them, and the comparison had blamed the TTFT limit instead (QA 40: 500,000-token prompts on Llama 3.1 70B).
 * A model given as a file is checked where `serve plan` reads it (its context_beyond_model advisory).
 */
function checkServingContext(scenario: Scenario, fileName: string): void {
  const builtin = findBuiltinModel(scenario.serving.model);
  if (builtin === undefined) return;
  const arch = importModel(builtin.config, builtin.name).arch;
  const { input_tokens: input, output_tokens: output } = scenario.serving;
  const context = arch.maxPositionEmbeddings;
  if (context !== null && input + output > context)
    throw new FleetcastError(
      `Cannot read ${fileName}: serving.input_tokens + serving.output_tokens (${input.toLocaleString("en-US")} + ${output.toLocaleString("en-US")}) exceed ${arch.name}'s context of ${context.toLocaleString("en-US")} tokens (config.json max_position_embeddings): engines refuse such requests`,
      "serving.input_tokens",
    );
}

const ROLE_TEXT: Record<StackRole, { what: string; other: string; otherField: string }> = {
  train: { what: "training", other: "serving", otherField: "serve_stack" },
  serve: { what: "serving", other: "training", otherField: "stack" },
};

/**
 * Refuses a pool's stack that is not in the catalog, is of the other role, or does not run on the pool's chip family
 * (the rule `planTraining` and `planServe` apply: `runsOn`), naming the field and what would run there.
 */
function checkStack(id: string, role: StackRole, chip: Chip, path: string, fileName: string): void {
  const stacks = builtinStacks();
  const stack = stacks.find((s) => s.id === id);
  const { what, other, otherField } = ROLE_TEXT[role];
  const fail = (rest: string) => new FleetcastError(`Cannot read ${fileName}: ${path} ${rest}`, path);
  if (stack === undefined) {
    const ids = stacks.filter((s) => s.role === role).map((s) => s.id);
    const near = suggestIds(id, ids);
    throw fail(
      `is not a catalog ${what} stack, got ${JSON.stringify(id)} (${near.length > 0 ? `did you mean ${near.join(", ")}?` : `known ${what} stacks are ${ids.join(", ")}`})`,
    );
  }
  if (stack.role !== role) {
    throw fail(
      `is the pool's ${what} stack, got ${JSON.stringify(id)}, a ${other} stack (${other} stacks go in ${otherField}; ${stackChoiceHint(chip.family, role)})`,
    );
  }
  if (!stack.runsOn.includes(chip.family)) {
    throw fail(
      `does not run on ${chip.id} (${chip.family}), got ${JSON.stringify(id)}: it runs on ${stack.runsOn.join(", ")} (${stackChoiceHint(chip.family, role)})`,
    );
  }
}

/** Refuses a model that is not a built-in name or alias (nor, where files are allowed, an existing path). */
function checkModel(
  ref: string,
  path: string,
  models: NonNullable<ScenarioCheckOptions["models"]>,
  fileName: string,
): void {
  if (findBuiltinModel(ref) !== undefined) return;
  const files = models === "builtin-or-file";
  // a config file is read (and its own errors named) when the comparison resolves it
  if (files && existsSync(ref)) return;
  const near = suggestIds(
    ref,
    builtinModels().map((m) => m.name),
    3,
  );
  const hint =
    near.length > 0
      ? `did you mean ${near.join(", ")}?`
      : files
        ? "`fleetcast models` lists the built-in ones"
        : "GET /api/models lists them";
  throw new FleetcastError(
    `Cannot read ${fileName}: ${path} is not a built-in model${files ? " nor a file" : ""}, got ${JSON.stringify(ref)} (${hint})`,
    path,
  );
}
