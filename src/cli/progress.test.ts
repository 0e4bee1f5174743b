import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryIo } from "./io.ts";
import { progressBar } from "./progress.ts";

function ttyIo() {
  const io = memoryIo();
  io.errIsTty = true;
  return io;
}

describe("progressBar()", () => {
  it("progressBar() draws nothing when stderr is not a terminal", () => {
    const io = memoryIo();
    const bar = progressBar(io, "simulating");
    bar.update(0.5);
    bar.done();
    expect(io.stderr()).toBe("");
    expect(io.stdout()).toBe("");
  });

  it("progressBar() draws on stderr with a carriage return and the percentage", () => {
    const io = ttyIo();
    const bar = progressBar(io, "simulating", { widthChars: 10 });
    bar.update(0.5);
    expect(io.stderr()).toBe("\rsimulating [#####-----]  50 %");
    expect(io.stdout()).toBe("");
  });

  it("progressBar() redraws only when the whole percentage changes", () => {
    const io = ttyIo();
    const bar = progressBar(io, "x", { widthChars: 4 });
    bar.update(0.421);
    bar.update(0.425);
    bar.update(0.429);
    expect(io.stderr().split("\r").length - 1).toBe(1);
    bar.update(0.43);
    expect(io.stderr().split("\r").length - 1).toBe(2);
  });

  it("progressBar() done() blanks the drawn line and leaves the cursor at its start", () => {
    const io = ttyIo();
    const bar = progressBar(io, "run", { widthChars: 5 });
    bar.update(1);
    const drawn = "run [#####] 100 %";
    bar.done();
    expect(io.stderr()).toBe(`\r${drawn}\r${" ".repeat(drawn.length)}\r`);
  });

  it("progressBar() clamps fractions and keeps the bar width fixed", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: false }), fc.integer({ min: 1, max: 60 }), (f, w) => {
        const io = ttyIo();
        progressBar(io, "p", { widthChars: w }).update(f);
        const inner = /\[([#-]*)\]/.exec(io.stderr())?.[1] ?? "";
        expect(inner.length).toBe(w);
        const percent = Number(/(\d+) %$/.exec(io.stderr())?.[1]);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});
