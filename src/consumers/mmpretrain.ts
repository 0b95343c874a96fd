import type { Consumer } from "./types.js";

/**
 * mmpretrain `MultiLabelDataset` (mmpretrain/datasets/multi_label.py) over
 * mmengine's `BaseDataset`: the annotation file is parsed whole as JSON,
 * `data_list[].gt_label` is a list of class indices, and the head turns it
 * into a target with `F.one_hot(label, num_classes).sum(0)`
 * (mmpretrain/structures/utils.py `label_to_onehot`): an index out of range
 * raises, a repeated index sums to 2.
 */
export const mmpretrainConsumer: Consumer = {
  id: "mmpretrain",
  unsafePaths: "join",
  name: "mmpretrain",
  title: "mmpretrain MultiLabelDataset",
  source: "open-mmlab/mmpretrain mmpretrain/datasets/multi_label.py, mmpretrain/structures/utils.py",
  reads: "json",
  values: "gt_label: a JSON list of class indices, made a target by F.one_hot(label, num_classes).sum(0)",
  effects: {
    "bom/bom": { severity: "error", consequence: "Python's json module refuses a document that starts with U+FEFF: mmpretrain stops while loading the annotation file" },
    "invalid-annotation/syntax": { severity: "error", consequence: "mmpretrain stops while loading the annotation file" },
    "invalid-annotation/pythonLimit": { severity: "error", consequence: "mmpretrain stops while loading the annotation file (mmengine's load() calls json.load)" },
    "invalid-annotation/classes": { severity: "warn", consequence: "mmpretrain loads the file all the same (nothing reads the names while training)" },
    "invalid-annotation/extension": { severity: "error", consequence: "mmengine's load() picks its reader by the file name's extension (json, yaml, pkl; case-sensitive) and stops with \"Unsupported format\": name it .json" },
    "invalid-annotation/gtScoreMixed": { severity: "error", consequence: "mmpretrain's multi-label head stacks gt_score for a batch whose first sample has one, and stops with AttributeError at a sample in it without one" },
    "invalid-annotation/duplicateKey": { severity: "warn", consequence: "mmengine's load() calls json.load, which keeps the last value without a word: mmpretrain trains on the value checked here, and the first is never read" },
    "invalid-annotation/duplicateDataList": { severity: "error", consequence: "mmengine's load() calls json.load, which keeps the last data_list without a word: the first list's entries are never trained on" },
    "invalid-annotation/gtScore": { severity: "error", consequence: "mmpretrain's multi-label head trains on gt_score in place of gt_label: the labels checked here are not the ones trained on" },
    "invalid-encoding/utf8": { severity: "error", consequence: "mmengine reads the annotation file as UTF-8 text and stops with UnicodeDecodeError while loading it" },
    "invalid-encoding/replaced": { severity: "error", consequence: "mmengine reads the annotation file as UTF-8 text and stops with UnicodeDecodeError while loading it" },
    "invalid-annotation/schema": { severity: "error", consequence: "mmpretrain stops while loading the annotation file, or when the entry is used" },
    "compressed-list/gzip": { severity: "error", consequence: "mmpretrain cannot load it as an annotation file (it reads JSON text): decompress it (gunzip)" },
    "class-count-mismatch/oneClass": { severity: "off" },
    "class-count-mismatch/classListUnread": { severity: "warn" },
    "no-rows/empty": { severity: "error", consequence: "mmpretrain stops while loading the annotation file" },
    "no-rows/noRows": { severity: "error", consequence: "mmpretrain builds a dataset of 0 samples: nothing is trained or evaluated" },
    "invalid-index/outOfRange": { severity: "error", consequence: "F.one_hot raises when the head builds the targets, and training stops" },
    "invalid-index/coerced": { severity: "error", consequence: "mmpretrain makes it an index anyway (torch.tensor(...).to(torch.long) gives {{index}}) and trains on that class" },
    "invalid-index/nonFinite": { severity: "error", consequence: "torch's .to(torch.long) makes it an arbitrary integer: -9223372036854775808 on x86, which F.one_hot rejects and training stops; 0 on ARM, trained on as class 0" },
    "path-whitespace/trailing": { severity: "warn", consequence: "mmpretrain opens the path as written: unless a file so named exists, loading it fails when the sample is first used" },
    "malformed-record/pathSpace": { severity: "error", consequence: "mmpretrain opens the path as written (os.path.join keeps the whitespace): unless a file so named exists, loading it fails when the sample is first used" },
    "malformed-record/pathTab": { severity: "error", consequence: "mmpretrain opens the path as written (os.path.join keeps the TAB): unless a file so named exists, loading it fails when the sample is first used" },
    "malformed-record/pathBreak": { severity: "error", consequence: "mmpretrain opens the path as written (os.path.join keeps the line break): unless a file so named exists, loading it fails when the sample is first used" },
    "malformed-record/pathBom": { severity: "error", consequence: "mmpretrain opens the path as written (os.path.join keeps U+FEFF): unless a file so named exists, loading it fails when the sample is first used; a converted list would name another file" },
    "empty-path/empty": { severity: "error", consequence: "the image path is data_prefix itself, a directory: loading it fails when the sample is first used" },
    "unsafe-path/escapes": { severity: "warn", consequence: "mmpretrain follows it out of data_prefix: the file depends on images outside the dataset" },
    "unsafe-path/outside": { severity: "warn", consequence: "mmpretrain follows the link: the file depends on images outside the dataset" },
    "invalid-index/multiHot": { severity: "error", consequence: "mmpretrain reads every value as a class index, so the row trains on classes 0 and 1, whatever its 1s stand for" },
    "invalid-index/notIndex": { severity: "error", consequence: "the label tensor cannot be built from it, and training stops" },
    "repeated-index/repeated": { severity: "error", consequence: "mmpretrain sums one-hot rows (F.one_hot(...).sum(0)), so the target holds 2 for that class and the loss trains on it" },
    "conflicting-duplicate/conflict": { severity: "error", consequence: "mmpretrain trains on both entries as written: two answers for one image" },
    "non-binary-value/unknown": { severity: "off" },
    "missing-image/missing": { severity: "error", consequence: "loading the image fails when the sample is first used, and training stops" },
    "unreadable-image/empty": { severity: "error", consequence: "decoding fails when the sample is first used, and training stops" },
    "unreadable-image/notImage": { severity: "error", consequence: "decoding fails when the sample is first used, and training stops" },
    "unreadable-image/truncated": { severity: "error", consequence: "decoding fails, or yields a damaged picture, when the sample is used" },
    "unreadable-image/undecodable": { severity: "error", consequence: "decoding fails when the sample is first used, and training stops" },
    "unreadable-image/corrupt": { severity: "warn", consequence: "mmcv's cv2 backend decodes it with a warning, and the damaged picture is used with this line's labels" },
    "unreadable-image/mismatch": { severity: "warn", consequence: "mmpretrain decodes by content, so it reads it as intended" },
    "unreadable-image/pilBomb": { severity: "warn", consequence: "mmcv's default cv2 backend reads it; with the pillow backend, loading it fails when the sample is first used" },
    // mmpretrain does not pin OpenCV, as PaddleClas does (4.6): whether cv2.imdecode reads the file depends on the install.
    "unreadable-image/truncatedScan": { severity: "warn", consequence: "mmcv's default cv2 backend returns the part that is there with the rest grey, and that picture is used with this line's labels; the pillow backend fails on it" },
    "unreadable-image/noPil": { severity: "warn", consequence: "mmcv's default cv2 backend reads it; with the pillow backend, loading it fails when the sample is first used" },
    "unreadable-image/noCv2": { severity: "warn", consequence: "OpenCV 4.6 returns None for it, and with such an OpenCV mmcv's default cv2 backend fails to load the image when the sample is first used, stopping training; mmpretrain does not pin OpenCV, and later releases may read it" },
    "backslash-path/backslash": { severity: "error", consequence: "on Linux '\\' is part of the file name: loading the image fails when the sample is first used" },
    "backslash-path/asWritten": { severity: "warn", consequence: "mmpretrain loads that file on Linux; where '\\' separates folders (Windows), or once the files are put in folders, the list names images that are not there" },
    "unsafe-path/absolute": { severity: "warn", consequence: "os.path.join drops data_prefix, so the image is read where the path points: the file works only where that path exists" },
  },
};
