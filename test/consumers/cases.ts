/**
 * The consumer case corpus: label files in exact bytes, each with what its
 * consumer's real reading code does with it (the fact docs/consumers.md quotes
 * the source for). `conformance.test.ts` runs every case through the consumer's
 * oracle (test/consumers/oracles/) and through labellint, and compares.
 *
 * Every case is pinned three ways:
 *  - `facts`: the ids of the rows of docs/consumers.md's fact tables it models
 *    (the first column of those tables, e.g. `pc.blank-line`). The conformance
 *    test fails when a fact row has no case, or a case names an id the doc does
 *    not have — so a new fact in the doc needs a case, and a case outlives no row.
 *  - `source`: the consumer code it models, as `owner/repo path:lines` at the
 *    commit docs/consumers.md names, or `python: …` (numpy, torch, paddle: …)
 *    for a behaviour of the language or a library that is not mirrored.
 *  - `message`: for every case labellint reports an error or a warning about, a
 *    piece of that finding's message that says what the consumer does.
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
  /** The ids of the fact rows of docs/consumers.md this case models (empty for a clean baseline). */
  facts: readonly string[];
  /**
   * The consumer code the case models: `; `-separated references, each
   * `owner/repo path:lines` (lines as `40-41, 44`) at the commit docs/consumers.md
   * names, or `python: …` / `numpy: …` / `torch: …` / `paddle: …` for language
   * or library behaviour the case relies on.
   */
  source: string;
  /**
   * A substring of some finding's message (or of a fatal error's) that states what
   * the consumer does, for every case labellint reports an error or a warning about;
   * absent when the consumer reads the file as intended and labellint says nothing of it.
   */
  message?: string;
  /** What the consumer does: the oracle must say this. `line` is 1-based, as the consumer counts lines. */
  expect: { outcome: Outcome; stage?: Stage; exception?: string; line?: number };
}

// Where the consumers' reading code is (paths at the commits docs/consumers.md names).
const PC = "PaddlePaddle/PaddleClas ppcls/data/dataloader/multilabel_dataset.py";
const PC_LOSS = "PaddlePaddle/PaddleClas ppcls/loss/multilabelloss.py";
const PC_BATCH = "PaddlePaddle/PaddleClas ppcls/data/__init__.py:150-154, 167-178";
const PC_DECODE = "PaddlePaddle/PaddleClas ppcls/data/preprocess/ops/operators.py:194-196";
const HN = "thuml/HashNet pytorch/src/data_list.py";
const HN_LIST = "thuml/HashNet pytorch/src/train.py:144";
const HN_LOSS = "thuml/HashNet pytorch/src/loss.py:7";
const DH = "swuxyj/DeepHash-pytorch utils/tools.py";
const DH_DSH = "swuxyj/DeepHash-pytorch DSH.py";
const MME = "open-mmlab/mmengine mmengine/dataset/base_dataset.py";
const MM_TEXT = "open-mmlab/mmengine mmengine/fileio/backends/local_backend.py:56-58";
const MM_JOIN = "open-mmlab/mmengine mmengine/fileio/backends/local_backend.py:181";
const MM_JSON = "open-mmlab/mmengine mmengine/fileio/handlers/json_handler.py:27-28";
const MMP_LABEL = "open-mmlab/mmpretrain mmpretrain/structures/utils.py";
const MMP_HEAD = "open-mmlab/mmpretrain mmpretrain/models/heads/multi_label_cls_head.py";
const MMP_PACK = "open-mmlab/mmpretrain mmpretrain/datasets/transforms/formatting.py:141-142";
const MMCV_LOAD = "open-mmlab/mmcv mmcv/transforms/loading.py";

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

/** 12 rows of `width` values, every class positive in at least 4: enough rows for class-count-mismatch to judge the width. */
const twelve = (width: number, sep: "\t" | " "): string[] =>
  Array.from({ length: 12 }, (_, i) => `images/${i}.jpg${sep}${Array.from({ length: width }, (_, j) => ((i + j) % 3 === 0 ? 1 : 0)).join(sep === "\t" ? "," : " ")}`);

const paddleclas: ConsumerCase[] = [
  // Line structure and newlines.
  { name: "a clean LF file", consumer: "paddleclas", content: text(BASE), facts: [], source: `${PC}:34-44`, expect: { outcome: "ok" } },
  { name: "a clean CRLF file", consumer: "paddleclas", content: text(BASE, "\r\n"), facts: ["py.line-ends", "pc.crlf"], source: `python: io.TextIOWrapper universal newlines (\\n, \\r\\n and a lone \\r end a line); ${PC}:34-35`, message: "PaddleClas reads them as line breaks (Python's universal newlines)", expect: { outcome: "ok" } },
  { name: "no final newline", consumer: "paddleclas", content: text(BASE, "\n", false), facts: ["pc.no-final-newline"], source: `python: readlines() returns a last line without its newline; ${PC}:35-37`, message: "tools that count or append lines miss the last row", expect: { outcome: "ok" } },
  { name: "lone CR line endings", consumer: "paddleclas", content: text(BASE, "\r"), facts: ["py.line-ends", "pc.lone-cr"], source: `python: io.TextIOWrapper universal newlines (\\n, \\r\\n and a lone \\r end a line); ${PC}:34-35`, message: "PaddleClas reads a lone CR as a line break", expect: { outcome: "ok" } },
  { name: "mixed LF, CRLF and lone CR", consumer: "paddleclas", content: `${A}\n${B}\r\n${C}\r${D}\n`, facts: ["py.line-ends", "pc.crlf", "pc.lone-cr"], source: `python: io.TextIOWrapper universal newlines (\\n, \\r\\n and a lone \\r end a line); ${PC}:34-35`, message: "PaddleClas reads every one as a line break", expect: { outcome: "ok" } },
  { name: "CR CR LF makes a blank line", consumer: "paddleclas", content: `${A}\r\r\n${B}\n${C}\n${D}\n`, facts: ["py.cr-cr-lf", "pc.cr-cr-lf"], source: `python: universal newlines read \\r\\r\\n as two line ends; ${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: the line has no l[1]", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "blank first line", consumer: "paddleclas", content: text(["", ...BASE]), facts: ["pc.blank-line"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: the line has no l[1]", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "blank line in the middle", consumer: "paddleclas", content: text([A, B, "", C, D]), facts: ["pc.blank-line"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: the line has no l[1]", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "blank line at the end (two final newlines)", consumer: "paddleclas", content: text(BASE) + "\n", facts: ["pc.blank-line"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: the line has no l[1]", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 5 } },
  { name: "blank line in a CRLF file", consumer: "paddleclas", content: text([A, "", B, C, D], "\r\n"), facts: ["pc.blank-line"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: the line has no l[1]", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "whitespace-only line", consumer: "paddleclas", content: text([A, B, "  \t ", C, D]), facts: ["py.strip", "pc.whitespace-line"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list: strip() leaves nothing", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "FS (0x1C) between two rows is not a line break", consumer: "paddleclas", content: `${A}\x1c${B}\n${C}\n${D}\n`, facts: ["py.not-line-ends", "pc.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; ${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "NEL (U+0085) between two rows is not a line break", consumer: "paddleclas", content: `${A}\u0085${B}\n${C}\n${D}\n`, facts: ["py.not-line-ends", "pc.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; ${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "LINE SEPARATOR (U+2028) between two rows is not a line break", consumer: "paddleclas", content: `${A}\n${B}\u2028${C}\n${D}\n`, facts: ["py.not-line-ends", "pc.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; ${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "form feed between two rows is not a line break", consumer: "paddleclas", content: `${A}\f${B}\n${C}\n${D}\n`, facts: ["py.not-line-ends", "pc.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; ${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  // Encoding.
  { name: "UTF-8 BOM", consumer: "paddleclas", content: "\ufeff" + text(BASE), facts: ["py.bom", "pc.bom"], source: `python: open() without utf-8-sig keeps U+FEFF; ${PC}:37-38, 44`, message: "PaddleClas stops with AssertionError while loading the list: the first path starts with U+FEFF", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "UTF-8 BOM in a CRLF file", consumer: "paddleclas", content: "\ufeff" + text(BASE, "\r\n"), facts: ["py.bom", "pc.bom"], source: `python: open() without utf-8-sig keeps U+FEFF; ${PC}:37-38, 44`, message: "PaddleClas stops with AssertionError while loading the list: the first path starts with U+FEFF", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "invalid UTF-8 in a path on line 2", consumer: "paddleclas", content: bytes(A, "\nimages/b", [0xe9], ".jpg\t0,1,1\n", text([C, D])), images: ["images/a.jpg", "images/b\u00e9.jpg", "images/c.jpg", "images/d.jpg"], facts: ["py.invalid-utf8", "pc.invalid-utf8"], source: `python: TextIOWrapper.readlines() decodes the whole file first; ${PC}:34-35`, message: "PaddleClas stops with UnicodeDecodeError while loading the list", expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 2 } },
  { name: "invalid UTF-8 on line 3 of a CRLF file", consumer: "paddleclas", content: bytes(`${A}\r\n${B}\r\n`, "images/c.jpg\t1,1,", [0xff], "\r\n", `${D}\r\n`), facts: ["py.invalid-utf8", "pc.invalid-utf8"], source: `python: TextIOWrapper.readlines() decodes the whole file first; ${PC}:34-35`, message: "PaddleClas stops with UnicodeDecodeError while loading the list", expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 3 } },
  { name: "NUL byte in a path", consumer: "paddleclas", content: text(withRow(1, "images/b\u0000.jpg\t0,1,1")), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], facts: ["py.nul-path", "pc.nul-path"], source: `python: os.path.exists() is False for a path with a NUL; ${PC}:38, 44`, message: "PaddleClas stops with an AssertionError or ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "NUL byte in a label value", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1\u0000,1")), facts: ["py.int", "pc.nul-value"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with an AssertionError or ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  // Lines that are not rows.
  { name: "header row path<TAB>labels", consumer: "paddleclas", content: text(["path\tlabels", ...BASE]), facts: ["pc.header"], source: `${PC}:40-41, 44`, message: "PaddleClas stops with ValueError while loading the list: np.int64('labels') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "header row with class names", consumer: "paddleclas", content: text(["image\tsky,tree,water", ...BASE]), facts: ["pc.header"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('sky') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment line without a TAB", consumer: "paddleclas", content: text(["# NUS-WIDE-SCENE train", ...BASE]), facts: ["pc.comment"], source: `${PC}:37, 40`, message: "PaddleClas has no comments: it stops with IndexError or ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "# commented-out row (reaches the existence assertion)", consumer: "paddleclas", content: text(["#" + A, B, C, D, A]), facts: ["pc.commented-row"], source: `${PC}:38, 40-41, 44`, message: "PaddleClas stops with AssertionError while loading the list (it asserts every image exists)", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 1 } },
  { name: "# comment line in the middle", consumer: "paddleclas", content: text([A, B, "# more rows below", C, D]), facts: ["pc.comment"], source: `${PC}:37, 40`, message: "PaddleClas has no comments: it stops with IndexError or ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  // Whitespace around the line and the fields.
  { name: "leading and trailing spaces on a line", consumer: "paddleclas", content: text(withRow(1, `  ${B}  `)), facts: ["py.strip", "pc.outer-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37`, message: "PaddleClas reads the values as intended (strip() removes it)", expect: { outcome: "ok" } },
  { name: "trailing TAB after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\t`)), facts: ["py.strip", "pc.outer-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37`, message: "PaddleClas reads the values as intended (strip() removes it)", expect: { outcome: "ok" } },
  { name: "trailing NBSP (U+00A0) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\u00a0`)), facts: ["py.strip", "pc.outer-unicode-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37`, message: "PaddleClas reads the values as intended (strip() removes it)", expect: { outcome: "ok" } },
  { name: "leading IDEOGRAPHIC SPACE (U+3000) before the path", consumer: "paddleclas", content: text(withRow(2, `\u3000${C}`)), facts: ["py.strip", "pc.outer-unicode-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37-38`, expect: { outcome: "ok" } },
  { name: "trailing FS (0x1C) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\x1c`)), facts: ["py.strip", "pc.outer-unicode-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37`, message: "PaddleClas reads it as 1 (strip() and np.int64 drop the padding)", expect: { outcome: "ok" } },
  { name: "trailing NEL (U+0085) after the labels", consumer: "paddleclas", content: text(withRow(1, `${B}\u0085`)), facts: ["py.strip", "pc.outer-unicode-space"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37`, expect: { outcome: "ok" } },
  { name: "trailing ZWNBSP (U+FEFF) after the labels is not stripped", consumer: "paddleclas", content: text(withRow(1, `${B}\ufeff`)), facts: ["py.strip", "pc.trailing-zwnbsp"], source: `python: str.strip() keeps U+FEFF and int() rejects it; ${PC}:37, 41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "space before the TAB becomes part of the path", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg \t0,1,1")), facts: ["pc.space-before-tab"], source: `${PC}:37-38, 44`, message: "PaddleClas stops with AssertionError while loading the list", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  // Separators.
  { name: "space instead of TAB on the first line", consumer: "paddleclas", content: text(withRow(0, "images/a.jpg 1,0,1")), facts: ["pc.no-tab"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "space instead of TAB on a later line", consumer: "paddleclas", content: text(withRow(2, "images/c.jpg 1,1,0")), facts: ["pc.no-tab"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "IDEOGRAPHIC SPACE (U+3000) instead of TAB", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\u30000,1,1")), facts: ["pc.no-tab"], source: `${PC}:37, 40`, message: "PaddleClas stops with IndexError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "a second TAB with an extra field (ignored)", consumer: "paddleclas", content: text(withRow(1, `${B}\tdaytime`)), facts: ["pc.extra-field"], source: `${PC}:37-41`, message: "PaddleClas ignores everything after the second TAB", expect: { outcome: "ok" } },
  { name: "two TABs between path and labels", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t\t0,1,1")), facts: ["pc.two-tabs"], source: `${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "two TABs on every row: no row has a label field to infer C from", consumer: "paddleclas", content: text(BASE.map((row) => row.replace("\t", "\t\t"))), facts: ["pc.two-tabs"], source: `${PC}:37, 40-41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "trailing comma", consumer: "paddleclas", content: text(withRow(1, `${B},`)), facts: ["pc.empty-value"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "empty value 0,,1", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,,1")), facts: ["pc.empty-value"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "space after each comma (0, 1, 1)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0, 1, 1")), facts: ["py.int", "pc.comma-space"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:40-41`, message: "PaddleClas reads the values as intended (np.int64 ignores the spaces)", expect: { outcome: "ok" } },
  { name: "fullwidth comma (U+FF0C) as value separator", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0\uff0c1\uff0c1")), facts: ["pc.lookalike-separator"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "IDEOGRAPHIC SPACE (U+3000) as value separator", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0\u30001\u30001")), facts: ["pc.lookalike-separator"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "labels wrapped in brackets [0,1,1]", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t[0,1,1]")), facts: ["pc.brackets"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('[0') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  // Values.
  { name: "value 1.0", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1.0,1")), facts: ["py.int", "pc.not-integer"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('1.0') is not an integer", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 1.0 on the first line", consumer: "paddleclas", content: text(withRow(0, "images/a.jpg\t1.0,0,1")), facts: ["py.int", "pc.not-integer"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('1.0') is not an integer", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "trailing comma on the first line of a CRLF file", consumer: "paddleclas", content: text(withRow(0, `${A},`), "\r\n"), facts: ["pc.empty-value"], source: `${PC}:40-41`, message: "PaddleClas stops with ValueError while loading the list", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "value +1", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,+1,1")), facts: ["py.int", "pc.int-syntax"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas reads it as 1", expect: { outcome: "ok" } },
  { name: "value 01", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,01,1")), facts: ["py.int", "pc.int-syntax"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas reads it as 1", expect: { outcome: "ok" } },
  { name: "value 1_0 parses as ten", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1_0,1")), facts: ["py.int", "pc.underscore-ten"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41; ${PC_LOSS}:46-47`, message: "PaddleClas reads it and trains on a target of", expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value 0_1 parses as one", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,0_1,1")), facts: ["py.int", "pc.int-syntax"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas reads it as 1 (Python's int() skips underscores)", expect: { outcome: "ok" } },
  { name: "fullwidth digit one (U+FF11)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,\uff11,1")), facts: ["py.int", "pc.int-syntax"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas reads it as 1 (np.int64 takes digits of any script)", expect: { outcome: "ok" } },
  { name: "Arabic-Indic digit one (U+0661)", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,\u0661,1")), facts: ["py.int", "pc.int-syntax"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas reads it as 1 (np.int64 takes digits of any script)", expect: { outcome: "ok" } },
  { name: "value true", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,true,1")), facts: ["py.int", "pc.not-integer"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('true') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value x", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,x,1")), facts: ["py.int", "pc.not-integer"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('x') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 0.5", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,0.5,1")), facts: ["py.int", "pc.not-integer"], source: `python: int() syntax, which np.int64(str) shares; ${PC}:41`, message: "PaddleClas stops with ValueError while loading the list: np.int64('0.5') is not an integer", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value 2", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,2,1")), facts: ["pc.two"], source: `${PC}:41, 55; ${PC_LOSS}:46-47`, message: "PaddleClas reads it and trains on a target of 2 without complaint", expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value -1 without weight_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-1,0,1")), facts: ["pc.minus-one"], source: `${PC_LOSS}:46-47, 49-53`, message: "PaddleClas trains on -1 targets, for which binary cross-entropy is unbounded", expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "value -1 masked by weight_ratio with label_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-1,0,1")), labelRatio: true, weightRatio: true, facts: ["pc.minus-one-masked"], source: `${PC_LOSS}:40-41, 52; ${PC}:45-46, 56-57`, message: "masks -1 targets, so here -1 means 'not annotated'", expect: { outcome: "ok" } },
  { name: "value -2 is masked by weight_ratio too", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t-2,0,1")), labelRatio: true, weightRatio: true, facts: ["pc.minus-one-masked"], source: `${PC_LOSS}:52`, message: "masks targets of -1 and below, so this class is left out of the row's loss", expect: { outcome: "ok" } },
  { name: "value 2 is not masked by weight_ratio", consumer: "paddleclas", content: text(withRow(3, "images/d.jpg\t2,0,1")), labelRatio: true, weightRatio: true, facts: ["pc.two-masked"], source: `${PC_LOSS}:6-12, 50-52`, message: "PaddleClas reads it and trains on a target of 2 without complaint", expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "weight_ratio without label_ratio (2-D targets)", consumer: "paddleclas", content: text(BASE), weightRatio: true, configOnly: "target-rank-mismatch, a config finding", facts: ["pc.weight-ratio-2d"], source: `${PC_LOSS}:40-41; ${PC}:55-59`, expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  // Widths.
  { name: "label_ratio on a clean file", consumer: "paddleclas", content: text(BASE), labelRatio: true, facts: [], source: `${PC}:45-46, 56-57`, expect: { outcome: "ok" } },
  { name: "a row shorter than C", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1")), facts: ["pc.ragged"], source: `${PC}:55; ${PC_BATCH}; paddle: default_collate_fn np.stack()s each field`, message: "PaddleClas loads it, then fails when the batch is stacked", expect: { outcome: "crash", stage: "batch", exception: "ValueError", line: 2 } },
  { name: "a row longer than C", consumer: "paddleclas", content: text(withRow(2, "images/c.jpg\t1,1,0,1")), facts: ["pc.ragged"], source: `${PC}:55; ${PC_BATCH}; paddle: default_collate_fn np.stack()s each field`, message: "PaddleClas loads it, then fails when the batch is stacked", expect: { outcome: "crash", stage: "batch", exception: "ValueError", line: 3 } },
  { name: "a row shorter than C with label_ratio", consumer: "paddleclas", content: text(withRow(1, "images/b.jpg\t0,1")), labelRatio: true, facts: ["pc.ragged-label-ratio"], source: `${PC}:45-46; numpy: np.array() of ragged lists raises ValueError (numpy >= 1.24)`, message: "or while loading with label_ratio", expect: { outcome: "crash", stage: "load", exception: "ValueError" } },
  { name: "every row wider than class_num", consumer: "paddleclas", content: text(BASE.map((r) => r + ",0")), classNum: 3, facts: ["pc.class-num"], source: `${PC_LOSS}:46-47; paddle: binary_cross_entropy_with_logits checks that logit and label shapes match`, message: "while the model outputs", expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  { name: "every row narrower than class_num", consumer: "paddleclas", content: text(BASE), classNum: 4, facts: ["pc.class-num"], source: `${PC_LOSS}:46-47; paddle: binary_cross_entropy_with_logits checks that logit and label shapes match`, message: "while the model outputs", expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  { name: "every row wider than class_num, in a list of 12 rows", consumer: "paddleclas", content: text(twelve(4, "\t")), classNum: 3, facts: ["pc.class-num"], source: `${PC_LOSS}:46-47; paddle: binary_cross_entropy_with_logits checks that logit and label shapes match`, message: "the targets are [B, 4] while the model outputs [B, 3]", expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  { name: "width differs from class_num with label_ratio", consumer: "paddleclas", content: text(BASE), classNum: 4, labelRatio: true, facts: ["pc.class-num"], source: `${PC}:45-46, 56-57; ${PC_LOSS}:42-43, 46-47`, message: "while the model outputs", expect: { outcome: "crash", stage: "loss", exception: "ValueError" } },
  // Paths and images.
  { name: "backslash path (the image is at images/b.jpg)", consumer: "paddleclas", content: text(withRow(1, "images\\b.jpg\t0,1,1")), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], facts: ["pc.backslash"], source: `${PC}:38, 44`, message: "on Linux '\\' is part of the file name, so os.path.exists fails: PaddleClas stops with AssertionError while loading the list", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "absolute path to an existing image (os.path.join drops the root)", consumer: "paddleclas", content: text(withRow(1, "@ROOT@/images/b.jpg\t0,1,1")), facts: ["py.join-absolute", "pc.absolute"], source: `python: os.path.join drops the root before an absolute path; ${PC}:38, 44`, message: "PaddleClas's os.path.join drops the image root and reads the file where the path points", expect: { outcome: "ok" } },
  { name: "absolute path outside the image root that does not exist", consumer: "paddleclas", content: text(withRow(1, "/nonexistent-labellint/b.jpg\t0,1,1")), facts: ["py.join-absolute", "pc.absolute-missing"], source: `python: os.path.join drops the root before an absolute path; ${PC}:38, 44`, message: "PaddleClas's os.path.join drops the image root", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "missing image", consumer: "paddleclas", content: text(BASE), images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], facts: ["pc.missing-image"], source: `${PC}:44`, message: "PaddleClas stops with AssertionError while loading the list (it asserts every image exists)", expect: { outcome: "crash", stage: "load", exception: "AssertionError", line: 2 } },
  { name: "undecodable image (swapped for a random sample)", consumer: "paddleclas", content: text(BASE), undecodable: ["images/b.jpg"], facts: ["pc.undecodable"], source: `${PC_DECODE}; ${PC}:52-54, 61-65`, message: "PaddleClas's __getitem__ catches the decode error, logs it and trains on a random other sample", expect: { outcome: "silent", stage: "batch", line: 2 } },
  { name: "a path that is a directory passes the assertion, then is swapped", consumer: "paddleclas", content: text(withRow(1, "images\t0,1,1")), images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], facts: ["pc.directory"], source: `${PC}:44, 50-51, 61-65`, message: "PaddleClas's __getitem__ fails to read it and trains on a random other sample instead", expect: { outcome: "silent", stage: "batch", line: 2 } },
  { name: "empty path (strip removes the leading TAB)", consumer: "paddleclas", content: text(withRow(1, "\t0,1,1")), facts: ["py.strip", "pc.empty-path"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37, 40`, message: "PaddleClas's strip() removes the leading TAB, reads the labels as the path and stops with IndexError while loading the list", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "a TAB before the path, then path<TAB>labels (strip removes it)", consumer: "paddleclas", content: text(withRow(1, `\t${B}`)), facts: ["py.strip", "pc.empty-path"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37-41`, message: "PaddleClas's strip() removes it and reads the row as intended", expect: { outcome: "ok" } },
  { name: "TABs and spaces before the path of every row", consumer: "paddleclas", content: text(BASE.map((row) => ` \t\t${row}`)), facts: ["py.strip", "pc.empty-path"], source: `python: str.strip() removes every str.isspace() character; ${PC}:37-41`, message: "PaddleClas's strip() removes it and reads the row as intended", expect: { outcome: "ok" } },
  { name: "duplicate path with the same labels", consumer: "paddleclas", content: text([...BASE, A]), facts: ["pc.duplicate"], source: `${PC}:36-43`, message: "it counts twice in training", expect: { outcome: "ok" } },
  { name: "duplicate path with different labels", consumer: "paddleclas", content: text([...BASE, "images/a.jpg\t0,1,1"]), facts: ["pc.conflict"], source: `${PC}:36-43`, message: "PaddleClas trains on both rows as written: two answers for one image", expect: { outcome: "ok" } },
];

const imagelist: ConsumerCase[] = [
  { name: "a clean list", consumer: "hashnet", content: text(SBASE), facts: [], source: `${HN_LIST}; ${HN}:17-18`, expect: { outcome: "ok" } },
  { name: "a clean CRLF list", consumer: "hashnet", content: text(SBASE, "\r\n"), facts: ["py.line-ends", "il.line-ends"], source: `python: io.TextIOWrapper universal newlines (\\n, \\r\\n and a lone \\r end a line); ${HN}:17-18`, message: "ImageList reads them as line breaks", expect: { outcome: "ok" } },
  { name: "lone CR line endings", consumer: "hashnet", content: text(SBASE, "\r"), facts: ["py.line-ends", "il.line-ends"], source: `python: io.TextIOWrapper universal newlines (\\n, \\r\\n and a lone \\r end a line); ${HN_LIST}; ${HN}:17-18`, message: "ImageList reads a lone CR as a line break", expect: { outcome: "ok" } },
  { name: "no final newline", consumer: "hashnet", content: text(SBASE, "\n", false), facts: ["il.line-ends"], source: `python: readlines() returns a last line without its newline; ${HN}:18`, message: "tools that count or append lines miss the last row", expect: { outcome: "ok" } },
  { name: "empty file", consumer: "hashnet", content: "", facts: ["il.empty-file"], source: `${HN}:17`, message: "HashNet's make_dataset stops with IndexError on image_list[0]", expect: { outcome: "crash", stage: "load", exception: "IndexError" } },
  { name: "blank first line", consumer: "hashnet", content: text(["", ...SBASE]), facts: ["il.blank-line"], source: `${HN}:17, 20`, message: "ImageList stops with IndexError while the dataset is built: split() of a blank line has no path", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "blank line in the middle", consumer: "hashnet", content: text([SA, SB, "", SC, SD]), facts: ["il.blank-line"], source: `${HN}:18`, message: "ImageList stops with IndexError while the dataset is built: split() of a blank line has no path", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 3 } },
  { name: "blank line at the end", consumer: "hashnet", content: text(SBASE) + "\n", facts: ["il.blank-line"], source: `${HN}:18`, message: "ImageList stops with IndexError while the dataset is built: split() of a blank line has no path", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 5 } },
  { name: "whitespace-only line", consumer: "hashnet", content: text([SA, " \t ", SB, SC, SD]), facts: ["il.blank-line"], source: `${HN}:18`, message: "ImageList stops with IndexError while the dataset is built: split() of a blank line has no path", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 2 } },
  { name: "UTF-8 BOM (kept in the first path)", consumer: "hashnet", content: "\ufeff" + text(SBASE), facts: ["py.bom", "il.bom"], source: `python: open() without utf-8-sig keeps U+FEFF; ${HN}:18, 24-28, 88-89`, message: "ImageList keeps U+FEFF at the start of the first path: when the sample is first loaded, opening the image fails with FileNotFoundError", expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 1 } },
  { name: "invalid UTF-8", consumer: "hashnet", content: bytes(`${SA}\n`, "images/b.jpg 0 1 1", [0xc3], "\n", text([SC, SD])), facts: ["py.invalid-utf8", "il.invalid-utf8"], source: `python: TextIOWrapper.readlines() decodes the whole file first; ${HN_LIST}`, message: "ImageList stops with UnicodeDecodeError before training", expect: { outcome: "crash", stage: "load", exception: "UnicodeDecodeError", line: 2 } },
  { name: "header row", consumer: "hashnet", content: text(["path sky tree water", ...SBASE]), facts: ["il.header"], source: `${HN}:17-18`, message: "ImageList stops with ValueError while the dataset is built: int('sky') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment first line switches to single-label mode", consumer: "hashnet", content: text(["# list", ...SBASE]), facts: ["il.comment"], source: `${HN}:17, 20`, message: "ImageList has no comments: it stops with ValueError while the dataset is built", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "# comment line in the middle", consumer: "hashnet", content: text([SA, SB, "# more below", SC, SD]), facts: ["il.comment"], source: `${HN}:17-18`, message: "ImageList has no comments: it stops with ValueError while the dataset is built", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 3 } },
  { name: "TABs instead of spaces", consumer: "hashnet", content: text(SBASE.map((r) => r.replace(/ /g, "\t"))), facts: ["py.split", "il.unicode-space"], source: `python: str.split() splits on every str.isspace() character; ${HN}:17-18`, message: "ImageList reads the values as intended (split() takes any run of whitespace)", expect: { outcome: "ok" } },
  { name: "IDEOGRAPHIC SPACE (U+3000) separators", consumer: "hashnet", content: text(withRow(1, "images/b.jpg\u30000\u30001\u30001", SBASE)), facts: ["py.split", "il.unicode-space"], source: `python: str.split() splits on every str.isspace() character; ${HN}:17-18`, message: "ImageList reads the values as intended (Python's split() splits on every Unicode space)", expect: { outcome: "ok" } },
  { name: "NBSP (U+00A0) separators", consumer: "hashnet", content: text(withRow(1, "images/b.jpg\u00a00\u00a01\u00a01", SBASE)), facts: ["py.split", "il.unicode-space"], source: `python: str.split() splits on every str.isspace() character; ${HN}:17-18`, message: "ImageList reads the values as intended (Python's split() splits on every Unicode space)", expect: { outcome: "ok" } },
  { name: "FS (0x1C) and VT (0x0B) between values", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0\x1c1\x0b1", SBASE)), facts: ["py.split", "il.unicode-space"], source: `python: str.split() splits on every str.isspace() character; ${HN}:17-18`, message: "ImageList reads the values as intended (split() takes any run of whitespace)", expect: { outcome: "ok" } },
  { name: "NEL (U+0085) between two rows joins them", consumer: "hashnet", content: `${SA}\u0085${SB}\n${SC}\n${SD}\n`, facts: ["py.not-line-ends", "py.split", "il.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; python: str.split() splits on every str.isspace() character; ${HN}:18`, message: "ImageList stops with ValueError while the dataset is built", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "FS (0x1C) between two rows joins them", consumer: "hashnet", content: `${SA}\n${SB}\x1c${SC}\n${SD}\n`, facts: ["py.not-line-ends", "py.split", "il.joined-rows"], source: `python: readlines() ends a line only at \\n, \\r\\n and \\r; python: str.split() splits on every str.isspace() character; ${HN}:18`, message: "ImageList stops with ValueError while the dataset is built", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "comma-separated labels on the first line (single-label mode)", consumer: "hashnet", content: text(withRow(0, "images/a.jpg 1,0,1", SBASE)), facts: ["il.comma-first"], source: `${HN}:17, 20`, message: "ImageList stops with ValueError while the dataset is built: split() keeps '1,0,1' as one value, which int() rejects", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 1 } },
  { name: "comma-separated labels on a later line", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1,1,0", SBASE)), facts: ["il.comma-later"], source: `${HN}:17-18`, message: "ImageList stops with ValueError while the dataset is built: split() keeps '1,1,0' as one value, which int() rejects", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 3 } },
  { name: "a short first row switches every row to one class index", consumer: "hashnet", content: text(withRow(0, "images/a.jpg 1", SBASE)), facts: ["il.single-label-mode"], source: `${HN}:17, 20; ${HN_LOSS}`, message: "HashNet", expect: { outcome: "crash", stage: "loss", exception: "RuntimeError", line: 1 } },
  { name: "a row shorter than C", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1 1", SBASE)), facts: ["il.ragged"], source: `${HN}:18, 88-95; torch: default_collate stacks the per-sample label arrays`, message: "ImageList reads it, then the DataLoader fails to stack targets of different widths into a batch", expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 3 } },
  { name: "a row longer than C", consumer: "hashnet", content: text(withRow(2, "images/c.jpg 1 1 0 1", SBASE)), facts: ["il.ragged"], source: `${HN}:18, 88-95; torch: default_collate stacks the per-sample label arrays`, message: "ImageList reads it, then the DataLoader fails to stack targets of different widths into a batch", expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 3 } },
  { name: "value 1.0", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 1.0 1", SBASE)), facts: ["py.int", "il.not-integer"], source: `python: int() syntax; ${HN}:18`, message: "ImageList stops with ValueError while the dataset is built: int('1.0') is not an integer", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value +1", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 +1 1", SBASE)), facts: ["py.int", "il.int-syntax"], source: `python: int() syntax; ${HN}:18`, message: "ImageList reads it as 1", expect: { outcome: "ok" } },
  { name: "value 01", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 01 1", SBASE)), facts: ["py.int", "il.int-syntax"], source: `python: int() syntax; ${HN}:18`, message: "ImageList reads it as 1", expect: { outcome: "ok" } },
  { name: "value 1_0 parses as ten", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 1_0 1", SBASE)), facts: ["py.int", "il.underscore-ten"], source: `python: int() syntax; ${HN}:18; ${HN_LOSS}`, message: "ImageList reads it and trains on a label of", expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "fullwidth digit one (U+FF11)", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 \uff11 1", SBASE)), facts: ["py.int", "il.int-syntax"], source: `python: int() syntax; ${HN}:18`, message: "ImageList reads it as 1 (int() takes digits of any script)", expect: { outcome: "ok" } },
  { name: "value true", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 true 1", SBASE)), facts: ["py.int", "il.not-integer"], source: `python: int() syntax; ${HN}:18`, message: "ImageList stops with ValueError while the dataset is built: int('true') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "value -1", consumer: "hashnet", content: text(withRow(3, "images/d.jpg -1 0 1", SBASE)), facts: ["il.non-binary"], source: `${HN}:18; ${HN_LOSS}`, message: "ImageList reads -1 as a label value", expect: { outcome: "silent", stage: "loss", line: 4 } },
  { name: "value 2", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 2 1", SBASE)), facts: ["il.non-binary"], source: `${HN}:18; ${HN_LOSS}`, message: "ImageList reads it and trains on a label of 2 without complaint", expect: { outcome: "silent", stage: "loss", line: 2 } },
  { name: "value x", consumer: "hashnet", content: text(withRow(1, "images/b.jpg 0 x 1", SBASE)), facts: ["py.int", "il.not-integer"], source: `python: int() syntax; ${HN}:18`, message: "ImageList stops with ValueError while the dataset is built: int('x') is not a number", expect: { outcome: "crash", stage: "load", exception: "ValueError", line: 2 } },
  { name: "missing image", consumer: "hashnet", content: text(SBASE), images: ["images/a.jpg", "images/b.jpg", "images/d.jpg"], facts: ["il.missing-image"], source: `${HN}:24-28, 88-89`, message: "when the sample is first loaded, opening the image fails with FileNotFoundError and training stops", expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 3 } },
  { name: "undecodable image", consumer: "hashnet", content: text(SBASE), undecodable: ["images/c.jpg"], facts: ["il.undecodable"], source: `${HN}:24-28, 88-89`, message: "PIL cannot decode it: training stops when the sample is first loaded", expect: { outcome: "crash", stage: "batch", exception: "UnidentifiedImageError", line: 3 } },
  { name: "backslash path", consumer: "hashnet", content: text(withRow(1, "images\\b.jpg 0 1 1", SBASE)), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], facts: ["il.missing-image"], source: `${HN}:24-28, 88-89`, message: "on Linux '\\' is part of the file name: when the sample is first loaded, opening the image fails with FileNotFoundError", expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError", line: 2 } },
  { name: "duplicate path with the same labels", consumer: "hashnet", content: text([...SBASE, SA]), facts: ["il.duplicate"], source: `${HN}:18`, message: "it counts twice in training", expect: { outcome: "ok" } },
  { name: "absolute path to an existing image (opened where it points)", consumer: "hashnet", content: text(withRow(1, "@ROOT@/images/b.jpg 0 1 1", SBASE)), facts: ["il.absolute"], source: `${HN}:18, 24-28`, message: "HashNet opens it where it points", expect: { outcome: "ok" } },
  { name: "every row one value wider than meant: HashNet has no class count", consumer: "hashnet", content: text(SBASE.map((r, i) => `${r} ${i % 2}`)), facts: ["il.hashnet-width"], source: `${HN}:17-18; ${HN_LOSS}`, expect: { outcome: "ok" } },
  { name: "a clean list", consumer: "deephash", content: text(SBASE), classNum: 3, facts: [], source: `${DH}:51, 185-188`, expect: { outcome: "ok" } },
  { name: "blank first line (no first-line mode switch)", consumer: "deephash", content: text(["", ...SBASE]), facts: ["il.blank-line"], source: `${DH}:51`, message: "ImageList stops with IndexError while the dataset is built", expect: { outcome: "crash", stage: "load", exception: "IndexError", line: 1 } },
  { name: "a short first row is just a short row", consumer: "deephash", content: text(withRow(0, "images/a.jpg 1", SBASE)), facts: ["il.ragged"], source: `${DH}:51, 54-58; torch: default_collate stacks the per-sample label arrays`, message: "ImageList reads it, then the DataLoader fails to stack targets of different widths into a batch", expect: { outcome: "crash", stage: "batch", exception: "RuntimeError", line: 1 } },
  { name: "every row narrower than n_class", consumer: "deephash", content: text(SBASE), classNum: 4, facts: ["il.n-class"], source: `${DH_DSH}:56, 60`, message: "while the model outputs", expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "every row narrower than n_class, in a list of 12 rows", consumer: "deephash", content: text(twelve(3, " ")), classNum: 4, facts: ["il.n-class"], source: `${DH_DSH}:56, 60`, message: "the targets are [B, 3] while the model outputs [B, 4]", expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "absolute path is appended to data_path", consumer: "deephash", content: text(withRow(1, "/images/b.jpg 0 1 1", SBASE)), images: ["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/d.jpg"], classNum: 3, facts: ["il.absolute"], source: `${DH}:33, 51`, message: "DeepHash-pytorch appends it to its data_path", expect: { outcome: "ok" } },
  { name: "value -1", consumer: "deephash", content: text(withRow(3, "images/d.jpg -1 0 1", SBASE)), classNum: 3, facts: ["il.non-binary"], source: `${DH}:51; ${DH_DSH}:60, 63`, message: "ImageList reads -1 as a label value", expect: { outcome: "silent", stage: "loss", line: 4 } },
];

const mmpretrain: ConsumerCase[] = [
  { name: "a clean annotation file", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, facts: [], source: `${MME}:435-455; ${MMP_LABEL}:151-153`, expect: { outcome: "ok" } },
  { name: "classes from metainfo when no class count is given", consumer: "mmpretrain", content: ann(MBASE), facts: [], source: `${MME}:448-449; ${MMP_HEAD}:93-100`, expect: { outcome: "ok" } },
  { name: "index out of range", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 3] })), classNum: 3, facts: ["mm.out-of-range"], source: `${MMP_LABEL}:151-153; ${MMP_HEAD}:98-100`, message: "F.one_hot raises when the head builds the targets, and training stops", expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "negative index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [-1, 2] })), classNum: 3, facts: ["mm.negative"], source: `${MMP_LABEL}:151-153; ${MMP_HEAD}:98-100`, message: "F.one_hot", expect: { outcome: "crash", stage: "loss", exception: "RuntimeError" } },
  { name: "repeated index makes a 2 in the target", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 2, 2] })), classNum: 3, facts: ["mm.repeated"], source: `${MMP_LABEL}:151-153`, message: "mmpretrain sums one-hot rows (F.one_hot(...).sum(0)), so the target holds 2 for that class and the loss trains on it", expect: { outcome: "silent", stage: "loss" } },
  { name: "non-integer index is truncated", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, 2.5] })), classNum: 3, facts: ["mm.truncated"], source: `${MMP_LABEL}:43-44`, message: "trains on", expect: { outcome: "silent", stage: "loss" } },
  { name: "integral float index 2.0", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [1, "@2.0@"] })).replace('"@2.0@"', "2.0"), classNum: 3, facts: ["mm.integral-float"], source: `${MMP_LABEL}:43-44`, expect: { outcome: "ok" } },
  { name: "boolean index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [true, 2] })), classNum: 3, facts: ["mm.bool"], source: `${MMP_LABEL}:43-44`, message: "trains on", expect: { outcome: "silent", stage: "loss" } },
  { name: "string index", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: ["1", "2"] })), classNum: 3, facts: ["mm.string-index"], source: `${MMP_LABEL}:43-44; ${MMP_PACK}`, message: "mmpretrain stops while loading the annotation file, or when the entry is used", expect: { outcome: "crash", stage: "batch", exception: "ValueError" } },
  { name: "nested index list", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: [[1, 2]] })), classNum: 3, facts: ["mm.nested"], source: `${MMP_LABEL}:43-44, 49-50`, message: "mmpretrain stops while loading the annotation file, or when the entry is used", expect: { outcome: "crash", stage: "batch", exception: "AssertionError" } },
  { name: "null gt_label", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg", gt_label: null })), classNum: 3, facts: ["mm.gt-label-type"], source: `${MMP_LABEL}:41-48; ${MMP_PACK}`, message: "mmpretrain stops while loading the annotation file, or when the entry is used", expect: { outcome: "crash", stage: "batch", exception: "TypeError" } },
  { name: "a single int gt_label", consumer: "mmpretrain", content: ann(mWith(3, { img_path: "images/d.jpg", gt_label: 2 })), classNum: 3, facts: ["mm.single-int"], source: `${MMP_LABEL}:45-46`, expect: { outcome: "ok" } },
  { name: "an empty gt_label (no positive)", consumer: "mmpretrain", content: ann([...MBASE, { img_path: "images/e.jpg", gt_label: [] }]), classNum: 3, facts: ["mm.empty-list"], source: `${MMP_LABEL}:43-44, 151-153`, message: "a true negative, or an annotation that was lost", expect: { outcome: "ok" } },
  { name: "missing gt_label", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "images/b.jpg" })), classNum: 3, facts: ["mm.no-gt-label"], source: `${MMP_PACK}; ${MMP_HEAD}:98-99`, message: "mmpretrain stops while loading the annotation file, or when the entry is used", expect: { outcome: "crash", stage: "loss", exception: "AttributeError" } },
  { name: "missing metainfo.classes", consumer: "mmpretrain", content: ann(MBASE, {}), classNum: 3, facts: ["mm.no-classes"], source: `${MME}:442-449; ${MMP_HEAD}:93`, expect: { outcome: "ok" } },
  { name: "top level is a list, not an object", consumer: "mmpretrain", content: JSON.stringify(MBASE, null, 1) + "\n", classNum: 3, facts: ["mm.not-object"], source: `${MME}:435-438`, message: "mmpretrain stops while loading the annotation file", expect: { outcome: "crash", stage: "load", exception: "TypeError" } },
  { name: "missing metainfo", consumer: "mmpretrain", content: JSON.stringify({ data_list: MBASE }, null, 1) + "\n", classNum: 3, facts: ["mm.no-metainfo"], source: `${MME}:439-441`, message: "mmpretrain stops while loading the annotation file", expect: { outcome: "crash", stage: "load", exception: "ValueError" } },
  { name: "missing img_path", consumer: "mmpretrain", content: ann(mWith(1, { gt_label: [1, 2] })), classNum: 3, facts: ["mm.no-img-path"], source: `${MME}:335-338`, message: "mmpretrain stops while loading the annotation file", expect: { outcome: "crash", stage: "load", exception: "AssertionError" } },
  { name: "UTF-8 BOM", consumer: "mmpretrain", content: "\ufeff" + ann(MBASE), classNum: 3, facts: ["mm.bom"], source: `${MM_TEXT}; ${MM_JSON}; python: json.loads() rejects a leading U+FEFF`, message: "Python's json module refuses a document that starts with U+FEFF: mmpretrain stops while loading the annotation file", expect: { outcome: "crash", stage: "load", exception: "JSONDecodeError", line: 1 } },
  { name: "trailing comma in the JSON", consumer: "mmpretrain", content: '{"metainfo": {"classes": ["sky", "tree", "water"]},\n "data_list": [\n  {"img_path": "images/a.jpg", "gt_label": [0, 2]},\n  {"img_path": "images/b.jpg", "gt_label": [1, 2]},\n ]}\n', classNum: 3, facts: ["mm.invalid-json"], source: `${MM_JSON}`, message: "mmpretrain stops while loading the annotation file", expect: { outcome: "crash", stage: "load", exception: "JSONDecodeError", line: 5 } },
  { name: "missing image", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, images: ["images/a.jpg", "images/c.jpg", "images/d.jpg"], facts: ["mm.missing-image"], source: `${MMCV_LOAD}:92-107`, message: "loading the image fails when the sample is first used, and training stops", expect: { outcome: "crash", stage: "batch", exception: "FileNotFoundError" } },
  { name: "undecodable image", consumer: "mmpretrain", content: ann(MBASE), classNum: 3, undecodable: ["images/c.jpg"], facts: ["mm.undecodable"], source: `${MMCV_LOAD}:101-102, 110`, message: "decoding fails when the sample is first used, and training stops", expect: { outcome: "crash", stage: "batch", exception: "AssertionError" } },
  { name: "empty img_path names the image directory", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "", gt_label: [1, 2] })), classNum: 3, facts: ["mm.empty-img-path"], source: `${MME}:339-340; ${MMCV_LOAD}:92-107`, message: "loading it fails when the sample is first used", expect: { outcome: "crash", stage: "batch", exception: "IsADirectoryError" } },
  { name: "class list longer than num_classes, indices in range", consumer: "mmpretrain", content: ann(MBASE, { classes: ["sky", "tree", "water", "snow"] }), classNum: 3, facts: ["mm.classes-count"], source: `${MME}:448-449; ${MMP_HEAD}:93`, expect: { outcome: "ok" } },
  { name: "absolute img_path (os.path.join drops the prefix)", consumer: "mmpretrain", content: ann(mWith(1, { img_path: "@ROOT@/images/b.jpg", gt_label: [1, 2] })), classNum: 3, facts: ["py.join-absolute", "mm.absolute"], source: `python: os.path.join drops the root before an absolute path; ${MME}:339-340; ${MM_JOIN}`, message: "os.path.join drops data_prefix, so the image is read where the path points", expect: { outcome: "ok" } },
  { name: "duplicate img_path with the same labels", consumer: "mmpretrain", content: ann([...MBASE, MA]), classNum: 3, facts: ["mm.duplicate"], source: `${MME}:453-459`, message: "it counts twice in training", expect: { outcome: "ok" } },
];

/** Every case, consumer by consumer. */
export const CASES: readonly ConsumerCase[] = [...paddleclas, ...imagelist, ...mmpretrain];

/** A case's unique id: consumer and name. */
export const caseId = (c: ConsumerCase): string => `${c.consumer}: ${c.name}`;
