#!/usr/bin/env python3
"""Oracle for the hashing ``ImageList`` readers of whitespace-separated lists.

Two programs read ``path v1 v2 ... vC`` lists, with different details
(``--variant``):

hashnet  - thuml/HashNet @ 85387b8, pytorch/src/data_list.py:12-21 (make_dataset)
           and :48-95 (ImageList); the list comes from
           ``open(list_path).readlines()`` (pytorch/src/train.py:144, :149).
           ``make_dataset`` looks at the FIRST line only: if it splits into more
           than two tokens every line is read as ``path + int(token) ...``
           (a label vector); otherwise every line is read as ``path`` plus ONE
           ``int`` (a single class index) (:17-20). Paths are opened as written,
           relative to the working directory (:26). The pairwise loss multiplies
           label matrices (pytorch/src/loss.py:7), which needs 2-D labels.
deephash - swuxyj/DeepHash-pytorch @ ab14068, utils/tools.py:48-58 (ImageList) and
           :177-192 (get_data, ``open(list_path).readlines()``). Every line is
           ``data_path + first token`` (string concatenation, not os.path.join)
           and ``np.array([int(t) for t in the other tokens])`` (:51). Losses such
           as DSH (DSH.py:56, :60) copy each batch's labels into a
           ``[num_train, n_class]`` buffer, so the width must equal n_class.

Both split with ``str.split()`` (any Unicode whitespace, runs collapsed) and
parse with ``int()``. Later stages (modelled as checks): torch's default collate
stacks the per-sample label arrays (rows of different widths cannot share a
batch); PIL opens each image in ``__getitem__`` (a missing or undecodable file
raises in the DataLoader worker); values outside {0, 1} are trained on without
complaint (label products define similarity). Written from reading the source;
no code of either project is copied here.
"""

import argparse
import os

from _common import Stop, emit, emit_stop, mode_width, open_failure, read_lines_like_open, run, stop_with


def parse_ints(tokens, number):
    values = []
    for token in tokens:
        try:
            values.append(int(token))
        except ValueError as error:
            raise stop_with("load", error, number, f"int({token!r}) fails")
    return values


def load_hashnet(lines):
    """make_dataset(image_list, labels=None): returns (vector_mode, [(line, path, labels)])."""
    try:
        first = lines[0]
    except IndexError as error:
        raise stop_with("load", error, None, "empty list: make_dataset reads image_list[0] (data_list.py:17)")
    vector_mode = len(first.split()) > 2
    rows = []
    for number, line in enumerate(lines, start=1):
        tokens = line.split()
        try:
            path = tokens[0]
        except IndexError as error:
            raise stop_with("load", error, number, "line has no token (data_list.py:18/20)")
        if vector_mode:
            rows.append((number, path, parse_ints(tokens[1:], number)))
        else:
            try:
                token = tokens[1]
            except IndexError as error:
                raise stop_with("load", error, number, "single-label mode needs a second token (data_list.py:20)")
            rows.append((number, path, parse_ints([token], number)))
    return vector_mode, rows


def load_deephash(lines):
    rows = []
    for number, line in enumerate(lines, start=1):
        tokens = line.split()
        try:
            path = tokens[0]
        except IndexError as error:
            raise stop_with("load", error, number, "line has no token (tools.py:51)")
        rows.append((number, path, parse_ints(tokens[1:], number)))
    return rows


def image_file(variant, image_root, path):
    if variant == "deephash":
        data_path = image_root if image_root.endswith("/") else image_root + "/"
        return data_path + path
    return os.path.join(image_root, path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", required=True)
    parser.add_argument("--image-root", required=True, help="hashnet: the working directory paths are relative to; deephash: config['data_path']")
    parser.add_argument("--variant", choices=("hashnet", "deephash"), default="hashnet")
    parser.add_argument("--class-num", type=int, help="deephash: config['n_class'] (ignored by hashnet, whose loss has no class count)")
    parser.add_argument("--undecodable", action="append", default=[], help="a listed image path PIL cannot decode")
    args = parser.parse_args(argv)

    try:
        lines = read_lines_like_open(args.list)
        if args.variant == "hashnet":
            vector_mode, rows = load_hashnet(lines)
        else:
            vector_mode, rows = True, load_deephash(lines)
    except Stop as stop:
        emit_stop(stop)
        return
    out = [{"path": path, "labels": labels} for _, path, labels in rows]

    try:
        # Batch: the DataLoader worker opens every image, then collates.
        for number, path, _ in rows:
            target = image_file(args.variant, args.image_root, path)
            failure = open_failure(target)
            if failure is not None:
                raise Stop("batch", failure[0], failure[1], number,
                           "the image is opened in __getitem__ (HashNet data_list.py:26; DeepHash tools.py:56) and nothing catches the error")
            if path in args.undecodable:
                raise Stop("batch", "UnidentifiedImageError", f"cannot identify image file {target!r}", number,
                           "PIL cannot decode the image and nothing catches the error")
        if rows:
            width = mode_width([labels for _, _, labels in rows])
            for number, _, labels in rows:
                if len(labels) != width:
                    raise Stop("batch", "RuntimeError", "stack expects each tensor to be equal size", number,
                               f"row has {len(labels)} values where most rows have {width}; torch's default collate stacks them")
        # Loss.
        if not vector_mode:
            raise Stop("loss", "RuntimeError", "self must be a matrix", 1,
                       "the first line has at most two tokens, so make_dataset read every line as one class index (data_list.py:17, :20); "
                       "pairwise_loss multiplies 1-D label batches with torch.mm (loss.py:7)")
        if args.variant == "deephash" and args.class_num is not None and rows and len(rows[0][2]) != args.class_num:
            raise Stop("loss", "RuntimeError",
                       f"shape mismatch: value tensor of shape [B, {len(rows[0][2])}] cannot be broadcast to indexing result of shape [B, {args.class_num}]",
                       None, f"rows have {len(rows[0][2])} values but n_class is {args.class_num} (self.Y[ind, :] = y, DSH.py:60)")
    except Stop as stop:
        emit_stop(stop, out)
        return
    for number, _, labels in rows:
        odd = [value for value in labels if value not in (0, 1)]
        if odd:
            emit("silent", "loss", None, None, number, out, f"value {odd[0]} enters the label products that define similarity as is")
            return
    emit("ok", rows=out)


if __name__ == "__main__":
    run(main)
