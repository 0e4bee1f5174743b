import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { libraryExample } from "../examples/library.ts";
import * as fleetcast from "../src/index.ts";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const EXAMPLE = readFileSync(new URL("../examples/library.ts", import.meta.url), "utf8");

/** The README's library snippet: the first ```ts block under "### As a library". */
function readmeSnippet(): string {
  const section = README.slice(README.indexOf("### As a library"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error("README has no ts block under '### As a library'");
  return match[1];
}

describe("fleetcast library entry", () => {
  // lib/ is built at install (npm ci runs `prepare`: bin/build-lib.js); `npm run build:lib` after changing the entry
  it('lib/index.js, what `import from "fleetcast"` loads, exports what src/index.ts does', async () => {
    const built = await import(new URL("../lib/index.js", import.meta.url).href);
    expect(Object.keys(built).sort()).toEqual(Object.keys(fleetcast).sort());
    expect(typeof built.planTraining).toBe("function");
  });

  it("package.json's files hold every path its exports, types and bin point at (review 35: lib/ was left out of the package)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      files: string[];
      types: string;
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
    };
    const targets = [
      pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values(e))),
      ...Object.values(pkg.bin),
    ].map((t) => t.replace(/^\.\//, ""));
    expect(targets).toContain("lib/index.js");
    for (const target of targets) {
      // npm always packs package.json; every other target must sit under an entry of `files`
      if (target === "package.json") continue;
      expect(
        pkg.files.some((f) => target === f || target.startsWith(`${f}/`)),
        `${target} is not under any of files: ${pkg.files.join(", ")}`,
      ).toBe(true);
    }
  });

  it("README's library snippet imports only exported names and is the example's own code", () => {
    const snippet = readmeSnippet();
    const imported = /import \{([^}]*)\} from "fleetcast"/.exec(snippet)?.[1];
    const importEnd = snippet.indexOf('from "fleetcast";') + 'from "fleetcast";'.length;
    expect(imported).toBeDefined();
    const names = (imported ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "");
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      expect(Object.keys(fleetcast), name).toContain(name);
    }
    // every other line of the snippet is a line of examples/library.ts, so the two cannot drift apart
    const exampleLines = new Set(EXAMPLE.split("\n").map((l) => l.trim()));
    for (const line of snippet.slice(importEnd).split("\n")) {
      if (line.trim() !== "") expect(exampleLines.has(line.trim()), line).toBe(true);
    }
  });

  it("libraryExample() answers the story's questions end to end", () => {
    const r = libraryExample();
    // DeepSeek-V3 on 2,048 H800: an MFU a real run reaches, and failure-aware days past the failure-free 44
    expect(r.plan?.mfu).toBeGreaterThan(0.2);
    expect(r.plan?.mfu).toBeLessThan(0.8);
    expect(r.trainDaysP90).toBeGreaterThan(40);
    // the same job simulated on its own, with the step-time interval, gives planTraining's own P90 (review 20: it
    // was 44.8 against 53.1 days without the interval)
    expect((r.reliabilityP90Days ?? 0) / (r.trainDaysP90 ?? 1)).toBeCloseTo(1, 2);
    expect(r.goodput).toBeGreaterThan(0.5);
    // P(finish by 60 days) and the P90 tell the same story: above 0.9 exactly when the P90 is inside 60 days
    // (re-read 21: ">= 0" could not fail)
    expect(r.pFinishIn60Days).toBeGreaterThan(0);
    expect(r.pFinishIn60Days).toBeLessThan(1);
    expect((r.pFinishIn60Days ?? 0) > 0.9).toBe((r.trainDaysP90 ?? Infinity) < 60);
    expect(r.servingChips).toBeGreaterThan(0);
    // the simulator at 70 % of the planned layout's rate keeps the median TPOT under the 50 ms the plan was sized for
    expect(r.simulatedTpotP50Ms).toBeGreaterThan(0);
    expect(r.simulatedTpotP50Ms).toBeLessThan(50);
    expect(r.answer).toMatch(/train on .* serve on /);
  });
});
