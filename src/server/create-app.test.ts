import { describe, expect, it } from "vitest";
import { memoryIo } from "../cli/io.ts";
import { run } from "../cli/main.ts";
import { FleetcastError } from "../errors.ts";
import { checkpointJob } from "../reliability/index.ts";
import { LLAMA_2_7B_CONFIG, LLAMA_405B_CASE, SMALL_SCENARIO, VALID_BODIES } from "./_test-bodies.ts";
import { bodyPathOf, createApp, jobLimitMessage } from "./create-app.ts";
import { TrainExportBodySchema } from "./export-body.ts";
import { FleetCompareBodySchema } from "./fleet-compare-body.ts";
import { JobLimitError, type JobRunner } from "./job-runner.ts";
import type { Problem } from "./problem.ts";
import { ServePlanBodySchema } from "./serve-plan-body.ts";

const app = createApp();

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function problemOf(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const p = (await res.json()) as Problem;
  expect(p.status).toBe(status);
  expect(p.detail).toMatch(/^Cannot /);
  expect(p.detail).not.toContain("\n");
  return p;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
async function ok(res: Response): Promise<any> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return res.json();
}

describe("createApp() read routes", () => {
  it("GET /healthz answers ok with the package version", async () => {
    expect(await ok(await app.request("/healthz"))).toEqual({ status: "ok", version: expect.any(String) });
  });

  it("GET /api/chips lists the catalog with snake_case figures", async () => {
    const { chips } = await ok(await app.request("/api/chips"));
    const h100 = chips.find((c: { id: string }) => c.id === "nvidia-h100-sxm");
    // NVIDIA H100 SXM datasheet: 80 GB HBM3, 989.4 dense BF16 TFLOPS (research/hardware.json).
    expect(h100.hbm_gb).toBe(80);
    expect(h100.peak_tflops.bf16).toBeCloseTo(989.4, 1);
    expect(h100.scale_up.chip_gbps_unidir).toBeGreaterThan(0);
    expect(chips.length).toBeGreaterThanOrEqual(10);
  });

  it("GET /api/chips/:id gives every field, the description rows and the sources", async () => {
    const chip = await ok(await app.request("/api/chips/huawei-ascend-910c"));
    expect(chip.family).toBe("ascend-910c");
    // cases/FORMAT.md: a 910C package is two HCCL ranks.
    expect(chip.ranks_per_chip).toBe(2);
    expect(chip.description.rows).toContainEqual(["ID", "huawei-ascend-910c"]);
    expect(chip.sources.length).toBeGreaterThan(0);
  });

  it("GET /api/chips/:id answers 404 with suggestions for an unknown id", async () => {
    const p = await problemOf(await app.request("/api/chips/h100"), 404);
    expect(p.detail).toContain("nvidia-h100-sxm");
    expect(p.errors[0]?.path).toBe("id");
  });

  it("GET /api/models lists the built-in models with parameter counts", async () => {
    const { models } = await ok(await app.request("/api/models"));
    const llama = models.find((m: { name: string }) => m.name === "llama-3.1-8b");
    // Meta's Llama 3.1 model card: 8.03B parameters.
    expect(llama.params_total / 1e9).toBeCloseTo(8.03, 2);
    expect(llama.kind).toBe("dense");
  });

  it("GET /api/models/:name resolves aliases and gives the architecture and config", async () => {
    const model = await ok(await app.request("/api/models/meta-llama%2FLlama-3.1-8B"));
    expect(model.name).toBe("llama-3.1-8b");
    // config.json of meta-llama/Llama-3.1-8B: 32 layers, 8 KV heads.
    expect(model.summary.architecture.num_layers).toBe(32);
    expect(model.summary.attention).toBe("gqa");
    expect(model.config.num_key_value_heads).toBe(8);
  });

  it("GET /api/models/:name answers 404 for an unknown model", async () => {
    const p = await problemOf(await app.request("/api/models/gpt-17"), 404);
    expect(p.errors[0]?.path).toBe("name");
    // a near name is suggested, as the CLI and GET /api/chips/{id} do (QA 40)
    const near = await problemOf(await app.request("/api/models/llama-3.1-406b"), 404);
    expect(near.detail).toMatch(/did you mean [^?]*llama-3\.1-405b/);
  });

  it("answers 404 problem JSON for an unknown path and 405 with Allow for a wrong method", async () => {
    await problemOf(await app.request("/api/nothing"), 404);
    const res = await app.request("/api/train/plan");
    await problemOf(res, 405);
    expect(res.headers.get("allow")).toBe("POST");
    // a worker pool's refusal speaks of the route's action, not the job's internal id (QA 30)
    expect(
      jobLimitMessage("Cannot run fleet-compare: no worker was free within 30 s", "/api/fleet/compare"),
    ).toBe("Cannot compare the fleet strategies: no worker was free within 30 s");
    expect(
      jobLimitMessage("Cannot finish serve-plan: it exceeded the 30 s time limit", "/api/serve/plan"),
    ).toBe("Cannot plan serving: it exceeded the 30 s time limit");
    // GET on the POST route that GET /api/models/:name would take for a model name (QA 30)
    const shadowed = await app.request("/api/models/import");
    await problemOf(shadowed, 405);
    expect(shadowed.headers.get("allow")).toBe("POST");
  });
});

describe("createApp() job routes, happy paths", () => {
  it("POST /api/models/import summarises a pasted config.json", async () => {
    const r = await ok(await post("/api/models/import", VALID_BODIES["/api/models/import"]));
    // Llama 2 7B has 6,738,415,616 parameters (the count of the meta-llama/Llama-2-7b-hf checkpoint).
    expect(r.model.params_total).toBe(6_738_415_616);
    expect(r.model.name).toBe("Llama 2 7B");
    expect(Array.isArray(r.advisories)).toBe(true);
  });

  it("POST /api/train/plan keeps the fixed degrees and breaks the best plan down", async () => {
    const r = await ok(await post("/api/train/plan", VALID_BODIES["/api/train/plan"]));
    const best = r.plans[0];
    expect(best.plan).toMatchObject({ tp: 1, pp: 1, cp: 1, dp: 8 });
    expect(best.fits).toBe(true);
    expect(best.memory_gib.total).toBeLessThanOrEqual(best.memory_gib.capacity);
    expect(best.step_breakdown_s.total).toBeCloseTo(best.metrics.step_time_s, 3);
    expect(r.search.enumerated).toBeGreaterThan(0);
  });

  it("POST /api/train/plan accepts a config.json object as the model", async () => {
    const body = { ...VALID_BODIES["/api/train/plan"], model: LLAMA_2_7B_CONFIG, seq_len: 4096 };
    const r = await ok(await post("/api/train/plan", body));
    expect(r.plans.length).toBeGreaterThan(0);
  });

  it("POST /api/train/plan, /serve/plan and /serve/simulate lead their advice with what the model import assumed", async () => {
    // a family fleetcast does not know by name: read generically, and each answer says so
    const model = { ...LLAMA_2_7B_CONFIG, model_type: "someones_llama" };
    const train = await ok(
      await post("/api/train/plan", { ...VALID_BODIES["/api/train/plan"], model, seq_len: 4096 }),
    );
    const serve = await ok(await post("/api/serve/plan", { ...VALID_BODIES["/api/serve/plan"], model }));
    const sim = await ok(
      await post("/api/serve/simulate", { ...VALID_BODIES["/api/serve/simulate"], model }),
    );
    for (const r of [train, serve, sim]) {
      const codes = r.advisories.map((a: { code: string }) => a.code);
      const at = codes.indexOf("unknown-model-type");
      expect(at).toBeGreaterThanOrEqual(0);
      // the import's advice comes first: every advisory before it is the import's too
      expect(codes.slice(0, at).every((c: string) => c === "activation-assumed")).toBe(true);
      expect(r.advisories[at].message).toMatch(
        /^model .+: model_type "someones_llama" is not a known family/,
      );
    }
    // a known family reads without that advice
    const known = await ok(await post("/api/serve/plan", VALID_BODIES["/api/serve/plan"]));
    expect(known.advisories.map((a: { code: string }) => a.code)).not.toContain("unknown-model-type");
  });

  it("POST /api/serve/plan says whether the plan meets what was asked, as the CLI's exit 3 does (QA 39)", async () => {
    const body = VALID_BODIES["/api/serve/plan"]!;
    const met = await ok(await post("/api/serve/plan", body));
    expect(met.feasible).toBe(true);
    // no layout reaches a 1 ms TPOT: still a 200 with the nearest point advised, and feasible false
    const unmet = await ok(await post("/api/serve/plan", { ...body, tpot_ms: 1 }));
    expect(unmet.feasible).toBe(false);
    expect(unmet.colocated).toBeNull();
    expect(unmet.advisories.map((a: { code: string }) => a.code)).toContain("tpot_unreachable");
  });

  it("POST /api/serve/plan takes length_distribution as the CLI's --length-dist, and echoes it", async () => {
    const body = VALID_BODIES["/api/serve/plan"]!;
    const fixed = await ok(await post("/api/serve/plan", body));
    const tailed = await ok(await post("/api/serve/plan", { ...body, length_distribution: "exponential" }));
    expect([fixed.inputs.length_distribution, tailed.inputs.length_distribution]).toEqual([
      "uniform",
      "exponential",
    ]);
    expect(tailed.capacity.at_load.tpot_ms.p99).toBeGreaterThan(fixed.capacity.at_load.tpot_ms.p99);
  });

  it("POST /api/serve/plan and /serve/simulate take expert_weight_bits 4 (W4A8) as the CLI's --expert-weight-bits", async () => {
    const body = {
      model: "deepseek-v3",
      chip: "huawei-ascend-910b2",
      precision: "int8",
      count: 8,
      input_tokens: 2048,
      output_tokens: 512,
    };
    // INT8 weights do not fit eight 64 GB dies; with 4-bit experts they do
    await problemOf(await post("/api/serve/plan", body), 422);
    const w4a8 = await ok(await post("/api/serve/plan", { ...body, expert_weight_bits: 4 }));
    expect(w4a8.expert_weight_bits).toBe(4);
    expect(w4a8.colocated).not.toBeNull();
    const bad = await problemOf(await post("/api/serve/plan", { ...body, expert_weight_bits: 8 }), 400);
    expect(bad.errors?.map((e) => e.path)).toEqual(["expert_weight_bits"]);
    const sim = await ok(
      await post("/api/serve/simulate", {
        ...VALID_BODIES["/api/serve/simulate"],
        model: "deepseek-v3",
        chip: "huawei-ascend-910b2",
        precision: "int8",
        tp: 8,
        ep: 8,
        expert_weight_bits: 4,
      }),
    );
    expect(sim.inputs.expert_weight_bits).toBe(4);
  });

  it("POST /api/serve/plan and /serve/simulate name the body's own fields in a 422's errors (QA 26)", async () => {
    const plan = await problemOf(
      await post("/api/serve/plan", {
        ...VALID_BODIES["/api/serve/plan"],
        chip: "huawei-ascend-910b2",
        stack: "tensorrt-llm",
      }),
      422,
    );
    expect(plan.errors?.map((e) => e.path)).toEqual(["stack"]);
    const sim = await problemOf(
      await post("/api/serve/simulate", { ...VALID_BODIES["/api/serve/simulate"], tp: 3 }),
      422,
    );
    expect(sim.errors?.map((e) => e.path)).toEqual(["tp"]);
    expect(bodyPathOf("config.ep", "/api/serve/simulate")).toBe("ep");
    // a chip's figures are the chip the body names, its NIC rate the body's own field; units stay whole (review 26)
    expect(bodyPathOf("chip.peakTflops.bf16", "/api/serve/plan")).toBe("chip");
    expect(bodyPathOf("chip.scaleOut.chipGbps", "/api/train/plan")).toBe("scale_out_gbps_per_chip");
    expect(bodyPathOf("demand.tokensPerDay", "/api/serve/plan")).toBe("demand.tokens_per_day");
    expect(bodyPathOf("scenario.pools.0.hbmGB", "/api/fleet/compare")).toBe("scenario.pools.0.hbm_gb");
  });

  it("POST /api/serve/simulate names the body's fields in a 422's text too, and the cap that binds (QA 30)", async () => {
    const base = VALID_BODIES["/api/serve/simulate"] ?? {};
    const workload = base["workload"] as Record<string, unknown>;
    const caps = await problemOf(
      await post("/api/serve/simulate", {
        ...base,
        workload: {
          ...workload,
          length_distribution: "exponential",
          max_input_tokens: 10,
          max_total_tokens: 5,
        },
      }),
      422,
    );
    expect(caps.errors?.map((e) => e.path)).toEqual(["workload.max_total_tokens"]);
    expect(caps.detail).toMatch(
      /^Cannot simulate serving: workload\.max_total_tokens leaves no exponential prompt/,
    );
    expect(caps.detail).not.toMatch(/maxTotalTokens|maxInputTokens/);
    // a layout that cannot hold the model names the body's tp, not a `config` it does not have
    const big = await problemOf(
      await post("/api/serve/simulate", { ...base, model: "llama-3.1-405b", tp: 1 }),
      422,
    );
    expect(big.errors?.map((e) => e.path)).toEqual(["tp"]);
  });

  it("POST /api/serve/simulate takes duration_s for an open loop as the CLI's --duration-s (review 35 L2)", async () => {
    const base = VALID_BODIES["/api/serve/simulate"] ?? {};
    const { requests: _requests, ...open } = base["workload"] as Record<string, unknown>;
    // rate 5/s over 60 s = 300 requests: the same run as requests 300
    const byDuration = await ok(
      await post("/api/serve/simulate", { ...base, workload: { ...open, duration_s: 60 } }),
    );
    const byCount = await ok(await post("/api/serve/simulate", base));
    expect(byDuration.requests).toBe(300);
    expect(byDuration.ttft_ms).toEqual(byCount.ttft_ms);
    const both = await problemOf(
      await post("/api/serve/simulate", { ...base, workload: { ...open, requests: 300, duration_s: 60 } }),
      400,
    );
    expect(both.errors).toEqual([
      { path: "workload.duration_s", message: "takes requests or duration_s, not both" },
    ]);
    const neither = await problemOf(await post("/api/serve/simulate", { ...base, workload: open }), 400);
    expect(neither.errors?.[0]?.path).toBe("workload.requests");
    expect(neither.errors?.[0]?.message).toContain("duration_s");
    const tooMany = await problemOf(
      await post("/api/serve/simulate", { ...base, workload: { ...open, duration_s: 1e8 } }),
      400,
    );
    expect(tooMany.errors?.[0]?.message).toMatch(/^gives rate_per_s x duration_s = 500000000 requests/);
  });

  it("POST /api/train/plan answers 422 naming the field when the batch is not whole sequences", async () => {
    const body = { ...VALID_BODIES["/api/train/plan"], global_batch_tokens: 4_194_305 };
    const p = await problemOf(await post("/api/train/plan", body), 422);
    expect(p.detail).toContain("global_batch_tokens");
  });

  it("POST /api/reliability sizes checkpoints from state_gb and stalls a sync save for its persist, as the CLI", async () => {
    const checkpoint = { state_gb: 5670, mode: "sync" };
    const a = await ok(await post("/api/reliability", { ...VALID_BODIES["/api/reliability"], checkpoint }));
    expect(a.resolved.checkpoint_mode).toBe("sync");
    expect(a.resolved.checkpoint_blocking_s).toBe(a.resolved.checkpoint_persist_s);
    // ByteCheckpoint's 405B state (5,670 GB): its 51.06 s persist (the storage's aggregate rate binding on 128 nodes
    // too), through a stock save path four times slower (SYNC_SAVE_FACTOR)
    expect(a.resolved.checkpoint_persist_s).toBeCloseTo(4 * 51.06, 1);
    expect(a.inputs).toMatchObject({ checkpoint_state_gb: 5670, checkpoint_mode: "sync" });
    const io = memoryIo();
    const argv =
      "reliability --chip nvidia-h100-sxm --count 1024 --days 10 --replicas 200 --seed 7 --checkpoint-gb 5670 --checkpoint-mode sync --json";
    expect(await run(argv.split(" "), io)).toBe(0);
    expect(a.inputs).toEqual(JSON.parse(io.stdout()).inputs);
    expect(a.wall_days).toEqual(JSON.parse(io.stdout()).wall_days);
  });

  it("POST /api/train/plan saves checkpoints as reliability.checkpoint_mode says, and echoes the checkpoint", async () => {
    // a job where the synchronous default matters (a 0.99 TB checkpoint on 2,048 H100 over ~3 months)
    const body = {
      ...VALID_BODIES["/api/train/plan"],
      model: "llama-3.1-70b",
      count: 2048,
      seq_len: 8192,
      global_batch_tokens: 16_777_216,
      constraints: {},
      tokens: 15e12,
      reliability: { replicas: 20 },
    };
    const async = await ok(await post("/api/train/plan", body));
    const sync = await ok(
      await post("/api/train/plan", { ...body, reliability: { replicas: 20, checkpoint_mode: "sync" } }),
    );
    expect(async.budget.checkpoint.mode).toBe("async");
    expect(sync.budget.checkpoint).toEqual({ state_gb: async.budget.checkpoint.state_gb, mode: "sync" });
    expect(async.budget.checkpoint.state_gb).toBeGreaterThan(0);
    // Megatron's shipped synchronous save is priced in advice unless the body chose a mode, as the CLI does
    const codes = (r: { advisories: { code: string }[] }) => r.advisories.map((a) => a.code);
    expect(codes(async)).toContain("synchronous-checkpoint-default");
    expect(codes(sync)).not.toContain("synchronous-checkpoint-default");
    const { tokens: _, ...noBudget } = body;
    const refused = await problemOf(
      await post("/api/train/plan", { ...noBudget, reliability: { checkpoint_mode: "sync" } }),
      400,
    );
    expect(refused.errors[0]?.path).toBe("reliability.checkpoint_mode");
  });

  it("POST /api/reliability is deterministic for a seed and never faster than failure-free", async () => {
    const body = VALID_BODIES["/api/reliability"];
    const a = await ok(await post("/api/reliability", body));
    const b = await ok(await post("/api/reliability", body));
    expect(a).toEqual(b);
    expect(a.wall_days.p10).toBeGreaterThanOrEqual(10);
    expect(a.goodput.mean).toBeLessThanOrEqual(1);
    expect(a.inputs.chip_family).toBe("nvidia-hopper");
    expect(a.closed_form.job_mtbf_h).toBeGreaterThan(0);
    // the inputs echoed as `fleetcast reliability --json` echoes them, same keys and same values (QA 30)
    const io = memoryIo();
    const argv = "reliability --chip nvidia-h100-sxm --count 1024 --days 10 --replicas 200 --seed 7 --json";
    expect(await run(argv.split(" "), io)).toBe(0);
    expect(a.inputs).toEqual(JSON.parse(io.stdout()).inputs);
  });

  it("POST /api/reliability takes a shared research cluster's extra job failures when asked", async () => {
    const body = { ...VALID_BODIES["/api/reliability"], chip: "nvidia-a100-sxm-80gb" };
    const dedicated = await ok(await post("/api/reliability", body));
    const shared = await ok(await post("/api/reliability", { ...body, cluster: "shared" }));
    // Kokolis et al. Fig. 7: 7.9 h MTTF for 1,024-GPU jobs on Meta's research clusters; a dedicated run at r_f
    // (6.50 per 1,000 node-days) plus Llama 3's software rows has ~3x that
    expect(shared.closed_form.job_mtbf_h).toBeGreaterThan(7.9 * 0.8);
    expect(shared.closed_form.job_mtbf_h).toBeLessThan(7.9 * 1.2);
    expect(dedicated.closed_form.job_mtbf_h / shared.closed_form.job_mtbf_h).toBeGreaterThan(2.5);
    const bad = await problemOf(await post("/api/reliability", { ...body, cluster: "cloud" }), 400);
    expect(bad.errors[0]?.path).toBe("cluster");
  });

  it("POST /api/reliability spreads the failure rate as published sites' rates spread when asked (site_spread)", async () => {
    const body = { ...VALID_BODIES["/api/reliability"], replicas: 400 };
    const exact = await ok(await post("/api/reliability", body));
    const spread = await ok(await post("/api/reliability", { ...body, site_spread: true }));
    expect(spread.interruptions.p90).toBeGreaterThan(1.5 * exact.interruptions.p90);
    expect(spread.assumptions.map((a: { name: string }) => a.name)).toContain("site_spread_log_sigma");
    const bad = await problemOf(await post("/api/reliability", { ...body, site_spread: "yes" }), 400);
    expect(bad.errors[0]?.path).toBe("site_spread");
  });

  it("POST /api/train/plan takes reliability.site_spread as train plan --site-spread takes it", async () => {
    const body = {
      ...VALID_BODIES["/api/train/plan"],
      chip: "nvidia-a100-sxm-80gb",
      count: 1024,
      constraints: {},
      tokens: 3e12,
      reliability: { replicas: 200 },
    };
    const exact = await ok(await post("/api/train/plan", body));
    const spread = await ok(
      await post("/api/train/plan", { ...body, reliability: { replicas: 200, site_spread: true } }),
    );
    expect(spread.budget.with_failures.goodput_mean).toBeLessThan(exact.budget.with_failures.goodput_mean);
    expect(spread.budget.with_failures.assumed_failure_rates).toBe(
      exact.budget.with_failures.assumed_failure_rates,
    );
  });

  it("POST /api/reliability derives the days from tokens and returns a timeline when asked", async () => {
    const body = {
      chip_family: "ascend-910c",
      chip_count: 512,
      tokens: 1e11,
      tokens_per_s_per_chip: 1000,
      replicas: 20,
      timeline_max_segments: 50,
    };
    const r = await ok(await post("/api/reliability", body));
    // 1e11 tokens / (1000 tokens/s/chip × 512 chips) / 86,400 s/day.
    // the API writes fractions to six significant digits (jsonDigits)
    expect(r.inputs.train_days).toBeCloseTo(1e11 / (1000 * 512) / 86_400, 4);
    expect(r.timeline.length).toBeGreaterThan(0);
    expect(Object.keys(r.timeline[0])).toEqual(["start_h", "end_h", "state"]);
  });

  it("POST /api/train/plan, /reliability, /serve/plan and /export take token amounts as the CLI does ('15T', QA 27)", async () => {
    const plan = VALID_BODIES["/api/train/plan"];
    const asText = await ok(
      await post("/api/train/plan", { ...plan, tokens: "15T", global_batch_tokens: "4Mi" }),
    );
    const asNumber = await ok(await post("/api/train/plan", { ...plan, tokens: 15e12 }));
    expect(asText).toEqual(asNumber);
    const rel = { chip_family: "ascend-910c", chip_count: 512, tokens_per_s_per_chip: 1000, replicas: 20 };
    const relText = await ok(await post("/api/reliability", { ...rel, tokens: "100B" }));
    expect(relText).toEqual(await ok(await post("/api/reliability", { ...rel, tokens: 1e11 })));
    expect(
      ServePlanBodySchema.parse({ ...VALID_BODIES["/api/serve/plan"], demand: { tokens_per_day: "776B" } }),
    ).toMatchObject({ demand: { tokens_per_day: 776e9 } });
    expect(
      TrainExportBodySchema.parse({ ...VALID_BODIES["/api/export/megatron"], global_batch_tokens: "4Mi" })
        .global_batch_tokens,
    ).toBe(4_194_304);
    const bad = await problemOf(await post("/api/train/plan", { ...plan, tokens: "15X" }), 400);
    expect(bad.errors).toEqual([
      {
        path: "tokens",
        message: 'must be a positive number (at most 1e+15) or an amount like 776B or 1.5T, got "15X"',
      },
    ]);
  });

  it("POST /api/reliability/optimize gives Young's interval sqrt(2·δ·M)", async () => {
    const r = await ok(await post("/api/reliability/optimize", VALID_BODIES["/api/reliability/optimize"]));
    // Young (1974): sqrt(2 × 300 s × 24 h) = sqrt(2 × 1/12 h × 24 h) = 2 h = 120 min.
    expect(r.young_min).toBeCloseTo(120, 6);
    expect(r.daly_min).toBeGreaterThan(0);
    expect(r.simulated_goodput_at_best).toBeGreaterThanOrEqual(r.simulated_goodput_at_daly - 1e-12);
  });

  it("POST /api/reliability/optimize takes a job by its chips as the CLI's --chip --count, figures given overriding it (review 35)", async () => {
    const job = await ok(
      await post("/api/reliability/optimize", { chip: "nvidia-h100-sxm", chip_count: 16384, replicas: 20 }),
    );
    // the job's figures are those `reliability` resolves (checkpointJob): the closed forms' MTBF and restart
    const resolved = checkpointJob({ chipFamily: "nvidia-hopper", chipCount: 16384, chipsPerNode: 8 });
    expect(job.inputs.mtbf_h).toBeCloseTo(resolved.mtbfH, 4);
    expect(job.inputs.restart_min).toBeCloseTo(resolved.restartMin, 4);
    const overridden = await ok(
      await post("/api/reliability/optimize", {
        chip: "nvidia-h100-sxm",
        chip_count: 16384,
        mtbf_h: 24,
        replicas: 20,
      }),
    );
    expect(overridden.inputs.mtbf_h).toBe(24);
    expect(overridden.inputs.restart_min).toBeCloseTo(resolved.restartMin, 4);
    const half = await problemOf(await post("/api/reliability/optimize", { chip: "nvidia-h100-sxm" }), 400);
    expect(half.errors[0]).toEqual({
      path: "chip_count",
      message: "is required: a job needs both chip and chip_count",
    });
    // the job's checkpoint sizes its stall: a synchronous save of DeepSeek-V3's ~9.6 TB on 4,096 910C stalls for its
    // whole persist (checkpointCost)
    const sync = await ok(
      await post("/api/reliability/optimize", {
        chip: "huawei-ascend-910c",
        chip_count: 4096,
        checkpoint_state_gb: 9557,
        checkpoint_mode: "sync",
        replicas: 20,
      }),
    );
    expect(sync.inputs.checkpoint_blocking_s).toBeGreaterThan(60);
    const stray = await problemOf(
      await post("/api/reliability/optimize", {
        ...VALID_BODIES["/api/reliability/optimize"],
        checkpoint_mode: "sync",
      }),
      400,
    );
    expect(stray.errors[0]?.path).toBe("checkpoint_mode");
    const none = await problemOf(await post("/api/reliability/optimize", { replicas: 20 }), 400);
    expect(none.errors.map((e: { path: string }) => e.path)).toEqual([
      "mtbf_h",
      "checkpoint_blocking_s",
      "restart_min",
    ]);
    await problemOf(await post("/api/reliability/optimize", { chip: "nvidia-h1000", chip_count: 8 }), 422);
  });

  it("POST /api/validate predicts a published case and compares with what was observed", async () => {
    const r = await ok(await post("/api/validate", VALID_BODIES["/api/validate"]));
    expect(r.cases).toHaveLength(1);
    const c = r.cases[0];
    expect(c.id).toBe(LLAMA_405B_CASE.id);
    expect(c.status).toBe("ok");
    const mfu = c.metrics.find((m: { metric: string }) => m.metric === "mfu");
    // Llama 3 paper Table 4: 43 % MFU on 8,192 H100 at TP8 PP16 DP64.
    expect(mfu.observed).toBe(0.43);
    expect(mfu.rel_error).toBeCloseTo(mfu.predicted / mfu.observed - 1, 5);
    expect(r.summary.cases).toBe(1);
  });

  it("POST /api/train/plan answers 422 for fixed fields that contradict the job and for a deadline without tokens (diff review 19)", async () => {
    const base = VALID_BODIES["/api/train/plan"] as Record<string, unknown>;
    const dense = await problemOf(await post("/api/train/plan", { ...base, constraints: { ep: 8 } }), 422);
    expect(dense.detail).toMatch(/cannot use EP=8 on a dense model/);
    const deadline = await problemOf(await post("/api/train/plan", { ...base, deadline_days: 5 }), 422);
    expect(deadline.detail).toMatch(/a 5-day deadline needs a token budget/);
    // a search that finds nothing stays an answer (200) with its nearest plan
    const r = await post("/api/train/plan", { ...base, model: "llama-3.1-405b", constraints: {} });
    expect(r.status).toBe(200);
  });

  it("POST /api/serve/plan finds a layout under the TPOT limit and sizes the demand", async () => {
    const r = await ok(await post("/api/serve/plan", VALID_BODIES["/api/serve/plan"]));
    expect(r.chip).toBe("nvidia-h100-sxm");
    expect(r.colocated.tpot_ms).toBeLessThanOrEqual(50);
    expect(r.capacity.chips).toBeGreaterThanOrEqual(1);
    expect(r.capacity.requests_per_s).toBe(10);
  });

  it("POST /api/serve/plan echoes the precision that reproduces a weight-only plan (FP8 on A100: BF16 GEMMs)", async () => {
    const body = { ...VALID_BODIES["/api/serve/plan"], chip: "nvidia-a100-sxm-80gb", precision: "fp8" };
    const r = await ok(await post("/api/serve/plan", body));
    expect([r.inputs.precision, r.precision, r.weight_precision]).toEqual(["fp8", "bf16", "fp8"]);
  });

  it("POST /api/serve/plan prices the demand at usd_per_chip_hour", async () => {
    const body = { ...VALID_BODIES["/api/serve/plan"], usd_per_chip_hour: 3 };
    const r = await ok(await post("/api/serve/plan", body));
    const [lo, hi] = r.capacity.usd_per_million_output_tokens;
    expect(lo).toBe(hi);
    expect(lo).toBeGreaterThan(0);
    expect((await post("/api/serve/plan", { ...body, usd_per_chip_hour: -1 })).status).toBe(400);
  });

  it("POST /api/serve/plan sizes the pools for demand.peak_to_mean x the mean rate", async () => {
    const base = VALID_BODIES["/api/serve/plan"] as { demand: { requests_per_s: number } };
    const body = { ...base, demand: { ...base.demand, peak_to_mean: 3 } };
    const r = await ok(await post("/api/serve/plan", body));
    expect(r.capacity.requests_per_s).toBe(base.demand.requests_per_s);
    expect(r.capacity.peak_requests_per_s).toBe(3 * base.demand.requests_per_s);
    const flat = await ok(
      await post("/api/serve/plan", { ...base, demand: { requests_per_s: 3 * base.demand.requests_per_s } }),
    );
    expect(r.capacity.chips).toBe(flat.capacity.chips);
    expect(
      (await post("/api/serve/plan", { ...base, demand: { ...base.demand, peak_to_mean: 0.5 } })).status,
    ).toBe(400);
  });

  it("POST /api/serve/plan takes the engine's overlap mode", async () => {
    const body = { ...VALID_BODIES["/api/serve/plan"], overlap: "none" };
    const r = await ok(await post("/api/serve/plan", body));
    expect(r.colocated.tpot_ms).toBeLessThanOrEqual(50);
    expect((await post("/api/serve/plan", { ...body, overlap: "sometimes" })).status).toBe(400);
  });

  it("POST /api/serve/simulate is seeded and keeps Little's law L = λW", async () => {
    const body = VALID_BODIES["/api/serve/simulate"];
    const a = await ok(await post("/api/serve/simulate", body));
    expect(await ok(await post("/api/serve/simulate", body))).toEqual(a);
    expect(a.requests).toBe(300);
    expect(a.ttft_ms.p50).toBeLessThanOrEqual(a.ttft_ms.p99);
    // Little's law (queueing theory): time-averaged requests in system = arrival rate × mean time in system.
    expect(a.mean_in_system).toBeCloseTo(a.arrival_rate_per_s * a.mean_sojourn_s, 1);
  });

  it("POST /api/serve/simulate draws lengths around the means with length_spread, and refuses a spread of 1", async () => {
    const body = VALID_BODIES["/api/serve/simulate"]!;
    const workload = body["workload"] as object;
    const fixed = await ok(await post("/api/serve/simulate", body));
    const spread = await ok(
      await post("/api/serve/simulate", { ...body, workload: { ...workload, length_spread: 0.9 } }),
    );
    expect(spread.e2e_ms.p99).not.toBe(fixed.e2e_ms.p99);
    const p = await problemOf(
      await post("/api/serve/simulate", { ...body, workload: { ...workload, length_spread: 1 } }),
      400,
    );
    expect(p.errors[0]?.path).toBe("workload.length_spread");
  });

  it("POST /api/serve/simulate draws long-tailed exponential lengths within their caps", async () => {
    const body = VALID_BODIES["/api/serve/simulate"]!;
    const workload = body["workload"] as object;
    const fixed = await ok(await post("/api/serve/simulate", body));
    const exp = await ok(
      await post("/api/serve/simulate", {
        ...body,
        workload: { ...workload, length_distribution: "exponential", max_total_tokens: 4096 },
      }),
    );
    expect(exp.inputs).toMatchObject({ length_distribution: "exponential", max_total_tokens: 4096 });
    expect(exp.e2e_ms.p99).toBeGreaterThan(fixed.e2e_ms.p99);
    const capped = await problemOf(
      await post("/api/serve/simulate", { ...body, workload: { ...workload, max_total_tokens: 4096 } }),
      400,
    );
    expect(capped.errors[0]?.path).toBe("workload.max_total_tokens");
    const p = await problemOf(
      await post("/api/serve/simulate", { ...body, workload: { ...workload, length_distribution: "zipf" } }),
      400,
    );
    expect(p.errors[0]?.path).toBe("workload.length_distribution");
  });

  it("POST /api/serve/simulate takes a burst of requests sent at once", async () => {
    const body = {
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      workload: { arrivals: "burst", requests: 50, input_tokens: 500, output_tokens: 50 },
    };
    const r = await ok(await post("/api/serve/simulate", body));
    expect(r.requests).toBe(50);
    expect(r.inputs.arrival).toBe("burst");
    expect(r.backlog_at_last_arrival).toBe(50);
  });

  it("POST /api/serve/simulate takes a closed loop of clients", async () => {
    const body = {
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      workload: { arrivals: "closed", concurrency: 8, requests: 40, input_tokens: 500, output_tokens: 50 },
    };
    const r = await ok(await post("/api/serve/simulate", body));
    expect(r.requests).toBe(40);
    expect(r.inputs.arrival).toBe("closed");
    expect(r.inputs.concurrency).toBe(8);
    expect(r.mean_in_system).toBeLessThanOrEqual(8 + 1e-9);
    expect(r.offered_rate_per_s).toBeNull();
    const p = await problemOf(
      await post("/api/serve/simulate", { ...body, workload: { ...body.workload, concurrency: 0 } }),
      400,
    );
    expect(p.errors[0]?.path).toBe("workload.concurrency");
  });

  it("POST /api/serve/simulate takes a trace", async () => {
    const trace = [0, 0.5, 1].map((t) => ({ arrival_s: t, input_tokens: 500, output_tokens: 50 }));
    const body = { model: "llama-3.1-8b", chip: "nvidia-h100-sxm", workload: { arrivals: "trace", trace } };
    const r = await ok(await post("/api/serve/simulate", body));
    expect(r.requests).toBe(3);
    expect(r.inputs.arrival).toBe("trace");
    // the CLI's CSV column name is read too, with the same answer (QA 26)
    const csvNamed = trace.map(({ arrival_s, ...rest }) => ({ timestamp_s: arrival_s, ...rest }));
    const same = await ok(
      await post("/api/serve/simulate", { ...body, workload: { arrivals: "trace", trace: csvNamed } }),
    );
    expect(same.ttft_ms).toEqual(r.ttft_ms);
    // epoch-second stamps, as the CLI takes them (review 39: the API refused any stamp past 1e9 s)
    const epoch = trace.map((row) => ({ ...row, arrival_s: row.arrival_s + 1.7e9 }));
    const shifted = await ok(
      await post("/api/serve/simulate", { ...body, workload: { arrivals: "trace", trace: epoch } }),
    );
    expect(shifted.requests).toBe(3);
    expect(shifted.ttft_ms.p99).toBeCloseTo(r.ttft_ms.p99, 3);
  });

  it("POST /api/fleet/compare compares the strategies of a scenario and returns chart data", async () => {
    const r = await ok(await post("/api/fleet/compare", VALID_BODIES["/api/fleet/compare"]));
    expect(r.scenario).toBe("small");
    const ids = r.strategies.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["all-nvidia", "all-ascend", "best-split"]));
    expect(r.charts.days).toHaveLength(r.strategies.length);
    expect(r.scenario_used.pools).toHaveLength(2);
  });

  it("POST /api/fleet/compare answers 422 naming the pool with an unknown chip", async () => {
    const pools = [{ name: "x", chip: "nvidia-h1000", count: 8 }];
    const body = { scenario: { ...SMALL_SCENARIO, pools }, break_even: false };
    const p = await problemOf(await post("/api/fleet/compare", body), 422);
    expect(p.errors[0]?.path).toBe("scenario.pools[0].chip");
  });

  it("POST /api/fleet/compare answers 422 naming a pool's stack that cannot run there, and an unknown model (QA 27)", async () => {
    const compare = (scenario: Record<string, unknown>) =>
      post("/api/fleet/compare", { scenario: { ...SMALL_SCENARIO, ...scenario }, break_even: false });
    const [h100, ...rest] = SMALL_SCENARIO.pools as Record<string, unknown>[];
    const stack = await problemOf(await compare({ pools: [{ ...h100, stack: "mindspeed" }, ...rest] }), 422);
    expect(stack.errors[0]?.path).toBe("scenario.pools[0].stack");
    expect(stack.detail).toMatch(/pools\[0\]\.stack does not run on .*, got "mindspeed": it runs on ascend-/);
    const training = SMALL_SCENARIO.training as Record<string, unknown>;
    const model = await problemOf(await compare({ training: { ...training, model: "llama-70b" } }), 422);
    expect(model.errors[0]?.path).toBe("scenario.training.model");
    expect(model.detail).toMatch(/training\.model is not a built-in model, got "llama-70b" \(did you mean /);
    // the API reads no file for a client: a path on the server is not a model name
    const file = await problemOf(await compare({ training: { ...training, model: "package.json" } }), 422);
    expect(file.errors[0]?.path).toBe("scenario.training.model");
  });

  it("POST /api/fleet/compare takes the scenario's token amounts as a file does ('1T', '4Mi')", () => {
    const training = {
      ...(SMALL_SCENARIO.training as Record<string, unknown>),
      tokens: "1T",
      global_batch_tokens: "4Mi",
    };
    const body = FleetCompareBodySchema.parse({ scenario: { ...SMALL_SCENARIO, training } });
    expect(body.scenario?.training).toMatchObject({ tokens: 1e12, global_batch_tokens: 4_194_304 });
  });

  it("POST /api/export/megatron writes the engine's flags and a Volcano Job", async () => {
    const r = await ok(await post("/api/export/megatron", VALID_BODIES["/api/export/megatron"]));
    expect(r.engine).toBe("megatron");
    const tp = r.args.indexOf("--tensor-model-parallel-size");
    expect(r.args[tp + 1]).toBe("2");
    expect(r.world_ranks).toBe(8);
    expect(r.kubernetes_yaml).toContain("kind: Job");
    for (const key of Object.keys(r.env)) expect(key).toBe(key.toUpperCase());
  });

  it("POST /api/export/mindspeed targets Ascend", async () => {
    const r = await ok(await post("/api/export/mindspeed", VALID_BODIES["/api/export/mindspeed"]));
    expect(r.engine).toBe("mindspeed");
    expect(r.chip_family).toBe("ascend-910b");
  });

  it("POST /api/export/vllm and /vllm-ascend give one serving command per role", async () => {
    const gpu = await ok(await post("/api/export/vllm", VALID_BODIES["/api/export/vllm"]));
    expect(gpu.model_ref).toBe("meta-llama/Llama-3.1-8B-Instruct");
    expect(gpu.roles[0].command).toContain("vllm serve");
    expect(gpu.kubernetes_yaml).toContain("kind: Deployment");
    const npu = await ok(await post("/api/export/vllm-ascend", VALID_BODIES["/api/export/vllm-ascend"]));
    expect(npu.engine).toBe("vllm-ascend");
    expect(npu.devices_per_instance).toBe(2);
    // an instance wider than a node: the commands still come, the manifests say why they cannot
    const wide = await ok(
      await post("/api/export/vllm", { ...VALID_BODIES["/api/export/vllm"], tp: 8, dp_attention: 2 }),
    );
    expect(wide.roles[0].command).toContain("vllm serve");
    expect(wide.kubernetes_yaml).toBeNull();
    expect(wide.kubernetes_note).toMatch(/a pod cannot span nodes/);
  });

  it("POST /api/export refuses an engine that does not run on the chip, naming the chip and the engine that does (review 35)", async () => {
    const npuOnGpu = await problemOf(
      await post("/api/export/vllm-ascend", { ...VALID_BODIES["/api/export/vllm"], chip: "nvidia-h100-sxm" }),
      422,
    );
    expect(npuOnGpu.detail).toMatch(
      /^Cannot export vllm-ascend for nvidia-h100-sxm: vllm-ascend runs on ascend-.*, not nvidia-hopper \(use vllm\)$/,
    );
    const gpuOnNpu = await problemOf(
      await post("/api/export/megatron", { ...VALID_BODIES["/api/export/mindspeed"] }),
      422,
    );
    expect(gpuOnNpu.detail).toMatch(
      /^Cannot export megatron for huawei-ascend-910b\w*: .* \(use mindspeed\)$/,
    );
  });

  it("POST /api/export/vllm launches split pools with the prefill instances' own layout (review 19)", async () => {
    const body = {
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      tp: 1,
      ep: 32,
      dp_attention: 32,
      max_num_seqs: 58,
      max_model_len: 2500,
      disaggregation: {
        prefill_instances: 3,
        decode_instances: 2,
        prefill: { tp: 1, ep: 16, dp_attention: 16, max_num_seqs: 4, max_model_len: 2001 },
      },
    };
    const r = await ok(await post("/api/export/vllm", body));
    const roles = r.roles as { role: string; args: string[] }[];
    const args = (role: string) => roles.find((x) => x.role === role)?.args.join(" ") ?? "";
    expect(args("prefill")).toMatch(/--data-parallel-size 16\b/);
    expect(args("decode")).toMatch(/--data-parallel-size 32\b/);
    // a prefill pool holds prompts only: its own context length (diff review 19)
    expect(args("prefill")).toMatch(/--max-model-len 2001\b/);
    expect(args("decode")).toMatch(/--max-model-len 2500\b/);
  });

  it("POST /api/export/vllm-ascend serves as `serve plan` does by default: INT8, the catalog's repository", async () => {
    // review 18: the API wrote --dtype bfloat16 and a /models placeholder where the plan and the CLI say INT8 and Qwen/Qwen3-32B
    const body = { model: "qwen3-32b", chip: "huawei-ascend-910b2", tp: 4, max_model_len: 8192 };
    const r = await ok(await post("/api/export/vllm-ascend", body));
    expect(r.model_ref).toBe("Qwen/Qwen3-32B");
    // W8A8 on vLLM-Ascend: an msModelSlim checkpoint loaded with --quantization ascend
    expect(r.roles[0].args.join(" ")).toContain("--quantization ascend");
    const bf16 = await ok(await post("/api/export/vllm-ascend", { ...body, precision: "bf16" }));
    expect(bf16.roles[0].args.join(" ")).not.toContain("--quantization");
  });

  it("POST /api/export/:engine answers 422 when the plan does not cover the chips", async () => {
    const body = { ...VALID_BODIES["/api/export/megatron"], plan: { tp: 2, pp: 1, dp: 2 } };
    const p = await problemOf(await post("/api/export/megatron", body), 422);
    expect(p.errors[0]?.path).toBe("plan");
  });

  it("POST /api/export/:engine answers 404 for an unknown engine", async () => {
    const p = await problemOf(await post("/api/export/deepspeed", VALID_BODIES["/api/export/megatron"]), 404);
    expect(p.detail).toContain("megatron, mindspeed, vllm, vllm-ascend");
    const k8s = await problemOf(await post("/api/export/k8s", VALID_BODIES["/api/export/megatron"]), 404);
    expect(k8s.detail).toMatch(
      /got 'k8s' \(Kubernetes manifests come with every engine's export, in kubernetes_yaml\)$/,
    );
  });
});

describe("createApp() bad bodies", () => {
  const paths = Object.keys(VALID_BODIES);

  it.each(paths)("POST %s answers 400 invalid-json for malformed JSON", async (path) => {
    const p = await problemOf(await post(path, '{"model": '), 400);
    expect(p.type).toBe("/problems/invalid-json");
  });

  it.each(paths)("POST %s answers 400 naming the field for a wrong type", async (path) => {
    const [field] = Object.keys(VALID_BODIES[path]!);
    const p = await problemOf(await post(path, { ...VALID_BODIES[path], [field!]: false }), 400);
    expect(p.type).toBe("/problems/invalid-body");
    expect(p.errors.map((e) => e.path)).toContain(field);
    expect(p.detail).toContain(field);
  });

  it.each(paths)("POST %s answers 400 naming an unknown field", async (path) => {
    const p = await problemOf(await post(path, { ...VALID_BODIES[path], colour: "red" }), 400);
    expect(p.errors).toContainEqual({ path: "colour", message: "is not a known field" });
  });

  it.each(paths)("POST %s answers 413 for a body over 1 MiB", async (path) => {
    const huge = JSON.stringify({ ...VALID_BODIES[path], padding: "x".repeat(1_100_000) });
    const p = await problemOf(await post(path, huge), 413);
    expect(p.type).toBe("/problems/body-too-large");
  });

  it.each(paths)("POST %s answers 415 when the body is not declared JSON", async (path) => {
    const res = await app.request(path, { method: "POST", body: JSON.stringify(VALID_BODIES[path]) });
    await problemOf(res, 415);
  });

  it.each([
    ["/api/train/plan", { count: 1e9 }, "count"],
    ["/api/train/plan", { seq_len: 1e12 }, "seq_len"],
    ["/api/reliability", { chip_count: 1e9 }, "chip_count"],
    ["/api/reliability", { replicas: 1e7 }, "replicas"],
    ["/api/reliability/optimize", { replicas: 1e7 }, "replicas"],
    ["/api/export/megatron", { count: 1e9 }, "count"],
    ["/api/serve/plan", { count: 1e9 }, "count"],
  ] as const)("POST %s refuses absurd sizes %o naming the field", async (path, patch, field) => {
    const p = await problemOf(await post(path, { ...VALID_BODIES[path], ...patch }), 400);
    expect(p.errors[0]?.path).toBe(field);
    expect(p.errors[0]?.message).toMatch(/^must be <= \d+, got \d+$/);
  });

  it("POST /api/reliability refuses work over the limit even when each field is in bounds", async () => {
    const body = { chip: "nvidia-h100-sxm", chip_count: 1_000_000, train_days: 3000, replicas: 100_000 };
    const p = await problemOf(await post("/api/reliability", body), 400);
    expect(p.errors[0]?.path).toBe("replicas");
    expect(p.errors[0]?.message).toContain("work limit");
  });

  it("GET /api/chips/ with an empty id is not found, not a wrong method", async () => {
    const res = await app.fetch(new Request("http://x/api/chips/"));
    expect(res.status).toBe(404);
  });

  it("POST /api/reliability refuses a failure-dominated job whose events pass the limit, before simulating it", async () => {
    // 8.8e10 passes the work bound but, at 1,000x the rates, is ~4e8 events: past the 30 s limit (review)
    const body = {
      chip: "nvidia-h100-sxm",
      chip_count: 16_384,
      train_days: 54,
      rate_multiplier: 1000,
      replicas: 100,
    };
    const started = Date.now();
    const p = await problemOf(await post("/api/reliability", body), 422);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(p.errors[0]?.path).toBe("replicas");
    expect(p.detail).toMatch(/failure events .* above 1e\+8; lower replicas to \d+ or fewer/);
  });

  it("POST /api/fleet/compare refuses 10^9 chips in a pool and 10^7 over the API's pool bound", async () => {
    const pool = (count: number) => [{ name: "h100", chip: "nvidia-h100-sxm", count }];
    const huge = await problemOf(
      await post("/api/fleet/compare", { scenario: { ...SMALL_SCENARIO, pools: pool(1e9) } }),
      400,
    );
    expect(huge.errors[0]?.path).toBe("scenario.pools[0].count");
    const big = await problemOf(
      await post("/api/fleet/compare", { scenario: { ...SMALL_SCENARIO, pools: pool(1e7) } }),
      400,
    );
    expect(big.errors[0]).toEqual({
      path: "scenario.pools[0].count",
      message: "must be <= 1048576 in the API, got 10000000",
    });
  });

  it("POST /api/serve/simulate refuses 10^7 requests naming the field", async () => {
    const workload = { ...(VALID_BODIES["/api/serve/simulate"]!["workload"] as object), requests: 1e7 };
    const p = await problemOf(
      await post("/api/serve/simulate", { ...VALID_BODIES["/api/serve/simulate"], workload }),
      400,
    );
    expect(p.errors[0]?.path).toBe("workload.requests");
  });

  it("POST /api/reliability asks for exactly one of chip and chip_family", async () => {
    const p = await problemOf(await post("/api/reliability", { chip_count: 8, train_days: 1 }), 400);
    expect(p.errors[0]).toEqual({
      path: "chip",
      message: "give exactly one of chip (a catalog id) or chip_family",
    });
  });

  it("POST /api/validate names the repeated case id", async () => {
    const body = { cases: [LLAMA_405B_CASE, LLAMA_405B_CASE] };
    const p = await problemOf(await post("/api/validate", body), 400);
    expect(p.errors[0]?.path).toBe("cases[1].id");
  });

  it("POST /api/validate names the bad field of a case", async () => {
    const bad = { ...LLAMA_405B_CASE, train: { ...LLAMA_405B_CASE.train, seq_len: -1 } };
    const p = await problemOf(await post("/api/validate", { cases: [bad] }), 400);
    expect(p.errors[0]?.path).toBe("cases[0].train.seq_len");
  });

  it("POST /api/models/import answers 400 naming the config field the importer misses", async () => {
    const { hidden_size: _, ...config } = LLAMA_2_7B_CONFIG;
    const p = await problemOf(await post("/api/models/import", { config }), 400);
    expect(p.errors[0]?.path).toMatch(/^config\./);
  });

  it("POST /api/models/import answers 422 for a well-formed config of layers fleetcast does not model (review 37)", async () => {
    const config = { ...LLAMA_2_7B_CONFIG, num_hidden_layers: 9, hybrid_override_pattern: "M-M-M*-M-" };
    const p = await problemOf(await post("/api/models/import", { config }), 422);
    expect(p.errors[0]?.path).toBe("config.hybrid_override_pattern");
    expect(p.detail).toContain("which fleetcast does not model");
  });

  it("POST /api/train/plan answers 400 for a config.json field of the wrong type, as for any body field (review 35 L8)", async () => {
    const model = { ...LLAMA_2_7B_CONFIG, hidden_size: "4096" };
    const p = await problemOf(
      await post("/api/train/plan", { ...VALID_BODIES["/api/train/plan"], model }),
      400,
    );
    expect(p.type).toBe("/problems/invalid-body");
    expect(p.errors).toEqual([
      { path: "model.hidden_size", message: expect.stringMatching(/^must be a number/) },
    ]);
    expect(p.detail).toMatch(/^Cannot read model config: hidden_size must be a number/);
  });

  it("POST /api/train/plan answers 422 with suggestions for an unknown model name", async () => {
    const p = await problemOf(
      await post("/api/train/plan", { ...VALID_BODIES["/api/train/plan"], model: "llama-3.1-9b" }),
      422,
    );
    expect(p.errors[0]?.path).toBe("model");
    expect(p.detail).toContain("did you mean");
    // the field's entry says the state, not the detail again (review 35 L8)
    expect(p.errors[0]?.message).toMatch(/^not a built-in model; did you mean/);
  });

  it("POST refuses JSON nested deeper than 64 levels with 400", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const p = await problemOf(await post("/api/train/plan", deep), 400);
    expect(p.detail).toContain("deeper than 64");
  });

  it("POST refuses an empty body and a JSON null with 400", async () => {
    await problemOf(await post("/api/train/plan", ""), 400);
    const p = await problemOf(await post("/api/train/plan", "null"), 400);
    expect(p.errors[0]?.path).toBe("");
  });
});

describe("createApp() runner errors", () => {
  const failing = (error: unknown): JobRunner => ({ run: () => Promise.reject(error) });
  const body = VALID_BODIES["/api/reliability"];

  it("maps a runner's time limit to 503 problem JSON", async () => {
    const limited = createApp({
      runner: failing(new JobLimitError("time-limit", "Cannot finish reliability: 1 s")),
    });
    const res = await limited.request("/api/reliability", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const p = await problemOf(res, 503);
    expect(p.type).toBe("/problems/time-limit");
  });

  it("maps busy to 503 with Retry-After", async () => {
    const busy = createApp({
      runner: failing(new JobLimitError("busy", "Cannot run reliability: queue full")),
    });
    const res = await busy.request("/api/reliability", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await problemOf(res, 503);
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("maps a FleetcastError from the runner to 422 with its message and path", async () => {
    const app422 = createApp({ runner: failing(new FleetcastError("Cannot simulate: x is 1", "x")) });
    const res = await app422.request("/api/reliability", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const p = await problemOf(res, 422);
    expect(p).toMatchObject({ detail: "Cannot simulate: x is 1", errors: [{ path: "x" }] });
  });

  it("maps an unexpected error to 500 without its message or stack, and reports it", async () => {
    const seen: unknown[] = [];
    const broken = createApp({
      runner: failing(new TypeError("secret at /home/x.ts:1")),
      onError: (e) => seen.push(e),
    });
    const res = await broken.request("/api/reliability", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const p = await problemOf(res, 500);
    expect(JSON.stringify(p)).not.toContain("secret");
    expect(seen).toHaveLength(1);
  });
});
