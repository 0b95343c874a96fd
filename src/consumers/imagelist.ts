import type { Consumer } from "./types.js";

const BUILD = "ImageList stops with";
const WHILE_BUILDING = "while the dataset is built";
const FIRST_LOAD = "when the sample is first loaded, opening the image fails with FileNotFoundError and training stops";

/**
 * HashNet (pytorch/src/data_list.py `make_dataset`) and DeepHash-pytorch
 * (utils/tools.py `ImageList`): the list comes from `open(path).readlines()`
 * (UTF-8, universal newlines), each line is `val.split()` on any whitespace,
 * the first field is the path and `int(x)` of every other field a label.
 * Nothing is checked until a batch is stacked; an image that cannot be opened
 * or decoded stops training (no fallback). DeepHash-pytorch prefixes the
 * path with its data_path; HashNet uses it as written.
 */
export const imagelistConsumer: Consumer = {
  id: "imagelist",
  name: "ImageList",
  title: "HashNet / DeepHash-pytorch ImageList",
  source: "thuml/HashNet pytorch/src/data_list.py; swuxyj/DeepHash-pytorch utils/tools.py",
  reads: "spaced",
  values: "int(text) of each whitespace-separated field: Python int() syntax (a sign, leading zeros, digits of any script); no decimals, no words",
  effects: {
    "invalid-encoding/utf8": { severity: "error", consequence: `${BUILD} UnicodeDecodeError before training (the list is opened as UTF-8 text)` },
    "invalid-encoding/nul": { severity: "error", consequence: "int() rejects a NUL in a label, and no image path holds one: ImageList stops" },
    "bom/inline": { severity: "error", consequence: `ImageList keeps U+FEFF at the start of the path: ${FIRST_LOAD}` },
    "bom/bom": { severity: "error", consequence: `ImageList keeps U+FEFF at the start of the first path: ${FIRST_LOAD}` },
    "line-ending/crlf": { severity: "warn", consequence: "ImageList reads them as line breaks (Python's universal newlines, and split() drops '\\r'), but other tools may not" },
    "line-ending/mixed": { severity: "warn", consequence: "ImageList reads every one as a line break, but other tools may not" },
    "line-ending/cr": { severity: "warn", consequence: "ImageList reads a lone CR as a line break (Python's universal newlines), but wc, awk, grep and most loaders outside Python see one long line" },
    "line-ending/noFinalNewline": { severity: "warn" },
    "blank-line/empty": { severity: "error", consequence: `${BUILD} IndexError ${WHILE_BUILDING}: split() of a blank line has no path` },
    "blank-line/whitespace": { severity: "error", consequence: `${BUILD} IndexError ${WHILE_BUILDING}: split() of a blank line has no path` },
    "line-too-long/tooLong": { severity: "error" },
    "header-row/header": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{first}}') is not a number` },
    "header-row/headerNames": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{first}}') is not a number` },
    "comment-line/comment": { severity: "error", consequence: `ImageList has no comments: it stops with ValueError ${WHILE_BUILDING}, or reads the line as an image` },
    "no-rows/empty": { severity: "error", consequence: "HashNet's make_dataset stops with IndexError on image_list[0]; DeepHash-pytorch builds a dataset of 0 images" },
    "no-rows/noRows": { severity: "error", consequence: "ImageList stops with IndexError or ValueError on the first of those lines while the dataset is built" },
    "missing-separator/noSpace": { severity: "error", consequence: "ImageList reads the whole line as the path with no labels: the empty target fails when the batch is stacked" },
    "missing-separator/noLabels": { severity: "error", consequence: "ImageList reads it as an image with no labels: the empty target fails when the batch is stacked" },
    "label-count/count": { severity: "error", consequence: "ImageList reads it, then the DataLoader fails to stack targets of different widths into a batch" },
    "label-count/unreadable": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{value}}') is not a number` },
    "label-count/none": { severity: "error", consequence: "ImageList reads it as an image with no labels: the empty target fails when the batch is stacked" },
    "nested-labels/nested": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('[0') is not a number` },
    "nested-labels/doubly": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('[[0') is not a number` },
    "empty-value/empty": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('') is not a number` },
    "empty-value/trailing": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: the value keeps the comma, and int() rejects it` },
    "inconsistent-separator/comma": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: split() keeps '{{token}}' as one value, which int() rejects` },
    "inconsistent-separator/lookalikeComma": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: split() does not split on it, so '{{token}}' stays one value, which int() rejects` },
    "inconsistent-separator/lookalikeSpace": { severity: "warn", consequence: "ImageList reads the values as intended (Python's split() splits on every Unicode space), but most other tools do not" },
    "inconsistent-separator/whitespace": { severity: "warn", consequence: "ImageList reads the values as intended (split() takes any run of whitespace)" },
    "inconsistent-separator/leading": { severity: "warn", consequence: "ImageList reads the values as intended (split() takes any run of whitespace)" },
    "inconsistent-separator/trailing": { severity: "warn", consequence: "ImageList reads the values as intended (split() drops it)" },
    "index-labels/file": { severity: "error", consequence: "ImageList reads each index as a label value: the targets have the wrong width and values" },
    "index-labels/indices": { severity: "error", consequence: "ImageList reads the indices as label values: the target has the wrong width, and batching fails" },
    "non-binary-value/integer": { severity: "error", consequence: "ImageList reads it and trains on a label of {{number}} without complaint" },
    "non-binary-value/number": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{value}}') is not an integer` },
    "non-binary-value/word": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{value}}') is not a number` },
    "non-binary-value/unknown": { severity: "error", consequence: "ImageList has no notion of unknown: it trains on a label of {{value}}" },
    "non-binary-value/minusOne": { severity: "error", consequence: "ImageList reads it and trains on a label of -1: pairwise similarities and any BCE loss take it as a value" },
    "non-canonical-value/word": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{value}}') is not a number` },
    "non-canonical-value/decimal": { severity: "error", consequence: `${BUILD} ValueError ${WHILE_BUILDING}: int('{{value}}') is not an integer` },
    "non-canonical-value/unicode": { severity: "warn", consequence: "ImageList reads it as {{canonical}} (int() takes digits of any script), but most other tools do not" },
    "non-canonical-value/underscore": { severity: "warn", consequence: "ImageList reads it as {{canonical}} (int() skips underscores), but most other tools do not" },
    "non-canonical-value/padded": { severity: "warn", consequence: "ImageList reads it as {{canonical}} (split() drops the padding)" },
    "non-canonical-value/sign": { severity: "warn", consequence: "ImageList reads it as {{canonical}}" },
    "non-canonical-value/zeros": { severity: "warn", consequence: "ImageList reads it as {{canonical}}" },
    "signed-encoding/signed": { severity: "error", consequence: "ImageList reads -1 as a label value: pairwise similarities and any BCE loss take it as a value, not as 'absent'" },
    "conflicting-duplicate/conflict": { severity: "error", consequence: "ImageList trains on both rows as written: two answers for one image" },
    "empty-path/empty": { severity: "error", consequence: "split() drops the leading whitespace and takes the first label as the image path: ImageList trains on the wrong file or stops when it is missing" },
    "unsafe-path/absolute": { severity: "warn", consequence: "HashNet opens it where it points and DeepHash-pytorch appends it to its data_path: the list works only where that file exists" },
    "unsafe-path/drive": { severity: "error", consequence: `on Linux it is a relative name that does not exist: ${FIRST_LOAD}` },
    "unsafe-path/escapes": { severity: "warn", consequence: "ImageList follows it out of the image root: the list depends on files outside the dataset" },
    "unsafe-path/outside": { severity: "warn", consequence: "ImageList follows the link: the list depends on files outside the dataset" },
    "backslash-path/backslash": { severity: "error", consequence: `on Linux '\\' is part of the file name: ${FIRST_LOAD}` },
    "missing-image/missing": { severity: "error", consequence: FIRST_LOAD },
    "unreadable-image/empty": { severity: "error", consequence: "PIL cannot decode it: training stops when the sample is first loaded" },
    "unreadable-image/notImage": { severity: "error", consequence: "PIL cannot decode it: training stops when the sample is first loaded" },
    "unreadable-image/truncated": { severity: "error", consequence: "PIL fails on it, or decodes a damaged picture, when the sample is loaded" },
    "unreadable-image/notFile": { severity: "error", consequence: "opening it fails when the sample is first loaded, and training stops" },
    "unreadable-image/unreadable": { severity: "error", consequence: "opening it fails when the sample is first loaded, and training stops" },
    "unreadable-image/undecodable": { severity: "error", consequence: "PIL cannot decode it: training stops when the sample is first loaded" },
    "unreadable-image/corrupt": { severity: "warn", consequence: "PIL decodes it all the same, and the damaged picture is trained on with this line's labels" },
    "unreadable-image/mismatch": { severity: "warn", consequence: "PIL decodes by content, so ImageList reads it as intended" },
    "wrong-format/otherFormat": { severity: "error", consequence: `ImageList splits every line on whitespace and reads each field after the path with int(): it stops ${WHILE_BUILDING}, or every row has the wrong labels` },
    "wrong-format/encoding": { severity: "error", consequence: `${BUILD} UnicodeDecodeError before training (the list is opened as UTF-8 text)` },
  },
};
