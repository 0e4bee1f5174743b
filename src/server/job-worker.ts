/**
 * Worker-thread entry of the job pool (loaded through job-worker-boot.mjs, which registers tsx first): runs the
 * jobs posted to it one at a time and posts back their JSON result or their error (name, message, path; never a
 * stack). Starting posts `{ ready: true }` once the libraries are loaded.
 */
import { parentPort } from "node:worker_threads";
import { isFleetcastError } from "../errors.ts";
import { isInvalidFieldError } from "./invalid-field-error.ts";
import type { JobMessage, JobReply } from "./job-runner.ts";
import { runJob } from "./jobs.ts";

const port = parentPort;
if (port) {
  port.on("message", (message: JobMessage) => {
    let reply: JobReply;
    try {
      reply = { id: message.id, ok: true, value: runJob(message.job, message.input) };
    } catch (error) {
      reply = {
        id: message.id,
        ok: false,
        error: isFleetcastError(error)
          ? { name: "FleetcastError", message: error.message, path: error.path }
          : isInvalidFieldError(error)
            ? { name: "InvalidFieldError", message: error.message, path: error.path }
            : {
                name: error instanceof Error ? error.name : "Error",
                message: String((error as Error)?.message ?? error),
              },
      };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
