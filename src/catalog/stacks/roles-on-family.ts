import type { ChipFamily } from "../chips/index.ts";
import { builtinStacks } from "./builtin-stacks.ts";
import type { Stack, StackRole } from "./stack-schema.ts";

/**
 * The roles some stack of the catalog plays on a chip family: "train", "serve", both or none. A chip of a family no
 * stack runs on is in the catalog for its figures only: no plan prices it (review 34: the chips list showed
 * google-tpu-v5p beside the plannable parts without saying so).
 * @example rolesOnFamily("google-tpu") // []
 */
export function rolesOnFamily(family: ChipFamily, stacks: readonly Stack[] = builtinStacks()): StackRole[] {
  return (["train", "serve"] as const).filter((role) =>
    stacks.some((s) => s.role === role && s.runsOn.includes(family)),
  );
}
