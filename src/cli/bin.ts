#!/usr/bin/env node
import { run } from "./index.js";
import { processIo } from "./io.js";

// EPIPE (e.g. `labellint check big.txt | head`) is not an error worth a trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), processIo());
