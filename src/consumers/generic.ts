import type { Consumer } from "./types.js";

/**
 * A conservative reader for the formats with no single program behind them
 * (csv, indices, columns) or a custom loader: UTF-8 text, any standard line
 * break, label values that are exactly the integers 0 and 1. The severities
 * are the rule catalogue's; the cases the catalogue does not decide are
 * decided for the strictest common reader.
 */
export const genericConsumer: Consumer = {
  id: "generic",
  unsafePaths: "join",
  name: "a label reader",
  title: "generic reader",
  source: "labellint's conservative model (docs/consumers.md)",
  values: "the integers 0 and 1, written as '0' and '1'",
  effects: {
    "class-count-mismatch/oneClass": { severity: "off" },
    "class-count-mismatch/classListUnread": { severity: "warn" },
    "extra-field/row": { severity: "error", consequence: "a reader of the first two fields never sees that row" },
    "malformed-record/pathSpace": { severity: "error", consequence: "Python's csv and pandas keep it in the file name, which is rarely there; a converted list would name another file" },
    "invalid-annotation/extension": { severity: "off" },
    "invalid-annotation/classes": { severity: "warn" },
    "invalid-annotation/gtScoreMixed": { severity: "warn", consequence: "a reader of gt_label leaves gt_score out, as every format labellint writes does" },
    "invalid-annotation/gtScore": { severity: "warn", consequence: "a reader of gt_label leaves gt_score out, as every format labellint writes does: converted, the row keeps gt_label only" },
    "compressed-list/gzip": { severity: "warn", consequence: "a reader that does not decompress it (Python's open()) stops with UnicodeDecodeError; pandas decompresses a name ending in .gz" },
    "invalid-encoding/replaced": { severity: "error", consequence: "a reader that decodes UTF-8 strictly (pandas, Python's open()) stops with UnicodeDecodeError" },
    "bom/inline": { severity: "error", consequence: "a reader keeps U+FEFF at the start of the path or value" },
    "bom/bom": { severity: "warn", consequence: "a reader that does not expect it keeps U+FEFF at the start of the first path or column name" },
    "line-ending/crlf": { severity: "warn", consequence: "a loader that splits on '\\n' keeps '\\r' in the last label" },
    "line-ending/cr": { severity: "warn", consequence: "Python and pandas read a lone CR as a line break, but wc, awk, grep and many loaders see one long line" },
    "blank-line/empty": { severity: "error", consequence: "a strict reader fails on it (pandas skips it)" },
    "blank-line/whitespace": { severity: "error", consequence: "a strict reader fails on it" },
    "header-row/header": { severity: "warn", consequence: "a reader that expects none reads it as an image with labels" },
    "comment-line/comment": { severity: "error", consequence: "a reader without comment support reads it as a broken row" },
    "index-labels/file": { severity: "error", consequence: "read as multi-hot, every row has the wrong length" },
    "index-labels/indices": { severity: "error", consequence: "read as multi-hot it has the wrong length and non-binary values" },
    "empty-path/leadingTab": { severity: "error", consequence: "a reader that splits the line on TABs reads an empty path and the path as the labels" },
    "label-count/count": { severity: "error", consequence: "the labels do not stack into an [N, {{C}}] matrix" },
    "label-count/unreadable": { severity: "error", consequence: "the labels do not stack into an [N, {{C}}] matrix" },
    "label-count/first": { severity: "error", consequence: "the labels do not stack into an [N, {{C}}] matrix" },
    "nested-labels/nested": { severity: "error", consequence: "'[0' is not a number to a label reader" },
    "nested-labels/doubly": { severity: "error", consequence: "read as a nested list they make an [N, 1, C] target, not [N, C]" },
    "empty-value/empty": { severity: "error", consequence: "a reader gets NaN or fails" },
    "empty-value/trailing": { severity: "error", consequence: "a reader gets an empty last value" },
    "inconsistent-separator/spaces": { severity: "warn" },
    "inconsistent-separator/lookalikeComma": { severity: "error", consequence: "a reader that splits on ',' keeps it inside one value" },
    "inconsistent-separator/lookalikeSpace": { severity: "error", consequence: "a reader that splits on ASCII separators keeps it inside one value" },
    "inconsistent-separator/comma": { severity: "warn" },
    "conflicting-duplicate/conflict": { severity: "error", consequence: "the model is trained on both answers" },
    "non-binary-value/unknown": { severity: "off" },
    "empty-value/unknown": { severity: "off" },
    "non-binary-value/minusOne": { severity: "error", consequence: "binary cross-entropy with a -1 target is unbounded" },
    "wrong-format/tabColumns": { severity: "error", consequence: "a reader of path<TAB>v1,…,vC lines takes the first column as all the labels" },
    "non-binary-value/overflow": { severity: "error", consequence: "it is past the int64 range integer labels are read into" },
    "non-canonical-value/unicode": { severity: "error", consequence: "a strict reader does not read it as a number" },
    "non-canonical-value/padded": { severity: "error", consequence: "a strict reader does not read it as a number" },
    "non-canonical-value/underscore": { severity: "error", consequence: "a strict reader does not read it as a number" },
    "signed-encoding/signed": { severity: "error", consequence: "binary cross-entropy expects 0/1 and is unbounded for -1 targets" },
    "backslash-path/backslash": { severity: "warn", consequence: "on Linux '\\' is part of the file name and the image is not found" },
    "backslash-path/asWritten": { severity: "warn", consequence: "on Linux that file is the image; where '\\' separates folders (Windows), or once the files are put in folders, the list names images that are not there" },
    "unsafe-path/absolute": { severity: "error", consequence: "os.path.join drops the image root and reads wherever it points" },
  },
};
