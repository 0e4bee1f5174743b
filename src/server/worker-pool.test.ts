import { afterAll, describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { VALID_BODIES } from "./_test-bodies.ts";
import { InvalidFieldError } from "./invalid-field-error.ts";
import { JobLimitError } from "./job-runner.ts";
import { ModelImportBodySchema } from "./model-import-body.ts";
import { ReliabilityBodySchema } from "./reliability-body.ts";
import { createWorkerPool } from "./worker-pool.ts";

const importBody = ModelImportBodySchema.parse(VALID_BODIES["/api/models/import"]);
/** Seconds of Monte Carlo on one core: 1,000 replicas of 100,000 chips for a year (~4 s measured alone). */
const longBody = ReliabilityBodySchema.parse({
  chip: "nvidia-h100-sxm",
  chip_count: 100_000,
  train_days: 365,
  replicas: 1000,
});

describe("createWorkerPool()", () => {
  const pool = createWorkerPool({ size: 1, timeLimitMs: 20_000 });
  afterAll(() => pool.close());

  it("runs a job on a worker thread (TypeScript loaded through tsx) and returns its JSON", async () => {
    const value = (await pool.run("model-import", importBody)) as { model: { params_total: number } };
    // meta-llama/Llama-2-7b-hf: 6,738,415,616 parameters.
    expect(value.model.params_total).toBe(6_738_415_616);
  });

  it("rejects with the job's InvalidFieldError (a config it cannot read), message and path intact", async () => {
    const bad = ModelImportBodySchema.parse({ config: { model_type: "llama" } });
    const error = await pool.run("model-import", bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect((error as InvalidFieldError).message).toMatch(/^Cannot read model config/);
    expect((error as InvalidFieldError).path).toMatch(/^config\./);
  });

  it("rejects with the job's FleetcastError (a refusal), message intact", async () => {
    const bad = ReliabilityBodySchema.parse({ chip: "nvidia-h100-sxn", chip_count: 8, train_days: 1 });
    const error = await pool.run("reliability", bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetcastError);
    expect((error as FleetcastError).message).toMatch(/^Cannot find chip/);
  });

  it("gives the same answer as the job run in this thread", async () => {
    const body = ReliabilityBodySchema.parse(VALID_BODIES["/api/reliability"]);
    const { runJob } = await import("./jobs.ts");
    expect(await pool.run("reliability", body)).toEqual(
      JSON.parse(JSON.stringify(runJob("reliability", body))),
    );
  });
});

describe("createWorkerPool() limits", () => {
  it("stops a job over the time limit with JobLimitError, replaces the worker and keeps serving", async () => {
    const pool = createWorkerPool({ size: 1, timeLimitMs: 400 });
    try {
      await pool.ready();
      const error = await pool.run("reliability", longBody).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobLimitError);
      expect((error as JobLimitError).limit).toBe("time-limit");
      expect((error as Error).message).toMatch(
        /^Cannot finish reliability: it exceeded the 0.4 s time limit/,
      );
      await pool.ready();
      const value = (await pool.run("model-import", importBody)) as { model: unknown };
      expect(value.model).toBeDefined();
    } finally {
      await pool.close();
    }
  });

  it("refuses jobs beyond the queue as busy, and close() rejects the ones in flight", async () => {
    const pool = createWorkerPool({ size: 1, timeLimitMs: 20_000, maxQueue: 1 });
    await pool.ready();
    const running = pool.run("reliability", longBody).catch((e: unknown) => e);
    const waiting = pool.run("model-import", importBody).catch((e: unknown) => e);
    const refused = await pool.run("model-import", importBody).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(JobLimitError);
    expect((refused as JobLimitError).limit).toBe("busy");
    expect(pool.load()).toEqual({ running: 1, queued: 1 });
    await pool.close();
    for (const e of [await running, await waiting]) expect((e as JobLimitError).limit).toBe("busy");
  });

  it("lets a quick job pass queued slow ones, never the one running (QA 30)", async () => {
    const pool = createWorkerPool({ size: 1, timeLimitMs: 20_000 });
    try {
      await pool.ready();
      const done: string[] = [];
      const track = (label: string, p: Promise<unknown>) => p.then(() => done.push(label));
      const shortBody = ReliabilityBodySchema.parse({
        chip: "nvidia-h100-sxm",
        chip_count: 1024,
        train_days: 10,
      });
      const first = track("slow running", pool.run("reliability", shortBody));
      const slow = track("slow queued", pool.run("reliability", shortBody));
      const quick = track("quick", pool.run("model-import", importBody));
      expect(pool.load()).toEqual({ running: 1, queued: 2 });
      await Promise.all([first, slow, quick]);
      expect(done).toEqual(["slow running", "quick", "slow queued"]);
    } finally {
      await pool.close();
    }
  });

  it("drops a job whose request closed: out of the queue, or its worker stopped, and the next job runs at once (review 35)", async () => {
    const pool = createWorkerPool({ size: 1, timeLimitMs: 20_000 });
    try {
      await pool.ready();
      const abandonedRun = new AbortController();
      const abandonedWait = new AbortController();
      const running = pool.run("reliability", longBody, abandonedRun.signal).catch((e: unknown) => e);
      const waiting = pool.run("reliability", longBody, abandonedWait.signal).catch((e: unknown) => e);
      expect(pool.load()).toEqual({ running: 1, queued: 1 });
      abandonedWait.abort();
      expect(pool.load()).toEqual({ running: 1, queued: 0 });
      abandonedRun.abort();
      for (const e of [await running, await waiting]) {
        expect(e).toBeInstanceOf(JobLimitError);
        expect((e as JobLimitError).limit).toBe("cancelled");
      }
      // no job holds the worker any more (it was stopped and replaced), and the next job is answered
      expect(pool.load()).toEqual({ running: 0, queued: 0 });
      await expect(pool.run("model-import", importBody)).resolves.toBeDefined();
      // a signal already aborted never queues
      const closed = await pool.run("model-import", importBody, AbortSignal.abort()).catch((e: unknown) => e);
      expect((closed as JobLimitError).limit).toBe("cancelled");
    } finally {
      await pool.close();
    }
  });

  it("refuses a job that waited longer than maxWaitMs for a worker as busy", async () => {
    const pool = createWorkerPool({ size: 1, timeLimitMs: 20_000, maxWaitMs: 200 });
    try {
      await pool.ready();
      const running = pool.run("reliability", longBody).catch((e: unknown) => e);
      const waited = await pool.run("model-import", importBody).catch((e: unknown) => e);
      expect((waited as JobLimitError).limit).toBe("busy");
      expect((waited as Error).message).toBe("Cannot run model-import: no worker was free within 0.2 s");
      expect(pool.load().queued).toBe(0);
      void running;
    } finally {
      await pool.close();
    }
  });
});
