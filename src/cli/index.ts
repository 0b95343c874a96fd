import { isLabellintError } from "../errors.js";
import type { CliIo } from "./io.js";
import { HELP } from "./usage.js";
import { VERSION } from "../version.js";

type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Each command's code, loaded only when that command runs (start-up is most of a small check). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import("./check-command.js")).runCheck,
  rules: async () => (await import("./rules-command.js")).runRules,
  fix: async () => (await import("./fix-command.js")).runFix,
  apply: async () => (await import("./apply-command.js")).runApply,
  stats: async () => (await import("./stats-command.js")).runStats,
  convert: async () => (await import("./convert-command.js")).runConvert,
  init: async () => (await import("./init-command.js")).runInit,
  split: async () => (await import("./split-command.js")).runSplit,
  diff: async () => (await import("./diff-command.js")).runDiff,
};

export type { CliIo } from "./io.js";

/** Why a command's code could not be loaded, in one line. */
function startFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EMFILE" || code === "ENFILE") return "too many open files; raise the open-file limit (ulimit -n)";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the command line and returns the exit code (0 clean, 1 problems,
 * 2 fatal). Never throws: fatal errors become one line on stderr.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (load !== undefined) {
      let command: Command;
      try {
        command = await load();
      } catch (error) {
        io.stderr.write(`labellint: cannot start: ${startFailure(error)}\n`);
        return 2;
      }
      return await command(rest, io);
    }
    switch (command) {
      case "--version":
      case "-v":
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case "--help":
      case "-h":
      case "help":
        io.stdout.write(HELP);
        return 0;
      case undefined:
        io.stderr.write(HELP);
        return 2;
      default:
        io.stderr.write(`labellint: unknown command '${command}' (commands: check, stats, fix, apply, convert, split, diff, init, rules; labellint --help)\n`);
        return 2;
    }
  } catch (error) {
    if (io.env["LABELLINT_DEBUG"] === "1" && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
    if (isLabellintError(error)) {
      io.stderr.write(`labellint: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`labellint: internal error: ${message} (set LABELLINT_DEBUG=1 for details)\n`);
    }
    return 2;
  }
}
