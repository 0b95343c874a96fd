import { statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Codes for misuse and I/O failures. Data problems are never thrown: they are
 * reported as {@link Problem}s. These codes are distinct from rule codes.
 */
export type LabellintErrorCode =
  | "LL_INVALID_OPTION"
  | "LL_READ_FAILED"
  | "LL_WRITE_FAILED"
  | "LL_UNKNOWN_RULE"
  | "LL_UNKNOWN_FORMAT"
  | "LL_FORMAT_UNDETECTED"
  | "LL_CLASS_NAMES_INVALID"
  | "LL_USAGE"
  | "LL_PLAN_STALE"
  | "LL_PLAN_INVALID"
  | "LL_INPUT_CHANGED"
  | "LL_LOCKED"
  | "LL_LIMIT_EXCEEDED"
  | "LL_CONFIG_INVALID"
  | "LL_MERGE_REFUSED"
  | "LL_NO_ROWS";

/** The one error class labellint throws; `code` narrows what went wrong. */
export class LabellintError extends Error {
  readonly code: LabellintErrorCode;

  constructor(code: LabellintErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LabellintError";
    this.code = code;
  }
}

export function isLabellintError(error: unknown): error is LabellintError {
  return error instanceof LabellintError;
}

/** What a system error means, in words, whether a file was being read or written. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of its path is a file, not a folder",
  EISDIR: "it is a directory",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EIO: "input/output error",
  ELOOP: "a loop of symbolic links",
  ENAMETOOLONG: "the name is too long",
  ESTALE: "a stale network file handle (the file was removed or replaced on the server)",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENOMEM: "out of memory",
  ENXIO: "no such device (a socket or an unconnected device cannot be read as a file)",
  EPIPE: "the reader closed the pipe",
  EFBIG: "the file would be larger than this process may write (ulimit -f)",
};
const READ_REASONS: Readonly<Record<string, string>> = { ...REASONS, ENOENT: "no such file" };
const WRITE_REASONS: Readonly<Record<string, string>> = {
  ...REASONS,
  ENOENT: "its folder does not exist",
  EBUSY: "it is busy (a file mounted on its own, as into a container, cannot be replaced by another): write to another file and copy that over it",
};

/** Why a read failed, in words ("no such file"), not as the system's error text. */
export function readFailure(error: unknown): string {
  return reasonOf(error, READ_REASONS);
}

/** Why a write failed, in words ("its folder does not exist"), not as the system's error text. */
export function writeFailure(error: unknown): string {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  // "No such file" in a folder that is there: a file system that makes no files in it (/proc, /sys).
  if (code === "ENOENT" && path !== undefined && statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory() === true) {
    return `no file can be made in its folder '${dirname(path)}' (a file system that takes no new files there)`;
  }
  return reasonOf(error, WRITE_REASONS);
}

function reasonOf(error: unknown, reasons: Readonly<Record<string, string>>): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && Object.hasOwn(reasons, code) ? reasons[code] : undefined) ?? systemReason(error);
}

/**
 * A system error's own words without the call and paths Node appends
 * (`EREMOTEIO: remote I/O error, close '/data/.out.txt.1-ab-cd.tmp'` is
 * `remote I/O error (EREMOTEIO)`): the path they name is often a temporary
 * file the user never gave, and the message already names the file.
 */
function systemReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const own = code !== undefined ? new RegExp(`^${code}: ([^,]+)(?:,|$)`).exec(error.message) : null;
  return own !== null ? `${own[1]} (${code})` : error.message;
}
