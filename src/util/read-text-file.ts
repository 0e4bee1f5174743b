import { readFileSync } from "node:fs";
import { FleetcastError } from "../errors.ts";

// What the file system's refusals mean to a user (Node's error codes, nodejs.org/api/errors.html#common-system-errors).
const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a directory",
};

/**
 * The UTF-8 text of a file the user named, or a FleetcastError that says why it cannot be read, in words:
 * `Cannot read chip catalog site.yaml: no such file`, `Cannot read case file runs/: it is a directory`.
 */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new FleetcastError(`Cannot read ${what} ${path}: ${REASONS[code] ?? (code || "unreadable")}`);
  }
}
