import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { type ImportAdvisory, importModel, type ModelArch } from "../../arch/index.ts";
import { FleetcastError } from "../../errors.ts";
import { readTextFile } from "../../util/read-text-file.ts";
import { suggestIds } from "../chips/suggest-ids.ts";

/** One built-in model: a verbatim subset of its Hugging Face config.json with where it came from. */
export interface CatalogModel {
  name: string;
  displayName: string;
  aliases: string[];
  provenance: { source: string; notes?: string };
  config: Record<string, unknown>;
}

const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));

let cache: CatalogModel[] | undefined;

function asCatalogModel(raw: unknown, file: string): CatalogModel {
  const o = raw as Record<string, unknown>;
  if (typeof o !== "object" || o === null || typeof o.name !== "string" || typeof o.config !== "object") {
    throw new FleetcastError(`Cannot read built-in model ${file}: needs "name" and "config"`, file);
  }
  const provenance = (o.provenance ?? { source: "unknown" }) as CatalogModel["provenance"];
  return {
    name: o.name,
    displayName: typeof o.display_name === "string" ? o.display_name : o.name,
    aliases: Array.isArray(o.aliases) ? o.aliases.filter((a): a is string => typeof a === "string") : [],
    provenance,
    config: o.config as Record<string, unknown>,
  };
}

/** The built-in models, read once from `data/*.json`. */
export function builtinModels(): readonly CatalogModel[] {
  if (!cache) {
    const files = existsSync(DATA_DIR) ? readdirSync(DATA_DIR).filter((f) => f.endsWith(".json")) : [];
    cache = files.sort().map((f) => asCatalogModel(JSON.parse(readFileSync(`${DATA_DIR}${f}`, "utf8")), f));
  }
  return cache;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, "-");
}

/** Finds a built-in model by name or alias (case and separator insensitive), or undefined. */
export function findBuiltinModel(name: string): CatalogModel | undefined {
  const wanted = normalise(name);
  return builtinModels().find(
    (m) => normalise(m.name) === wanted || m.aliases.some((a) => normalise(a) === wanted),
  );
}

/**
 * The Hugging Face repository of a built-in model, when the catalog knows it (its alias with an owner).
 * @example huggingFaceName("deepseek-v3") // "deepseek-ai/DeepSeek-V3"
 */
export function huggingFaceName(name: string): string | undefined {
  return findBuiltinModel(name)?.aliases.find((a) => a.includes("/"));
}

export interface ResolvedModel {
  arch: ModelArch;
  advisories: ImportAdvisory[];
  /** "catalog" for a built-in name, else the file it was read from. */
  origin: string;
  provenance: CatalogModel["provenance"] | null;
}

/** Parses the text of a config file (JSON, or YAML for hand-written ones) with errors naming the file. */
export function parseConfigText(text: string, fileName: string): unknown {
  const ext = extname(fileName).toLowerCase();
  // YAML for .yaml/.yml, JSON for everything else (a config.json, or a file of another kind read as one)
  const yaml = ext === ".yaml" || ext === ".yml";
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new FleetcastError(
      `Cannot read model config ${fileName}: not valid ${yaml ? "YAML" : "JSON"} (${why})`,
    );
  }
}

/**
 * Resolves a model reference: a built-in name/alias, or the path of a Hugging Face config.json. The file read is
 * the shell's concern in principle; it lives here so every shell resolves names the same way.
 */
export function resolveModel(ref: string): ResolvedModel {
  const builtin = findBuiltinModel(ref);
  if (builtin) {
    const { arch, advisories } = importModel(builtin.config, builtin.displayName);
    return { arch, advisories, origin: "catalog", provenance: builtin.provenance };
  }
  if (existsSync(ref)) {
    // a Hugging Face snapshot folder holds its config.json
    const file = statSync(ref).isDirectory() ? join(ref, "config.json") : ref;
    const config = parseConfigText(readTextFile(file, "model config"), file);
    const fallbackName =
      file === ref
        ? basename(ref).replace(/(\.config)?\.(json|ya?ml)$/i, "")
        : snapshotName(resolvePath(ref));
    const named =
      typeof config === "object" && config !== null && "name" in config ? undefined : fallbackName;
    const { arch, advisories } = importModel(config, named);
    return { arch, advisories, origin: ref, provenance: null };
  }
  const names = builtinModels().map((m) => m.name);
  const near = suggestIds(ref, names, 3);
  throw new FleetcastError(
    `Cannot find model '${ref}': not a built-in model nor a file` +
      (near.length ? `; did you mean ${near.join(", ")}?` : "; `fleetcast models` lists the built-in ones"),
  );
}

/**
 * The name of a model folder: a Hugging Face cache snapshot (`models--org--name/snapshots/<commit>`) is `org/name`
 * (the hub's cache layout, huggingface_hub docs "Manage huggingface_hub cache-system"), any other folder its own name
 * (a `--local-dir` download). Diff review 19: a snapshot was named after its commit hash.
 */
function snapshotName(dir: string): string {
  const parent = basename(dirname(dir));
  const repo = /^models--(.+?)--(.+)$/.exec(basename(dirname(dirname(dir))));
  return parent === "snapshots" && repo ? `${repo[1]}/${repo[2]}` : basename(dir);
}
