/**
 * The consumer case corpus: label files in exact bytes, each with what its
 * consumer's real reading code does with it (the fact docs/consumers.md quotes
 * the source for). `conformance.test.ts` runs every case through the consumer's
 * oracle (test/consumers/oracles/) and through labellint, and compares.
 *
 * Base files have C = 3 and every class positive in at least two rows, so a
 * single altered value never empties a class (a dataset finding that would hide
 * the situation under test).
 */

export type Consumer = "paddleclas" | "hashnet" | "deephash" | "mmpretrain";
export type Outcome = "ok" | "crash" | "silent";
export type Stage = "load" | "batch" | "loss" | "metric";

export interface ConsumerCase {
  /** Unique, plain English; the test title. */
  name: string;
  /** The program that reads the file: PaddleClas MultiLabelDataset, HashNet or DeepHash ImageList, mmpretrain MultiLabelDataset. */
  consumer: Consumer;
  /** The file, exact bytes (a string is written as UTF-8). `@ROOT@` stands for the absolute image root. */
  content: string | Buffer;
  /** PaddleClas `Arch.class_num`, DeepHash `n_class`, mmpretrain head `num_classes`; labellint's `numClasses`. */
  classNum?: number;
  /** PaddleClas dataset `label_ratio: True`. */
  labelRatio?: boolean;
  /** PaddleClas `MultiLabelLoss` `weight_ratio: True`. */
  weightRatio?: boolean;
  /** Which listed paths exist as image files under the image root (default "all": every path the file means to list). */
  images?: "all" | string[];
  /** Listed images that exist but cannot be decoded (the oracle is told; it never decodes). */
  undecodable?: string[];
  /**
   * The defect is in the training config, not the file: `lintFile` cannot see it, so the
   * labellint comparison is skipped with this reason (labellint finds it with `--ppcls-config`).
   */
  configOnly?: string;
  /** What the consumer does: the oracle must say this. `line` is 1-based, as the consumer counts lines. */
  expect: { outcome: Outcome; stage?: Stage; exception?: string; line?: number };
}

const A = "images/a.jpg\t1,0,1";
const B = "images/b.jpg\t0,1,1";
const C = "images/c.jpg\t1,1,0";
const D = "images/d.jpg\t0,0,1";
const BASE = [A, B, C, D];

/** Lines joined with `eol`, with a final `eol` unless `final` is false. */
function text(rows: readonly string[], eol = "\n", final = true): string {
  return rows.join(eol) + (final ? eol : "");
}

/** BASE with row `index` (0-based) replaced. */
function withRow(index: number, row: string, rows: readonly string[] = BASE): string[] {
  return rows.map((r, i) => (i === index ? row : r));
}

const spaced = (row: string): string => row.replace("\t", " ").replace(/,/g, " ");
const SA = spaced(A);
const SB = spaced(B);
const SC = spaced(C);
const SD = spaced(D);
const SBASE = [SA, SB, SC, SD];

function ann(entries: readonly unknown[], metainfo: unknown = { classes: ["sky", "tree", "water"] }): string {
  return JSON.stringify({ metainfo, data_list: entries }, null, 1) + "\n";
}
const MA = { img_path: "images/a.jpg", gt_label: [0, 2] };
const MB = { img_path: "images/b.jpg", gt_label: [1, 2] };
const MC = { img_path: "images/c.jpg", gt_label: [0, 1] };
const MD = { img_path: "images/d.jpg", gt_label: [2] };
const MBASE = [MA, MB, MC, MD];
const mWith = (index: number, entry: unknown): unknown[] => MBASE.map((e, i) => (i === index ? entry : e));

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

const paddleclas: ConsumerCase[] = [
  // Line structure and newlines.
  { name: "a clean LF file", consumer: "paddleclas", content: text(BASE), expect: { outcome: "ok" } },
  { name: "a clean CRLF file", consumer: "paddleclas", content: text(BASE, "\r\n"), expect: { outcome: "ok" } },
  { name: "no final newline", consumer: "paddleclas", content: text(BASE, "\n", false), expect: { outcome: "ok" } },
  { name: "lone CR line endings", consumer: "paddleclas", content: text(BASE, "\r"), expect: { outcome: "ok" } },
  { name: "mixed LF, CRLF and lone CR", consumer: "paddleclas", content: `${A}\n${B}\r\n${C}\r${D}\n`, expect: { outcome: "ok" } },
  { name: "CR CR LF makes a blank line", consumer: "paddleclas", content: `${A}\r\r\n${B}\n${C}\n${D}\n`, expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "blank first line", consumer: "paddleclas", content: text(["", ...BASE]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "blank line in the middle", consumer: "paddleclas", content: text([A, B, "", C, D]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "blank line at the end (two final newlines)", consumer: "paddleclas", content: text(BASE) + "\n", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 5 } },
  { name: "blank line in a CRLF file", consumer: "paddleclas", content: text([A, "", B, C, D], "\r\n"), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "whitespace-only line", consumer: "paddleclas", content: text([A, B, "  \t ", C, D]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "FS (0x1C) between two rows is not a line break", consumer: "paddleclas", content: `${A}\x1c${B}\n${C}\n${D}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "NEL (U+0085) between two rows is not a line break", consumer: "paddleclas", content: `${A}\u0085${B}\n${C}\n${D}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "LINE SEPARATOR (U+2028) between two rows is not a line break", consumer: "paddleclas", content: `${A}\n${B}\u2028${C}\n${D}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "form feed between two rows is not a line break", consumer: "paddleclas", content: `${A}\f${B}\n${C}\n${D}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  // Encoding.
  { name: "UTF-8 BOM", consumer: "paddleclas", content: "\ufeff" + text(BASE), expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "UTF-8 BOM in a CRLF file", consumer: "paddleclas", content: "\ufeff" + text(BASE, "\r\n"), expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "invalid UTF-8 in a path on line 2", consumer: "paddleclas", content: bytes(A, "\nimages/b", [0xe9], ".jpg\t0,1,1\n", text([C, D])), images: ["images/a.jpg", "images/b\u00e9.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 2 } },
  { name: "invalid UTF-8 on line 3 of a CRLF file", consumer: "paddleclas", content: bytes(`${A}\r\n${B}\r\n`, "images/c.jpg\t1,1,", [0xff], "\r\n", `${D}\r\n`), expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 3 } },
  { name: "NUL byte in a path", consumer: "paddleclas", content: text(withRow(1, "images/b\u0000.jpg\t0,1,1")), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "NUL byte in a label value", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1\u0000,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  // Lines that are not rows.
  { name: "header row path<TAB>labels", consumer: "paddleclas", content: text(["path\tlabels", ...BASE]), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "header row with class names", consumer: "paddleclas", content: text(["image\tsky,tree,water", ...BASE]), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment line without a TAB", consumer: "paddleclas", content: text(["# NUS-WIDE-SCENE train", ...BASE]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "# commented-out row (reaches the existence assertion)", consumer: "paddleclas", content: text(["#" + A, B, C, D, A]), expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "# comment line in the middle", consumer: "paddleclas", content: text([A, B, "# more rows below", C, D]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  // Whitespace around the line and the fields.
  { name: "leading and trailing spaces on a line", consumer: "paddleclas", content: text(withRow(1, `  ${B}  `)), expect: { outcome: "ok" } },
  { name: "trailing TAB after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\t`)), expect: { outcome: "ok" } },
  { name: "trailing NBSP (U+00A0) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\u00a0`)), expect: { outcome: "ok" } },
  { name: "leading IDEOGRAPHIC SPACE (U+3000) before the path", consumer: "paddleclas", content: text(withRow(2, `\u3000${C}`)), expect: { outcome: "ok" } },
  { name: "trailing FS (0x1C) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\x1c`)), expect: { outcome: "ok" } },
  { name: "trailing NEL (U+0085) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\u0085`)), expect: { outcome: "ok" } },
  { name: "trailing ZWNBSP (U+FEFF) after the labels is not stripped", consumer: "paddleclas", content: text(withRow(1, `${B}\ufeff`)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "space before the TAB becomes part of the path", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg \t0,1,1")), expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  // Separators.
  { name: "space instead of TAB on the first line", consumer: "paddleclas", content: text(withRow(0, "images/a.jpg 1,0,1")), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "space instead of TAB on a later line", consumer: "paddleclas", content: text(withRow(2, "images/c.jpg 1,1,0")), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "IDEOGRAPHIC SPACE (U+3000) instead of TAB", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\u30000,1,1")), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "a second TAB with an extra field (ignored)", consumer: "paddleclas", content: text(withRow(1, `${B}\tdaytime`)), expect: { outcome: "ok" } },
  { name: "two TABs between path and labels", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t\t0,1,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "trailing comma", consumer: "paddleclas", content: text(withRow(1, `${B},`)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "empty value 0,,1", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "space after each comma (0, 1, 1)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0, 1, 1")), expect: { outcome: "ok" } },
  { name: "fullwidth comma (U+FF0C) as value separator", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0\uff0c1\uff0c1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "IDEOGRAPHIC SPACE (U+3000) as value separator", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0\u30001\u30001")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "labels wrapped in brackets [0,1,1]", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t[0,1,1]")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  // Values.
  { name: "value 1.0", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1.0,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 1.0 on the first line", consumer: "paddleclas", content: text(withRow(0, "images/a.jpg\t1.0,0,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "trailing comma on the first line of a CRLF file", consumer: "paddleclas", content: text(withRow(0, `${A},`), "\r\n"), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "value +1", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,+1,1")), expect: { outcome: "ok" } },
  { name: "value 01", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,01,1")), expect: { outcome: "ok" } },
  { name: "value 1_0 parses as ten", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1_0,1")), expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value 0_1 parses as one", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,0_1,1")), expect: { outcome: "ok" } },
  { name: "fullwidth digit one (U+FF11)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,\uff11,1")), expect: { outcome: "ok" } },
  { name: "Arabic-Indic digit one (U+0661)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,\u0661,1")), expect: { outcome: "ok" } },
  { name: "value true", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,true,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value x", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,x,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 0.5", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,0.5,1")), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 2", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,2,1")), expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value -1 without weight_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-1,0,1")), expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "value -1 masked by weight_ratio with label_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-1,0,1")), labelRatio: true, weightRatio: true, expect: { outcome: "ok" } },
  { name: "value -2 is masked by weight_ratio too", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-2,0,1")), labelRatio: true, weightRatio: true, expect: { outcome: "ok" } },
  { name: "value 2 is not masked by weight_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t2,0,1")), labelRatio: true, weightRatio: true, expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "weight_ratio without label_ratio (2-D targets)", consumer: "paddleclas", content: text(BASE), weightRatio: true, configOnly: "target-rank-mismatch, a config finding", expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  // Widths.
  { name: "label_ratio on a clean file", consumer: "paddleclas", content: text(BASE), labelRatio: true, expect: { outcome: "ok" } },
  { name: "a row shorter than C", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1")), expect: { outcome: "crash", stage: "batch", exception: "ValueError", line: 2 } },
  { name: "a row longer than C", consumer: "paddleclas", content: text(withRow(2, "images/c.jpg\t1,1,0,1")), expect: { outcome: "crash", stage: "batch", exception: "ValueError", line: 3 } },
  { name: "a row shorter than C with label_ratio", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1")), labelRatio: true, expect: { outcome: "crash", stage: "load", exception: "ValueError" } },
  { name: "every row wider than class_num", consumer: "paddleclas", content: text(BASE.map((r) => r + ",0")), classNum: 3, expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  { name: "every row narrower than class_num", consumer: "paddleclas", content: text(BASE), classNum: 4, expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  { name: "width differs from class_num with label_ratio", consumer: "paddleclas", content: text(BASE), classNum: 4, labelRatio: true, expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  // Paths and images.
  { name: "backslash path (the image is at images/b.jpg)", consumer: "paddleclas", content: text(withRow(1, "images\\b.jpg\t0,1,1")), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "absolute path to an existing image (os.path.join drops the root)", consumer: "paddleclas", content: text(withRow(1, "@ROOT@/images/b.jpg\t0,1,1")), expect: { outcome: "ok" } },
  { name: "absolute path outside the image root that does not exist", consumer: "paddleclas", content: text(withRow(1, "/nonexistent-labellint/b.jpg\t0,1,1")), expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "missing image", consumer: "paddleclas", content: text(BASE), images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "undecodable image (swapped for a random sample)", consumer: "paddleclas", content: text(BASE), undecodable: ["images/b.jpg"], expect: { outcome: "silent", stage: "batch", line: 2 } },
  { name: "a path that is a directory passes the assertion, then is swapped", consumer: "paddleclas", content: text(withRow(1, "images\t0,1,1")), images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "silent", stage: "batch", line: 2 } },
  { name: "empty path (strip removes the leading TAB)", consumer: "paddleclas", content: text(withRow(1, "\t0,1,1")), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "duplicate path with the same labels", consumer: "paddleclas", content: text([...BASE, A]), expect: { outcome: "ok" } },
  { name: "duplicate path with different labels", consumer: "paddleclas", content: text([...BASE, "images/a.jpg\t0,1,1"]), expect: { outcome: "ok" } },
];

const imagelist: ConsumerCase[] = [
  { name: "a clean list", consumer: "hashnet", content: text(SBASE), expect: { outcome: "ok" } },
  { name: "a clean CRLF list", consumer: "hashnet", content: text(SBASE, "\r\n"), expect: { outcome: "ok" } },
  { name: "lone CR line endings", consumer: "hashnet", content: text(SBASE, "\r"), expect: { outcome: "ok" } },
  { name: "no final newline", consumer: "hashnet", content: text(SBASE, "\n", false), expect: { outcome: "ok" } },
  { name: "empty file", consumer: "hashnet", content: "", expect: { outcome: "crash", stage: "load", exception: "IndexError" } },
  { name: "blank first line", consumer: "hashnet", content: text(["", ...SBASE]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "blank line in the middle", consumer: "hashnet", content: text([SA, SB, "", SC, SD]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "blank line at the end", consumer: "hashnet", content: text(SBASE) + "\n", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 5 } },
  { name: "whitespace-only line", consumer: "hashnet", content: text([SA, " \t ", SB, SC, SD]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "UTF-8 BOM (kept in the first path)", consumer: "hashnet", content: "\ufeff" + text(SBASE), expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 1 } },
  { name: "invalid UTF-8", consumer: "hashnet", content: bytes(`${SA}\n`, "images/b.jpg 0 1 1", [0xc3], "\n", text([SC, SD])), expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 2 } },
  { name: "header row", consumer: "hashnet", content: text(["path sky tree water", ...SBASE]), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment first line switches to single-label mode", consumer: "hashnet", content: text(["# list", ...SBASE]), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment line in the middle", consumer: "hashnet", content: text([SA, SB, "# more below", SC, SD]), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 3 } },
  { name: "TABs instead of spaces", consumer: "hashnet", content: text(SBASE.map((r) => r.replace(/ /g, "\t"))), expect: { outcome: "ok" } },
  { name: "IDEOGRAPHIC SPACE (U+3000) separators", consumer: "hashnet", content: text(withRow(1, "images/b.jpg\u30000\u30001\u30001", SBASE)), expect: { outcome: "ok" } },
  { name: "NBSP (U+00A0) separators", consumer: "hashnet", content: text(withRow(1, "images/b.jpg\u00a00\u00a01\u00a01", SBASE)), expect: { outcome: "ok" } },
  { name: "NEL (U+0085) between two rows joins them", consumer: "hashnet", content: `${SA}\u0085${SB}\n${SC}\n${SD}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "FS (0x1C) between two rows joins them", consumer: "hashnet", content: `${SA}\n${SB}\x1c${SC}\n${SD}\n`, expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "comma-separated labels on the first line (single-label mode)", consumer: "hashnet", content: text(withRow(0, "images/a.jpg 1,0,1", SBASE)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "comma-separated labels on a later line", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1,1,0", SBASE)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 3 } },
  { name: "a short first row switches every row to one class index", consumer: "hashnet", content: text(withRow(0, "images/a.jpg 1", SBASE)), expect: { outcome: "crash", stage: "loss", exception: "RuntimeError", line: 1 } },
  { name: "a row shorter than C", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1 1", SBASE)), expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 3 } },
  { name: "a row longer than C", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1 1 0 1", SBASE)), expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 3 } },
  { name: "value 1.0", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 1.0 1", SBASE)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value +1", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 +1 1", SBASE)), expect: { outcome: "ok" } },
  { name: "value 01", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 01 1", SBASE)), expect: { outcome: "ok" } },
  { name: "value 1_0 parses as ten", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 1_0 1", SBASE)), expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "fullwidth digit one (U+FF11)", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 \uff11 1", SBASE)), expect: { outcome: "ok" } },
  { name: "value true", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 true 1", SBASE)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value -1", consumer: "hashnet", content: text(withRow(3, "images/d.jpg -1 0 1", SBASE)), expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "value 2", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 2 1", SBASE)), expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value x", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 x 1", SBASE)), expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "missing image", consumer: "hashnet", content: text(SBASE), images: ["images/a.jpg", "images/b.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 3 } },
  { name: "undecodable image", consumer: "hashnet", content: text(SBASE), undecodable: ["images/c.jpg"], expect: { outcome: "crash", stage: "batch", exception: "UnidentifiedImageError", line: 3 } },
  { name: "backslash path", consumer: "hashnet", content: text(withRow(1, "images\\b.jpg 0 1 1", SBASE)), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 2 } },
  { name: "duplicate path with the same labels", consumer: "hashnet", content: text([...SBASE, SA]), expect: { outcome: "ok" } },
  { name: "a clean list", consumer: "deephash", content: text(SBASE), classNum: 3, expect: { outcome: "ok" } },
  { name: "blank first line (no first-line mode switch)", consumer: "deephash", content: text(["", ...SBASE]), expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "a short first row is just a short row", consumer: "deephash", content: text(withRow(0, "images/a.jpg 1", SBASE)), expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 1 } },
  { name: "every row narrower than n_class", consumer: "deephash", content: text(SBASE), classNum: 4, expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "absolute path is appended to data_path", consumer: "deephash", content: text(withRow(1, "/images/b.jpg 0 1 1", SBASE)), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], classNum: 3, expect: { outcome: "ok" } },
  { name: "value -1", consumer: "deephash", content: text(withRow(3, "images/d.jpg -1 0 1", SBASE)), classNum: 3, expect: { outcome: "silent", stage: "loss", line: 4 } },
];

const mmpretrain: ConsumerCase[] = [
  { name: "a clean annotation file", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, expect: { outcome: "ok" } },
  { name: "classes from metainfo when no class count is given", consumer: "mmpretrain", content: ann(MBASE), expect: { outcome: "ok" } },
  { name: "index out of range", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 3] })), classNum: 3, expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "negative index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [-1, 2] })), classNum: 3, expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "repeated index makes a 2 in the target", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 2, 2] })), classNum: 3, expect: { outcome: "silent", stage: "loss" } },
  { name: "non-integer index is truncated", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 2.5] })), classNum: 3, expect: { outcome: "silent", stage: "loss" } },
  { name: "integral float index 2.0", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, "@2.0@"] })).replace('"@2.0@"', "2.0"), classNum: 3, expect: { outcome: "ok" } },
  { name: "boolean index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [true, 2] })), classNum: 3, expect: { outcome: "silent", stage: "loss" } },
  { name: "string index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: ["1", "2"] })), classNum: 3, expect: { outcome: "crash", stage: "batch", exception: "ValueError" } },
  { name: "nested index list", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [[1, 2]] })), classNum: 3, expect: { outcome: "crash", stage: "batch", exception: "AssertionError" } },
  { name: "null gt_label", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: null })), classNum: 3, expect: { outcome: "crash", stage: "batch", exception: "TypeError" } },
  { name: "a single int gt_label", consumer: "mmpretrain", content: ann(mWith(3, { img_path: "images/d.jpg", gt_label: 2 })), classNum: 3, expect: { outcome: "ok" } },
  { name: "an empty gt_label (no positive)", consumer: "mmpretrain", content: ann([...MBASE, { img_path: "images/e.jpg", gt_label: [] }]), classNum: 3, expect: { outcome: "ok" } },
  { name: "missing gt_label", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg" })), classNum: 3, expect: { outcome: "crash", stage: "loss", exception: "AttributeError" } },
  { name: "missing metainfo.classes", consumer: "mmpretrain", content: ann(MBASE, {}), classNum: 3, expect: { outcome: "ok" } },
  { name: "missing metainfo", consumer: "mmpretrain", content: JSON.stringify({ data_list: MBASE }, null, 1) + "\n", classNum: 3, expect: { outcome: "crash", stage: "load", exception: "ValueError" } },
  { name: "missing img_path", consumer: "mmpretrain", content: ann(mWith(1, { gt_label: [1, 2] })), classNum: 3, expect: { outcome: "crash", stage: "load", exception: "AssertionError" } },
  { name: "UTF-8 BOM", consumer: "mmpretrain", content: "\ufeff" + ann(MBASE), classNum: 3, expect: { outcome: "crash", stage: "load", exception: "JSONDecodeError", line: 1 } },
  { name: "trailing comma in the JSON", consumer: "mmpretrain", content: '{"metainfo": {"classes": ["sky", "tree", "water"]},\n "data_list": [\n  {"img_path": "images/a.jpg", "gt_label": [0, 2]},\n  {"img_path": "images/b.jpg", "gt_label": [1, 2]},\n ]}\n', classNum: 3, expect: { outcome: "crash", stage: "load", exception: "JSONDecodeError", line: 5 } },
  { name: "missing image", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError" } },
  { name: "undecodable image", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, undecodable: ["images/c.jpg"], expect: { outcome: "crash", stage: "batch", exception: "AssertionError" } },
  { name: "empty img_path names the image directory", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "", gt_label: [1, 2] })), classNum: 3, expect: { outcome: "crash", stage: "batch", exception: "IsADirectoryError" } },
  { name: "class list longer than num_classes, indices in range", consumer: "mmpretrain", content: ann(MBASE, { classes: ["sky", "tree", "water", "snow"] }), classNum: 3, expect: { outcome: "ok" } },
  { name: "absolute img_path (os.path.join drops the prefix)", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "@ROOT@/images/b.jpg", gt_label: [1, 2] })), classNum: 3, expect: { outcome: "ok" } },
  { name: "duplicate img_path with the same labels", consumer: "mmpretrain", content: ann([...MBASE, MA]), classNum: 3, expect: { outcome: "ok" } },
];

/** Every case, consumer by consumer. */
export const CASES: readonly ConsumerCase[] = [...paddleclas, ...imagelist, ...mmpretrain];

/** A case's unique id: consumer and name. */
export const caseId = (c: ConsumerCase): string => `${c.consumer}: ${c.name}`;
