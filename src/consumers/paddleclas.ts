import type { Consumer } from "./types.js";

const LOAD = "PaddleClas stops with";
const WHILE_LOADING = "while loading the list";

/**
 * PaddleClas `MultiLabelDataset._load_anno` (ppcls/data/dataloader/multilabel_dataset.py):
 * `open()` in text mode (UTF-8, universal newlines), `l.strip().split("\t")`,
 * path `l[0]`, labels `l[1].split(",")` each through `np.int64`, fields after
 * `l[1]` ignored, `assert os.path.exists(...)` for every image while loading;
 * widths and values are not checked until batching or the loss, and
 * `__getitem__` swaps in a random other sample when an image fails to decode.
 * docs/consumers.md quotes the code line by line.
 */
export const paddleclasConsumer: Consumer = {
  id: "paddleclas",
  name: "PaddleClas",
  title: "PaddleClas MultiLabelDataset",
  source: "PaddlePaddle/PaddleClas ppcls/data/dataloader/multilabel_dataset.py",
  reads: "paddleclas",
  values: "np.int64(text): Python int() syntax (surrounding whitespace, a sign, leading zeros, digits of any script); no decimals, no words",
  effects: {
    "invalid-encoding/utf8": { severity: "error", consequence: `${LOAD} UnicodeDecodeError ${WHILE_LOADING} (it is opened as UTF-8 text)` },
    "invalid-encoding/nul": { severity: "error", consequence: `${LOAD} an AssertionError or ValueError ${WHILE_LOADING} (no path with a NUL exists; np.int64 rejects one)` },
    "bom/bom": { severity: "error", consequence: `${LOAD} AssertionError ${WHILE_LOADING}: the first path starts with U+FEFF, so os.path.exists fails for it` },
    "line-ending/crlf": { severity: "warn", consequence: "PaddleClas reads them as line breaks (Python's universal newlines), but tools that split on '\\n' keep '\\r' in the last label" },
    "line-ending/mixed": { severity: "warn", consequence: "PaddleClas reads every one as a line break, but other tools may not" },
    "line-ending/cr": { severity: "warn", consequence: "PaddleClas reads a lone CR as a line break (Python's universal newlines), but wc, awk, grep and most loaders outside Python see one long line" },
    "line-ending/noFinalNewline": { severity: "warn" },
    "blank-line/empty": { severity: "error", consequence: `${LOAD} IndexError ${WHILE_LOADING}: the line has no l[1]` },
    "blank-line/whitespace": { severity: "error", consequence: `${LOAD} IndexError ${WHILE_LOADING}: strip() leaves nothing, so there is no l[1]` },
    "line-too-long/tooLong": { severity: "error" },
    "header-row/header": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{first}}') is not a number` },
    "header-row/headerNames": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{first}}') is not a number` },
    "comment-line/comment": { severity: "error", consequence: `PaddleClas has no comments: it stops with IndexError or ValueError ${WHILE_LOADING}` },
    "no-rows/empty": { severity: "error", consequence: "PaddleClas builds a dataset of 0 samples: the DataLoader yields no batch, so nothing is trained or evaluated" },
    "no-rows/noRows": { severity: "error", consequence: "PaddleClas stops on the first of those lines while loading the list, or builds a dataset of 0 samples" },
    "missing-separator/noTab": { severity: "error", consequence: `${LOAD} IndexError ${WHILE_LOADING}: split("\\t") finds no l[1]` },
    "missing-separator/noLabels": { severity: "error", consequence: `${LOAD} IndexError ${WHILE_LOADING}: split("\\t") finds no l[1]` },
    "label-count/count": { severity: "error", consequence: "PaddleClas loads it, then fails when the batch is stacked (rows of different widths do not form a tensor), or while loading with label_ratio" },
    "label-count/none": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('') is not a number` },
    "nested-labels/nested": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('[0') is not a number` },
    "nested-labels/doubly": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('[[0') is not a number` },
    "empty-value/empty": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('') is not a number` },
    "empty-value/trailing": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: split(",") leaves an empty last value, and np.int64('') is not a number` },
    "extra-field/extra": { severity: "warn", consequence: "PaddleClas ignores everything after the second TAB: if it was meant as labels, they are lost" },
    "inconsistent-separator/spaces": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: split(",") keeps '{{token}}' as one value, which np.int64 rejects` },
    "inconsistent-separator/commaSpace": { severity: "warn", consequence: "PaddleClas reads the values as intended (np.int64 ignores the spaces), but stricter readers do not" },
    "inconsistent-separator/leading": { severity: "warn", consequence: "PaddleClas reads the values as intended (np.int64 ignores the spaces)" },
    "inconsistent-separator/trailing": { severity: "warn", consequence: "PaddleClas reads the values as intended (strip() removes it)" },
    "index-labels/file": { severity: "error", consequence: "PaddleClas reads each index as a 0/1 value: the rows have the wrong width and values, and batching or the loss fails" },
    "index-labels/indices": { severity: "error", consequence: "PaddleClas reads the indices as values: the row has the wrong width, and batching fails" },
    "non-binary-value/integer": { severity: "error", consequence: "PaddleClas reads it and trains on a target of {{value}} without complaint" },
    "non-binary-value/number": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{value}}') is not an integer` },
    "non-binary-value/word": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{value}}') is not a number` },
    "non-binary-value/minusOne": { severity: "error", consequence: "PaddleClas trains on it as a target of -1, for which binary cross-entropy is unbounded, unless MultiLabelLoss's weight_ratio masks it" },
    "non-canonical-value/word": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{value}}') is not a number` },
    "non-canonical-value/decimal": { severity: "error", consequence: `${LOAD} ValueError ${WHILE_LOADING}: np.int64('{{value}}') is not an integer` },
    "non-canonical-value/unicode": { severity: "warn", consequence: "PaddleClas reads it as {{canonical}} (np.int64 takes digits of any script), but most other tools do not" },
    "non-canonical-value/underscore": { severity: "warn", consequence: "PaddleClas reads it as {{canonical}} (Python's int() skips underscores), but most other tools do not" },
    "non-canonical-value/padded": { severity: "warn", consequence: "PaddleClas reads it as {{canonical}} (strip() and np.int64 drop the padding)" },
    "non-canonical-value/sign": { severity: "warn", consequence: "PaddleClas reads it as {{canonical}}" },
    "non-canonical-value/zeros": { severity: "warn", consequence: "PaddleClas reads it as {{canonical}}" },
    "signed-encoding/signed": { severity: "error", consequence: "PaddleClas trains on -1 targets, for which binary cross-entropy is unbounded, unless MultiLabelLoss's weight_ratio masks them" },
    "conflicting-duplicate/conflict": { severity: "error", consequence: "PaddleClas trains on both rows as written: two answers for one image" },
    "empty-path/empty": { severity: "error", consequence: `PaddleClas's strip() removes the leading TAB, reads the labels as the path and stops with IndexError ${WHILE_LOADING}` },
    "unsafe-path/absolute": { severity: "warn", consequence: "PaddleClas's os.path.join drops the image root and reads the file where the path points: the list works only where that path exists" },
    "unsafe-path/drive": { severity: "error", consequence: `on Linux it is a relative name that does not exist: ${LOAD} AssertionError ${WHILE_LOADING}` },
    "unsafe-path/escapes": { severity: "warn", consequence: "PaddleClas follows it out of the image root: the list depends on files outside the dataset" },
    "unsafe-path/outside": { severity: "warn", consequence: "PaddleClas follows the link: the list depends on files outside the dataset" },
    "backslash-path/backslash": { severity: "error", consequence: `on Linux '\\' is part of the file name, so os.path.exists fails: ${LOAD} AssertionError ${WHILE_LOADING}` },
    "missing-image/missing": { severity: "error", consequence: `${LOAD} AssertionError ${WHILE_LOADING} (it asserts every image exists)` },
    "unreadable-image/empty": { severity: "error", consequence: "PaddleClas's __getitem__ catches the decode error, logs it and trains on a random other sample in its place" },
    "unreadable-image/notImage": { severity: "error", consequence: "PaddleClas's __getitem__ catches the decode error, logs it and trains on a random other sample instead" },
    "unreadable-image/truncated": { severity: "error", consequence: "if the decoder fails, PaddleClas's __getitem__ trains on a random other sample instead" },
    "unreadable-image/notFile": { severity: "error", consequence: "PaddleClas's __getitem__ fails to read it and trains on a random other sample instead" },
    "unreadable-image/unreadable": { severity: "error", consequence: "PaddleClas's __getitem__ fails to read it and trains on a random other sample instead" },
    "unreadable-image/mismatch": { severity: "warn", consequence: "PaddleClas decodes by content (cv2.imdecode), so it reads it as intended" },
    "wrong-format/otherFormat": { severity: "error", consequence: `PaddleClas reads every line as path<TAB>v1,…,vC: it stops ${WHILE_LOADING} (IndexError where there is no TAB, ValueError where a value is not an integer)` },
    "wrong-format/encoding": { severity: "error", consequence: `${LOAD} UnicodeDecodeError ${WHILE_LOADING} (it is opened as UTF-8 text)` },
  },
};
