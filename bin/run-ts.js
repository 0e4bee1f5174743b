#!/usr/bin/env node
// Runs a TypeScript entry file (benchmarks, scripts) through tsx's loader.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: run-ts.js FILE.ts [args...]\n");
  process.exit(1);
}
register();
await import(pathToFileURL(file).href);
