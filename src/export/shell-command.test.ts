import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellCommand, shellQuote } from "./shell-command.ts";

describe("shellQuote()", () => {
  it("leaves plain words and $VAR references alone and single-quotes the rest", () => {
    expect(shellQuote("--num-layers")).toBe("--num-layers");
    expect(shellQuote("$NODE_RANK")).toBe("$NODE_RANK");
    expect(shellQuote("([0]*3+[1]*58)")).toBe("'([0]*3+[1]*58)'");
    expect(shellQuote('{"a": 1}')).toBe(`'{"a": 1}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });

  it("round-trips any word through POSIX single-quote rules", () => {
    // Undo the quoting the way a shell does: outside quotes only \' appears; inside, everything is literal.
    const unquote = (q: string) => {
      if (!q.startsWith("'")) return q;
      return q
        .split(`'\\''`)
        .map((part) => part.replace(/^'/, "").replace(/'$/, ""))
        .join("'");
    };
    fc.assert(
      fc.property(fc.string(), (w) => {
        expect(unquote(shellQuote(w))).toBe(w);
      }),
    );
  });
});

describe("shellCommand()", () => {
  it("puts exports first, then one flag (or script) per continued line", () => {
    expect(shellCommand(["torchrun"], ["--nnodes", "2", "train.py", "--bf16"], { A: "1" })).toBe(
      "export A=1\ntorchrun \\\n  --nnodes 2 \\\n  train.py \\\n  --bf16",
    );
  });
});
