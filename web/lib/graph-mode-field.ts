import { GRAPH_MODES } from "../../src/serve/graph-mode.ts";
import type { FieldSpec } from "./fields.ts";

/** The serving forms' graph-mode select (API `graph_mode`; src/serve/graph-mode.ts): the engine's default unless chosen. */
export const GRAPH_MODE_FIELD: FieldSpec = {
  key: "graph_mode",
  label: "graph mode",
  kind: "select",
  options: ["engine default", ...GRAPH_MODES],
  default: "engine default",
  help: "how the engine launches a step's kernels: where its host launches them (piecewise, eager; prompt steps in decode-only), a step is no shorter than its launches (0.8 ms a layer on Ascend)",
};

/** The body field the select asks for: nothing for the engine's default. */
export function graphModeBody(values: Record<string, string>): { graph_mode?: string } {
  const mode = values[GRAPH_MODE_FIELD.key];
  return mode && mode !== "engine default" ? { graph_mode: mode } : {};
}
