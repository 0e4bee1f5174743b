import { FleetcastError } from "../../errors.ts";
import { suggestIds } from "../chips/index.ts";
import { builtinStacks } from "./builtin-stacks.ts";
import type { Stack } from "./stack-schema.ts";

/**
 * The built-in stack with this id; given a role, an unknown id's suggestions are that role's stacks only (QA 26:
 * `serve plan --engine foo` had listed the training stacks).
 * @throws {FleetcastError} "Cannot find stack 'megatorn': did you mean megatron?" for an unknown id
 * @example findStack("vllm-ascend").collectiveLib // "hccl"
 */
export function findStack(id: string, role?: Stack["role"]): Stack {
  const stacks = builtinStacks();
  const stack = stacks.find((s) => s.id === id);
  if (stack !== undefined) return stack;
  const ids = stacks.filter((s) => role === undefined || s.role === role).map((s) => s.id);
  const near = suggestIds(id, ids);
  const hint = near.length > 0 ? `did you mean ${near.join(", ")}?` : `known stacks are ${ids.join(", ")}`;
  throw new FleetcastError(`Cannot find stack '${id}': ${hint}`, "stack");
}
