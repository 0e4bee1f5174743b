import { describe, expect, it } from "vitest";
import * as z from "zod";
import { schemaKeysAt } from "./schema-keys-at.ts";

const Schema = z.strictObject({
  name: z.string(),
  pools: z
    .array(z.strictObject({ chip: z.string(), count: z.int().optional() }))
    .default([])
    .optional(),
  limits: z.strictObject({ ttft_ms: z.number() }).nullable(),
});

describe("schemaKeysAt()", () => {
  it("schemaKeysAt() reads the allowed keys through wrappers and array elements", () => {
    expect(schemaKeysAt(Schema, [])).toEqual(["name", "pools", "limits"]);
    expect(schemaKeysAt(Schema, ["pools", 3])).toEqual(["chip", "count"]);
    expect(schemaKeysAt(Schema, ["limits"])).toEqual(["ttft_ms"]);
  });

  it("schemaKeysAt() is null where the path leads to no object", () => {
    expect(schemaKeysAt(Schema, ["name"])).toBeNull();
    expect(schemaKeysAt(Schema, ["nothing", 0])).toBeNull();
  });
});
