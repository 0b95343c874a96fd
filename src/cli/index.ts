import { VERSION } from "../engine/lint.js";
import { isLabellintError } from "../errors.js";
import { runCheck } from "./check-command.js";
import type { CliIo } from "./io.js";
import { runRules } from "./rules-command.js";
import { runFix } from "./fix-command.js";
import { runApply } from "./apply-command.js";
import { runStats } from "./stats-command.js";
import { runConvert } from "./convert-command.js";
import { runInit } from "./init-command.js";
import { runSplit } from "./split-command.js";
import { runDiff } from "./diff-command.js";
import { closestName } from "../text/closest.js";
import { COMMANDS, commandUsage, HELP, type CommandName } from "./usage.js";

export type { CliIo } from "./io.js";

function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
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
    switch (command) {
      case "check":
        return await runCheck(rest, io);
      case "rules":
        return runRules(rest, io);
      case "fix":
        return await runFix(rest, io);
      case "apply":
        return await runApply(rest, io);
      case "stats":
        return await runStats(rest, io);
      case "convert":
        return await runConvert(rest, io);
      case "init":
        return await runInit(rest, io);
      case "split":
        return await runSplit(rest, io);
      case "diff":
        return await runDiff(rest, io);
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
        io.stderr.write(`labellint: unknown command '${command}'${hint !== undefined ? `; did you mean '${hint}'?` : ""} (commands: ${COMMANDS.join(", ")}; labellint --help)\n`);
        return 2;
      }
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
