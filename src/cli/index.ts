import { isLabellintError } from "../errors.js";
import type { CliIo } from "./io.js";
import { closestName } from "../text/closest.js";
import { COMMANDS, commandUsage, HELP, type CommandName } from "./usage.js";
import { VERSION } from "../version.js";
import { visible } from "../text/visible.js";

export type { CliIo } from "./io.js";

type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Each command's code, loaded only when that command runs (start-up is most of a small check). */
const LOADERS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  check: async () => (await import("./check-command.js")).runCheck,
  rules: async () => (await import("./rules-command.js")).runRules,
  fix: async () => (await import("./fix-command.js")).runFix,
  apply: async () => (await import("./apply-command.js")).runApply,
  stats: async () => (await import("./stats-command.js")).runStats,
  convert: async () => (await import("./convert-command.js")).runConvert,
  init: async () => (await import("./init-command.js")).runInit,
  split: async () => (await import("./split-command.js")).runSplit,
  diff: async () => (await import("./diff-command.js")).runDiff,
  merge: async () => (await import("./merge-command.js")).runMerge,
};

function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

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
  // `labellint COMMAND --help` (or `-h`, or `labellint help COMMAND`): that command's usage, whatever else is given.
  const helpFor = command === "help" ? rest[0] : rest.some((a) => a === "--help" || a === "-h") ? command : undefined;
  if (helpFor !== undefined && isCommand(helpFor)) {
    io.stdout.write(commandUsage(helpFor));
    return 0;
  }
  try {
    if (isCommand(command)) {
      let run: Command;
      try {
        run = await LOADERS[command]();
      } catch (error) {
        io.stderr.write(`labellint: cannot start: ${startFailure(error)}\n`);
        return 2;
      }
      return await run(rest, io);
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
      default: {
        const hint = closestName(COMMANDS, command);
        io.stderr.write(`labellint: unknown command '${visible(command)}'${hint !== undefined ? `; did you mean '${hint}'?` : ""} (commands: ${COMMANDS.join(", ")}; labellint --help)\n`);
        return 2;
      }
    }
  } catch (error) {
    if (io.env["LABELLINT_DEBUG"] === "1" && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
    if (isLabellintError(error)) {
      // Messages quote paths and values from the command line and the files: escaped like any report.
      io.stderr.write(`labellint: ${visible(error.message)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`labellint: internal error: ${visible(message)} (set LABELLINT_DEBUG=1 for details)\n`);
    }
    return 2;
  }
}
