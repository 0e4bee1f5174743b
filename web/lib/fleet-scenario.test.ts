import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import { defaultsOf, fieldErrors, valuesOf } from "./fields.ts";
import { FLEET_FIELDS, fleetFieldPaths, fleetScenario } from "./fleet-scenario.ts";

describe("fleetScenario()", () => {
  it("fleetScenario() of the defaults is the story's scenario", () => {
    expect(fleetScenario(defaultsOf(FLEET_FIELDS))).toEqual(defaultScenario());
  });

  it("fleetScenario() takes the checkpoint saves, each stack's shipped default among them", () => {
    const values = { ...defaultsOf(FLEET_FIELDS), checkpoint_mode: "stack_default" };
    expect(fleetScenario(values).assumptions.checkpoint_mode).toBe("stack_default");
    expect(fleetScenario({ ...values, checkpoint_mode: "later" }).assumptions.checkpoint_mode).toBe("async");
  });

  it("fleetScenario() applies the Ascend failure-rate multiplier, counts and units (T tokens, B tokens/day)", () => {
    const s = fleetScenario(
      valuesOf(FLEET_FIELDS, {
        ascend_failure_rate_multiplier: "4",
        "ascend-910c_count": "1024",
        training_tokens_t: "10",
        serving_tokens_per_day_b: "100",
      }),
    );
    expect(s.assumptions.ascend_failure_rate_multiplier).toBe(4);
    expect(s.pools.find((p) => p.name === "ascend-910c")?.count).toBe(1024);
    expect(s.training.tokens).toBe(10e12);
    expect(s.serving.demand_tokens_per_day).toBe(100e9);
  });

  it("fleetScenario() drops a pool set to 0 chips and keeps the story's value for a non-number", () => {
    const s = fleetScenario(valuesOf(FLEET_FIELDS, { h20_count: "0", deadline_days: "soon" }));
    expect(s.pools.map((p) => p.name)).toEqual(["h800", "ascend-910c"]);
    expect(s.training.deadline_days).toBe(defaultScenario().training.deadline_days);
  });

  it("fleetScenario() swaps a pool's chip type, dropping the story's stacks, network rate and power of the old chip", () => {
    const s = fleetScenario(
      valuesOf(FLEET_FIELDS, {
        "ascend-910c_chip": "huawei-ascend-910b2",
        h20_usd_per_chip_hour: "1.2",
        training_model: "llama-3.1-405b",
        serving_model: "qwen3-235b-a22b",
      }),
    );
    const ascend = s.pools.find((p) => p.name === "ascend-910c");
    const storyCount = defaultScenario().pools.find((p) => p.name === "ascend-910c")?.count;
    expect(ascend).toEqual({ name: "ascend-910c", chip: "huawei-ascend-910b2", count: storyCount });
    // the H20 pool keeps its chip and its stated network rate, and takes the price
    expect(s.pools.find((p) => p.name === "h20")).toMatchObject({
      chip: "nvidia-h20",
      scaleout_gbps_per_chip: 400,
      usd_per_chip_hour: 1.2,
    });
    expect([s.training.model, s.serving.model]).toEqual(["llama-3.1-405b", "qwen3-235b-a22b"]);
    // an emptied price falls back to the catalog's
    const unpriced = fleetScenario(valuesOf(FLEET_FIELDS, { h800_usd_per_chip_hour: "" }));
    expect(unpriced.pools.find((p) => p.name === "h800")).not.toHaveProperty("usd_per_chip_hour");
  });

  it("fleetScenario() drops the story's price with its chip unless a price was typed, and says which values were set here", () => {
    const swapped = fleetScenario(valuesOf(FLEET_FIELDS, { h800_chip: "nvidia-b200-hgx" }));
    // the H800's $2/h is not a B200's: the catalog's price applies
    expect(swapped.pools.find((p) => p.name === "h800")).not.toHaveProperty("usd_per_chip_hour");
    const typed = fleetScenario(
      valuesOf(FLEET_FIELDS, { h800_chip: "nvidia-b200-hgx", h800_usd_per_chip_hour: "3.5" }),
    );
    expect(typed.pools.find((p) => p.name === "h800")?.usd_per_chip_hour).toBe(3.5);
    // the story's entries for the swapped chip (stack, price) give way to one saying it was set in the dashboard
    const names = swapped.sources.map((x) => x.name);
    expect(names).not.toContain("h800_stack");
    expect(names).not.toContain("h800_usd_per_chip_hour");
    expect(names).toContain("h800_count");
    expect(swapped.sources.find((x) => x.name === "h800_chip")).toMatchObject({
      value: "nvidia-b200-hgx",
      source: "set in the dashboard",
      kind: "assumption",
    });
    // a story entry covering two fields stays until both are edited
    const one = fleetScenario(valuesOf(FLEET_FIELDS, { training_model: "llama-3.1-405b" }));
    expect(one.sources.map((x) => x.name)).toEqual(expect.arrayContaining(["model", "training_model"]));
    const both = fleetScenario(
      valuesOf(FLEET_FIELDS, { training_model: "llama-3.1-405b", serving_model: "qwen3-235b-a22b" }),
    );
    expect(both.sources.map((x) => x.name)).not.toContain("model");
    // values the scenario ignores or reads as the story's are not edits; a pool left out takes its entries along
    const ignored = fleetScenario(
      valuesOf(FLEET_FIELDS, { tpot_ms: "abc", h800_count: "2048.0", h800_chip: " ", h20_count: "0" }),
    );
    const kept = ignored.sources.map((x) => x.name);
    expect(kept).toEqual(
      expect.arrayContaining(["tpot_ms", "h800_stack", "h800_usd_per_chip_hour", "h800_count"]),
    );
    expect(kept.filter((n) => n.startsWith("h20_"))).toEqual(["h20_count"]);
    expect(ignored.sources.find((x) => x.name === "h20_count")).toMatchObject({
      value: 0,
      source: "set in the dashboard",
    });
    // untouched fields keep the story's sources exactly
    expect(fleetScenario(defaultsOf(FLEET_FIELDS)).sources).toEqual(defaultScenario().sources);
  });
});

describe("fieldErrors() on the Fleet fields", () => {
  it("fieldErrors() refuses a negative or fractional count and an empty or non-numeric value, per field", () => {
    // review 19 A3: -5 dropped the pool, 1.5 became 2, "" and "abc" used the story's 2,048, all without a word
    expect(
      fieldErrors(
        FLEET_FIELDS,
        valuesOf(FLEET_FIELDS, {
          h800_count: "-5",
          h20_count: "1.5",
          "ascend-910c_count": "abc",
          deadline_days: "",
        }),
      ),
    ).toEqual({
      h800_count: "must be at least 0",
      h20_count: "must be a whole number",
      "ascend-910c_count": "must be a number",
      deadline_days: "enter a number",
    });
  });

  it("fieldErrors() accepts the story's values, 0 chips and an empty price (the catalog's)", () => {
    expect(fieldErrors(FLEET_FIELDS, defaultsOf(FLEET_FIELDS))).toEqual({});
    expect(
      fieldErrors(FLEET_FIELDS, valuesOf(FLEET_FIELDS, { h20_count: "0", h800_usd_per_chip_hour: "" })),
    ).toEqual({});
  });
});

describe("fleetFieldPaths()", () => {
  it("fleetFieldPaths() gives every Fleet field the path it sets in the scenario sent, pools by their place", () => {
    const all = fleetFieldPaths(fleetScenario(defaultsOf(FLEET_FIELDS)));
    expect(Object.keys(all).sort()).toEqual(FLEET_FIELDS.map((f) => f.key).sort());
    expect(all["h800_count"]).toBe("scenario.pools[0].count");
    expect(all["deadline_days"]).toBe("scenario.training.deadline_days");
    // a pool with 0 chips is not sent: the next pool takes its place, and the left-out pool has no path
    const paths = fleetFieldPaths(fleetScenario(valuesOf(FLEET_FIELDS, { h800_count: "0" })));
    expect(paths["h20_usd_per_chip_hour"]).toBe("scenario.pools[0].usd_per_chip_hour");
    expect(paths["h800_count"]).toBeUndefined();
  });
});
