// Bundles the command line into dist/cli/bin.js plus one chunk per command
// (dist/cli/chunks/), replacing the per-module output tsc wrote there. Start-up
// is most of the time a small check takes, and loading ~150 small modules
// costs more than the code they hold; each command still loads only its own
// chunk. Third-party packages stay external (loaded from node_modules on first use).
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync("dist/cli/chunks", { recursive: true, force: true });
await build({
  // The worker a large file's parts are scanned in (see src/engine/parts.ts) shares the chunks.
  entryPoints: ["src/cli/bin.ts", "src/engine/part-worker.ts"],
  outdir: "dist/cli",
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  allowOverwrite: true,
  logLevel: "warning",
});
