import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Every temporary file of a test run goes into one folder of its own
 * (TMPDIR, which os.tmpdir() reads and the CLI processes the tests start
 * inherit), removed when the run ends: tens of thousands of folders were
 * left in the system's temporary folder after a few runs.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "labellint-tests-"));
  process.env["TMPDIR"] = dir;
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
