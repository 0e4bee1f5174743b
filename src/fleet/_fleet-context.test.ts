import { describe, expect, it } from "vitest";
import { fleetContext, NO_SPREAD } from "./_fleet-context.ts";
import { smallScenario } from "./_test-fixtures.ts";

describe("fleetContext()", () => {
  // MindSpeed saves through Megatron's synchronous save unless MindIO ACP is set up (Stack.checkpointSave); HAI-LLM's
  // default is unpublished (async kept).
  it("fleetContext().reliability() saves as the scenario says: stack_default stalls MindSpeed, not HAI-LLM", () => {
    const days = 40;
    const of = (mode: "async" | "sync" | "stack_default") => {
      const base = smallScenario();
      const ctx = fleetContext({ ...base, assumptions: { ...base.assumptions, checkpoint_mode: mode } });
      const pool = (vendor: string) => ctx.usable.find((p) => p.vendor === vendor)!;
      return {
        ascend: ctx.reliability(pool("ascend"), 384, days, 1, NO_SPREAD).p50Days,
        h800: ctx.reliability(ctx.usable.find((p) => p.name === "h800")!, 256, days, 1, NO_SPREAD).p50Days,
      };
    };
    const async = of("async");
    const stackDefault = of("stack_default");
    const sync = of("sync");
    expect(stackDefault.ascend).toBeGreaterThan(async.ascend);
    expect(stackDefault.ascend).toBeCloseTo(sync.ascend, 9);
    expect(stackDefault.h800).toBeCloseTo(async.h800, 9);
    expect(sync.h800).toBeGreaterThan(async.h800);
  });
});
