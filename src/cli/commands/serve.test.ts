import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../../errors.ts";
import { builtinServeProfile } from "../../serve/index.ts";
import { allKeys, commandRunner } from "../test-support.ts";
import { latencyRow, serveCommand } from "./serve.ts";

const { runCli, runJson, errorOf } = commandRunner(serveCommand);

const PLAN = [
  "serve",
  "plan",
  "--model",
  "llama-3.1-8b",
  "--chip",
  "nvidia-h100-sxm",
  "--count",
  "8",
  "--input-tokens",
  "1000",
  "--output-tokens",
  "200",
];
const SIMULATE = [
  "serve",
  "simulate",
  "--model",
  "llama-3.1-8b",
  "--chip",
  "nvidia-h100-sxm",
  "--rate",
  "10",
  "--duration-s",
  "200",
  "--input-tokens",
  "500",
  "--output-tokens",
  "100",
];

describe("serveCommand() plan", () => {
  it("serveCommand() plan tells a terminal it is sizing pools for a demand, and nothing to a pipe (review 34)", async () => {
    const demand = [...PLAN, "--demand-tokens-per-day", "1B"];
    const tty = await runCli(demand, { tty: true });
    expect(tty.stderr()).toMatch(
      /^planning Llama 3\.1 8B on nvidia-h100-sxm: searching layouts, then sizing pools for the demand\.\.\.$/m,
    );
    expect((await runCli(demand)).stderr()).toBe("");
    // without a demand there is nothing to size
    expect((await runCli(PLAN, { tty: true })).stderr()).not.toMatch(/sizing pools/);
  });

  it("serveCommand() plan prints the best layout, the prefill/decode split and advisories", async () => {
    const io = await runCli(PLAN);
    expect(io.stdout()).toMatch(/colocated \(best\)/);
    expect(io.stdout()).toMatch(/Prefill\/decode split/);
    expect(io.stdout()).toMatch(/Advisories/);
  });

  it("serveCommand() simulate --graph-mode prices the host's launches, echoes the mode and says so", async () => {
    const ascend = [
      "serve",
      "simulate",
      "--model",
      "qwen3-8b",
      "--chip",
      "huawei-ascend-910b3",
      "--engine",
      "vllm-ascend",
      "--arrival",
      "closed",
      "--concurrency",
      "1",
      "--requests",
      "4",
      "--input-tokens",
      "512",
      "--output-tokens",
      "64",
      "--json",
    ];
    const full = await runJson([...ascend, "--graph-mode", "full"]);
    const eager = await runJson([...ascend, "--graph-mode", "eager"]);
    const byDefault = await runJson(ascend);
    const tpot = (o: Record<string, unknown>) => (o.tpot_ms as { mean: number }).mean;
    const codes = (o: Record<string, unknown>) => (o.advisories as { code: string }[]).map((a) => a.code);
    // one sequence of an 8B model decodes faster than its 36 layers' eager launches (0.8 ms a layer on Ascend)
    expect(tpot(full)).toBeLessThan(36 * 0.8);
    expect(tpot(eager)).toBeGreaterThanOrEqual(36 * 0.8 - 1e-9);
    expect((eager.inputs as { graph_mode: string }).graph_mode).toBe("eager");
    expect(codes(eager)).toContain("graph_mode");
    expect(codes(full)).not.toContain("graph_mode");
    // vLLM-Ascend's default (FULL_AND_PIECEWISE) captures decode steps: the same TPOT as full graphs here
    expect((byDefault.inputs as { graph_mode: string }).graph_mode).toBe("full-and-piecewise");
    expect(tpot(byDefault)).toBeLessThan(tpot(eager));
  });

  it("serveCommand() plan --json echoes the precision that reproduces the plan: FP8 weights on A100, BF16 GEMMs", async () => {
    const a100 = PLAN.map((a) => (a === "nvidia-h100-sxm" ? "nvidia-a100-sxm-80gb" : a));
    const out = await runJson([...a100, "--precision", "fp8"]);
    const inputs = out.inputs as { precision: string };
    expect([inputs.precision, out.precision, out.weight_precision]).toEqual(["fp8", "bf16", "fp8"]);
  });

  it("serveCommand() plan --expert-weight-bits 4 holds a W4A8 DeepSeek-V3 on one 910B2 node, says so and echoes it", async () => {
    const w4a8 = [
      "serve",
      "plan",
      "--model",
      "deepseek-v3",
      "--chip",
      "huawei-ascend-910b2",
      "--count",
      "8",
      "--input-tokens",
      "2048",
      "--output-tokens",
      "512",
      "--expert-weight-bits",
      "4",
    ];
    expect((await runCli(w4a8)).stdout()).toMatch(
      /^DeepSeek-V3 on huawei-ascend-910b2 \(vllm-ascend, INT8, experts in 4 bits, full-and-piecewise graphs\)/,
    );
    const out = await runJson(w4a8);
    expect((out.inputs as { expert_weight_bits: number }).expert_weight_bits).toBe(4);
    expect(out.expert_weight_bits).toBe(4);
    const without = await errorOf(w4a8.slice(0, -2));
    expect(without.message).toMatch(/^Cannot fit DeepSeek-V3 on 8 x huawei-ascend-910b2/);
  });

  it("serveCommand() plan --length-dist exponential sizes for long-tailed lengths, says so and echoes it", async () => {
    const demand = [...PLAN, "--requests-per-s", "100", "--ttft-ms", "500", "--tpot-ms", "40"];
    const text = (await runCli([...demand, "--length-dist", "exponential"])).stdout();
    expect(text).toMatch(/Poisson requests of exponential lengths\)/);
    expect((await runCli(demand)).stdout()).not.toMatch(/exponential/);
    const out = await runJson([...demand, "--length-dist", "exponential"]);
    expect((out.inputs as { length_distribution: string }).length_distribution).toBe("exponential");
    expect(((await runJson(demand)).inputs as { length_distribution: string }).length_distribution).toBe(
      "uniform",
    );
    expect((await errorOf([...demand, "--length-dist", "pareto"])).message).toMatch(/pareto/);
  });

  it("serveCommand() plan --json writes snake_case keys only, with capacity when a demand is given", async () => {
    const out = await runJson([...PLAN, "--demand-tokens-per-day", "10B"]);
    const keys = allKeys(out);
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
    const capacity = out.capacity as { chips: number; requests_per_s: number };
    // 10^10 tokens/day over 1,200 tokens per request = 96.45 requests/s
    expect(capacity.requests_per_s).toBeCloseTo(1e10 / 86_400 / 1200, 4); // six significant digits
    expect(capacity.chips).toBeGreaterThanOrEqual(1);
  });

  it("serveCommand() plan prices a demand at --usd-per-chip-hour and decodes faster with --spec-decode-accept", async () => {
    const demand = [...PLAN, "--requests-per-s", "50"];
    const priced = await runJson([...demand, "--usd-per-chip-hour", "2"]);
    const c = priced.capacity as { chips: number; usd_per_million_output_tokens: [number, number] };
    // chips x $2/h over the demand's output tokens per hour (50 requests/s x 200 tokens), per million
    const expected = ((c.chips * 2) / (50 * 200 * 3600)) * 1e6;
    expect(c.usd_per_million_output_tokens[0]).toBeCloseTo(expected, 6);
    expect(c.usd_per_million_output_tokens[1]).toBeCloseTo(expected, 6);
    const tpotOf = (o: Record<string, unknown>) => (o.colocated as { tpot_ms: number }).tpot_ms;
    const spec = await runJson([...PLAN, "--spec-decode-accept", "1.8"]);
    expect(tpotOf(spec)).toBeLessThan(tpotOf(await runJson(PLAN)));
    const bad = await errorOf([...PLAN, "--spec-decode-accept", "0.5"]);
    expect(bad.message).toBe("Cannot plan serving: --spec-decode-accept must be at least 1, got 0.5");
  });

  it("serveCommand() plan sizes for --peak-to-mean x the demand and refuses it without a demand or past 100", async () => {
    const demand = [...PLAN, "--requests-per-s", "50"];
    const peaked = await runJson([...demand, "--peak-to-mean", "2"]);
    const c = peaked.capacity as { chips: number; requests_per_s: number; peak_requests_per_s: number };
    expect(c.requests_per_s).toBe(50);
    expect(c.peak_requests_per_s).toBe(100);
    const flat = await runJson([...PLAN, "--requests-per-s", "100"]);
    expect(c.chips).toBe((flat.capacity as { chips: number }).chips);
    expect((await runCli([...demand, "--peak-to-mean", "2"])).stdout()).toMatch(
      /50 requests\/s on average, 100 at the peak \(x2\)/,
    );
    expect((await errorOf([...PLAN, "--peak-to-mean", "2"])).message).toBe(
      "Cannot plan serving: --peak-to-mean 2 scales a demand; give --demand-tokens-per-day or --requests-per-s too",
    );
    expect((await errorOf([...demand, "--peak-to-mean", "101"])).message).toBe(
      "Cannot plan serving: --peak-to-mean must be at most 100, got 101",
    );
    // a price without a demand would be ignored: refused (new-user review 21)
    expect((await errorOf([...PLAN, "--usd-per-chip-hour", "2"])).message).toBe(
      "Cannot plan serving: --usd-per-chip-hour prices the chips a demand needs; give --demand-tokens-per-day or --requests-per-s too",
    );
  });

  it("serveCommand() plan and simulate predict with a --profile file's serving fit laid over the built-in one", async () => {
    const profile = builtinServeProfile();
    const hopper = profile.families["nvidia-hopper"]!;
    const slow = {
      ...hopper,
      decode_hbm_fraction: hopper.decode_hbm_fraction / 2,
      step_overhead_ms: 20,
      // engines without their own cases read the family's multipliers on their priors
      multipliers: hopper.multipliers && {
        ...hopper.multipliers,
        decode_hbm_fraction: hopper.multipliers.decode_hbm_fraction / 2,
        step_overhead_ms: hopper.multipliers.step_overhead_ms * 10,
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), "fleetcast-")), "profile.json");
    const user = { ...profile, families: { "nvidia-hopper": slow }, groups: [], cases: [] };
    writeFileSync(file, JSON.stringify({ kind: "fleetcast-profile", version: 1, train: null, serve: user }));
    const tpotOf = (o: Record<string, unknown>) => (o.colocated as { tpot_ms: number }).tpot_ms;
    expect(tpotOf(await runJson([...PLAN, "--profile", file]))).toBeGreaterThan(tpotOf(await runJson(PLAN)));
    const p50 = (o: Record<string, unknown>) => (o.tpot_ms as { p50: number }).p50;
    expect(p50(await runJson([...SIMULATE, "--profile", file]))).toBeGreaterThan(
      p50(await runJson(SIMULATE)),
    );
    const missing = await errorOf([...PLAN, "--profile", "/nonexistent/profile.json"]);
    expect(missing.message).toBe("Cannot read profile /nonexistent/profile.json: no such file");
  });

  it("serveCommand() plan searches across nodes of a chip without a NIC figure once --scale-out-gbps gives it", async () => {
    const h20 = ["serve", "plan", "--model", "deepseek-v3", "--chip", "nvidia-h20", "--count", "32"].concat([
      "--input-tokens",
      "2000",
      "--output-tokens",
      "500",
    ]);
    const ranks = (o: Record<string, unknown>) =>
      (o.alternatives as { tp: number; dp_attention: number }[]).map((a) => a.tp * a.dp_attention);
    const unknown = await runJson(h20);
    expect(Math.max(...ranks(unknown))).toBeLessThanOrEqual(8);
    expect((unknown.advisories as { code: string }[]).map((a) => a.code)).toContain("links_unknown");
    const known = await runJson([...h20, "--scale-out-gbps", "200"]);
    expect(Math.max(...ranks(known))).toBeGreaterThan(8);
    // the chips for a demand say where they are read that they rest on narrow layouts (new-user review 21)
    const demand = [...h20, "--requests-per-s", "20"];
    const caveat = /narrow layouts only: the catalog lacks a link figure of this chip that wider ones need/;
    expect((await runCli(demand)).stdout()).toMatch(caveat);
    expect((await runCli([...demand, "--scale-out-gbps", "200"])).stdout()).not.toMatch(caveat);
  });

  it("serveCommand() plan names the nearest feasible point when a TPOT limit cannot be met", async () => {
    const out = await runJson([...PLAN, "--tpot-ms", "0.1"]);
    const advisories = out.advisories as { code: string; message: string }[];
    const tpot = advisories.find((a) => a.code === "tpot_unreachable");
    expect(tpot?.message).toMatch(/^Cannot meet TPOT 0.1 ms for .* best is [\d.]+ ms at batch 1/);
    expect(out.colocated).toBeNull();
  });

  it("serveCommand() plan advises INT8 when FP8 is asked of an Ascend chip", async () => {
    const out = await runJson([
      "serve",
      "plan",
      "--model",
      "llama-3.1-8b",
      "--chip",
      "huawei-ascend-910b2",
      "--input-tokens",
      "1000",
      "--output-tokens",
      "200",
      "--precision",
      "fp8",
    ]);
    const codes = (out.advisories as { code: string }[]).map((a) => a.code);
    expect(codes).toContain("no_fp8_on_ascend");
    expect(out.precision).toBe("int8");
  });

  it("serveCommand() plan rejects bad input with one FleetcastError line naming the flag", async () => {
    const missing = await errorOf(PLAN.filter((a) => a !== "--chip" && a !== "nvidia-h100-sxm"));
    expect(missing).toBeInstanceOf(FleetcastError);
    expect(missing.message).toBe("Cannot plan serving: --chip is required (a catalog chip id)");
    const negative = await errorOf([...PLAN.slice(0, -2), "--output-tokens", "-5"]);
    expect(negative.message).toBe("Cannot plan serving: --output-tokens must be a positive number, got -5");
    const tooBig = await errorOf(
      [...PLAN.slice(0, 4), "--chip", "nvidia-h100-sxm", "--count", "1"]
        .concat(["--input-tokens", "100", "--output-tokens", "10"])
        .map((a) => (a === "llama-3.1-8b" ? "llama-3.1-405b" : a)),
    );
    expect(tooBig).toBeInstanceOf(FleetcastError);
    expect(tooBig.message).toMatch(/^Cannot fit Llama.* on 1 x nvidia-h100-sxm: count is 1/);
    expect(tooBig).toMatchObject({ infeasible: true });
    expect(negative).toMatchObject({ infeasible: false });
  });

  it("serveCommand() simulate runs a pipelined replica (--pp) on tp x pp chips, its token crossing every stage", async () => {
    const base = [...SIMULATE.map((x) => (x === "llama-3.1-8b" ? "llama-3.1-70b" : x)), "--tp", "4"];
    const flat = await runJson(base);
    const staged = await runJson([...base, "--pp", "2"]);
    expect((staged.inputs as { pp: number }).pp).toBe(2);
    const perChip = (o: Record<string, unknown>) => o.output_tokens_per_s_per_chip as number;
    const total = (o: Record<string, unknown>) => o.output_tokens_per_s as number;
    // the same arrivals over twice the chips: half the tokens per chip
    expect(perChip(staged)).toBeCloseTo(total(staged) / 8, 3);
    expect(perChip(flat)).toBeCloseTo(total(flat) / 4, 3);
    // at this light load each token waits for both stages: TPOT no shorter than on TP 4 alone
    const tpot = (o: Record<string, unknown>) => (o.tpot_ms as { p50: number }).p50;
    expect(tpot(staged)).toBeGreaterThan(0.8 * tpot(flat));
    const bad = await errorOf([...base, "--pp", "200"]);
    expect(bad.message).toMatch(/PP 200 makes more pipeline stages than/);
  });

  it("serveCommand() simulate runs an attention-DP replica of a layout plan recommends (--dp)", async () => {
    const moe = ["serve", "simulate", "--model", "qwen3-30b-a3b", "--chip", "nvidia-h100-sxm"].concat([
      "--input-tokens",
      "500",
      "--output-tokens",
      "100",
      "--rate",
      "2",
      "--duration-s",
      "20",
    ]);
    const dp = await runJson([...moe, "--tp", "1", "--dp", "2", "--ep", "2"]);
    // the engine simulated is echoed, as the API echoes it (review 35 L8)
    expect(dp.inputs).toMatchObject({ tp: 1, dp_attention: 2, ep: 2, stack: expect.any(String) });
    // EP 2 over one rank cannot be built without the second replica
    const bad = await errorOf([...moe, "--tp", "1", "--ep", "2"]);
    expect(bad.message).toMatch(/EP 2 must divide the instance/);
  });

  it("serveCommand() plan --help shows examples", async () => {
    const error = await errorOf(["serve", "plan", "--help"]);
    expect(error.name).toBe("CommanderError");
  });
});

describe("serveCommand() simulate", () => {
  it("serveCommand() simulate --expert-weight-bits 4 runs a W4A8 DeepSeek-V3 on one 910B2 node, says so and echoes it", async () => {
    const w4a8 = [
      "serve",
      "simulate",
      "--model",
      "deepseek-v3",
      "--chip",
      "huawei-ascend-910b2",
      "--tp",
      "8",
      "--ep",
      "8",
      "--rate",
      "1",
      "--duration-s",
      "20",
      "--input-tokens",
      "1000",
      "--output-tokens",
      "100",
      "--expert-weight-bits",
      "4",
    ];
    expect((await runCli(w4a8)).stdout()).toMatch(
      /^DeepSeek-V3 on huawei-ascend-910b2, TP 8, EP 8, INT8, experts in 4 bits:/,
    );
    expect(((await runJson(w4a8)).inputs as { expert_weight_bits: number }).expert_weight_bits).toBe(4);
    // INT8 experts leave no room for a KV cache on eight 64 GB dies
    expect((await errorOf(w4a8.slice(0, -2))).message).toMatch(/^Cannot/);
    // a dense model has no routed experts: the run says the option does not apply
    const dense = await runJson([...SIMULATE, "--expert-weight-bits", "4"]);
    expect((dense.advisories as { code: string }[]).map((a) => a.code)).toContain("expert_bits_dense");
    expect(dense.inputs as object).not.toHaveProperty("expert_weight_bits");
  });

  it("serveCommand() simulate gives the same percentiles for the same seed and Little's law holds", async () => {
    const a = await runJson([...SIMULATE, "--seed", "7"]);
    const b = await runJson([...SIMULATE, "--seed", "7"]);
    expect(a.ttft_ms).toEqual(b.ttft_ms);
    expect(a.tpot_ms).toEqual(b.tpot_ms);
    const l = a.mean_in_system as number;
    const lambdaW = (a.arrival_rate_per_s as number) * (a.mean_sojourn_s as number);
    expect(Math.abs(l - lambdaW) / lambdaW).toBeLessThan(0.02);
    expect((a.inputs as { requests: number }).requests).toBe(2000);
  });

  it("serveCommand() simulate takes any non-negative integer seed, 0 included, as the API does", async () => {
    const base = ["serve", "simulate", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm"];
    const rest = ["--arrival", "burst", "--requests", "20", "--input-tokens", "200", "--output-tokens", "20"];
    expect(((await runJson([...base, ...rest, "--seed", "0"])).inputs as { seed: number }).seed).toBe(0);
    expect(((await runJson([...base, ...rest, "--seed", "5"])).inputs as { seed: number }).seed).toBe(5);
    expect((await errorOf([...base, ...rest, "--seed", "-1"])).message).toBe(
      "Cannot simulate serving: --seed must be a non-negative integer, got -1",
    );
  });

  it("serveCommand() simulate runs its help's trace example on the shipped examples/requests.csv", async () => {
    const example =
      "serve simulate --model llama-3.1-70b --chip amd-mi300x --tp 2 --trace examples/requests.csv";
    const out = await runJson(example.split(" "));
    expect(out.requests).toBe(240);
    expect((out.inputs as { arrival: string }).arrival).toBe("trace");
    expect((out.ttft_ms as { p99: number }).p99).toBeGreaterThan(0);
  });

  it("serveCommand() simulate sends an --arrival burst at once, and refuses --rate with it or --requests without it", async () => {
    const base = ["serve", "simulate", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm"];
    const lengths = ["--input-tokens", "500", "--output-tokens", "50"];
    const out = await runJson([...base, "--arrival", "burst", "--requests", "40", ...lengths]);
    expect(out.requests).toBe(40);
    expect(out.backlog_at_last_arrival).toBe(40);
    expect(
      (await errorOf([...base, "--arrival", "burst", "--requests", "40", "--rate", "2", ...lengths])).message,
    ).toBe("Cannot simulate serving: --arrival burst sends --requests at once, without --rate");
    expect(
      (await errorOf([...base, "--rate", "2", "--duration-s", "5", "--requests", "9", ...lengths])).message,
    ).toMatch(/^Cannot simulate serving: --requests goes with --arrival burst/);
    // burstiness shapes bursty arrivals only (new-user review 21: ignored with Poisson ones)
    expect(
      (await errorOf([...base, "--rate", "2", "--duration-s", "5", "--burstiness", "0.3", ...lengths]))
        .message,
    ).toBe("Cannot simulate serving: --burstiness 0.3 shapes bursty arrivals; give --arrival bursty too");
  });

  it("serveCommand() simulate runs an --arrival closed loop of --concurrency clients, and refuses --concurrency without it", async () => {
    const base = ["serve", "simulate", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm"];
    const lengths = ["--input-tokens", "500", "--output-tokens", "50"];
    const out = await runJson([
      ...base,
      "--arrival",
      "closed",
      "--concurrency",
      "8",
      "--requests",
      "40",
      ...lengths,
    ]);
    expect(out.requests).toBe(40);
    expect((out.inputs as { concurrency: number }).concurrency).toBe(8);
    expect(out.mean_in_system as number).toBeLessThanOrEqual(8 + 1e-9);
    expect((await errorOf([...base, "--arrival", "closed", "--requests", "40", ...lengths])).message).toMatch(
      /^Cannot simulate serving: --concurrency is required/,
    );
    expect(
      (await errorOf([...base, "--rate", "2", "--duration-s", "5", "--concurrency", "8", ...lengths]))
        .message,
    ).toBe(
      "Cannot simulate serving: --concurrency 8 sets the clients of a closed loop; give --arrival closed too",
    );
  });

  it("serveCommand() simulate draws --length-dist exponential lengths within the caps given", async () => {
    const fixed = await runJson(SIMULATE);
    const exp = await runJson([...SIMULATE, "--length-dist", "exponential", "--max-total-tokens", "2048"]);
    const p99 = (r: Record<string, unknown>) => (r.e2e_ms as { p99: number }).p99;
    expect(exp.inputs).toMatchObject({ length_distribution: "exponential", max_total_tokens: 2048 });
    expect((await errorOf([...SIMULATE, "--max-total-tokens", "2048"])).message).toBe(
      "Cannot simulate serving: --max-total-tokens caps exponential lengths: add --length-dist exponential",
    );
    expect(p99(exp)).toBeGreaterThan(p99(fixed));
    expect((await runCli([...SIMULATE, "--length-dist", "exponential"])).stdout()).toMatch(
      /exponential lengths/,
    );
    expect(
      (await errorOf([...SIMULATE, "--length-dist", "exponential", "--length-spread", "0.5"])).message,
    ).toBe(
      "Cannot simulate serving: --length-spread sets uniform lengths, and --length-dist is exponential (got both)",
    );
  });

  it("serveCommand() simulate names the trace file and the flag beside a bad line (QA 39)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "fleetcast-serve-")), "bad.csv");
    writeFileSync(file, "timestamp_s,input_tokens,output_tokens\n0,100,20\n1,abc,10\n");
    const error = await errorOf([
      "serve",
      "simulate",
      "--model",
      "llama-3.1-8b",
      "--chip",
      "nvidia-h100-sxm",
      "--trace",
      file,
    ]);
    expect(error.message).toBe(
      `Cannot read trace ${file} (--trace): line 3 input_tokens is "abc" (must be a whole number >= 1 and <= 2147483647)`,
    );
    expect((error as FleetcastError).path).toBe("--trace");
  });

  it("serveCommand() simulate reads a CSV trace and refuses --rate beside it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetcast-serve-"));
    const file = join(dir, "trace.csv");
    writeFileSync(file, "timestamp_s,input_tokens,output_tokens\n0,100,20\n0.5,200,30\n1.0,50,10\n");
    const traced = [
      "serve",
      "simulate",
      "--model",
      "llama-3.1-8b",
      "--chip",
      "nvidia-h100-sxm",
      "--trace",
      file,
    ];
    const out = await runJson(traced);
    expect(out.requests).toBe(3);
    const clash = await errorOf([...traced, "--rate", "3"]);
    expect(clash.message).toBe("Cannot simulate serving: --trace replaces --rate (got both)");
    // the trace's lengths are each request's: mean lengths beside it are refused, not ignored (QA 26)
    const lengths = await errorOf([...traced, "--output-tokens", "10"]);
    expect(lengths.message).toBe("Cannot simulate serving: --trace replaces --output-tokens (got both)");
  });

  it("serveCommand() states the bound a numeric flag crosses, the serving library's own", async () => {
    const refusals: [string[], string][] = [
      [
        [...PLAN, "--cache-hit-rate", "1"],
        "Cannot plan serving: --cache-hit-rate must be at most 0.99, got 1",
      ],
      [
        [...PLAN, "--cache-hit-rate", "-0.1"],
        "Cannot plan serving: --cache-hit-rate must be at least 0, got -0.1",
      ],
      // the library's bounds, the HTTP API's too (QA 26: the CLI had taken 100 accepted tokens a step)
      [
        [...PLAN, "--spec-decode-accept", "17"],
        "Cannot plan serving: --spec-decode-accept must be at most 16, got 17",
      ],
      [
        [...PLAN, "--input-tokens", "3000000"],
        "Cannot plan serving: --input-tokens must be at most 2097152, got 3000000",
      ],
      // QA 39: the CLI had planned what the API refused
      [[...PLAN, "--tpot-ms", "1e9"], "Cannot plan serving: --tpot-ms must be at most 1000000, got 1e9"],
      [[...PLAN, "--ttft-ms", "1e12"], "Cannot plan serving: --ttft-ms must be at most 10000000, got 1e12"],
      [
        [...PLAN, "--count", "10000000"],
        "Cannot plan serving: --count must be at most 1048576, got 10000000",
      ],
      [
        [...PLAN, "--usd-per-chip-hour", "1e9"],
        "Cannot plan serving: --usd-per-chip-hour must be at most 1000000, got 1e9",
      ],
      [
        [...PLAN, "--scale-out-gbps", "1e9"],
        "Cannot plan serving: --scale-out-gbps must be at most 100000, got 1e9",
      ],
      [
        [...SIMULATE, "--length-spread", "1"],
        "Cannot simulate serving: --length-spread must be below 1, got 1",
      ],
      [
        [...SIMULATE, "--seed", "2147483648"],
        "Cannot simulate serving: --seed must be at most 2147483647, got 2147483648",
      ],
      [
        [...SIMULATE, "--input-tokens", "3000000000"],
        "Cannot simulate serving: --input-tokens must be at most 2147483647, got 3000000000",
      ],
      [
        [...SIMULATE, "--requests", "20000001"],
        "Cannot simulate serving: --requests must be at most 20000000, got 20000001",
      ],
    ];
    for (const [argv, message] of refusals) {
      const error = await errorOf(argv);
      expect(error).toBeInstanceOf(FleetcastError);
      expect(error.message).toBe(message);
    }
  });

  it("serveCommand() simulate rejects a zero rate and a missing duration", async () => {
    const zero = await errorOf(SIMULATE.map((a) => (a === "10" ? "0" : a)));
    expect(zero.message).toBe("Cannot simulate serving: --rate must be a positive number, got 0");
    const noDuration = await errorOf(SIMULATE.filter((a) => a !== "--duration-s" && a !== "200"));
    expect(noDuration.message).toBe(
      "Cannot simulate serving: --duration-s is required (seconds of arrivals)",
    );
  });

  it("serveCommand() simulate prints a latency table", async () => {
    const io = await runCli(SIMULATE);
    expect(io.stdout()).toMatch(/TTFT/);
    expect(io.stdout()).toMatch(/Little's law/);
  });
});

describe("latencyRow()", () => {
  it("latencyRow() prints ms, and seconds once the p99 passes 10 s (review 34)", () => {
    expect(latencyRow("TTFT", { mean: 13.1, p50: 12.7, p90: 15.3, p99: 21.6 })).toEqual([
      "TTFT (ms)",
      "13.1",
      "12.7",
      "15.3",
      "21.6",
    ]);
    expect(latencyRow("TTFT", { mean: 1_200_000, p50: 1_100_000, p90: 2_000_000, p99: 2_257_832 })).toEqual([
      "TTFT (s)",
      "1,200",
      "1,100",
      "2,000",
      "2,258",
    ]);
  });
});
