"""The label-reading loop PaddleClas runs before training, timed as a peer.

PaddleClas's MultiLabelDataset._load_anno (PaddlePaddle/PaddleClas,
ppcls/data/dataloader/multilabel_dataset.py @ d178931fc, lines 34-46) reads the whole list with
readlines(), splits each line on TAB and the labels on commas, and converts every
value with np.int64. This is that loop, minus the os.path.exists checks (the
benchmark's images do not exist) and past the planted blank line (where PaddleClas
stops with IndexError). It validates nothing: it is the cost of merely
reading the list the way the trainer does.

Usage: python3 bench/paddleclas-peer.py FILE   (prints rows read)
"""
import sys

import numpy as np


def load(path):
    images = []
    labels_all = []
    with open(path) as fd:
        lines = fd.readlines()
        for l in lines:
            l = l.strip().split("\t")
            if len(l) < 2:  # the one planted blank line, on which PaddleClas itself stops
                continue
            images.append(l[0])
            labels = l[1].split(",")
            labels = [np.int64(i) for i in labels]
            labels_all.append(labels)
    return images, labels_all


if __name__ == "__main__":
    images, _ = load(sys.argv[1])
    print(len(images))
