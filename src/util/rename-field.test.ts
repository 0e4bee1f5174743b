import { describe, expect, it } from "vitest";
import { renameField } from "./rename-field.ts";

describe("renameField()", () => {
  it("renameField() writes a field's every standalone mention as the new name", () => {
    expect(
      renameField(
        "a workload.maxTotalTokens of 5; workload.maxTotalTokens - 1",
        "workload.maxTotalTokens",
        "workload.max_total_tokens",
      ),
    ).toBe("a workload.max_total_tokens of 5; workload.max_total_tokens - 1");
    expect(renameField("config cannot hold it", "config", "tp")).toBe("tp cannot hold it");
  });

  it("renameField() leaves a name inside a longer name or path, and paths that are not plain identifiers", () => {
    expect(renameField("chip_count and x.count and count-1", "count", "--count")).toBe(
      "chip_count and x.count and count-1",
    );
    expect(renameField("pools[0].chip is bad", "pools[0].chip", "pool")).toBe("pools[0].chip is bad");
  });
});
