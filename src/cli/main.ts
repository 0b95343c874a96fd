import { run } from "./index.js";
import { removeTrackedSync, whenCommitted } from "../io/temp-files.js";
import { writeFailure } from "../errors.js";
import { processIo } from "./io.js";

/**
 * The command line as a process runs it: installs the handlers a process
 * needs, runs `argv` and sets the exit code. The launcher (`labellint.cts`)
 * calls this from the bundled script; `run` is the part tests call.
 */
export async function main(argv: string[]): Promise<void> {
  // Standard output that cannot be written (a full disk, `| head` that stopped reading): one line, exit 2.
  const cannotWrite = (error: NodeJS.ErrnoException): void => {
    removeTrackedSync();
    process.stderr.write(`labellint: cannot write to standard output: ${writeFailure(error)}\n`);
    process.exit(2);
  };

  // Interrupted (Ctrl-C, kill, a closed terminal): remove this run's temporary files and lock, then end
  // as the signal would have ended the process. `kill -9` leaves no such chance; the next run cleans up.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      const end = () => {
        removeTrackedSync();
        process.kill(process.pid, signal);
      };
      // Files being renamed into place are all renamed first (a moment): all of a run's files or none;
      // a file being made is made and tracked first, so it is removed with the rest.
      if (!whenCommitted(end)) end();
    });
  }

  process.exitCode = await run(argv, processIo(cannotWrite));
}
