#!/usr/bin/env node
// Everything is loaded inside the try, not imported at the top, so a failure to load (no file
// descriptors left to open the modules with, under a very low `ulimit -n`) is one line, not a
// stack trace.
let cli: typeof import("./index.js");
let temp: typeof import("../io/temp-files.js");
let cliIo: typeof import("./io.js");
try {
  [cli, temp, cliIo] = await Promise.all([import("./index.js"), import("../io/temp-files.js"), import("./io.js")]);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "EMFILE" || code === "ENFILE" ? "too many open files; raise the open-file limit (ulimit -n)" : error instanceof Error ? error.message : String(error);
  process.stderr.write(`labellint: cannot start: ${why}\n`);
  process.exit(2);
}

// Standard output that cannot be written (a full disk, `| head` that stopped reading): one line, exit 2.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  temp.removeTrackedSync();
  process.stderr.write(`labellint: cannot write to standard output: ${cliIo.describeWriteError(error)}\n`);
  process.exit(2);
});

// Interrupted (Ctrl-C, kill, a closed terminal): remove this run's temporary files and lock, then end
// as the signal would have ended the process. `kill -9` leaves no such chance; the next run cleans up.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    temp.removeTrackedSync();
    process.kill(process.pid, signal);
  });
}

process.exitCode = await cli.run(process.argv.slice(2), cliIo.processIo());
