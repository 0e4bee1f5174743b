import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { commandRunner } from "../test-support.ts";
import { exportCommand } from "./export.ts";

const { runCli } = commandRunner(exportCommand);

/** The default scenario trains DeepSeek-V3 with DualPipe on HAI-LLM; Megatron-LM runs those degrees on 1F1B. */
const DUALPIPE_ADVICE =
  /DualPipe \(DeepSeek-V3 §3\.2\.1\) is not a Megatron-LM schedule: the launch runs 1F1B, (\d+(?:\.\d+)?) s a step on megatron against (\d+(?:\.\d+)?) s with DualPipe on hai-llm \(\+(\d+) %\)/;

describe("exportCommand()", () => {
  it("export megatron states the step of the 1F1B launch against the DualPipe step the comparison costed", async () => {
    const io = await runCli(["export", "megatron"]);
    const advice = io.stderr().match(new RegExp(`^advice: ${DUALPIPE_ADVICE.source}$`, "m"));
    expect(advice).not.toBeNull();
    const [launched, planned, pct] = [Number(advice![1]), Number(advice![2]), Number(advice![3])];
    expect(launched).toBeGreaterThan(planned);
    expect(Math.abs((launched / planned - 1) * 100 - pct)).toBeLessThan(1.5);
    expect(io.stdout()).toMatch(/^torchrun /m);
  }, 120_000);

  it("export k8s carries the training launch's advisories on stderr and as comments heading its YAML, which parses", async () => {
    const io = await runCli(["export", "k8s"]);
    const err = io.stderr();
    expect(err).toMatch(new RegExp(`^advice \\(training\\): ${DUALPIPE_ADVICE.source}$`, "m"));
    expect(err).toMatch(/^advice \(training\): tokenizer, data, .* are not part of the exported plan$/m);
    const out = io.stdout();
    const head = out.slice(0, out.indexOf("apiVersion:")).split("\n");
    expect(head[0]).toBe("# Advisories of the megatron training launch:");
    expect(head.some((line) => DUALPIPE_ADVICE.test(line) && line.startsWith("# - "))).toBe(true);
    expect(
      head.some((line) => /^# - tokenizer, data, .* are not part of the exported plan$/.test(line)),
    ).toBe(true);
    expect(head.filter((line) => line.startsWith("#   hint: ")).length).toBeGreaterThanOrEqual(2);
    const docs = parseAllDocuments(out).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as { kind: string; apiVersion: string };
    });
    expect(docs[0]).toMatchObject({ kind: "Job", apiVersion: "batch.volcano.sh/v1alpha1" });
  }, 120_000);
});
