// Boots a job worker thread: Node 20 cannot strip types, and `--import tsx` in a Worker's execArgv does not reach
// the worker's module loader there (tried: "Unknown file extension .ts"), so the worker registers tsx's ESM hooks
// itself, as bin/fleetcast.js does for the CLI, then loads the TypeScript entry named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
