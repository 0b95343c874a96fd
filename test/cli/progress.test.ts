import { afterEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../../src/cli/progress.js";
import type { CliIo } from "../../src/cli/io.js";

function io(isTTY: boolean, env: Record<string, string> = {}): CliIo & { written: string[] } {
  const written: string[] = [];
  return { stdout: { write: () => true }, stderr: { write: (s: string) => written.push(s), isTTY, columns: 120 }, env, cwd: "/", written };
}

describe("progress bar", () => {
  afterEach(() => vi.useRealTimers());

  it("is not created when stderr is not a terminal, or in CI", () => {
    expect(Progress.create(io(false), "f", 100)).toBeUndefined();
    expect(Progress.create(io(true, { CI: "true" }), "f", 100)).toBeUndefined();
  });

  it("draws bytes, rows/s and ETA on one line, throttled, and clears it", () => {
    vi.useFakeTimers();
    const out = io(true);
    const bar = Progress.create(out, "train.txt", 10e6)!;
    vi.advanceTimersByTime(500);
    bar.update(5e6, 50_000);
    bar.update(5.1e6, 51_000); // throttled
    expect(out.written).toHaveLength(1);
    expect(out.written[0]).toMatch(/^\rtrain\.txt .* 50% 5\.0\/10\.0 MB .* rows\/s {2}ETA \d+s/);
    bar.done();
    expect(out.written.at(-1)).toBe("\r\u001b[K");
  });
});
