import { Command, CommanderError } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../../errors.ts";
import { MAX_REPLICAS } from "../../reliability/index.ts";
import { configureTree } from "../configure-tree.ts";
import { memoryIo } from "../io.ts";
import { allKeys, commandRunner } from "../test-support.ts";
import { reliabilityCommand } from "./reliability.ts";

const { runCli, runJson, errorOf } = commandRunner(reliabilityCommand);

const SMALL_H100 = [
  "reliability",
  "--chip",
  "nvidia-h100-sxm",
  "--count",
  "1024",
  "--days",
  "5",
  "--replicas",
  "20",
];
const DIST = {
  mean: expect.any(Number),
  p10: expect.any(Number),
  p50: expect.any(Number),
  p90: expect.any(Number),
};

describe("reliabilityCommand() simulate", () => {
  it("reliabilityCommand() --cluster shared adds the research cluster's job failures and says so", async () => {
    const a100 = SMALL_H100.map((a) => (a === "nvidia-h100-sxm" ? "nvidia-a100-sxm-80gb" : a));
    const dedicated = await runJson(a100);
    const shared = await runJson([...a100, "--cluster", "shared"]);
    expect((dedicated.inputs as { cluster: string }).cluster).toBe("dedicated");
    expect((shared.inputs as { cluster: string }).cluster).toBe("shared");
    const causes = (out: Record<string, unknown>) =>
      (out.interruptions_by_cause as { cause: string }[]).map((c) => c.cause);
    expect(causes(dedicated)).not.toContain("shared_cluster_job_failures");
    expect(causes(shared)).toContain("shared_cluster_job_failures");
    const mean = (out: Record<string, unknown>) => (out.interruptions as { mean: number }).mean;
    expect(mean(shared)).toBeGreaterThan(2 * mean(dedicated));
    expect((await runCli([...a100, "--cluster", "shared"])).stdout()).toContain(
      "a job of a shared research cluster",
    );
  });

  it("reliabilityCommand() prints snake_case JSON with distributions, causes, assumptions and inputs", async () => {
    const out = await runJson([...SMALL_H100, "--deadline-days", "10"]);
    expect(allKeys(out).filter((k) => /[A-Z]/.test(k))).toEqual([]);
    for (const key of ["interruptions", "goodput", "wall_days", "planned_interruptions"])
      expect(out[key]).toEqual(DIST);
    const wall = out.wall_days as { p10: number; p50: number; p90: number };
    expect(wall.p10).toBeLessThanOrEqual(wall.p50);
    expect(wall.p50).toBeLessThanOrEqual(wall.p90);
    expect(wall.p10).toBeGreaterThanOrEqual(5);
    const byCause = out.interruptions_by_cause as { cause: string }[];
    expect(byCause.map((c) => c.cause)).toContain("accelerator");
    for (const c of byCause) expect(c).toEqual({ cause: expect.any(String), ...DIST });
    expect(Object.keys(out.time_lost_hours as object)).toEqual(
      expect.arrayContaining([
        "checkpoint",
        "lost_work",
        "detection",
        "spare_wait",
        "restart",
        "planned",
        "fail_slow",
      ]),
    );
    expect(out.p_finish_by_deadline).toBeGreaterThanOrEqual(0);
    expect(out.p_finish_by_deadline).toBeLessThanOrEqual(1);
    expect(Object.keys(out.closed_form as object)).toEqual(
      expect.arrayContaining([
        "job_mtbf_h",
        "mtti_h",
        "young_min",
        "daly_min",
        "daly_wall_days",
        "meta_ettr",
      ]),
    );
    const assumptions = out.assumptions as Record<string, unknown>[];
    expect(assumptions.length).toBeGreaterThan(5);
    for (const a of assumptions) {
      expect(a).toEqual({
        name: expect.any(String),
        value: expect.anything(),
        unit: expect.any(String),
        source: expect.any(String),
        kind: expect.stringMatching(/^(sourced|assumption)$/),
      });
    }
    // a deadline without --days-interval reads the failure-free days as exact, and says so (expert review 36)
    expect((out.advisories as { code: string }[]).map((a) => a.code)).toEqual(["failure_free_time_exact"]);
    expect(out.inputs).toMatchObject({
      chip: "nvidia-h100-sxm",
      chip_family: "nvidia-hopper",
      chip_count: 1024,
      train_days: 5,
      seed: 1,
      replicas: 20,
    });
  });

  it("reliabilityCommand() spreads the failure-free time with --days-interval, as train plan's interval", async () => {
    const base = [
      "reliability",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "64",
      "--days",
      "50",
      "--replicas",
      "400",
    ];
    const exact = await runJson([...base, "--deadline-days", "55"]);
    const spread = await runJson([...base, "--deadline-days", "55", "--days-interval", "1.2"]);
    const p90 = (o: Record<string, unknown>) => (o.wall_days as { p90: number }).p90;
    expect(p90(spread)).toBeGreaterThan(p90(exact) + 5);
    expect(spread.p_finish_by_deadline as number).toBeLessThan(exact.p_finish_by_deadline as number);
    const bad = await errorOf([...base, "--days-interval", "0.5"]);
    expect(bad.message).toBe("Cannot simulate: --days-interval must be at least 1, got 0.5");
  });

  it("reliabilityCommand() refuses a run with too many failures to simulate, naming the levers and the horizon", async () => {
    const bad = await errorOf([
      ...["reliability", "--chip", "huawei-ascend-910c", "--count", "100000", "--days", "100"],
      ...["--rate-multiplier", "50"],
    ]);
    expect(bad.message).toMatch(/failures per replica expected within the [\d,]+-day horizon/);
    expect(bad.message).toContain(
      "lower rate_multiplier, the chip count or the failure-free days (the horizon is 10 x the failure-free time)",
    );
    expect((bad as { path?: string }).path).toBe("rate_multiplier");
    // checkpoints blocking longer than the work between them are named as the cause, not the failure rate (QA 30)
    const slow = await errorOf([
      ...["reliability", "--chip", "nvidia-h100-sxm", "--count", "16384", "--days", "54"],
      ...["--checkpoint-interval-min", "0.0001", "--checkpoint-blocking-s", "1000"],
    ]);
    expect(slow.message).toMatch(
      /checkpoints blocking 1,000 s every 0\.0001 min stretch 54 days of work to [\d,]+ failure-free days; checkpoint less often or faster$/,
    );
    expect((slow as { path?: string }).path).toBe("checkpoint.interval_min");
  });

  it("reliabilityCommand() --site-spread lowers the deadline odds of a run whose fleet rate is unmeasured", async () => {
    // Llama 3's 54 days on 16,384 H100 against a 62-day deadline: near-certain at Llama 3's own rate, less so
    // when the fleet may fail like any published site (x/÷ 2.7 at 80 %)
    const base = [
      "reliability",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "16384",
      "--days",
      "54",
      "--replicas",
      "400",
    ];
    const exact = await runJson([...base, "--deadline-days", "62"]);
    const spread = await runJson([...base, "--deadline-days", "62", "--site-spread"]);
    expect(exact.p_finish_by_deadline as number).toBeGreaterThan(0.95);
    expect(spread.p_finish_by_deadline as number).toBeLessThan(0.9);
    expect(spread.p_finish_by_deadline as number).toBeGreaterThan(0.6);
  });

  it("reliabilityCommand() says which wall-time cells are censored at the horizon (review 19)", async () => {
    // a thousand times the failure rates: most replicas are still running when the horizon cuts them off
    const io = await runCli([...SMALL_H100, "--rate-multiplier", "1000"]);
    expect(io.stdout()).toMatch(/wall time \(days; > = not finished\)\s+≥ [\d.,]+ .*> [\d.,]+\s+> [\d.,]+\n/);
    const fine = await runCli(SMALL_H100);
    expect(fine.stdout()).toMatch(/wall time \(days\)\s+[\d.,]+\s+[\d.,]+\s+[\d.,]+\s+[\d.,]+\n/);
  });

  it("reliabilityCommand() gives p_finish_by_deadline null without --deadline-days", async () => {
    const out = await runJson(SMALL_H100);
    expect(out.p_finish_by_deadline).toBeNull();
  });

  it("reliabilityCommand() derives failure-free days from --tokens and --tokens-per-s-per-chip", async () => {
    // DeepSeek-V3 report §1 (cases/train.json): 2.664M H800-hours for 14.8T tokens on 2,048 H800, i.e. about
    // 1,543 tokens/s per GPU and 2.664e6 / 2,048 / 24 = 54.2 days.
    const out = await runJson([
      "reliability",
      "--chip",
      "nvidia-h800-sxm",
      "--count",
      "2048",
      "--tokens",
      "14.8T",
      "--tokens-per-s-per-chip",
      "1543",
      "--replicas",
      "5",
    ]);
    const inputs = out.inputs as { train_days: number; tokens: number };
    expect(inputs.tokens).toBeCloseTo(14.8e12, -3);
    // --json writes fractions to six significant digits (jsonDigits)
    expect(inputs.train_days).toBeCloseTo(14.8e12 / (1543 * 2048) / 86_400, 3);
    expect(inputs.train_days).toBeCloseTo(54.2, 1);
  });

  it("reliabilityCommand() prints the same output for the same seed and another for another seed", async () => {
    const a = (await runCli([...SMALL_H100, "--seed", "7", "--json"])).stdout();
    const b = (await runCli([...SMALL_H100, "--seed", "7", "--json"])).stdout();
    const c = (await runCli([...SMALL_H100, "--seed", "8", "--json"])).stdout();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("reliabilityCommand() runs as the default of `reliability` and as `reliability simulate`", async () => {
    const implicit = (await runCli([...SMALL_H100, "--json"])).stdout();
    const explicit = (await runCli(["reliability", "simulate", ...SMALL_H100.slice(1), "--json"])).stdout();
    expect(explicit).toBe(implicit);
  });

  it("reliabilityCommand() prints summary, causes, time lost, ASSUMPTIONS and advisories last", async () => {
    const text = (await runCli([...SMALL_H100, "--deadline-days", "4"])).stdout();
    const order = [
      "wall time (days)",
      "goodput",
      "Interruptions by cause",
      "Time lost by category",
      "ASSUMPTIONS",
      "Advisories",
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // A 4-day deadline for 5 failure-free days is valid but hopeless: an advisory, printed after the assumptions.
    expect(text.indexOf("deadline_before_failure_free")).toBeGreaterThan(text.indexOf("ASSUMPTIONS"));
    expect(text).toContain("P(finish within 4 days)");
  });

  it("reliabilityCommand() labels Ascend failure rates as assumptions in the human output", async () => {
    const text = (
      await runCli([
        "reliability",
        "--chip",
        "huawei-ascend-910c",
        "--count",
        "384",
        "--days",
        "2",
        "--replicas",
        "5",
      ])
    ).stdout();
    expect(text).toMatch(/NOTE: \d+ of \d+ failure rates for ascend-910c are ASSUMPTIONS/);
    expect(text).toMatch(/ASSUMPTION {2}rate_accelerator = /);
    expect(text).toContain("ascend_hardware_mtbf_scope");
  });

  it("reliabilityCommand() shows no assumption note for the H100 rates measured by Llama 3", async () => {
    const text = (await runCli(SMALL_H100)).stdout();
    expect(text).not.toContain("NOTE:");
    expect(text).toMatch(/sourced {5}rate_accelerator = /);
  });

  it("reliabilityCommand() draws a progress bar on a terminal's stderr only, keeping stdout clean", async () => {
    // 100 replicas × 100 days reaches the bar's threshold; 8 chips fail rarely, so the run stays fast.
    const argv = [
      "reliability",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "8",
      "--days",
      "100",
      "--replicas",
      "100",
      "--json",
    ];
    const tty = await runCli(argv, { tty: true });
    expect(tty.stderr()).toContain("\rsimulating [");
    expect(tty.stderr().endsWith("\r")).toBe(true);
    expect(() => JSON.parse(tty.stdout())).not.toThrow();
    const pipe = await runCli(argv);
    expect(pipe.stderr()).toBe("");
    expect(pipe.stdout()).toBe(tty.stdout());
  });
});

/** `optimize` on Daly's Fig. 3 job: MTBF 24 h, 5-minute checkpoints, 10-minute restarts. */
const DALY_FIG3 = [
  "reliability",
  "optimize",
  "--mtbf-h",
  "24",
  "--checkpoint-blocking-s",
  "300",
  "--restart-min",
  "10",
];

describe("reliabilityCommand() optimize", () => {
  it("reliabilityCommand() optimize prints Daly's 117 min for MTBF 24 h, 5 min checkpoints, 10 min restarts", async () => {
    // Daly, FGCS 22(3) 2006, Fig. 3 (research/reliability.md §2.3): τ_opt = 117 min at M = 24 h, δ = 5 min, R = 10 min.
    const argv = [...DALY_FIG3, "--replicas", "20"];
    const out = JSON.parse((await runCli([...argv, "--json"])).stdout()) as Record<string, number>;
    expect(Math.abs((out.daly_min ?? 0) - 117) / 117).toBeLessThan(0.01);
    // Young, CACM 1974: sqrt(2 δ M) = sqrt(2 × 5 × 1440) = 120 min.
    expect(out.young_min).toBeCloseTo(120, 6);
    expect(out.simulated_best_min).toBeGreaterThan(117 / 2);
    expect(out.simulated_best_min).toBeLessThan(117 * 2);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        "young_min",
        "daly_min",
        "simulated_best_min",
        "simulated_goodput_at_best",
        "simulated_goodput_at_daly",
        "inputs",
      ]),
    );
    const text = (await runCli(argv)).stdout();
    expect(text).toMatch(/Daly \(2006\)[^\n]*\b117\b/);
    expect(text).toMatch(/Young \(1974\)[^\n]*\b120\b/);
    expect(text).toContain("simulated best");
  });

  it("reliabilityCommand() optimize --json carries the job's advisories the text prints (QA 40)", async () => {
    const argv = [
      "reliability",
      "optimize",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "16384",
      "--replicas",
      "20",
    ];
    const out = (await runJson(argv)) as { advisories: { code: string }[] };
    expect(out.advisories.map((a) => a.code)).toContain("checkpoint_storage_busy");
    expect((await runCli(argv)).stdout()).toContain("checkpoint_storage_busy: ");
    const given = (await runJson([...DALY_FIG3, "--replicas", "20"])) as { advisories: unknown[] };
    expect(given.advisories).toEqual([]);
  });

  it("reliabilityCommand() optimize sizes a job's checkpoint stall from --checkpoint-gb and --checkpoint-mode, as reliability does", async () => {
    const job = ["--chip", "huawei-ascend-910c", "--count", "4096", "--checkpoint-gb", "9557"];
    const sync = (await runJson([
      "reliability",
      "optimize",
      ...job,
      "--checkpoint-mode",
      "sync",
      "--replicas",
      "20",
    ])) as {
      inputs: { checkpoint_blocking_s: number; restart_min: number };
      daly_min: number;
    };
    const rel = (await runJson([
      "reliability",
      ...job,
      "--checkpoint-mode",
      "sync",
      "--days",
      "5",
      "--replicas",
      "20",
    ])) as { resolved: { checkpoint_blocking_s: number }; closed_form: { daly_min: number } };
    expect(sync.inputs.checkpoint_blocking_s).toBeCloseTo(rel.resolved.checkpoint_blocking_s, 6);
    expect(sync.daly_min).toBeCloseTo(rel.closed_form.daly_min, 3);
    const async = (await runJson(["reliability", "optimize", ...job, "--replicas", "20"])) as {
      inputs: { checkpoint_blocking_s: number };
      daly_min: number;
    };
    expect(async.inputs.checkpoint_blocking_s).toBeLessThan(sync.inputs.checkpoint_blocking_s / 10);
    expect(async.daly_min).toBeLessThan(sync.daly_min);
    expect((await errorOf([...DALY_FIG3, "--checkpoint-mode", "sync"])).message).toBe(
      "Cannot optimize the checkpoint interval: --checkpoint-mode describes a job; give --chip and --count too",
    );
  });

  it("reliabilityCommand() optimize takes a job (--chip, --count) as reliability resolves it (review 19)", async () => {
    const job = ["--chip", "nvidia-h100-sxm", "--count", "16384"];
    const opt = (await runJson(["reliability", "optimize", ...job, "--replicas", "20"])) as {
      daly_min: number;
      inputs: { mtbf_h: number; restart_min: number };
    };
    const rel = (await runJson(["reliability", ...job, "--days", "5", "--replicas", "20"])) as {
      closed_form: { job_mtbf_h: number; daly_min: number; restart_h: number };
    };
    expect(opt.inputs.mtbf_h).toBeCloseTo(rel.closed_form.job_mtbf_h, 6);
    // Daly's R as the closed forms weigh it (the spare swap only for node-replacing failures; re-read 19)
    expect(opt.inputs.restart_min).toBeCloseTo(rel.closed_form.restart_h * 60, 4);
    expect(opt.daly_min).toBeCloseTo(rel.closed_form.daly_min, 3);
    // a flag given overrides the job's figure
    const slower = (await runJson([
      "reliability",
      "optimize",
      ...job,
      "--restart-min",
      "60",
      "--replicas",
      "20",
    ])) as {
      inputs: { restart_min: number };
    };
    expect(slower.inputs.restart_min).toBe(60);
    expect((await errorOf(["reliability", "optimize", "--chip", "nvidia-h100-sxm"])).message).toMatch(
      /needs both --chip and --count \(--count missing\)/,
    );
    // the chip's own node by default (H100 PCIe: its 2-card NVLink bridge, min(8, its scale-up domain)), and the job's
    // flags need a job
    const mtbf = async (extra: string[]) =>
      (
        (await runJson([
          "reliability",
          "optimize",
          "--chip",
          "nvidia-h100-pcie",
          "--count",
          "1024",
          "--replicas",
          "20",
          ...extra,
        ])) as {
          inputs: { mtbf_h: number };
        }
      ).inputs.mtbf_h;
    expect(await mtbf([])).toBeCloseTo(await mtbf(["--chips-per-node", "2"]), 9);
    expect(await mtbf([])).not.toBeCloseTo(await mtbf(["--chips-per-node", "8"]), 3);
    expect((await errorOf([...DALY_FIG3, "--chips-per-node", "4"])).message).toBe(
      "Cannot optimize the checkpoint interval: --chips-per-node describes a job; give --chip and --count too",
    );
    // Ascend's rates are assumptions: said
    const ascend = await runCli([
      "reliability",
      "optimize",
      "--chip",
      "huawei-ascend-910c",
      "--count",
      "1024",
      "--replicas",
      "20",
    ]);
    expect(ascend.stdout()).toMatch(
      /NOTE: the MTBF rests on \d+ of \d+ failure rates for ascend-910c that are ASSUMPTIONS/,
    );
  });

  it("reliabilityCommand() optimize reads its own --seed and --restart-min, not the simulate flags", async () => {
    const out = JSON.parse(
      (
        await runCli([
          "reliability",
          "optimize",
          "--seed",
          "5",
          "--mtbf-h",
          "6",
          "--checkpoint-blocking-s",
          "300",
          "--restart-min",
          "0",
          "--replicas",
          "10",
          "--json",
        ])
      ).stdout(),
    ) as { inputs: Record<string, number> };
    expect(out.inputs).toEqual({
      mtbf_h: 6,
      checkpoint_blocking_s: 300,
      checkpoint_persist_s: 0,
      restart_min: 0,
      seed: 5,
      replicas: 10,
    });
  });
});

describe("reliabilityCommand() validation", () => {
  const cases: [string[], string][] = [
    [["--count", "-3"], "Cannot simulate: --count must be a positive integer, got -3"],
    [["--count", "2.5"], "Cannot simulate: --count must be a positive integer, got 2.5"],
    [
      ["--replicas", String(MAX_REPLICAS + 1)],
      `Cannot simulate: --replicas must be at most ${MAX_REPLICAS}, got ${MAX_REPLICAS + 1}`,
    ],
    [["--days", "0"], "Cannot simulate: --days must be a positive number, got 0"],
    [["--rate-multiplier", "-1"], "Cannot simulate: --rate-multiplier must be a positive number, got -1"],
    [
      ["--checkpoint-interval-min", "abc"],
      "Cannot simulate: --checkpoint-interval-min must be a positive number, got abc",
    ],
    [["--seed", "1.5"], "Cannot simulate: --seed must be a non-negative integer, got 1.5"],
    [["--spares", "-1"], "Cannot simulate: --spares must be a non-negative integer, got -1"],
    [["--restart-min", "0"], "Cannot simulate: --restart-min must be a positive number, got 0"],
    [["--rate-scenario", "medium"], "Cannot simulate: --rate-scenario must be low or high, got medium"],
    [["--cluster", "cloud"], "Cannot simulate: --cluster must be dedicated or shared, got cloud"],
  ];
  for (const [flags, message] of cases) {
    it(`reliabilityCommand() rejects ${flags.join(" ")} naming the flag`, async () => {
      const error = await errorOf([...SMALL_H100, ...flags]);
      expect(error).toBeInstanceOf(FleetcastError);
      expect(error.message).toBe(message);
    });
  }

  it("reliabilityCommand() requires --chip and --count", async () => {
    expect((await errorOf(["reliability", "--count", "8", "--days", "1"])).message).toMatch(
      /^Cannot simulate: --chip is required/,
    );
    expect((await errorOf(["reliability", "--chip", "nvidia-h100-sxm", "--days", "1"])).message).toMatch(
      /^Cannot simulate: --count is required/,
    );
  });

  it("reliabilityCommand() requires exactly one way to give the training length", async () => {
    const base = ["reliability", "--chip", "nvidia-h100-sxm", "--count", "8"];
    expect((await errorOf(base)).message).toMatch(/--days, or --tokens with --tokens-per-s-per-chip/);
    expect((await errorOf([...base, "--days", "1", "--tokens", "1T"])).message).toMatch(
      /either --days or --tokens/,
    );
    expect((await errorOf([...base, "--tokens", "1T"])).message).toMatch(
      /--tokens needs --tokens-per-s-per-chip/,
    );
    // 1,000T tokens at 1 token/s on 8 chips is 1.4 million days, over the library's 3,650-day bound.
    expect((await errorOf([...base, "--tokens", "1000T", "--tokens-per-s-per-chip", "1"])).message).toMatch(
      /^Cannot simulate: --tokens \/ \(--tokens-per-s-per-chip × --count\) is/,
    );
  });

  it("reliabilityCommand() passes on the catalog's suggestion for an unknown chip", async () => {
    const error = await errorOf(["reliability", "--chip", "h100", "--count", "8", "--days", "1"]);
    expect(error).toBeInstanceOf(FleetcastError);
    expect(error.message).toMatch(/^Cannot find chip 'h100': did you mean .*nvidia-h100-sxm/);
  });

  it("reliabilityCommand() optimize rejects a zero MTBF and a missing flag, naming them", async () => {
    // Daly's job with a zero MTBF, then without its restart time
    const zero = await errorOf([...DALY_FIG3.slice(0, 3), "0", ...DALY_FIG3.slice(4)]);
    expect(zero.message).toBe(
      "Cannot optimize the checkpoint interval: --mtbf-h must be a positive number, got 0",
    );
    const missing = await errorOf(DALY_FIG3.slice(0, -2));
    expect(missing.message).toBe(
      "Cannot optimize the checkpoint interval: --restart-min is required (or give the job: --chip and --count)",
    );
  });
});

describe("reliabilityCommand() help", () => {
  for (const argv of [
    ["reliability", "--help"],
    ["reliability", "simulate", "--help"],
    ["reliability", "optimize", "--help"],
  ]) {
    it(`reliabilityCommand() ${argv.slice(1).join(" ")} shows an example, through io, exiting 0`, async () => {
      const io = memoryIo();
      const program = new Command("fleetcast").exitOverride();
      program.addCommand(reliabilityCommand(io));
      configureTree(program, io);
      const error = await program.parseAsync(argv, { from: "user" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommanderError);
      expect((error as CommanderError).exitCode).toBe(0);
      expect(io.stdout()).toContain("Examples:");
      expect(io.stdout()).toMatch(/\$ fleetcast reliability /);
    });
  }

  it("reliabilityCommand() --help lists the simulate flags", async () => {
    const io = memoryIo();
    const program = new Command("fleetcast").exitOverride();
    program.addCommand(reliabilityCommand(io));
    configureTree(program, io);
    await program.parseAsync(["reliability", "--help"], { from: "user" }).catch(() => {});
    for (const flag of [
      "--chip",
      "--count",
      "--tokens-per-s-per-chip",
      "--deadline-days",
      "--rate-scenario",
    ]) {
      expect(io.stdout()).toContain(flag);
    }
  });
});
