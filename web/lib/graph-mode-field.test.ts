import { describe, expect, it } from "vitest";
import { GRAPH_MODE_FIELD, graphModeBody } from "./graph-mode-field.ts";

describe("graphModeBody()", () => {
  it("graphModeBody() asks for a graph mode only when one is chosen over the engine's default", () => {
    expect(graphModeBody({})).toEqual({});
    expect(graphModeBody({ graph_mode: "engine default" })).toEqual({});
    expect(graphModeBody({ graph_mode: "decode-only" })).toEqual({ graph_mode: "decode-only" });
    // every mode the API takes is offered (src/serve/graph-mode.ts GRAPH_MODES)
    expect(GRAPH_MODE_FIELD.options).toEqual([
      "engine default",
      "full",
      "full-and-piecewise",
      "decode-only",
      "piecewise",
      "eager",
    ]);
  });
});
