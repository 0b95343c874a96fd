import { run, type CliIo } from "../src/cli/index.js";
import { ROOT } from "./shared.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing its output; nothing is a terminal unless asked. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; stderrTTY?: boolean } = {},
): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTTY ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
