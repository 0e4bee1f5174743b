import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { advisoryComments } from "./advisory-comments.ts";

const YAML =
  "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n";

function parsed(text: string) {
  return parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  });
}

describe("advisoryComments()", () => {
  it("heads YAML with one comment line per message and per hint, the documents parsing as before", () => {
    const head = advisoryComments("megatron training launch", [
      {
        code: "a",
        message: "DualPipe is not a Megatron-LM schedule: 23.7 s a step",
        hint: "exported as 1F1B",
      },
      { code: "b", message: "tokenizer, data", hint: "append --data-path" },
    ]);
    expect(head).toBe(
      [
        "# Advisories of the megatron training launch:",
        "# - DualPipe is not a Megatron-LM schedule: 23.7 s a step",
        "#   hint: exported as 1F1B",
        "# - tokenizer, data",
        "#   hint: append --data-path",
        "",
      ].join("\n"),
    );
    expect(parsed(head + YAML)).toEqual(parsed(YAML));
  });

  it("keeps text that would end the comment (line breaks, control characters) inside it", () => {
    const head = advisoryComments("vllm serving launch", [
      { code: "c", message: "first\nkind: Secret\r\n---\u2028x", hint: "tab\there\u0007bell" },
    ]);
    expect(head.split("\n").filter((line) => line !== "")).toEqual([
      "# Advisories of the vllm serving launch:",
      "# - first kind: Secret --- x",
      "#   hint: tab here bell",
    ]);
    expect(parsed(head + YAML)).toEqual(parsed(YAML));
  });

  it("is empty without advisories", () => {
    expect(advisoryComments("megatron training launch", [])).toBe("");
  });
});
