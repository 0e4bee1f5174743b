import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The dashboard build: web/ (Preact, JSX through web/tsconfig.json's jsxImportSource, no Vite plugin) bundled
 * with its charts and styles into dist/web, relative asset paths so any static server (or `fleetcast ui`) can
 * serve it from any path. No CDN: everything the page loads is in the bundle.
 */
export default defineConfig({
  root: fileURLToPath(new URL("./web", import.meta.url)),
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});
