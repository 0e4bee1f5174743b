// Prints "N passed, N failed" from Vitest's JSON report; a failed run with no report counts as one failure.
const fs = require("node:fs");
const [file, statusText] = process.argv.slice(2);
const status = Number(statusText);
let report = null;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
  report = null;
}
const passed = report?.numPassedTests ?? 0;
let failed = (report?.numFailedTests ?? 0) + (report?.numRuntimeErrorTestSuites ?? 0);
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
