#!/usr/bin/env python3
"""Oracle for PaddleClas's ``-o KEY=VALUE`` overrides (PaddlePaddle/PaddleClas @ d178931fc).

Replays ``override_config`` and ``override`` (ppcls/utils/config.py:124-186) on a config, with
Python's own ``eval`` for the values and list keys, as ``str2num`` (:133-137) calls it: inside a
function whose only local is ``v``, in a module whose globals are config.py's. Written from reading
the source; no PaddleClas code is copied here.

  - an option must contain ``=`` and split into exactly two parts at it (:175-182, AssertionError);
  - the key splits at ``.`` (:183); each step must reach a list or a dict (:139, AssertionError);
  - a list's key is ``str2num``'d into an index (:142); the last one must be ``< len`` (:144),
    any other step indexes as Python does (IndexError, TypeError);
  - a dict's missing key becomes ``{}`` on the way (:155-157) and is set at the end (:149-153);
  - the value is ``str2num(v)``: ``eval(v)``, or ``v`` itself when eval raises any Exception.

Reads one JSON document on stdin, ``{"cases": [{"config": {...}, "options": [...]}, ...]}``, and
prints one JSON line a case: ``{"config": ...}`` with floats as ``{"float": repr}`` and any value
no YAML could hold as ``{"object": type}``, or ``{"error": exception name}`` where PaddleClas stops.
"""

import json
import sys

# config.py's module globals when override runs (its imports and top-level names).
MODULE_GLOBALS = {
    name: type(name, (), {})()
    for name in (
        "os copy argparse yaml logger check OrderedDict convert_to_dict AttrDict create_attr_dict "
        "parse_config print_dict print_config check_config override override_config get_config "
        "parse_args represent_dictionary_order setup_orderdict dump_infer_config"
    ).split()
}
MODULE_GLOBALS["__name__"] = "ppcls.utils.config"


def str2num(v):
    try:
        return eval(v, dict(MODULE_GLOBALS), {"v": v})
    except Exception:
        return v


def override(dl, ks, v):
    assert isinstance(dl, (list, dict))
    assert len(ks) > 0
    if isinstance(dl, list):
        k = str2num(ks[0])
        if len(ks) == 1:
            assert k < len(dl)
            dl[k] = str2num(v)
        else:
            override(dl[k], ks[1:], v)
    else:
        if len(ks) == 1:
            dl[ks[0]] = str2num(v)
        else:
            if ks[0] not in dl.keys():
                dl[ks[0]] = {}
            override(dl[ks[0]], ks[1:], v)


def override_config(config, options):
    for opt in options:
        assert "=" in opt
        pair = opt.split("=")
        assert len(pair) == 2
        key, value = pair
        override(config, key.split("."), value)
    return config


def shown(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, (list, tuple)):
        return [shown(item) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, (str, int, bool)) and key is not None:
                return {"object": "dict with a %s key" % type(key).__name__}
            out["True" if key is True else "False" if key is False else "None" if key is None else str(key)] = shown(item)
        return out
    return {"object": type(value).__name__}


def main():
    cases = json.load(sys.stdin)["cases"]
    for case in cases:
        try:
            config = override_config(case["config"], case["options"])
            verdict = {"config": shown(config)}
        except Exception as error:  # what tools/train.py stops with
            verdict = {"error": type(error).__name__}
        sys.stdout.write(json.dumps(verdict) + "\n")


if __name__ == "__main__":
    main()
