import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggestIds } from "./suggest-ids.ts";

const ids = [
  "nvidia-a100-sxm-80gb",
  "nvidia-h100-sxm",
  "nvidia-h800-sxm",
  "nvidia-h200-sxm",
  "huawei-ascend-910b2",
  "huawei-ascend-910c",
  "amd-mi300x",
];

describe("suggestIds()", () => {
  it("puts the id containing the query first", () => {
    expect(suggestIds("h100", ids)[0]).toBe("nvidia-h100-sxm");
    expect(suggestIds("h100", ids)).toContain("nvidia-h800-sxm");
  });

  it("ignores case, spaces and underscores", () => {
    expect(suggestIds("H100 SXM", ids)[0]).toBe("nvidia-h100-sxm");
    expect(suggestIds("ascend_910c", ids)[0]).toBe("huawei-ascend-910c");
    // the ids' underscores too: a snake_case field's words are its parts, and it comes back as written (review 34)
    expect(suggestIds("count", ["chip_count", "seq_len"])).toEqual(["chip_count"]);
    expect(suggestIds("seq_length", ["chip_count", "seq_len"])).toEqual(["seq_len"]);
  });

  it("keeps only near matches", () => {
    expect(suggestIds("910c", ids)).toEqual(["huawei-ascend-910c"]);
    expect(suggestIds("xyz123", ids)).toEqual([]);
    expect(suggestIds("", ids)).toEqual([]);
  });

  it("returns at most max ids, all from the list", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 5 }), (query, max) => {
        const out = suggestIds(query, ids, max);
        return out.length <= max && out.every((id) => ids.includes(id));
      }),
    );
  });
});

describe("editDistance()", () => {
  it("counts single-character edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3); // the textbook Levenshtein example
    expect(editDistance("", "abc")).toBe(3);
  });

  it("is symmetric and zero only for equal strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        return d === editDistance(b, a) && (d === 0) === (a === b);
      }),
    );
  });

  it("suggestIds() finds an id whose parts hold the query's, a version tag left out", () => {
    const ids = ["llama-2-70b", "llama-3-70b", "llama-2-7b", "llama-3.1-70b", "llama-3.1-8b"];
    expect(suggestIds("llama-70b", ids)).toContain("llama-3.1-70b");
    expect(suggestIds("llama-70b", ids)).not.toContain("llama-3.1-8b");
  });
});
