import YAML from "yaml";
import type * as z from "zod";
import { FleetcastError } from "../../errors.ts";
import { chipFromEntry } from "./chip-from-entry.ts";
import { type Chip, type ChipEntry, ChipEntrySchema } from "./chip-schema.ts";

/**
 * Reads a user chip file: one entry object or an array of them, in the snake_case format of
 * research/hardware.json, as JSON (`.json`) or YAML (anything else; YAML also reads JSON). Every entry is
 * validated by `ChipEntrySchema` and must carry a dense 16-bit figure (BF16, else FP16 for a chip without BF16).
 * @throws {FleetcastError} naming the file and the field path (`[2].hbm_gb`) for unparsable text, a wrong
 *   shape, a bad value, a missing 16-bit figure or a repeated id
 * @example parseChipFile('{"id": "my-npu", "name": "My NPU", "vendor": "Acme", "bf16_dense_tflops": 400}', "my.json")
 */
export function parseChipFile(text: string, fileName: string): Chip[] {
  const value = parseText(text, fileName);
  const entries = chipEntriesFromValue(value, fileName);
  const isArray = Array.isArray(value);
  return entries.map((entry, index) => {
    if (entry.bf16_dense_tflops === null && entry.fp16_dense_tflops === null) {
      const path = `${isArray ? `[${index}].` : ""}bf16_dense_tflops`;
      throw new FleetcastError(
        `Cannot load chip file '${fileName}': ${path} of '${entry.id}' is missing or null, and so is fp16_dense_tflops (fleetcast needs a dense 16-bit peak)`,
        path,
      );
    }
    return chipFromEntry(entry);
  });
}

/**
 * Validates already-parsed data (one entry or an array of entries) against `ChipEntrySchema` and rejects
 * repeated ids. Used for the built-in data and for user files alike.
 * @throws {FleetcastError} naming `fileName` and the path of the first bad field
 */
export function chipEntriesFromValue(value: unknown, fileName: string): ChipEntry[] {
  const isArray = Array.isArray(value);
  const items: unknown[] = isArray ? (value as unknown[]) : [value];
  if (!isArray && (typeof value !== "object" || value === null)) {
    throw new FleetcastError(
      `Cannot load chip file '${fileName}': expected a chip entry object or an array of them, got ${describe(value)}`,
    );
  }
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const prefix = isArray ? `[${index}]` : "";
    const result = ChipEntrySchema.safeParse(item);
    if (!result.success) throw issueError(fileName, prefix, item, result.error.issues);
    const previous = seen.get(result.data.id);
    if (previous !== undefined) {
      throw new FleetcastError(
        `Cannot load chip file '${fileName}': ${prefix}.id '${result.data.id}' repeats entry [${previous}]`,
        `${prefix}.id`,
      );
    }
    seen.set(result.data.id, index);
    return result.data;
  });
}

// --- internal ---

function parseText(text: string, fileName: string): unknown {
  const isJson = fileName.toLowerCase().endsWith(".json");
  try {
    return isJson ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    throw new FleetcastError(
      `Cannot parse chip file '${fileName}' as ${isJson ? "JSON" : "YAML"}: ${reason}`,
      undefined,
    );
  }
}

function issueError(
  fileName: string,
  prefix: string,
  item: unknown,
  issues: readonly z.core.$ZodIssue[],
): FleetcastError {
  const described = issues.map((issue) => describeIssue(prefix, item, issue));
  const first = described[0];
  if (first === undefined)
    return new FleetcastError(`Cannot load chip file '${fileName}': invalid entry ${prefix}`);
  // every problem of the entry said at once, so a user fixes the file in one pass (QA 27: "(and 3 more)" named none)
  const rest = described.slice(1).map((d) => d.what);
  const also = rest.length > 0 ? `; also ${rest.join("; ")}` : "";
  return new FleetcastError(`Cannot load chip file '${fileName}': ${first.what}${also}`, first.path);
}

/** One schema issue of a chip entry as "<path>: <what is wrong>, got <value>", with its path. */
function describeIssue(
  prefix: string,
  item: unknown,
  issue: z.core.$ZodIssue,
): { what: string; path: string | undefined } {
  const keys = issue.path.map(String);
  let path = prefix;
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) keys.push(issue.keys[0]);
  for (const key of keys) path += /^\d+$/.test(key) ? `[${key}]` : path === "" ? key : `.${key}`;
  const shown = path === "" ? "entry" : path;
  const value = valueAt(item, keys);
  const got = issue.code === "unrecognized_keys" ? "" : `, got ${describe(value)}`;
  const what =
    issue.code === "invalid_type" && value === undefined
      ? `${shown} is missing (${issue.expected === "int" ? "an integer" : `a ${issue.expected}`})`
      : `${shown}: ${firstLine(issue.message)}${got}`;
  return { what, path: path === "" ? undefined : path };
}

function valueAt(item: unknown, keys: readonly string[]): unknown {
  let current = item;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").trim().replace(/:$/, "");
}
