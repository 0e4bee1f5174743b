import knownFlags from "./data/known-flags.json" with { type: "json" };

/** The command lines fleetcast writes; each has a list of documented flag names in data/known-flags.json. */
export type FlagEngine = "megatron" | "mindspeed" | "torchrun" | "vllm" | "vllm-ascend";

export interface EngineFlags {
  program: string;
  /** Where the names were read (repository, path and commit, or documentation URL). */
  sources: readonly string[];
  flags: readonly string[];
}

const ENGINES = knownFlags.engines as Record<FlagEngine, EngineFlags>;

/** The documented flags of one engine, with their sources. */
export function knownFlagsOf(engine: FlagEngine): EngineFlags {
  return ENGINES[engine];
}

/** The flag names in an argument vector: tokens starting with "--", without any "=value". */
export function flagNamesOf(argv: readonly string[]): string[] {
  return argv.filter((a) => a.startsWith("--")).map((a) => a.split("=")[0] ?? a);
}

/** Flags of `argv` that are not in the engine's documented list (empty when all are known). */
export function unknownFlags(engine: FlagEngine, argv: readonly string[]): string[] {
  const known = new Set(ENGINES[engine].flags);
  return flagNamesOf(argv).filter((f) => !known.has(f));
}
