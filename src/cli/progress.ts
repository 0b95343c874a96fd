import type { CliIo } from "./io.js";
import { formatCount } from "../text/numbers.js";
import { visible } from "../text/visible.js";

const MB = 1e6;

function fmtTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
}

/**
 * A one-line progress bar on stderr: bytes, rows/s and ETA. Created only when
 * stderr is a terminal and not in CI, so piped and CI output stays clean.
 */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private drawn = false;

  private constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly total: number,
  ) {}

  static create(io: CliIo, label: string, total: number): Progress | undefined {
    if (!io.stderr.isTTY || io.env["CI"] || io.env["LABELLINT_NO_PROGRESS"]) return undefined;
    return new Progress(io, visible(label), total);
  }

  update(bytes: number, rows: number): void {
    const now = Date.now();
    if (now - this.last < 100 || now - this.started < 300) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const fraction = this.total > 0 ? Math.min(1, bytes / this.total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const rate = Math.round(rows / Math.max(seconds, 1e-3));
    const eta = fraction > 0 ? fmtTime((seconds / fraction) * (1 - fraction)) : "?";
    const line = `${this.label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${(bytes / MB).toFixed(1)}/${(this.total / MB).toFixed(1)} MB  ${formatCount(rate)} rows/s  ETA ${eta}`;
    const columns = this.io.stderr.columns ?? 100;
    this.io.stderr.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    this.drawn = true;
  }

  /** Draws progress as items done of `total` (image checks: images checked of the rows to check). */
  updateCount(done: number, total: number): void {
    const now = Date.now();
    if (now - this.last < 100 || now - this.started < 300) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const rate = Math.round(done / Math.max(seconds, 1e-3));
    const eta = fraction > 0 ? fmtTime((seconds / fraction) * (1 - fraction)) : "?";
    const line = `${this.label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${formatCount(done)}/${formatCount(total)} files  ${formatCount(rate)} files/s  ETA ${eta}`;
    const columns = this.io.stderr.columns ?? 100;
    this.io.stderr.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.io.stderr.write("\r\u001b[K");
    this.drawn = false;
  }
}
