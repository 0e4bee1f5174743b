import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The first source file changed since the dashboard in `dashboardDir` was built (its index.html), or null: the
 * build is current, or there is no build to judge. `sourceDirs` are walked whole, test files left out (they are not
 * bundled); a file's change time counts as well as its modification time, so a copy that keeps an older mtime
 * (cp -p, rsync -a) still counts, as bin/cli-bundle.js judges the CLI's bundle.
 * @example staleDashboard("dist/web", ["web", "src"]) // "web/components/FleetView.tsx" after an edit
 */
export function staleDashboard(
  dashboardDir: string,
  sourceDirs: readonly string[],
  root = ".",
): string | null {
  const index = join(dashboardDir, "index.html");
  if (!existsSync(index)) return null;
  const builtAtMs = statSync(index).mtimeMs;
  for (const dir of sourceDirs) {
    const newer = firstNewer(dir, builtAtMs);
    if (newer !== null) return relative(root, newer);
  }
  return null;
}

function firstNewer(dir: string, builtAtMs: number): string | null {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules") continue;
      const found = firstNewer(path, builtAtMs);
      if (found !== null) return found;
    } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      const st = statSync(path);
      if (Math.max(st.mtimeMs, st.ctimeMs) > builtAtMs) return path;
    }
  }
  return null;
}
