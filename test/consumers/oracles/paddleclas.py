#!/usr/bin/env python3
"""Oracle for PaddleClas ``MultiLabelDataset`` (PaddlePaddle/PaddleClas @ d178931fc).

Replays how PaddleClas reads a ``path<TAB>v1,v2,...`` list, step by step, and
prints one JSON verdict (``_common.emit``). Written from reading the source;
no PaddleClas code is copied here. References are ``path:line`` at that commit.

Load (exact, ppcls/data/dataloader/multilabel_dataset.py:28-46):
  - the list and the image root must exist (:29-30, AssertionError);
  - ``open(cls_path)`` in text mode, default encoding and universal newlines,
    then ``readlines()`` (:34-35);
  - per line: ``strip()`` then ``split("\\t")`` (:37); the path is field 0
    joined onto image_root with os.path.join (:38) - an absolute path replaces
    the root; field 1 is required (IndexError when missing) and split on ","
    (:40); each piece goes through ``np.int64`` (:41), which parses like
    Python's ``int(str)``; fields after the second are never looked at;
  - after the labels parse, ``assert os.path.exists(joined path)`` (:44);
  - with ``label_ratio: True`` the loader returns
    ``np.array(labels).mean(0)`` (:45-46), which raises on ragged rows.
Later stages (modelled as checks):
  - batch: paddle.io's default collate ``np.stack``s the per-sample label
    arrays (ppcls/data/__init__.py:167-178 builds a DataLoader with
    collate_fn=None), so rows of different widths cannot share a batch;
  - loss: MultiLabelLoss (ppcls/loss/multilabelloss.py) with ``weight_ratio``
    indexes ``target[:, 0, :]`` (:41), which needs the 3-D targets only
    ``label_ratio`` produces; binary_cross_entropy_with_logits (:46) needs the
    target width to equal the logits' width (Arch.class_num);
  - values outside {0, 1} are trained on without complaint (BCE takes any
    float target), except values <= -1 when ``weight_ratio`` masks them
    (``weight * (target > -1)``, :52).
The oracle never decodes images: ``--undecodable PATH`` declares a listed image
that cv2 cannot decode, which ``__getitem__`` (:48-65) logs and replaces with a
random other sample.
"""

import argparse
import os

import numpy as np

from _common import Stop, emit, emit_stop, mode_width, read_lines_like_open, run, stop_with


def load(list_path, image_root, label_ratio):
    """The dataset constructor: returns ``[(line_no, raw_path, labels)]`` or raises Stop."""
    if not os.path.exists(list_path):
        raise Stop("load", "AssertionError", "", None, "cls_label_path does not exist (multilabel_dataset.py:29)")
    if not os.path.exists(image_root):
        raise Stop("load", "AssertionError", "", None, "image_root does not exist (multilabel_dataset.py:30)")
    rows = []
    for number, line in enumerate(read_lines_like_open(list_path), start=1):
        fields = line.strip().split("\t")
        joined = os.path.join(image_root, fields[0])
        try:
            label_field = fields[1]
        except IndexError as error:
            raise stop_with("load", error, number, "no TAB-separated label field after strip() (multilabel_dataset.py:40)")
        labels = []
        for piece in label_field.split(","):
            try:
                labels.append(int(np.int64(piece)))
            except (ValueError, OverflowError, TypeError) as error:
                raise stop_with("load", error, number, f"np.int64({piece!r}) fails (multilabel_dataset.py:41)")
        if not os.path.exists(joined):
            raise Stop("load", "AssertionError", "", number, f"image {joined!r} does not exist (multilabel_dataset.py:44)")
        rows.append((number, fields[0], labels, fields[2:]))
    if label_ratio:
        try:
            np.array([labels for _, _, labels, _ in rows]).mean(0).astype("float32")
        except ValueError as error:
            raise stop_with("load", error, None, "label_ratio: np.array(labels).mean(0) on rows of different widths (multilabel_dataset.py:46)")
    return rows


def is_label_field(field, width):
    """Whether a field reads as `width` integers the way l[1] is read."""
    pieces = field.split(",")
    if len(pieces) != width:
        return False
    try:
        for piece in pieces:
            np.int64(piece)
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def batch(rows):
    """paddle.io default_collate_fn stacks each sample's float32 label array."""
    if not rows:
        return
    width = mode_width([labels for _, _, labels, _ in rows])
    for number, _, labels, _ in rows:
        if len(labels) != width:
            try:
                np.stack([np.zeros(width, "float32"), np.array(labels).astype("float32")], axis=0)
            except ValueError as error:
                raise stop_with("batch", error, number, f"row has {len(labels)} values where most rows have {width}; np.stack in the default collate fails when they share a batch")


def loss(rows, class_num, label_ratio, weight_ratio):
    """MultiLabelLoss: target rank, target width, and which values it trains on."""
    if weight_ratio and not label_ratio:
        raise Stop("loss", "ValueError", "(InvalidArgument) Too many indices (3) for tensor of dimension 2.", None,
                   "weight_ratio indexes target[:, 0, :] (multilabelloss.py:41) but without label_ratio targets are 2-D [B, C]")
    if class_num is not None and rows:
        width = len(rows[0][2])
        if width != class_num:
            raise Stop("loss", "ValueError",
                       f"(InvalidArgument) Input(X) and Input(Label) shall have the same shape. Input(X) is [B, {class_num}], Input(Label) is [B, {width}].",
                       None, f"rows have {width} values but class_num is {class_num} (binary_cross_entropy_with_logits, multilabelloss.py:46)")
    masked = weight_ratio and label_ratio
    for number, _, labels, _ in rows:
        for value in labels:
            if value in (0, 1):
                continue
            if masked and value <= -1:
                continue
            why = f"value {value} is used as a BCE target as is"
            if value < 0:
                why += " (weight_ratio is off, so -1 is not masked)"
            return number, why
    return None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", required=True)
    parser.add_argument("--image-root", required=True)
    parser.add_argument("--label-ratio", action="store_true")
    parser.add_argument("--weight-ratio", action="store_true")
    parser.add_argument("--class-num", type=int)
    parser.add_argument("--undecodable", action="append", default=[], help="a listed image path cv2 cannot decode")
    args = parser.parse_args(argv)

    try:
        rows = load(args.list, args.image_root, args.label_ratio)
    except Stop as stop:
        emit_stop(stop)
        return
    out = [{"path": path, "labels": labels} for _, path, labels, _ in rows]
    try:
        batch(rows)
        silent = loss(rows, args.class_num, args.label_ratio, args.weight_ratio)
    except Stop as stop:
        emit_stop(stop, out)
        return
    if silent is not None:
        emit("silent", "loss", None, None, silent[0], out, silent[1])
        return
    # Fields after l[1] are never read: when they are another sample (path, then as many numbers as
    # the row's labels), that sample the file lists is not trained on.
    for number, _, labels, rest in rows:
        if len(rest) >= 2 and rest[0].strip() and is_label_field(rest[1], len(labels)):
            emit("silent", "load", None, None, number, out,
                 f"fields after l[1] hold another sample ({rest[0].strip()!r} and its labels), which is never read (multilabel_dataset.py:37-41)")
            return
    for number, path, _, _ in rows:
        if path in args.undecodable or os.path.isdir(os.path.join(args.image_root, path)):
            what = "cv2 cannot decode this image" if path in args.undecodable else "the path is a directory (it passes os.path.exists; open() fails)"
            emit("silent", "batch", None, None, number, out,
                 f"{what}; __getitem__ logs the error and returns a random other sample instead (multilabel_dataset.py:61-65)")
            return
    emit("ok", rows=out)


if __name__ == "__main__":
    run(main)
