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
import { HELP } from "./usage.js";
import { visible } from "../text/visible.js";

export type { CliIo } from "./io.js";

/**
 * Runs the command line and returns the exit code (0 clean, 1 problems,
 * 2 fatal). Never throws: fatal errors become one line on stderr.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
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
      default:
        io.stderr.write(`labellint: unknown command '${visible(command)}' (commands: check, stats, fix, apply, convert, split, diff, init, rules; labellint --help)\n`);
        return 2;
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
