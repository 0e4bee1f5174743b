import type { ChipFamily } from "../chips/index.ts";
import { builtinStacks } from "./builtin-stacks.ts";
import { defaultStackFor } from "./default-stack-for.ts";
import type { Stack, StackRole } from "./stack-schema.ts";

/**
 * What to try instead when a stack does not run on a family, for an error message: the family's default stack
 * when that one runs on it (with the others that run there), else the catalog's stacks of the role that do, else
 * that none does.
 * @example stackChoiceHint("ascend-910c", "serve") // "default here: vllm-ascend; also sglang-ascend, mindie, ..."
 */
export function stackChoiceHint(
  family: ChipFamily,
  role: StackRole,
  stacks: readonly Stack[] = builtinStacks(),
): string {
  const fitting = stacks.filter((s) => s.role === role && s.runsOn.includes(family));
  const fallback = defaultStackFor(family, role);
  if (fitting.some((s) => s.id === fallback)) {
    // other stacks users can run there (a lab's in-house system is in the catalog only to read its figures)
    const others = fitting.filter((s) => s.id !== fallback && s.inHouse !== true).map((s) => s.id);
    return `default here: ${fallback}${others.length > 0 ? `; also ${others.join(", ")}` : ""}`;
  }
  if (fitting.length > 0) return `stacks that run on ${family}: ${fitting.map((s) => s.id).join(", ")}`;
  // a chip of its own family (a site catalog's `family: other`) can borrow a known family's stacks and priors
  // (review 19: such a chip could not be planned at all, and the message did not say what to do)
  const none = `no ${role === "serve" ? "serving" : "training"} stack in the catalog runs on ${family}`;
  return family === "other"
    ? `${none}; give the chip the family whose stacks run it (family: nvidia-hopper, ascend-910b, ... in the chip file) to borrow their calibrated efficiencies`
    : none;
}
