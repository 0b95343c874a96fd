import type { LimitFunction } from "p-limit";
import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import { unsafeReason } from "../rules/unsafe-path.js";
import type { ImageCheck } from "../engine/api.js";
import { checkImage, isInside, joinedAsWritten, type ImageStatus } from "./check.js";
import { LabellintError, readFailure } from "../errors.js";
import type { Decoder } from "./decode.js";
import type { ImageFs } from "./fs.js";
import { rowOfLine, type StreamedLine } from "../io/source.js";
import { join, relative, resolve } from "node:path";

import { ImageLines } from "./lines.js";
import { importPackage } from "../deps.js";
export { DEFAULT_CONCURRENCY, ImageLines } from "./lines.js";

export interface ImagePhaseOptions {
  /** The image root after realpath. */
  realRoot: string;
  /** Folders outside the root whose images may be opened too, after realpath. */
  allowed?: readonly string[] | undefined;
  fs: ImageFs;
  concurrency: number;
  hash: boolean;
  /** Decode every image fully (loads sharp). */
  decode?: boolean | undefined;
  /** Ask whether absolute and escaping paths exist, where the consumer looks for them (see `Consumer.unsafePaths`). */
  statUnsafe?: "join" | "appended" | "written-or-appended" | undefined;
  format: LineFormat;
  /** Line of a header row (0 for none), for logical row numbers. */
  headerLine: number;
  /** The eligible lines of the input, streamed again in file order. */
  lines: AsyncIterable<StreamedLine[]>;
  /** Receives each result, in file order. */
  deliver(check: ImageCheck): void;
  onProgress?: ((checked: number) => void) | undefined;
}

/**
 * Checks the image of every streamed line with at most `concurrency` checks
 * in flight and at most `4 × concurrency` results waiting, and hands the
 * results over in file order whatever order they complete in. Unsafe paths
 * (absolute, escaping `..`) are never opened: the consumer joins them to the
 * root as Python's os.path.join does (an absolute path replaces the root) and
 * asserts or loads them, so only whether they exist is asked — a missing one
 * is a missing image, one that exists is left to unsafe-path.
 */
export async function runImagePhase(o: ImagePhaseOptions): Promise<number> {
  const { default: pLimit } = await importPackage<typeof import("p-limit")>("p-limit");
  const limit = pLimit(Math.max(1, o.concurrency));
  const decode = o.decode === true ? await decoder() : undefined;
  const windowSize = Math.max(1, o.concurrency) * 4;
  const window: Promise<ImageCheck | undefined>[] = [];
  const row = new Row();
  const stop: Stop = {};
  let checked = 0;
  const flushOne = async (): Promise<void> => {
    const check = await window.shift()!;
    if (check !== undefined) o.deliver(check);
    o.onProgress?.(++checked);
  };
  for await (const batch of o.lines) {
    for (const line of batch) {
      const base = listedImage(line, row, o.format, o.headerLine);
      const { path, key } = base;
      if (path === "") continue;
      const unsafe = unsafeReason(path);
      // A drive name is a relative name on Linux; it stays unsafe-path's finding.
      if (unsafe === "drive" || (unsafe !== undefined && o.statUnsafe === undefined)) continue;
      // The path as the consumer hands it to the kernel (`nodir/../a.jpg`, `a.jpg/.`, `a.jpg/`), unless a BOM or a `\\` makes it another name.
      const asWritten = path.charCodeAt(0) !== 0xfeff && !path.includes("\\");
      const target = asWritten ? path : (path.endsWith("/") || path.endsWith("\\")) && !key.endsWith("/") ? `${key}/` : key;
      const pending: Promise<ImageCheck | undefined> =
        unsafe === undefined
          ? path.includes("\\")
            ? checkBackslashed(o, base, target, limit, stop, decode)
            : checkWithRetry(o, target, limit, stop, decode).then((status) => ({ ...base, status }))
          : limit(() => unsafeExistence(o, path, unsafe)).then(async (status) => {
              if (status !== undefined) return { ...base, status };
              // It exists: an allowed folder's image is checked like one under the root; anything else stays unopened.
              const real = await allowedTarget(o, joinedAsWritten(o.realRoot, path), limit);
              return real === undefined ? undefined : { ...base, status: await checkWithRetry(o, real, limit, stop, decode) };
            });
      // A fatal failure is thrown where results are delivered, in order; the others must not go unhandled meanwhile.
      pending.catch(() => undefined);
      window.push(pending);
      while (window.length >= windowSize) await flushOne();
    }
  }
  while (window.length > 0) await flushOne();
  return checked;
}

/**
 * A path with a `\\`: a consumer on Linux opens the file of that very name,
 * `\\` and all (a Windows archive unpacked on Linux keeps such names); when
 * there is one, that file is checked (its key keeps the `\\`). Otherwise the
 * image is looked for with `\\` read as `/`, where the list's fix puts it.
 */
async function checkBackslashed(o: ImagePhaseOptions, base: Omit<ImageCheck, "status">, target: string, limit: LimitFunction, stop: Stop, decode: Decoder | undefined): Promise<ImageCheck> {
  const found = await limit(() => o.fs.stat(joinedAsWritten(o.realRoot, base.path))).then(
    () => true,
    () => false,
  );
  if (found) {
    const key = writtenKey(o.realRoot, base.path);
    return { ...base, key, status: { ...(await checkWithRetry(o, key, limit, stop, decode)), asWritten: true } };
  }
  return { ...base, status: await checkWithRetry(o, target, limit, stop, decode) };
}

/** The key of an image found by its path as written (`\\` kept): relative to the root, as other keys are. */
function writtenKey(realRoot: string, path: string): string {
  return relative(realRoot, resolve(realRoot, path));
}

/**
 * Where an absolute or escaping path really leads, when that is in a folder
 * the user allowed (`--allow-images-in`); undefined otherwise, and when it
 * cannot be told (such a path is never a reason to stop the run).
 */
async function allowedTarget(o: ImagePhaseOptions, target: string, limit: LimitFunction): Promise<string | undefined> {
  if (o.allowed === undefined || o.allowed.length === 0) return undefined;
  const real = await limit(() => o.fs.realpath(target)).catch(() => undefined);
  return real !== undefined && o.allowed.some((dir) => isInside(dir, real)) ? real : undefined;
}

/**
 * Whether an absolute or escaping path exists where the consumer looks for
 * it: joined to the root like os.path.join (an absolute path as written), or
 * appended to it (`appended`: DeepHash-pytorch's `data_path + path`). For
 * either of the two ImageLists (`written-or-appended`), an absolute path must
 * be in both places: one missing where HashNet opens it (as written) or where
 * DeepHash-pytorch does (appended) stops that one, and the check says which.
 */
async function unsafeExistence(o: ImagePhaseOptions, path: string, unsafe: "absolute" | "escapes"): Promise<ImageStatus | undefined> {
  if (unsafe === "absolute" && o.statUnsafe === "appended") {
    const appended = await existence(o.fs, join(o.realRoot, path));
    return appended === undefined ? undefined : { kind: "missing", appended: true };
  }
  const joined = await existence(o.fs, joinedAsWritten(o.realRoot, path));
  if (unsafe !== "absolute" || o.statUnsafe !== "written-or-appended") return joined;
  const appended = await existence(o.fs, join(o.realRoot, path));
  if (joined === undefined && appended === undefined) return undefined;
  if (joined !== undefined && appended !== undefined) return { kind: "missing", bothPlaces: true };
  return { kind: "missing", stops: joined !== undefined ? "hashnet" : "deephash" };
}

/**
 * Whether a path outside the image root exists, without opening it: missing
 * (ENOENT, ENOTDIR) or nothing to say (it exists, or the system could not tell).
 */
async function existence(fs: ImageFs, target: string): Promise<ImageStatus | undefined> {
  try {
    await fs.stat(target);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? { kind: "missing" } : undefined;
  }
}

/** The image decoder; a sharp that cannot load (no binary for this platform) is one fatal error. */
async function decoder(): Promise<Decoder> {
  try {
    const { loadDecoder } = await import("./decode.js");
    return await loadDecoder();
  } catch (error) {
    const reason = ((error as Error).message ?? String(error)).split("\n")[0];
    throw new LabellintError("LL_READ_FAILED", `cannot decode images: the image library (sharp) did not load: ${reason}`, { cause: error });
  }
}

/** Attempts at one image, once checks run one at a time, before running out of file descriptors is fatal. */
const RETRIES_ALONE = 6;
const OUT_OF_FILES: ReadonlySet<string> = new Set(["EMFILE", "ENFILE"]);

/**
 * Checks one image; a failure of the system (not of the image) is never a
 * finding. Out of file descriptors, the check gives up its turn, the phase
 * lets no more checks run at once than are running now, and the image waits
 * for another turn; when that fails even one at a time, or on another system
 * failure (EIO, a folder that cannot be searched), the phase stops with one
 * fatal error, so `fix` never rejects a good row for it.
 */
async function checkWithRetry(o: ImagePhaseOptions, key: string, limit: LimitFunction, stop: Stop, decode: Decoder | undefined): Promise<ImageStatus> {
  for (let alone = 0; ; ) {
    const status = await limit(() => {
      // After a fatal failure, the checks still waiting settle at once, without opening anything.
      if (stop.error !== undefined) throw stop.error;
      return checkImage(o.fs, o.realRoot, key, { hash: o.hash, decode, allowed: o.allowed });
    });
    if (status.kind !== "system") return status;
    if (OUT_OF_FILES.has(status.code) && limit.concurrency === 1) alone++;
    if (!OUT_OF_FILES.has(status.code) || alone > RETRIES_ALONE) {
      const hint = OUT_OF_FILES.has(status.code) ? ": raise the open-file limit (ulimit -n) or lower --concurrency, and run again" : "; no row was judged by it";
      stop.error ??= new LabellintError("LL_READ_FAILED", `cannot check image '${key}': ${status.reason} (${status.code})${hint}`);
      throw stop.error;
    }
    // The checks still running hold what descriptors there are: no more than that many at once from now on.
    limit.concurrency = Math.max(1, Math.min(limit.concurrency - 1, limit.activeCount));
    await new Promise((resolve) => setTimeout(resolve, 2 ** Math.min(alone, 8)));
  }
}

/** The first fatal failure of a phase, which ends every check after it. */
interface Stop {
  error?: LabellintError;
}

/** What checking a file's listed images needs besides its lines. */
export interface ListedImagesCheck {
  /** The image root as given (resolved, then realpath'd here). */
  root: string;
  /** Folders outside the root whose images may be opened too (resolved, then realpath'd here). */
  allowed?: readonly string[] | undefined;
  /** How each allowed folder is named in an error (default `--allow-images-in '<dir>'`). */
  allowedNames?: readonly string[] | undefined;
  fs: ImageFs;
  concurrency: number;
  hash: boolean;
  decode?: boolean | undefined;
  statUnsafe?: "join" | "appended" | "written-or-appended" | undefined;
  format: LineFormat;
  headerLine: number;
  deliver(check: ImageCheck): void;
  /** Told the real image root before the first result. */
  onRoot?: ((realRoot: string) => void) | undefined;
  onProgress?: ((checked: number, total: number) => void) | undefined;
}

/**
 * The image phase of a file: the marked lines streamed again, each row's
 * image checked under the real image root, results delivered in file order.
 */
export async function checkListedImages(lines: ImageLines, stream: (wanted: (line: number) => boolean) => AsyncIterable<StreamedLine[]>, o: ListedImagesCheck): Promise<void> {
  const realRoot = await realImageRoot(o);
  const allowed = await allowedDirs(o);
  const total = lines.count;
  o.onProgress?.(0, total);
  await runImagePhase({
    realRoot,
    allowed,
    fs: o.fs,
    concurrency: o.concurrency,
    hash: o.hash,
    decode: o.decode,
    statUnsafe: o.statUnsafe,
    format: o.format,
    headerLine: o.headerLine,
    lines: stream((line) => lines.has(line)),
    deliver: o.deliver,
    onProgress: o.onProgress ? (checked) => o.onProgress!(checked, total) : undefined,
  });
}

const ROOT_SOURCES = "set by --image-root, a dataset's imageRoot or a training config's image_root";

/** The image root after realpath, told to `onRoot`; an unreadable root is one fatal error. */
async function realImageRoot(o: Pick<ListedImagesCheck, "root" | "fs" | "onRoot">): Promise<string> {
  let realRoot: string;
  try {
    realRoot = await o.fs.realpath(o.root);
  } catch (error) {
    throw new LabellintError("LL_READ_FAILED", `cannot read the image root '${o.root}': ${folderFailure(error)} (${ROOT_SOURCES})`, { cause: error });
  }
  // A file as the root would make every listed image missing: the root is the mistake, said once.
  const isFile = await o.fs.stat(realRoot).then(
    (info) => info.isFile(),
    () => false,
  );
  if (isFile) throw new LabellintError("LL_READ_FAILED", `cannot read the image root '${o.root}': it is a file, not a folder (${ROOT_SOURCES})`);
  o.onRoot?.(realRoot);
  return realRoot;
}

/** Why a folder (the image root, an allowed folder) cannot be used, in words. */
function folderFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" ? "no such folder" : readFailure(error);
}

/** The allowed folders after realpath; one that is not a readable folder is one fatal error. */
async function allowedDirs(o: Pick<ListedImagesCheck, "allowed" | "allowedNames" | "fs">): Promise<string[]> {
  const dirs: string[] = [];
  for (const [i, dir] of (o.allowed ?? []).entries()) {
    const name = o.allowedNames?.[i] ?? `--allow-images-in '${dir}'`;
    let real: string;
    let file: boolean;
    try {
      real = await o.fs.realpath(dir);
      file = (await o.fs.stat(real)).isFile();
    } catch (error) {
      throw new LabellintError("LL_USAGE", `${name}: ${folderFailure(error)}`, { cause: error });
    }
    if (file) throw new LabellintError("LL_USAGE", `${name} is a file, not a folder`);
    dirs.push(real);
  }
  return dirs;
}

/** A streamed line's image as the rules see it (without its status): line, row, the path as written, its key, the line's text. */
function listedImage(line: StreamedLine, row: Row, format: LineFormat, headerLine: number): Omit<ImageCheck, "status"> {
  row.reset(line.bytes, 0, line.bytes.length, line.line);
  format.parse(row);
  const path = line.bytes.toString("utf8", row.pathStart, row.pathEnd);
  return {
    line: line.line,
    row: rowOfLine(line.line, line, headerLine),
    path,
    key: normalisePathKey(path),
    source: line.bytes.toString("utf8"),
  };
}

/** One image check's result, by line: what a part (shard) found, delivered again when the parts are merged. */
export interface CheckedImage {
  line: number;
  status: ImageStatus;
}

/**
 * Delivers image results found earlier (by the parts of a file read in
 * parts) as {@link runImagePhase} delivers them: in file order, each with its
 * line's path, key, row and text, read again from the file. Nothing is opened
 * under the image root; `realRoot` is told first, as the phase tells it.
 */
export async function replayImages(checked: readonly CheckedImage[], stream: (wanted: (line: number) => boolean) => AsyncIterable<StreamedLine[]>, o: Pick<ListedImagesCheck, "root" | "fs" | "format" | "headerLine" | "deliver" | "onRoot">): Promise<void> {
  const realRoot = await realImageRoot(o);
  const wanted = new Set(checked.map((c) => c.line));
  const row = new Row();
  let next = 0;
  for await (const batch of stream((line) => wanted.has(line))) {
    for (const line of batch) {
      const base = listedImage(line, row, o.format, o.headerLine);
      while (next < checked.length && checked[next]!.line === line.line) {
        const { status } = checked[next++]!;
        // A part found it by its path as written: the same key one scan gives it.
        o.deliver({ ...base, ...(status.asWritten === true ? { key: writtenKey(realRoot, base.path) } : {}), status });
      }
    }
  }
  if (next < checked.length) throw new LabellintError("LL_INPUT_CHANGED", `line ${checked[next]!.line} of the list, whose image a shard checked, is not there any more`);
}
