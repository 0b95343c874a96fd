"""Shared plumbing for the consumer oracles: the verdict record and line arithmetic.

An oracle replays one consumer's reading path on a label file and prints one
JSON object (see ``Verdict``). Nothing here knows about a particular consumer.
"""

import json
import os
import sys

OUTCOMES = ("ok", "crash", "silent")
STAGES = ("load", "batch", "loss", "metric")


class Stop(Exception):
    """The consumer stops here: raised by an oracle, turned into a ``crash`` verdict."""

    def __init__(self, stage, exception, message, line=None, why=None):
        super().__init__(message)
        assert stage in STAGES, stage
        self.stage = stage
        self.exception = exception
        self.message = message
        self.line = line
        self.why = why


def stop_with(stage, error, line=None, why=None):
    """A ``Stop`` carrying a real Python exception the consumer would have raised."""
    return Stop(stage, type(error).__name__, str(error), line, why)


def emit(outcome, stage=None, exception=None, message=None, line=None, rows=None, why=None):
    """Prints the verdict as one JSON object on stdout."""
    assert outcome in OUTCOMES, outcome
    verdict = {
        "outcome": outcome,
        "stage": stage,
        "exception": exception,
        "message": message,
        "line": line,
        "rows": rows if rows is not None else [],
        "why": why,
    }
    sys.stdout.write(json.dumps(verdict, ensure_ascii=False) + "\n")


def emit_stop(stop, rows=None):
    emit("crash", stop.stage, stop.exception, stop.message, stop.line, rows, stop.why)


def universal_line_of(raw, pos):
    """1-based line of byte ``pos`` as Python's universal-newline text mode counts
    lines: ``\\r\\n``, a lone ``\\r`` and ``\\n`` each end one line."""
    head = raw[:pos]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def read_lines_like_open(path):
    """``open(path).readlines()`` with the locale encoding fixed to UTF-8 (what the
    consumers' Linux hosts use) and default universal newlines.

    Raises ``Stop`` at the load stage, on the line of the first undecodable byte,
    when the bytes are not UTF-8 (the consumer raises UnicodeDecodeError from
    ``readlines()`` before it looks at any line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.readlines()
    except UnicodeDecodeError as error:
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            raw.decode("utf-8")
            line = None
        except UnicodeDecodeError as whole:
            line = universal_line_of(raw, whole.start)
        raise stop_with("load", error, line, "the file is not valid UTF-8; open() in text mode fails before any line is parsed")


def mode_width(rows):
    """The most common row width (ties: the width seen first)."""
    counts = {}
    for labels in rows:
        counts[len(labels)] = counts.get(len(labels), 0) + 1
    best = None
    for labels in rows:
        width = len(labels)
        if best is None or counts[width] > counts[best]:
            best = width
    return best


def run(main):
    """Runs ``main(argv)`` once, or, with ``--batch``, once per JSON argv array read
    from stdin (one verdict line each): the harness starts Python once per oracle."""
    argv = sys.argv[1:]
    if argv != ["--batch"]:
        main(argv)
        return
    for line in sys.stdin:
        if line.strip():
            main(json.loads(line))
            sys.stdout.flush()


def open_failure(target):
    """What ``open(target, "rb")`` raises for a path that is not a readable file, or None."""
    if "\0" in target:
        return "ValueError", "embedded null byte"
    if not os.path.exists(target):
        return "FileNotFoundError", f"[Errno 2] No such file or directory: {target!r}"
    if os.path.isdir(target):
        return "IsADirectoryError", f"[Errno 21] Is a directory: {target!r}"
    return None
