#!/usr/bin/env python3
"""Oracle for mmpretrain ``MultiLabelDataset`` on an OpenMMLab 2.0 JSON annotation file.

Sources (written from reading them; nothing copied):
  open-mmlab/mmpretrain @ ee7f2e88 - mmpretrain/datasets/multi_label.py (the class
    adds nothing to loading), mmpretrain/datasets/base_dataset.py,
    mmpretrain/datasets/transforms/formatting.py:141-142 (PackInputs sets
    gt_label only when present), mmpretrain/structures/data_sample.py:80-83,
    mmpretrain/structures/utils.py:24-52 (format_label), :55-79 (format_score) and :131-153
    (label_to_onehot), mmpretrain/models/heads/multi_label_cls_head.py:90-100.
    mmpretrain/datasets/base_dataset.py:176-186 (full_init: categories become classes).
  open-mmlab/mmengine @ 25434293 - mmengine/dataset/base_dataset.py:421-474
    (load_data_list) and :321-341 (parse_data_info), mmengine/fileio/io.py:827-861
    (load: handler by file extension), mmengine/fileio/handlers/json_handler.py:27-28
    (json.load), mmengine/fileio/backends/local_backend.py:56-58 (read as UTF-8).
  open-mmlab/mmcv @ a8073c74b - mmcv/transforms/loading.py:92-110 (LoadImageFromFile
    re-raises a read error when ignore_empty is False, and asserts the decode
    gave an image).

Load: UTF-8 text, ``json.load``; the top level must be a dict holding both
``data_list`` and ``metainfo``; metainfo's items are merged; every entry must
contain ``img_path``, which is joined onto the image prefix with os.path.join.
Batch (the pipeline, in the DataLoader worker): LoadImageFromFile opens the
image; PackInputs turns ``gt_label`` into a 1-D long tensor (format_label: a
list goes through ``torch.tensor(...).to(torch.long)`` - floats truncate, bools
become 0/1, strings and nesting fail; an int becomes ``[int]``; anything else
is a TypeError). Loss: the head one-hot encodes each index list with
``F.one_hot(label, num_classes).sum(0)``: an index outside [0, num_classes)
raises, a repeated index yields a 2 that the loss trains on; a sample with no
gt_label raises AttributeError. torch is not needed: its behaviour on these
inputs is modelled (see docs/consumers.md for what was verified).
"""

import argparse
import json
import math
import os

from _common import Stop, emit, emit_stop, open_failure, run, stop_with


def load(path, image_root):
    """BaseDataset.full_init -> load_data_list: returns (metainfo, [(index, raw_path, entry)], entries of a data_list written earlier and dropped)."""
    extension = path.split(".")[-1]
    if extension in ("yaml", "yml", "pkl", "pickle"):
        raise SystemExit(f"only JSON annotation files are modelled, not .{extension}")
    if extension != "json":
        raise Stop("load", "TypeError", f"Unsupported format: {extension}", None, "mmengine.load picks a handler by file extension (io.py:829-832)")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise stop_with("load", error, None, "the annotation file is not valid UTF-8 (LocalBackend.get_text)")
    # json.loads keeps the last of a key written twice without a word; the hook sees every pair first,
    # and is called for the top-level object last.
    dropped = [0]

    def pairs_hook(pairs):
        lists = [value for key, value in pairs if key == "data_list"]
        dropped[0] = sum(len(value) for value in lists[:-1] if isinstance(value, list))
        return dict(pairs)

    try:
        annotations = json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as error:
        raise stop_with("load", error, error.lineno, "json.load rejects the text")
    except RecursionError as error:
        raise stop_with("load", error, None, "json.load nests no deeper than Python's recursion limit")
    except ValueError as error:
        # int() of a number of more than 4300 digits (Python 3.11, and the 3.10.7/3.9.14/3.8.14 backports).
        raise stop_with("load", error, None, "json.load reads a whole number with int(), which refuses more than 4300 digits")
    if not isinstance(annotations, dict):
        raise Stop("load", "TypeError", f"The annotations loaded from annotation file should be a dict, but got {type(annotations)}!", None, None)
    if "data_list" not in annotations or "metainfo" not in annotations:
        raise Stop("load", "ValueError", "Annotation must have data_list and metainfo keys", None,
                   "load_data_list requires both top-level keys (mmengine base_dataset.py:439-441)")
    metainfo = annotations["metainfo"]
    try:
        merged = dict(metainfo.items())
    except AttributeError as error:
        raise stop_with("load", error, None, "metainfo is not a mapping")
    entries = []
    try:
        for index, raw in enumerate(annotations["data_list"]):
            try:
                present = "img_path" in raw
            except TypeError as error:
                raise stop_with("load", error, None, f"data_list[{index}] is not a dict")
            if not present:
                raise Stop("load", "AssertionError", f"raw_data_info: {raw} dose not contain prefix keyimg_path, please check your data_prefix.",
                           None, f"data_list[{index}] has no img_path (parse_data_info, mmengine base_dataset.py:336)")
            if not isinstance(raw, dict):
                raise Stop("load", "TypeError", "data_info should be a dict or list of dict", None, f"data_list[{index}] is not a dict")
            try:
                joined = os.path.join(image_root, raw["img_path"])
            except TypeError as error:
                raise stop_with("load", error, None, f"data_list[{index}].img_path is not a string")
            entries.append((index, raw["img_path"], joined, raw))
    except TypeError as error:
        raise stop_with("load", error, None, "data_list is not iterable")
    return merged, entries, dropped[0]


def format_label(value):
    """What PackInputs/format_label make of a gt_label: (ints, why-not-as-written or None). Raises Stop."""
    if isinstance(value, bool) or isinstance(value, int):
        return [int(value)], ("a JSON boolean becomes the index " + str(int(value))) if isinstance(value, bool) else None
    if not isinstance(value, list):
        raise Stop("batch", "TypeError", f"Type {type(value)} is not an available label type.", None, "format_label accepts a list or an int")
    if any(isinstance(item, list) for item in value):
        if all(isinstance(item, list) for item in value) and len({len(item) for item in value}) == 1:
            raise Stop("batch", "AssertionError", "The dims of value should be 1, but got 2.", None, "a nested list makes a 2-D tensor")
        raise Stop("batch", "ValueError", "expected sequence of length ... at dim 1", None, "torch.tensor cannot build a tensor from a ragged nested list")
    if any(isinstance(item, str) for item in value):
        raise Stop("batch", "ValueError", "too many dimensions 'str'", None, "torch.tensor cannot build a tensor from strings")
    if any(item is None or isinstance(item, dict) for item in value):
        kind = "NoneType" if any(item is None for item in value) else "dict"
        raise Stop("batch", "RuntimeError", f"Could not infer dtype of {kind}", None, "torch.tensor cannot build a tensor from null or objects")
    out = []
    why = None
    for item in value:
        if isinstance(item, bool):
            out.append(int(item))
            why = why or f"a JSON boolean {json.dumps(item)} becomes the index {int(item)}"
        elif isinstance(item, int):
            if not -(2**63) <= item < 2**63:
                raise Stop("batch", "RuntimeError", "Overflow when unpacking long", None, "index does not fit in int64")
            out.append(item)
        else:
            if math.isnan(item) or math.isinf(item):
                out.append(-(2**63))
                why = why or f"{item} has no integer value; .to(torch.long) makes it an arbitrary integer"
                continue
            truncated = math.trunc(item)
            out.append(truncated)
            if truncated != item:
                why = why or f"the index {item} is truncated to {truncated} by .to(torch.long)"
    return out, why


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", "--ann-file", dest="list", required=True)
    parser.add_argument("--image-root", required=True, help="data_prefix['img_path'] (after joining data_root)")
    parser.add_argument("--class-num", type=int, help="the head's num_classes (default: len(metainfo.classes))")
    parser.add_argument("--undecodable", action="append", default=[], help="an img_path cv2 cannot decode")
    args = parser.parse_args(argv)

    try:
        metainfo, entries, dropped = load(args.list, args.image_root)
    except Stop as stop:
        emit_stop(stop)
        return
    # BaseDataset.full_init: the OpenMMLab 2.0 categories become classes when there are none.
    if "categories" in metainfo and "classes" not in metainfo:
        try:
            categories = sorted(metainfo["categories"], key=lambda x: x["id"])
            metainfo["classes"] = tuple([cat["category_name"] for cat in categories])
        except (KeyError, TypeError) as error:
            emit_stop(stop_with("load", error, None, "metainfo.categories cannot be made classes (mmpretrain base_dataset.py:182-186)"))
            return
    class_num = args.class_num
    if class_num is None and isinstance(metainfo.get("classes"), (list, tuple)):
        class_num = len(metainfo["classes"])

    labelled = []
    try:
        for index, path, joined, raw in entries:
            failure = open_failure(joined)
            if failure is not None:
                raise Stop("batch", failure[0], failure[1], None,
                           f"data_list[{index}]: LoadImageFromFile cannot read the image and re-raises (ignore_empty=False)")
            if path in args.undecodable:
                raise Stop("batch", "AssertionError", f"failed to load image: {joined}", None,
                           f"data_list[{index}]: cv2 cannot decode the image; imfrombytes returns None (mmcv loading.py:110)")
            score = None
            if "gt_score" in raw:
                score = raw["gt_score"]
                # format_score (structures/utils.py:55-79): a list becomes a 1-D float tensor.
                if not isinstance(score, list):
                    raise Stop("batch", "TypeError", f"Type {type(score)} is not an available label type.", None, "format_score accepts a list")
                if not all(isinstance(v, (int, float)) for v in score):
                    raise Stop("batch", "ValueError", "could not build a float tensor", None, "gt_score holds something that is not a number")
            if "gt_label" in raw:
                indices, why = format_label(raw["gt_label"])
                labelled.append((index, path, indices, why, score))
            else:
                labelled.append((index, path, None, None, score))
    except Stop as stop:
        if stop.why is not None and not stop.why.startswith("data_list["):
            stop.why = f"data_list[{index}].gt_label: {stop.why}"
        emit_stop(stop, [])
        return

    rows = []
    silent = None
    if dropped:
        silent = f"data_list is written twice: json.load keeps the last list, and the {dropped} entries of the first are never read"
    scored = [entry for entry in labelled if entry[4] is not None]
    try:
        # The head stacks gt_score for a batch whose first sample has one (multi_label_cls_head.py:95-96):
        # with shuffling, some batch starts with one and holds a sample without.
        if scored and len(scored) != len(labelled):
            missing = next(entry for entry in labelled if entry[4] is None)
            raise Stop("loss", "AttributeError", "'DataSample' object has no attribute 'gt_score'", None,
                       f"data_list[{missing[0]}] has no gt_score, where other samples of its batch have one")
        for index, path, indices, why, score in labelled:
            if indices is None:
                raise Stop("loss", "AttributeError", "'DataSample' object has no attribute 'gt_label'", None,
                           f"data_list[{index}] has no gt_label; the head reads data_sample.gt_label (multi_label_cls_head.py:98-99)")
            if any(i < 0 for i in indices):
                raise Stop("loss", "RuntimeError", "Class values must be non-negative.", None,
                           f"data_list[{index}]: F.one_hot rejects index {min(indices)}")
            if class_num is not None and any(i >= class_num for i in indices):
                raise Stop("loss", "RuntimeError", "Class values must be smaller than num_classes.", None,
                           f"data_list[{index}]: index {max(indices)} with num_classes {class_num}")
            if class_num is not None:
                vector = [0] * class_num
                for i in indices:
                    vector[i] += 1
            else:
                vector = list(indices)
            if score is not None:
                # The head's num_classes: given, or the width every gt_score must have for the loss to run.
                if class_num is None:
                    vector = [0] * len(score)
                    for i in indices:
                        if 0 <= i < len(score):
                            vector[i] += 1
                        else:
                            vector = None
                            break
                if class_num is not None and len(score) != class_num:
                    raise Stop("loss", "ValueError", "Target size must be the same as input size", None,
                               f"data_list[{index}]: gt_score has {len(score)} values, the head {class_num} classes")
                if silent is None and (vector is None or [float(v) for v in score] != [float(v) for v in vector]):
                    silent = f"data_list[{index}]: the head trains on gt_score {score}, not on gt_label"
            rows.append({"path": path, "labels": vector})
            if silent is None and why is not None:
                silent = f"data_list[{index}]: {why}"
            if silent is None and len(set(indices)) != len(indices):
                repeated = max(indices.count(i) for i in indices)
                silent = f"data_list[{index}]: a repeated index makes a {repeated} in the one-hot target (F.one_hot(...).sum(0)), which the loss trains on"
    except Stop as stop:
        emit_stop(stop, rows)
        return
    if silent is not None:
        emit("silent", "loss", None, None, None, rows, silent)
        return
    emit("ok", rows=rows)


if __name__ == "__main__":
    run(main)
