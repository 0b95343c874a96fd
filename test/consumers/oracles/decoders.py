"""The consumers' own image decoding, run on real files: which decoder reads which image.

For every file named on stdin (one path a line) prints one JSON object:
``{"path": …, "cv2": bool, "pil": bool, "cv2_error": str|None, "pil_error": str|None}``.

- ``cv2``: PaddleClas's DecodeImage (ppcls/data/preprocess/ops/operators.py:195-196,
  backend "cv2", the default): ``cv2.imdecode(np.frombuffer(img, dtype="uint8"), 1)``;
  ``None`` (or an exception) is a failure — MultiLabelDataset.__getitem__
  (ppcls/data/dataloader/multilabel_dataset.py:61-65) then trains on a random other sample.
  mmcv's default cv2 backend makes the same call.
- ``pil``: HashNet's and DeepHash-pytorch's ``pil_loader``:
  ``Image.open(f).convert("RGB")``; an exception stops training.

Needs OpenCV and Pillow (Debian's python3-opencv 4.6.0 and python3-pil 9.4.0:
PaddleClas's requirements allow no newer OpenCV than opencv-python<=4.6.0.66).
``--versions`` prints the two versions and exits.
"""

import json
import sys


def main():
    import cv2
    import numpy as np
    import PIL
    from PIL import Image

    if sys.argv[1:] == ["--versions"]:
        print(json.dumps({"cv2": cv2.__version__, "pil": PIL.__version__}))
        return
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        with open(path, "rb") as f:
            data = f.read()
        cv2_error = None
        try:
            if cv2.imdecode(np.frombuffer(data, dtype="uint8"), 1) is None:
                cv2_error = "None"
        except Exception as error:  # cv2.error on some inputs: DecodeImage fails the same way
            cv2_error = f"{type(error).__name__}: {error}"
        pil_error = None
        try:
            with open(path, "rb") as f:
                Image.open(f).convert("RGB")
        except Exception as error:
            pil_error = f"{type(error).__name__}: {error}"
        print(json.dumps({"path": path, "cv2": cv2_error is None, "pil": pil_error is None, "cv2_error": cv2_error, "pil_error": pil_error}))


if __name__ == "__main__":
    main()
