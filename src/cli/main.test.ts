import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../fleet/default-scenario.ts";
import { memoryIo } from "./io.ts";
import { run } from "./main.ts";

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await run(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe("run()", () => {
  it("models show --json has params_total and params_active (DeepSeek-V3: 671B / 37B)", async () => {
    const r = await cli("models", "show", "deepseek-v3", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.params_total / 671e9).toBeCloseTo(1, 2);
    expect(Math.abs(j.params_active / 37e9 - 1)).toBeLessThan(0.03);
  });

  it("models show gives active parameters as each publisher counts them (gpt-oss-120b: 5.13B without the input embedding)", async () => {
    // OpenAI's model card: 5.13B active of 116.83B; fleetcast counts embeddings in, as DeepSeek and Mixtral do
    const r = await cli("models", "show", "gpt-oss-120b");
    expect(r.out).toMatch(
      /parameters, active per token +5\.7B \(5\.1B without the input embedding, 4\.6B without it and the output head\)/,
    );
  });

  it("models show prints a windowed model's mean KV per token by context, and none for full attention", async () => {
    const oss = await cli("models", "show", "gpt-oss-120b");
    expect(oss.code).toBe(0);
    // gpt-oss: 18 of 36 layers keep 128 tokens, so the mean per token nears half the per-layer figure (72 KiB)
    expect(oss.out).toMatch(/mean over a 32768-token context\s+36\.1 KiB/);
    const llama = await cli("models", "show", "llama-3.1-8b");
    expect(llama.out).not.toContain("mean over a");
  });

  it("train plan --tokens prints the interval factor and the reliability command that gives the same P50/P90 (review 19)", async () => {
    const r = await cli(
      ...["train", "plan", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm", "--count", "64"],
      ...["--seq-len", "8192", "--global-batch-tokens", "4Mi", "--top", "1", "--tokens", "2T"],
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(80 %: [\d.,]+–[\d.,]+, x\/÷ [\d.]+\)/);
    // the breakdown's rows add up to the step time (new-user review 21: the fixed step overhead was left out)
    const step = Number(/Best plan, step time ([\d.]+) s/.exec(r.out)![1]);
    const block = r.out.slice(r.out.indexOf("part "), r.out.indexOf("\nMemory per"));
    const rows = block
      .split("\n")
      .slice(1)
      .filter((l) => l.trim() !== "");
    expect(rows.some((l) => /^step overhead\s+[\d.]+\s/.test(l))).toBe(true);
    // a communication row reads "exposed / total": its exposed part is what the step waits for
    const parts = rows.map((l) => Number(/\s([\d.]+)(?: \/ [\d.]+)?\s+[\d.]+ %$/.exec(l)![1]));
    expect(Math.abs(parts.reduce((a, x) => a + x, 0) / step - 1)).toBeLessThan(0.01);
    const line = /fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(r.out);
    // with a deadline: its probability, and the command carries it
    const dated = await cli(
      ...["train", "plan", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm", "--count", "64"],
      ...[
        "--seq-len",
        "8192",
        "--global-batch-tokens",
        "4Mi",
        "--top",
        "1",
        "--tokens",
        "2T",
        "--deadline-days",
        "90",
      ],
    );
    expect(dated.out).toMatch(/P\(finish within 90 days\): [\d.]+ %/);
    expect(dated.out).toMatch(/--deadline-days 90\n/);
    expect(line).not.toBeNull();
    const p = (out: string) =>
      /\(and the interval above\): ([\d.,]+) days \(P50\), ([\d.,]+) days \(P90\)/.exec(out);
    const planned = p(r.out)!;
    const rel = await cli("reliability", ...line![1]!.split(" "));
    expect(rel.code).toBe(0);
    const row = /wall time \(days\)\s+[\d.,]+\s+[\d.,]+\s+([\d.,]+)\s+([\d.,]+)/.exec(rel.out)!;
    // the command rounds --days and --days-interval for reading: the same figures within 0.5 %
    const num = (x: string | undefined) => Number((x ?? "").replaceAll(",", ""));
    expect(num(row[1]) / num(planned[1])).toBeCloseTo(1, 2);
    expect(num(row[2]) / num(planned[2])).toBeCloseTo(1, 2);
    // a chip whose node is not 8 (H100 PCIe: its 2-card NVLink bridge domain): the command carries the node size used
    const pcie = await cli(
      ...[
        "train",
        "plan",
        "--model",
        "llama-3.1-8b",
        "--chip",
        "nvidia-h100-pcie",
        "--count",
        "1024",
        "--scale-out-gbps",
      ],
      ...["100", "--seq-len", "4096", "--global-batch-tokens", "4Mi", "--top", "1", "--tokens", "1T"],
    );
    const pcieLine = /fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(pcie.out);
    expect(pcieLine?.[1]).toContain("--chips-per-node 2");
    const pcieRel = await cli("reliability", ...pcieLine![1]!.split(" "));
    const pcieRow = /wall time \(days\)\s+[\d.,]+\s+[\d.,]+\s+([\d.,]+)/.exec(pcieRel.out)!;
    expect(num(pcieRow[1]) / num(p(pcie.out)![1])).toBeCloseTo(1, 2);
  });

  it("train plan --checkpoint-mode sync prices synchronous saves, and the printed reliability command gives the same days", async () => {
    const job = [
      ...["train", "plan", "--model", "llama-3.1-70b", "--chip", "nvidia-h100-sxm", "--count", "2048"],
      ...["--seq-len", "8192", "--global-batch-tokens", "16Mi", "--top", "1", "--tokens", "15T"],
    ];
    const p50 = (out: string) => Number(/([\d.,]+) days \(P50\)/.exec(out)?.[1]?.replaceAll(",", ""));
    const async = await cli(...job);
    const sync = await cli(...job, "--checkpoint-mode", "sync");
    expect(sync.code).toBe(0);
    expect(p50(sync.out)).toBeGreaterThan(p50(async.out));
    // the default run says what Megatron's synchronous default would cost, the asked one does not repeat it
    expect(async.out).toMatch(
      /advice: Megatron-LM's training loop saves checkpoints synchronously unless told otherwise/,
    );
    expect(sync.out).not.toContain("saves checkpoints synchronously unless told otherwise");
    const line = /fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(sync.out)?.[1] ?? "";
    expect(line).toMatch(/--checkpoint-gb 98\d\.?\d* --checkpoint-mode sync/);
    const rel = await cli("reliability", ...line.split(" "));
    expect(rel.out).toMatch(/checkpoint blocking \/ persist \(sync\)/);
    const row = /wall time \(days\)\s+[\d.,]+\s+[\d.,]+\s+([\d.,]+)/.exec(rel.out)!;
    expect(Number(row[1]?.replaceAll(",", "")) / p50(sync.out)).toBeCloseTo(1, 2);
    // without a token budget the flag is refused, as the other failure-model flags are
    const noBudget = job.filter((a, i) => a !== "--tokens" && job[i - 1] !== "--tokens");
    const refused = await cli(...noBudget, "--checkpoint-mode", "sync");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("--checkpoint-mode sets the failure simulation");
  });

  it("train plan --cluster shared simulates a shared cluster's job and the printed reliability command carries it (review 20)", async () => {
    const job = [
      ...["train", "plan", "--model", "llama-3.1-8b", "--chip", "nvidia-a100-sxm-80gb", "--count", "1024"],
      ...["--seq-len", "4096", "--global-batch-tokens", "4Mi", "--top", "1", "--tokens", "3T"],
    ];
    const p50 = (out: string) => Number(/([\d.,]+) days \(P50\)/.exec(out)?.[1]?.replaceAll(",", ""));
    const dedicated = await cli(...job);
    const shared = await cli(...job, "--cluster", "shared", "--rate-scenario", "low");
    expect(shared.code).toBe(0);
    expect(p50(shared.out)).toBeGreaterThan(p50(dedicated.out));
    const line = /fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(shared.out)?.[1] ?? "";
    expect(line).toContain("--rate-scenario low --cluster shared");
    // without a token budget no failure simulation runs: the flags are refused, not ignored (new-user review 21)
    const noBudget = job.filter((a, i) => a !== "--tokens" && job[i - 1] !== "--tokens");
    const refused = await cli(...noBudget, "--cluster", "shared");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      "--cluster sets the failure simulation, which runs for a token budget; give --tokens too",
    );
    expect(/fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(dedicated.out)?.[1]).not.toContain(
      "--cluster",
    );
    // the site spread of the failure rate (site-rate-spread.ts) rides along the same way, and wants a budget too
    const spread = await cli(...job, "--site-spread");
    expect(spread.code).toBe(0);
    expect(/fleetcast reliability (.*) \[--deadline-days D\]\n/.exec(spread.out)?.[1]).toContain(
      "--site-spread",
    );
    expect((await cli(...noBudget, "--site-spread")).err).toContain(
      "--site-spread sets the failure simulation, which runs for a token budget; give --tokens too",
    );
  });

  it("chips says which chips a plan can price, and which are listed for their figures only (review 34)", async () => {
    const r = await cli("chips");
    const row = (id: string) => r.out.split("\n").find((l) => l.startsWith(`${id} `)) ?? "";
    expect(row("nvidia-h100-sxm")).toMatch(/ train \+ serve$/);
    expect(row("huawei-ascend-910a")).toMatch(/ train$/);
    expect(row("google-tpu-v5p")).toMatch(/ none$/);
    expect(r.err).toMatch(/plans: what a stack of the catalog runs on the chip's family/);
  });

  it("chips show prints sources and uncertain fields", async () => {
    const r = await cli("chips", "show", "huawei-ascend-910b2");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sources:/);
    expect(r.out).toMatch(/Uncertain:/);
  });

  it("exits 1 with one line and a suggestion on an unknown chip", async () => {
    const r = await cli("chips", "show", "h100");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Cannot find chip 'h100'.*nvidia-h100-sxm/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("compare exits 1 on a scenario whose pool stack cannot run on its chip or whose model is unknown, before comparing (QA 27)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-scenario-"));
    const scenario = JSON.parse(JSON.stringify(defaultScenario()));
    scenario.pools[0].stack = "mindspeed";
    writeFileSync(join(dir, "bad-stack.json"), JSON.stringify(scenario));
    const stack = await cli("compare", join(dir, "bad-stack.json"));
    expect(stack.code).toBe(1);
    expect(stack.err).toMatch(
      /^error: Cannot read .*bad-stack\.json: pools\[0\]\.stack does not run on nvidia-h800-sxm/,
    );
    expect(stack.err).not.toContain("comparing strategies");
    scenario.pools[0].stack = "hai-llm";
    scenario.training.model = "llama-70b";
    writeFileSync(join(dir, "bad-model.json"), JSON.stringify(scenario));
    const model = await cli("compare", join(dir, "bad-model.json"));
    expect(model.code).toBe(1);
    expect(model.err).toMatch(
      /^error: Cannot read .*bad-model\.json: training\.model is not a built-in model/,
    );
    expect(model.err).not.toContain("comparing strategies");
    expect(model.err.trim().split("\n")).toHaveLength(1);
  });

  it("exits 1 on a bad model file without a stack trace", async () => {
    const r = await cli("models", "show", "package.json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Cannot read model config/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it("train plan --json ranks plans and gives days for a token budget", async () => {
    const r = await cli(
      "train",
      "plan",
      "--model",
      "llama-3.1-8b",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "64",
      "--seq-len",
      "8192",
      "--global-batch-tokens",
      "2097152",
      "--tokens",
      "1T",
      "--top",
      "3",
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.plans).toHaveLength(3);
    expect(j.plans[0].metrics.tokens_per_s_per_chip).toBeGreaterThan(0);
    // the JSON rounds days to 0.01: compare at that resolution
    expect(
      Math.abs(j.budget.days - 1e12 / (j.plans[0].metrics.tokens_per_s_per_chip * 64) / 86400),
    ).toBeLessThanOrEqual(0.006);
  });

  it("train plan and serve plan print what the model import assumed (an unknown family read generically)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-"));
    const file = join(dir, "someones-model.json");
    writeFileSync(
      file,
      JSON.stringify({
        model_type: "someones_llama",
        hidden_size: 2048,
        num_hidden_layers: 8,
        num_attention_heads: 16,
        vocab_size: 32_000,
        intermediate_size: 5632,
        hidden_act: "silu",
      }),
    );
    const train = await cli(
      ...["train", "plan", "--model", file, "--chip", "nvidia-h100-sxm", "--count", "8"],
      ...["--seq-len", "2048", "--global-batch-tokens", "1048576", "--top", "1"],
    );
    expect(train.code).toBe(0);
    expect(train.out).toMatch(
      /^advice: model someones-model: model_type "someones_llama" is not a known family/m,
    );
    const serve = await cli(
      ...["serve", "plan", "--model", file, "--chip", "nvidia-h100-sxm"],
      ...["--input-tokens", "500", "--output-tokens", "100"],
    );
    expect(serve.code).toBe(0);
    expect(serve.out).toMatch(/unknown-model-type: Model someones-model: model_type "someones_llama"/i);
  });

  it("train plan exits 3 on a model that cannot fit, naming what it needs", async () => {
    const r = await cli(
      "train",
      "plan",
      "--model",
      "llama-3.1-405b",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "8",
      "--seq-len",
      "8192",
      "--global-batch-tokens",
      "65536",
    );
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/Cannot train .* needs .* GiB per chip, has 80\.0 GiB/);
  });

  it("serve plan exits 3 when no layout meets the limits, 0 when one does, in text and JSON alike", async () => {
    const plan = (input: string, output: string, ...more: string[]) => [
      "serve",
      "plan",
      "--model",
      "qwen3-8b",
      "--chip",
      "nvidia-h100-sxm",
      "--input-tokens",
      input,
      "--output-tokens",
      output,
      ...more,
    ];
    const args = (tpot: string) => plan("2000", "300", "--tpot-ms", tpot);
    const none = await cli(...args("1"));
    expect(none.code).toBe(3);
    expect(none.out).toMatch(/Cannot meet TPOT 1 ms/);
    expect((await cli(...args("1"), "--json")).code).toBe(3);
    expect((await cli(...args("100"))).code).toBe(0);
    // requests longer than the model's context (Qwen3-8B: 40,960 tokens) are answered, and exit 3 (QA 26)
    const long = await cli(...plan("40000", "2000"));
    expect(long.out).toMatch(/context_beyond_model/);
    expect(long.code).toBe(3);
    // chips too few for the weights: infeasible like train plan's "nothing fits" (3), not malformed input (1) (QA 29)
    const tooFew = await cli(
      ..."serve plan --model deepseek-v3 --chip nvidia-h100-sxm --count 4 --input-tokens 1000 --output-tokens 200".split(
        " ",
      ),
    );
    expect(tooFew.err).toMatch(
      /Cannot fit DeepSeek-V3 on 4 x nvidia-h100-sxm: count is 4 .*needs count >= \d+/,
    );
    expect(tooFew.code).toBe(3);
    expect((await cli(...plan("2000", "-3"))).code).toBe(1);
  });

  it("train plan exits 1 for fixed degrees that contradict the job, 3 when nothing fits (review 19)", async () => {
    const job = [
      "train",
      "plan",
      "--chip",
      "nvidia-h100-sxm",
      "--seq-len",
      "4096",
      "--global-batch-tokens",
      "4Mi",
    ];
    const dense = await cli(...job, "--model", "llama-3.1-8b", "--count", "64", "--ep", "8");
    expect(dense.code).toBe(1);
    expect(dense.err).toMatch(/cannot use EP=8 on a dense model/);
    expect((await cli(...job, "--model", "llama-3.1-8b", "--count", "64", "--tp", "3", "--json")).code).toBe(
      1,
    );
    expect((await cli(...job, "--model", "llama-3.1-405b", "--count", "8")).code).toBe(3);
  });

  it("train plan, validate and ui refuse a bad numeric flag in one line naming it and the bound it crosses", async () => {
    const job = [
      ...["train", "plan", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm", "--count", "8"],
      ...["--seq-len", "4096", "--global-batch-tokens", "4Mi"],
    ];
    const refusals: [string[], string][] = [
      [[...job, "--tp", "0"], "Cannot plan training: --tp must be a positive integer, got 0"],
      [[...job, "--top", "101"], "Cannot plan training: --top must be at most 100, got 101"],
      [
        [...job, "--tokens", "1T", "--deadline-days", "4000"],
        "Cannot plan training: --deadline-days must be at most 3650, got 4000",
      ],
      [
        [...job.slice(0, -1), "lots"],
        "Cannot plan training: --global-batch-tokens must be a positive amount like 300B, 14.8T, 2e12 or 16Mi (16 x 2^20), got lots",
      ],
      [["validate", "--seed", "abc"], "Cannot validate: --seed must be a non-negative integer, got abc"],
      [["ui", "--port", "70000"], "Cannot serve the dashboard: --port must be at most 65535, got 70000"],
    ];
    for (const [argv, message] of refusals) {
      const r = await cli(...argv);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`error: ${message}\n`);
    }
  });

  it("calibrate reads a file as validate does, saying what it read as what, and fits no file with a case it cannot read", async () => {
    const published = JSON.parse(readFileSync("data/cases/train.json", "utf8")) as {
      id: string;
      train: { precision: string; parallelism: Record<string, unknown> | null };
    }[];
    const one = published.find((c) => c.train.precision === "bf16")!;
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-calibrate-"));
    const spelled = join(dir, "spelled.json");
    writeFileSync(
      spelled,
      JSON.stringify([
        { ...one, id: "my-run", gpu_driver: "550", train: { ...one.train, precision: "BFloat16" } },
      ]),
    );
    const r = await cli("calibrate", spelled, "--out", join(dir, "profile.json"));
    expect(r.code).toBe(0);
    expect(r.err).toContain('note: my-run: train.precision "BFloat16" read as "bf16"');
    expect(r.err).toContain("note: my-run: gpu_driver is not a field of the format: left out");
    // a chip id naming one catalog chip is read as validate reads it, and said (review 22c: it was left out unsaid)
    const aliased = join(dir, "aliased.json");
    const chipId = (one as unknown as { hardware: { chip: string } }).hardware.chip;
    writeFileSync(
      aliased,
      JSON.stringify([
        {
          ...one,
          id: "my-run",
          hardware: { ...(one as unknown as { hardware: object }).hardware, chip: `${chipId}-80gb` },
        },
      ]),
    );
    const a = await cli("calibrate", aliased, "--out", join(dir, "profile4.json"));
    expect(a.code).toBe(0);
    expect(a.err).toContain(`note: my-run: hardware.chip "${chipId}-80gb" read as ${chipId}`);
    // what a case had to assume is said before it is fitted on: here a batch left out (review 21b)
    const noBatch = join(dir, "no-batch.json");
    writeFileSync(
      noBatch,
      JSON.stringify([{ ...one, id: "my-run", train: { ...one.train, global_batch_tokens: null } }]),
    );
    const n = await cli("calibrate", noBatch, "--out", join(dir, "profile3.json"));
    expect(n.code).toBe(0);
    expect(n.err).toMatch(/note: my-run: global batch not stated: [\d,]+ tokens assumed/);
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify([{ ...one, id: "my-run", train: { ...one.train, precision: "int4" } }]),
    );
    const b = await cli("calibrate", bad, "--out", join(dir, "profile2.json"));
    expect(b.code).toBe(1);
    expect(b.err).toMatch(
      /Cannot calibrate: 1 case not read \(bad\.json my-run: train\.precision must be one of/,
    );
    expect(b.err).toContain("`fleetcast validate` on the file lists how every case is read");
  });

  it("calibrate says which built-in family a user's fit replaces, and which interval then applies (review 19)", async () => {
    const published = JSON.parse(readFileSync("data/cases/train.json", "utf8")) as {
      id: string;
      hardware: { chip: string };
    }[];
    const one = published.find((c) => c.hardware.chip === "nvidia-h100-sxm")!;
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-calibrate-"));
    const file = join(dir, "my-runs.json");
    writeFileSync(file, JSON.stringify([{ ...one, id: "my-run" }]));
    const r = await cli("calibrate", file, "--out", join(dir, "profile.json"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /with --profile: nvidia-hopper's family scale takes this fit \(1 case\) in place of the built-in one \(\d+ published cases\) for nvidia-hopper stacks with no stack fit; [a-z-]+(, [a-z-]+)* keep their own built-in stack fits; its 80 % interval stays the built-in x\/÷ [\d.]+/,
    );
    // the stacks that keep theirs are named, and the refitted one is not among them (new-user review 21)
    const kept = /stack fit; ([a-z-, ]+) keep their own built-in stack fits/.exec(r.out)![1]!.split(", ");
    const refitted = JSON.parse(readFileSync(join(dir, "profile.json"), "utf8")).train.groups[0].stack;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).not.toContain(refitted);
  });

  it("train plan fixes --dp, --vpp (interleaved) and --zero as the API's constraints do (review 19)", async () => {
    const r = await cli(
      ...["train", "plan", "--model", "llama-3.1-405b", "--chip", "nvidia-h100-sxm", "--count", "16384"],
      ...["--seq-len", "8192", "--global-batch-tokens", "16Mi", "--tp", "8", "--pp", "16", "--dp", "128"],
      ...["--vpp", "8", "--zero", "1", "--top", "1"],
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 {2}TP8 PP16 DP128 VPP8 mb\d+ (rc:\w+ )?ZeRO1/);
  });

  it("validate --json follows the contract of design.md", async () => {
    const r = await cli("validate", "data/cases/train.json", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const c = j.cases[0];
    expect(Object.keys(c)).toEqual(expect.arrayContaining(["id", "kind", "status", "metrics"]));
    expect(Object.keys(c.metrics[0])).toEqual(
      expect.arrayContaining(["metric", "observed", "predicted", "rel_error", "interval"]),
    );
    expect(j.summary.overall.cases).toBe(j.cases.length);
  });

  it("validate shows a calibration case's error when it was left out of the fit, and their median", async () => {
    const r = await cli("validate", "data/cases/serve.json");
    // why the interval share reads near 100 %, with the coverage the bands file measured, for the kinds the report
    // holds (new-user review 21); not under reliability records only, whose intervals are not widened (review 21b)
    expect(r.out).toMatch(
      /left out of that spread, a publication's runs fell inside them: serving \d+ %\)\n$/,
    );
    expect((await cli("validate", "data/cases/reliability.json")).out).not.toMatch(/widened at each end/);
    expect(r.code).toBe(0);
    expect(r.out).toContain("left out");
    expect(r.out).toMatch(
      /\(left out of the fit: median \|err\| [\d.]+ % over the 38 calibration cases, \d+ % within 35 %\)/,
    );
    // and with its whole publication left out, per case and over the set
    expect(r.out).toContain("source out");
    expect(r.out).toMatch(
      /\(with their whole publication left out: median \|err\| [\d.]+ % over 38, \d+ % within 35 %/,
    );
    const j = JSON.parse((await cli("validate", "data/cases/serve.json", "--json")).out);
    expect(j.summary.left_out.cases).toBe(38);
    expect(j.summary.left_out_source.cases).toBe(38);
    expect(j.summary.left_out_source.median_abs_error).toBeGreaterThan(j.summary.overall.median_abs_error);
    expect(j.summary.left_out.median_abs_error).toBeGreaterThan(j.summary.overall.median_abs_error);
    // DeepSeek's production decode is fitted within 5 % but predicted 39 % low without its own case (profile)
    const decode = j.cases.find((c: { id: string }) => c.id === "ds-prod-h800-decode");
    expect(Math.abs(decode.metrics[0].rel_error)).toBeLessThan(0.1);
    expect(decode.metrics[0].loo_rel_error).toBeLessThan(-0.2);
    // the layout a serving case was predicted on is reported (the case's stated EP32 / DP32 prefill, its batch)
    const prefill = j.cases.find((c: { id: string }) => c.id === "ds-prod-h800-prefill");
    expect(prefill.layout).toMatchObject({ tp: 1, ep: 32, dp_attention: 32, chips_per_instance: 32 });
    expect(prefill.layout.batch).toBeGreaterThan(0);
    expect(r.out).toMatch(
      /\nlayout: tp 1, ep 32, attention-DP 32, pp 1, 32 chips an instance, batch \d+ a replica\n/,
    );
    // a held-out case was never fitted: no leave-one-out figure
    const held = JSON.parse((await cli("validate", "data/holdout/serve.json", "--json")).out);
    expect(
      held.cases.every((c: { metrics: { loo_rel_error?: number }[] }) =>
        c.metrics.every((m) => m.loo_rel_error === undefined),
      ),
    ).toBe(true);
  });

  it("validate reads a grown case file case by case: unknown fields left out, a case that does not fit listed", async () => {
    const cases = JSON.parse(readFileSync("data/cases/serve.json", "utf8")).slice(0, 3);
    cases[0].serve.prefix_cache = true;
    cases[1].serve.precision = "int4";
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-"));
    const file = join(dir, "grown.json");
    writeFileSync(file, JSON.stringify(cases));
    const text = await cli("validate", file);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${cases[1].id}  [grown.json]: not read (serve.precision must be one of`);
    expect(text.out).toContain(`${cases[0].id}: serve.prefix_cache`);
    expect(text.out).toContain(
      "Summary: 2 predicted, 0 errors, 0 unsupported, 1 not read (1 read without fields the format does not define), of 3 cases",
    );
    // what each prediction had to assume is printed under its table and kept in the JSON
    expect(text.out).toContain("assumed: input length unknown: 2048 tokens assumed");
    const j = JSON.parse((await cli("validate", file, "--json")).out);
    expect(j.cases).toHaveLength(2);
    expect(j.cases[0].assumptions).toContain("input length unknown: 2048 tokens assumed");
    expect(j.not_read[0]).toMatchObject({ id: cases[1].id, index: 1 });
    expect(j.ignored_fields).toEqual([{ file: "grown.json", id: cases[0].id, path: "serve.prefix_cache" }]);
  });

  it("validate reads a value spelled as engines write it as the format's, first among the case's assumptions", async () => {
    const cases = JSON.parse(readFileSync("data/cases/serve.json", "utf8")).slice(0, 1);
    cases[0].serve.precision = "FP8-E4M3";
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-"));
    const file = join(dir, "spelled.json");
    writeFileSync(file, JSON.stringify(cases));
    const text = await cli("validate", file);
    expect(text.code).toBe(0);
    expect(text.out).toContain('assumed: serve.precision "FP8-E4M3" read as "fp8"; ');
    const j = JSON.parse((await cli("validate", file, "--json")).out);
    expect(j.cases[0].status).toBe("ok");
    expect(j.read_as).toEqual([
      { file: "spelled.json", id: cases[0].id, path: "serve.precision", from: "FP8-E4M3", to: "fp8" },
    ]);
  });

  it("validate fails (exit 1) when no case of its files could be predicted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-"));
    const file = join(dir, "empty.json");
    writeFileSync(file, "[]");
    const r = await cli("validate", file, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).summary.ok).toBe(0);
    expect(r.err).toMatch(/Cannot validate .*empty\.json: no case could be predicted/);
  });

  it("--help marks mandatory options as required, and only those", async () => {
    const r = await cli("train", "plan", "--help");
    expect(r.out).toMatch(/--chip <id> +chip id \(fleetcast chips\) \(required\)/);
    expect(r.out).not.toMatch(/--top <k>.*\(required\)/);
    expect(r.out).toMatch(/--top <k> +plans to show \(default: 5\)/);
  });

  it("every command's --help has an example", async () => {
    for (const argv of [
      ["chips"],
      ["chips", "show"],
      ["models"],
      ["models", "show"],
      ["train", "plan"],
      ["validate"],
      ["calibrate"],
    ]) {
      const r = await cli(...argv, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Examples?:\n\s+\$ fleetcast/);
    }
  });

  it("chips show --catalog applies a user's chip file (examples/site-chips.yaml overrides the A100's NIC rate)", async () => {
    const base = JSON.parse((await cli("chips", "show", "nvidia-a100-sxm-80gb", "--json")).out);
    const site = JSON.parse(
      (await cli("chips", "show", "nvidia-a100-sxm-80gb", "--json", "--catalog", "examples/site-chips.yaml"))
        .out,
    );
    expect(base.scale_out_gbps_per_chip).toBe(200);
    expect(site.scale_out_gbps_per_chip).toBe(100);
    expect(site.peak_tflops_dense.bf16).toBe(base.peak_tflops_dense.bf16);
  });
});
