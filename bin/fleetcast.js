#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (Node 20 cannot strip types by itself).
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
