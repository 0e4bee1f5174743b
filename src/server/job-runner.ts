import { type JobName, runJob } from "./jobs.ts";

/**
 * Where the API's jobs run: in this thread (`inlineRunner`, for tests and embedding) or in a pool of worker
 * threads with a time limit (`createWorkerPool`). A job's bad-input failure rejects with its `FleetcastError`;
 * a limit rejects with `JobLimitError`.
 */
export interface JobRunner {
  /**
   * Runs a job. `signal` aborts it: the job leaves the queue, or a worker running it is stopped (a request whose
   * client went away need not hold a worker: review 35), and the promise rejects with a "cancelled" limit.
   */
  run(job: JobName, input: unknown, signal?: AbortSignal): Promise<unknown>;
}

/** Why a job was refused or stopped: too long, no room in the queue, out of worker memory, or its request closed. */
export type JobLimit = "time-limit" | "busy" | "work-limit" | "cancelled";

/** A job stopped or refused by a limit of the runner (not by its input). */
export class JobLimitError extends Error {
  override readonly name = "JobLimitError";
  readonly limit: JobLimit;
  constructor(limit: JobLimit, message: string) {
    super(message);
    this.limit = limit;
  }
}

/** True for a `JobLimitError` (also across realms, by name). */
export function isJobLimitError(error: unknown): error is JobLimitError {
  return error instanceof JobLimitError;
}

/**
 * Runs every job on the calling thread, one at a time: no time limit, no threads to close. Suits tests and
 * light embedding; a server that must stay responsive uses `createWorkerPool`.
 * @example await inlineRunner().run("model-import", { config })
 */
export function inlineRunner(): JobRunner {
  return {
    run: async (job, input) => runJob(job, input),
  };
}

/** What a worker thread posts back for one job. */
export type JobReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; path?: string | undefined } };

/** What the pool posts to a worker thread. */
export interface JobMessage {
  id: number;
  job: JobName;
  input: unknown;
}
