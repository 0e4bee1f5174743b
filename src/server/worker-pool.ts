import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { FleetcastError } from "../errors.ts";
import { DEFAULT_MAX_QUEUE, DEFAULT_TIME_LIMIT_MS, WORKER_HEAP_MB } from "./api-limits.ts";
import { InvalidFieldError } from "./invalid-field-error.ts";
import { JobLimitError, type JobMessage, type JobReply, type JobRunner } from "./job-runner.ts";
import type { JobName } from "./jobs.ts";

export interface WorkerPoolOptions {
  /** Worker threads (default: one core left to the event loop, 1 to 2 workers; at most 8). */
  size?: number;
  /** Milliseconds a job may run on its worker; then it fails as a time limit and the worker is replaced. */
  timeLimitMs?: number;
  /** Milliseconds a job may wait for a free worker (default 30 s); then it fails as busy. */
  maxWaitMs?: number;
  /** Jobs that may wait for a free worker beyond those running; more are refused at once as busy. */
  maxQueue?: number;
  /** Heap limit of each worker, MiB; a job that needs more is stopped as a work-limit failure. */
  heapMb?: number;
}

/** A `JobRunner` on worker threads, with its lifecycle. */
export interface WorkerPool extends JobRunner {
  /** Resolves once every worker has loaded the libraries (the first jobs need not wait for it). */
  ready(): Promise<void>;
  /** Terminates the workers; waiting and running jobs reject as busy. */
  close(): Promise<void>;
  /** Jobs running and waiting now. */
  load(): { running: number; queued: number };
}

interface Task {
  id: number;
  job: JobName;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  done: boolean;
  /** Removes the abort listener of the request's signal, once the task is settled. */
  unlisten: () => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  task: Task | null;
}

/**
 * Jobs that usually answer in well under a second, which take their place in the queue ahead of the jobs that run for
 * seconds (fleet comparisons, validation, serving plans and simulations, Monte Carlo): a config import; a plan
 * search (bench/results.json: 0.01-0.13 s for DeepSeek-V3 on 2,048 H800 and GPT-3 on 1,024 H100); the checkpoint
 * optimizer (0.13 s at its default 200 replicas, 2.0 s at the 5,000 it allows, measured 2026-12-02 on one core).
 * A kind, not a measured cost: a quick job at its largest still passes slow ones.
 */
const QUICK_JOBS: ReadonlySet<JobName> = new Set<JobName>([
  "train-plan",
  "reliability-optimize",
  "model-import",
]);

const ENTRY = new URL("./job-worker.ts", import.meta.url).href;
const BOOT = new URL("./job-worker-boot.mjs", import.meta.url);

/**
 * A small pool of worker threads running the API's jobs, so the event loop (and `/healthz`) stays free during a
 * long plan search or Monte Carlo. A job may run `timeLimitMs` on its worker: past it the job rejects with
 * `JobLimitError("time-limit")` and the worker is terminated and replaced. Waiting for a worker is bounded by
 * `maxQueue` and `maxWaitMs` (both reject as "busy"). A
 * job's `FleetcastError` comes back as a `FleetcastError` (an `InvalidFieldError` as itself); a crash of the worker as a plain Error.
 * @example const pool = createWorkerPool({ size: 2, timeLimitMs: 30_000 }); await pool.run("reliability", body); await pool.close();
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = Math.max(1, Math.min(8, Math.floor(options.size ?? defaultPoolSize())));
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_TIME_LIMIT_MS;
  const maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE;
  const heapMb = options.heapMb ?? WORKER_HEAP_MB;
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    worker.unref();
    const slot: Slot = { worker, ready: Promise.resolve(), isReady: false, task: null };
    slot.ready = new Promise<void>((resolve) => {
      const finish = () => {
        slot.isReady = true;
        resolve();
      };
      worker.on("message", (message: JobReply | { ready: true }) => {
        if ("ready" in message) {
          finish();
          dispatch();
          return;
        }
        const task = slot.task;
        if (!task || task.id !== message.id) return;
        slot.task = null;
        settle(task, message);
        dispatch();
      });
      // A worker that dies (uncaught error, out of memory, terminate) fails its job and is replaced.
      worker.on("error", (error) => fail(slot, error));
      worker.on("exit", () => {
        finish();
        fail(slot, new Error("the job's worker thread exited"));
      });
    });
    return slot;
  };

  const slots: Slot[] = Array.from({ length: size }, spawn);

  function replace(slot: Slot): void {
    const i = slots.indexOf(slot);
    if (i < 0) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!closed) slots[i] = spawn();
    else slots.splice(i, 1);
  }

  function fail(slot: Slot, error: Error): void {
    const task = slot.task;
    slot.task = null;
    if (task && !task.done) {
      const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      finishTask(
        task,
        outOfMemory
          ? new JobLimitError(
              "work-limit",
              `Cannot finish ${task.job}: it needed more than ${heapMb} MiB of memory`,
            )
          : new Error(`Cannot finish ${task.job}: ${error.message}`),
      );
    }
    replace(slot);
    dispatch();
  }

  function settle(task: Task, reply: JobReply): void {
    if (reply.ok) {
      if (task.done) return;
      task.done = true;
      clearTimeout(task.timer);
      task.unlisten();
      task.resolve(reply.value);
      return;
    }
    const e = reply.error;
    finishTask(task, reviveError(e));
  }

  function finishTask(task: Task, error: Error): void {
    if (task.done) return;
    task.done = true;
    clearTimeout(task.timer);
    task.unlisten();
    task.reject(error);
  }

  /** A task whose request closed: out of the queue, or its worker stopped and replaced (the job cannot be interrupted otherwise). */
  function cancel(task: Task): void {
    if (task.done) return;
    const waiting = queue.indexOf(task);
    if (waiting >= 0) queue.splice(waiting, 1);
    finishTask(task, new JobLimitError("cancelled", `Cannot finish ${task.job}: its request was closed`));
    const slot = slots.find((s) => s.task === task);
    if (slot) {
      slot.task = null;
      replace(slot);
    }
    dispatch();
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!slot.isReady || slot.task) continue;
      const task = queue.shift();
      if (!task) return;
      slot.task = task;
      clearTimeout(task.timer);
      task.timer = setTimeout(() => onTimeout(task), timeLimitMs);
      task.timer.unref();
      const message: JobMessage = { id: task.id, job: task.job, input: task.input };
      slot.worker.postMessage(message);
    }
  }

  function onTimeout(task: Task): void {
    if (task.done) return;
    const waiting = queue.indexOf(task);
    if (waiting >= 0) queue.splice(waiting, 1);
    finishTask(
      task,
      new JobLimitError(
        waiting >= 0 ? "busy" : "time-limit",
        waiting >= 0
          ? `Cannot run ${task.job}: no worker was free within ${maxWaitMs / 1000} s`
          : `Cannot finish ${task.job}: it exceeded the ${timeLimitMs / 1000} s time limit`,
      ),
    );
    const slot = slots.find((s) => s.task === task);
    if (slot) {
      slot.task = null;
      replace(slot);
    }
    dispatch();
  }

  return {
    run(job, input, signal) {
      if (closed)
        return Promise.reject(new JobLimitError("busy", `Cannot run ${job}: the server is closing`));
      if (signal?.aborted)
        return Promise.reject(new JobLimitError("cancelled", `Cannot run ${job}: its request was closed`));
      return new Promise<unknown>((resolve, reject) => {
        const onAbort = () => cancel(task);
        const task: Task = {
          id: nextId++,
          job,
          input,
          resolve,
          reject,
          timer: setTimeout(() => onTimeout(task), maxWaitMs),
          done: false,
          unlisten: () => signal?.removeEventListener("abort", onAbort),
        };
        task.timer.unref();
        signal?.addEventListener("abort", onAbort, { once: true });
        // a quick job waits behind the quick ones before it, not behind queued slow ones (QA 30: a 60 ms optimize
        // waited 9.3 s behind five fleet comparisons on one worker); a running job is never interrupted
        const behind = QUICK_JOBS.has(job) ? queue.findIndex((t) => !QUICK_JOBS.has(t.job)) : -1;
        if (behind >= 0) queue.splice(behind, 0, task);
        else queue.push(task);
        dispatch();
        const at = queue.length > maxQueue ? queue.indexOf(task) : -1;
        if (at >= 0) {
          queue.splice(at, 1);
          finishTask(
            task,
            new JobLimitError("busy", `Cannot run ${job}: ${maxQueue} jobs are already waiting for a worker`),
          );
        }
      });
    },
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
    },
    load() {
      return { running: slots.filter((s) => s.task !== null).length, queued: queue.length };
    },
    async close() {
      closed = true;
      const pending = [...queue.splice(0), ...slots.flatMap((s) => (s.task ? [s.task] : []))];
      for (const task of pending)
        finishTask(task, new JobLimitError("busy", `Cannot run ${task.job}: the server is closing`));
      const workers = slots.splice(0).map((s) => s.worker);
      for (const w of workers) w.removeAllListeners();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// --- internal ---

/** One worker per core beyond the first (the event loop keeps one), between 1 and 2. */
function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/** A worker's error as the class it was thrown as, where the API answers that class its own way. */
function reviveError(e: { name: string; message: string; path?: string | undefined }): Error {
  if (e.name === "FleetcastError") return new FleetcastError(e.message, e.path);
  if (e.name === "InvalidFieldError") return new InvalidFieldError(e.message, e.path ?? "");
  return new Error(e.message);
}
