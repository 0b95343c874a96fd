#!/usr/bin/env python3
"""Writes schemas/ppcls/*.schema.json: what PaddleClas accepts in the parts of a
training config it turns into constructor calls, read from PaddleClas's own code.

    python3 scripts/ppcls-signatures.py PADDLECLAS [--rev REV] [--out DIR] [--paddle PADDLE]

PADDLECLAS is a checkout (a work tree) or a git directory (a bare clone, read at
REV, default HEAD). Nothing is imported or run: the source is parsed with `ast`.

What it models (and checks is still there, so a newer PaddleClas that builds
things differently stops this script instead of yielding wrong schemas):

- ppcls/data/__init__.py `build_dataloader`: the dataset mapping loses `name`
  (pop, KeyError when missing) and `batch_transform_ops`, then
  `eval(name)(**rest)`; a sampler with a `name` is `eval(name)(dataset, **rest)`
  with `total_epochs` filled in when the constructor has it; a sampler without
  one is read as `config_sampler["…"]`; the loader as `config_loader["…"]`.
- ppcls/loss/__init__.py `CombinedLoss`: each `- Name: {…}` entry must hold
  `weight` (asserted, then popped), then `eval(name)(**param)`.
- ppcls/metric/__init__.py `CombinedMetrics`: `eval(name)(**params)`, or
  `eval(name)()` when the entry has no mapping.
- ppcls/optimizer/__init__.py `build_optimizer`: each item pops `scope`, `lr`
  (`build_lr_scheduler`: `epochs` and `step_each_epoch` set in it, `name`
  popped, `getattr(learning_rate, name)(**rest)`), a `regularizer` that is not
  None (`getattr(paddle.regularizer, name + 'Decay')(**rest)`, which becomes
  `weight_decay`) and `clip_norm`, then calls `getattr(optimizer, name)` with
  `learning_rate` and `grad_clip` beside the rest.

- ppcls/arch/__init__.py `build_model`: `getattr(ppcls.arch, name)(**rest)`,
  with an ML-Decoder head (`use_ml_decoder` popped, add_ml_decoder_head and
  MLDecoder's signature), and for each model function that takes `pretrained`, whether it hands it to
  a helper of its module (`_load_pretrained`) whose chain `is False` / `is
  True` / `isinstance(…, str)` loads text with ppcls/utils/save_load.py
  `load_dygraph_pretrain` (a weights path, `.pdparams` added, ValueError when
  the file is not there), and whether anything else raises RuntimeError.

`eval` looks names up in those modules' namespaces, so a family's classes are
the classes bound there (imported or defined, aliases included); any other
name raises NameError. A constructor's parameters come from its own
`__init__` or the first one up its bases (an inherited `__init__`); one
without a default is required; `**kwargs` accepts any key. Two samplers come
from Paddle itself (paddle.io), and so do the regularizers (paddle.regularizer);
their signatures are recorded below from Paddle's source, or read from a Paddle
checkout given with --paddle.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Optional, Union

SCHEMA_BASE = "https://labellint.dev/schemas/ppcls/"
GENERATOR = "scripts/ppcls-signatures.py"

# paddle.io classes PaddleClas's data namespace imports and configs name as
# samplers; the dataset is PaddleClas's first positional argument.
PADDLE_SOURCE = "python/paddle/io/dataloader/batch_sampler.py"
PADDLE_RECORDED = {
    "commit": "01fbd77c319d09de4211282672149f2d8e0b18ac",
    "classes": {
        "paddle.io.BatchSampler": {
            "class": "BatchSampler",
            "line": 109,
            "params": [("dataset", False), ("sampler", False), ("shuffle", False), ("batch_size", False), ("drop_last", False)],
        },
        "paddle.io.DistributedBatchSampler": {
            "class": "DistributedBatchSampler",
            "line": 254,
            "params": [("dataset", True), ("batch_size", True), ("num_replicas", False), ("rank", False), ("shuffle", False), ("drop_last", False)],
        },
    },
}
# paddle.regularizer, where build_optimizer looks a regularizer's name + 'Decay' up. L1Decay and L2Decay
# take `coeff=0.0` at this commit and in the older fluid-based file (Paddle 01e1614) alike.
PADDLE_REGULARIZER_SOURCE = "python/paddle/regularizer.py"
PADDLE_REGULARIZERS = {
    "commit": "d40e2b242abc0a64501cab2d342f9513c9bc9fff",
    "classes": {
        "L1Decay": {"class": "L1Decay", "line": 108, "params": [("coeff", False)]},
        "L2Decay": {"class": "L2Decay", "line": 220, "params": [("coeff", False)]},
    },
}
# Roots of the two families the data namespace holds, by base class.
DATASET_ROOTS = {"paddle.io.Dataset", "paddle.io.IterableDataset", "paddle.vision.datasets.Cifar10", "paddle.vision.datasets.Cifar100"}
SAMPLER_ROOTS = {"paddle.io.Sampler", "paddle.io.BatchSampler", "paddle.io.DistributedBatchSampler"}


def fail(message: str) -> None:
    print(f"ppcls-signatures: {message}", file=sys.stderr)
    sys.exit(1)


def git(path: str, *args: str) -> Optional[str]:
    try:
        return subprocess.run(["git", "-C", path, *args], check=True, capture_output=True, text=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


class Tree:
    """Files of a checkout or of a git directory at one commit."""

    def __init__(self, path: str, rev: str):
        self.path = path
        self.worktree = os.path.isdir(os.path.join(path, "ppcls"))
        commit = git(path, "rev-parse", f"{'HEAD' if self.worktree else rev}^{{commit}}")
        if commit is None:
            fail(f"{path}: not a git checkout or git directory (the commit goes into the schemas)")
        self.commit = commit.strip()
        if self.worktree and git(path, "status", "--porcelain", "--", "ppcls"):
            print(f"ppcls-signatures: warning: {path} has local changes under ppcls/; the schemas say {self.commit}", file=sys.stderr)

    def read(self, rel: str) -> Optional[str]:
        if self.worktree:
            full = os.path.join(self.path, rel)
            if not os.path.isfile(full):
                return None
            with open(full, encoding="utf-8") as f:
                return f.read()
        return git(self.path, "show", f"{self.commit}:{rel}")


# ---------------------------------------------------------------- namespaces


@dataclass
class Module:
    name: str  # ppcls.loss.celoss
    path: str  # ppcls/loss/celoss.py
    tree: ast.Module
    text: str
    # name -> ("class", ClassDef) | ("from", module, attr) | ("module", dotted) | ("alias", name)
    bindings: dict = field(default_factory=dict)
    # modules whose names `from … import *` binds here, in order
    stars: list = field(default_factory=list)

    @property
    def package(self) -> str:
        return self.name if self.path.endswith("__init__.py") else self.name.rpartition(".")[0]


@dataclass(frozen=True)
class Class:
    module: Module
    node: ast.ClassDef

    @property
    def key(self) -> str:
        return f"{self.module.name}.{self.node.name}"


Resolved = Union[Class, str, None]  # a PaddleClas class, an external dotted name, or nothing known


class Source:
    def __init__(self, tree: Tree):
        self.tree = tree
        self.modules: dict[str, Optional[Module]] = {}

    def module(self, name: str) -> Optional[Module]:
        if name in self.modules:
            return self.modules[name]
        base = name.replace(".", "/")
        found = None
        for path in (f"{base}.py", f"{base}/__init__.py"):
            text = self.tree.read(path)
            if text is not None:
                found = Module(name, path, ast.parse(text, path), text)
                bind(found, found.tree.body)
                break
        self.modules[name] = found
        return found

    def resolve(self, module: Module, name: str, depth: int = 0) -> Resolved:
        if depth > 20:
            fail(f"import cycle resolving {name} in {module.path}")
        binding = module.bindings.get(name)
        if binding is None:
            return name if name == "object" else None
        kind = binding[0]
        if kind == "class":
            return Class(module, binding[1])
        if kind == "alias":
            return self.resolve(module, binding[1], depth + 1)
        if kind != "from":  # a module, a function, a computed value
            return None
        target, attr = binding[1], binding[2]
        if target.split(".")[0] != "ppcls":
            return f"{target}.{attr}"
        if self.module(f"{target}.{attr}") is not None:  # `from ppcls.data import dataloader`: a submodule
            return None
        other = self.module(target)
        if other is None:
            return None
        return self.resolve(other, attr, depth + 1)

    def resolve_expr(self, module: Module, expr: ast.expr) -> Resolved:
        if isinstance(expr, ast.Subscript):  # Generic[T]
            return self.resolve_expr(module, expr.value)
        if isinstance(expr, ast.Name):
            return self.resolve(module, expr.id)
        if isinstance(expr, ast.Attribute):
            parts = []
            node: ast.expr = expr
            while isinstance(node, ast.Attribute):
                parts.append(node.attr)
                node = node.value
            if not isinstance(node, ast.Name):
                return None
            binding = module.bindings.get(node.id)
            if binding is not None and binding[0] == "module":
                return ".".join([binding[1], *reversed(parts)])
            return ".".join([node.id, *reversed(parts)])
        return None


def bind(module: Module, body: list) -> None:
    """Module-level names, in order (a later binding replaces an earlier one); `if`/`try` bodies too."""
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            module.bindings[stmt.name] = ("class", stmt)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            module.bindings[stmt.name] = ("function",)
        elif isinstance(stmt, ast.ImportFrom):
            if stmt.level:
                parts = module.package.split(".")
                base = ".".join(parts[: len(parts) - (stmt.level - 1)])
                target = f"{base}.{stmt.module}" if stmt.module else base
            else:
                target = stmt.module or ""
            for alias in stmt.names:
                if alias.name != "*":
                    module.bindings[alias.asname or alias.name] = ("from", target, alias.name)
                else:
                    module.stars.append(target)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    module.bindings[alias.asname] = ("module", alias.name)
                else:
                    top = alias.name.split(".")[0]
                    module.bindings[top] = ("module", top)
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = stmt.value
            module.bindings[stmt.targets[0].id] = ("alias", value.id) if isinstance(value, ast.Name) else ("value",)
        elif isinstance(stmt, ast.If):
            bind(module, stmt.body)
            bind(module, stmt.orelse)
        elif isinstance(stmt, ast.Try):
            bind(module, stmt.body)


# ---------------------------------------------------------------- signatures


@dataclass
class Param:
    name: str
    required: bool
    keyword: bool = True  # False: positional-only (cannot come from a config key)
    positional: bool = True  # False: keyword-only (not in getfullargspec(...).args)


@dataclass
class Signature:
    source: str
    line: int
    cls: str  # the class whose __init__ this is
    params: list
    any_key: bool
    raises: Optional[dict] = None
    commit: Optional[str] = None  # set when the source is another repository (Paddle)
    repo: Optional[str] = None


def signature_of(fn: ast.FunctionDef, source: str, cls: str) -> Signature:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    first_default = len(positional) - len(a.defaults)
    params = [Param(p.arg, i < first_default, i >= len(a.posonlyargs)) for i, p in enumerate(positional)]
    params += [Param(p.arg, d is None, positional=False) for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if not params or params[0].name != "self":
        fail(f"{source}:{fn.lineno}: {cls}.__init__ does not start with self")
    return Signature(source, fn.lineno, cls, params[1:], a.kwarg is not None, always_raises(fn))


def always_raises(fn: ast.FunctionDef) -> Optional[dict]:
    """`raise X(...)` among the constructor's own top-level statements: it can never be built."""
    strings = {}
    for stmt in fn.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                strings[stmt.targets[0].id] = stmt.value.value
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc
            name = exc.func if isinstance(exc, ast.Call) else exc
            out = {"exception": ast.unparse(name), "line": stmt.lineno}
            if isinstance(exc, ast.Call) and exc.args:
                arg = exc.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out["message"] = arg.value
                elif isinstance(arg, ast.Name) and arg.id in strings:
                    out["message"] = strings[arg.id]
            return out
    return None


class Signatures:
    def __init__(self, source: Source, paddle: dict):
        self.source = source
        self.paddle = paddle

    def init_of(self, resolved: Resolved, seen: int = 0) -> Signature:
        if seen > 30:
            fail("base-class chain too deep")
        if isinstance(resolved, str):
            if resolved == "object":
                return Signature("builtins", 0, "object", [], False)
            known = self.paddle["classes"].get(resolved)
            if known is None:
                fail(f"an __init__ is inherited from {resolved}, whose signature is not recorded (add it to PADDLE_RECORDED)")
            return paddle_signature(known, PADDLE_SOURCE, self.paddle["commit"])
        if resolved is None:
            fail("an __init__ is inherited from a base that cannot be resolved")
        cls: Class = resolved
        for stmt in cls.node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
                return signature_of(stmt, cls.module.path, cls.node.name)
        for base in cls.node.bases:
            return self.init_of(self.source.resolve_expr(cls.module, base), seen + 1)
        return Signature("builtins", 0, "object", [], False)

    def roots(self, resolved: Resolved, seen: int = 0) -> set:
        """The external classes `resolved` derives from (itself when external)."""
        if isinstance(resolved, str):
            return {resolved}
        if resolved is None or seen > 30:
            return set()
        out = set()
        for base in resolved.node.bases:
            out |= self.roots(self.source.resolve_expr(resolved.module, base), seen + 1)
        return out


def paddle_signature(known: dict, source: str, commit: str) -> Signature:
    """A Paddle class's recorded (or read) constructor."""
    return Signature(source, known["line"], known["class"], [Param(n, r) for n, r in known["params"]], False, commit=commit, repo="PaddlePaddle/Paddle")


def paddle_classes(path: str, source: str, names: Optional[list] = None) -> dict:
    """The module-level classes of a Paddle checkout's `source` with their own __init__ (only `names`, each required, when given)."""
    text_path = os.path.join(path, source)
    if not os.path.isfile(text_path):
        fail(f"{path}: no {source}")
    with open(text_path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), source)
    classes = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name in classes or (names is not None and node.name not in names):
            continue
        init = next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        if init is not None:
            sig = signature_of(init, source, node.name)
            classes[node.name] = {"class": node.name, "line": sig.line, "params": [(p.name, p.required) for p in sig.params]}
    for name in names or []:
        if name not in classes:
            fail(f"{source}: no {name}.__init__")
    return classes


def paddle_signatures(path: Optional[str]) -> dict:
    """The paddle.io samplers' and paddle.regularizer's signatures: as recorded, or read from a Paddle checkout."""
    if path is None:
        return {**PADDLE_RECORDED, "regularizers": PADDLE_REGULARIZERS}
    commit = (git(path, "rev-parse", "HEAD") or "").strip() or fail(f"{path}: not a git checkout")
    samplers = paddle_classes(path, PADDLE_SOURCE, [recorded["class"] for recorded in PADDLE_RECORDED["classes"].values()])
    classes = {dotted: samplers[recorded["class"]] for dotted, recorded in PADDLE_RECORDED["classes"].items()}
    return {"commit": commit, "classes": classes, "regularizers": {"commit": commit, "classes": paddle_classes(path, PADDLE_REGULARIZER_SOURCE)}}


# ---------------------------------------------------------------- how PaddleClas builds things


def function(module: Module, name: str) -> ast.AST:
    for node in ast.walk(module.tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return node
    fail(f"{module.path}: no {name} (PaddleClas changed how it builds this: review the model in {GENERATOR})")
    raise AssertionError


def subscript_keys(scope: ast.AST, variable: str) -> dict:
    """`variable["key"]` reads in scope: key -> first line (each raises KeyError when the key is missing)."""
    keys = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == variable:
            if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) and isinstance(node.ctx, ast.Load):
                keys.setdefault(node.slice.value, node.lineno)
    return dict(sorted(keys.items(), key=lambda kv: kv[1]))


def popped_keys(scope: ast.AST, variable: str) -> dict:
    """`variable.pop("key")` calls in scope: key -> first line."""
    keys = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pop" and ast.unparse(node.func.value) == variable:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                keys.setdefault(node.args[0].value, node.lineno)
    return dict(sorted(keys.items(), key=lambda kv: kv[1]))


def find_line(module: Module, scope: ast.AST, snippet: str) -> int:
    """Line of the statement in scope whose source, spaces removed, contains snippet (spaces removed)."""
    wanted = snippet.replace(" ", "")
    for node in ast.walk(scope):
        if isinstance(node, (ast.If, ast.While)):
            text = ast.unparse(node.test)
        elif isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.With, ast.Try)):
            text = ast.unparse(node)
        else:
            continue
        if wanted in text.replace(" ", "").replace('"', "'"):
            return node.lineno
    fail(f"{module.path}: no `{snippet}` (PaddleClas changed how it builds this: review the model in {GENERATOR})")
    raise AssertionError


def cite(module: Module, line: int) -> dict:
    return {"source": module.path, "line": line}


# ---------------------------------------------------------------- schemas


def class_entry(name: str, sig: Signature, cls: Optional[Class], passed: list, popped: list, needs: list, overwritten: tuple = ()) -> dict:
    """One class's definition: the keys its config mapping may hold and must hold.

    passed: parameters PaddleClas fills itself (a sampler's dataset, positionally;
    an optimizer's learning_rate, by keyword beside the config's: a config value
    for it is a second one).
    popped: keys PaddleClas takes out before the call (allowed, never passed on).
    needs: keys PaddleClas requires before the call (a loss's weight).
    overwritten: passed keys PaddleClas sets in the config's mapping itself (a
    sampler's total_epochs, a schedule's epochs): a config value for one is allowed.
    """
    takes = [p.name for p in sig.params if p.keyword and p.name not in passed and p.name not in popped]
    required = [*needs, *(p.name for p in sig.params if p.required and p.name not in passed and p.name not in needs)]
    meta: dict = {"source": sig.source, "line": sig.line}
    if sig.repo is not None:
        meta = {"repo": sig.repo, "commit": sig.commit, **meta}
    declared = cls.node.name if cls is not None else sig.cls
    if declared != name:
        meta["class"] = declared
    if sig.cls != declared:
        meta["inherits"] = sig.cls
    meta["takes"] = takes
    meta["required"] = required
    if passed:
        meta["passedByPaddleClas"] = passed
    if sig.any_key:
        meta["anyKey"] = True
    if sig.raises is not None:
        meta["raises"] = {**sig.raises, "source": sig.source}
    definition: dict = {"x-ppcls": meta, "type": "object"}
    if not sig.any_key:
        allowed = [*popped, *needs, *takes, *(p for p in passed if p in overwritten)]
        definition["properties"] = {key: True for key in dict.fromkeys(allowed)}
        definition["additionalProperties"] = False
    if required:
        definition["required"] = required
    return definition


def family(source: Source, sigs: Signatures, module: Module, keep) -> dict:
    """The classes bound in `module` that `keep(resolved)` accepts, by bound name."""
    out = {}
    for name in sorted(module.bindings, key=str.lower):
        resolved = source.resolve(module, name)
        if isinstance(resolved, Class) or (isinstance(resolved, str) and resolved in sigs.paddle["classes"]):
            if keep(resolved):
                out[name] = resolved
    return out


def header(title: str, family_name: str, commit: str, built: dict, description: str) -> dict:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{SCHEMA_BASE}{family_name}.schema.json",
        "title": title,
        "description": description,
        "x-ppcls": {"repo": "PaddlePaddle/PaddleClas", "commit": commit, "generator": GENERATOR, **built},
    }


def by_name(definitions: dict, key: str) -> list:
    return [
        {"if": {"properties": {key: {"const": name}}, "required": [key]}, "then": {"$ref": f"#/definitions/{name}"}}
        for name in definitions
    ]


def build(tree: Tree, paddle: dict) -> dict:
    source = Source(tree)
    sigs = Signatures(source, paddle)
    data = source.module("ppcls.data") or fail("no ppcls/data/__init__.py")
    losses_mod = source.module("ppcls.loss") or fail("no ppcls/loss/__init__.py")
    metrics_mod = source.module("ppcls.metric") or fail("no ppcls/metric/__init__.py")

    # build_dataloader: what is popped, read and called.
    builder = function(data, "build_dataloader")
    dataset_call = find_line(data, builder, "eval(dataset_name)(**config_dataset)")
    name_pop = find_line(data, builder, "dataset_name = config_dataset.pop('name')")
    batch_pop = find_line(data, builder, "config_dataset.pop('batch_transform_ops')")
    find_line(data, builder, "'batch_transform_ops' in config_dataset")  # the pop is guarded: the key is optional
    sampler_call = find_line(data, builder, "eval(sampler_name)(dataset, **config_sampler)")
    sampler_pop = find_line(data, builder, "sampler_name = config_sampler.pop('name')")
    epochs_line = find_line(data, builder, "config_sampler.update({'total_epochs': epochs})")
    sampler_keys = subscript_keys(builder, "config_sampler")
    loader_keys = subscript_keys(builder, "config_loader")
    mode_keys = {"dataset": find_line(data, builder, "config[mode]['dataset']"), "sampler": find_line(data, builder, "config[mode]['sampler']"), "loader": find_line(data, builder, "config[mode]['loader']")}
    if set(sampler_keys) != {"batch_size", "drop_last", "shuffle"} or set(loader_keys) != {"num_workers", "use_shared_memory"}:
        fail(f"{data.path}: build_dataloader reads sampler keys {list(sampler_keys)} and loader keys {list(loader_keys)}: review the model in {GENERATOR}")

    combined_loss = function(losses_mod, "CombinedLoss")
    loss_assert = find_line(losses_mod, combined_loss, "assert 'weight' in param")
    loss_pop = find_line(losses_mod, combined_loss, "param.pop('weight')")
    loss_call = find_line(losses_mod, combined_loss, "eval(name)(**param)")
    loss_list = find_line(losses_mod, combined_loss, "assert isinstance(config_list, list)")
    loss_entry = find_line(losses_mod, combined_loss, "assert isinstance(config, dict) and len(config) == 1")
    combined_metrics = function(metrics_mod, "CombinedMetrics")
    metric_call = find_line(metrics_mod, combined_metrics, "eval(metric_name)(**metric_params)")
    metric_bare = find_line(metrics_mod, combined_metrics, "eval(metric_name)()")
    metric_list = find_line(metrics_mod, combined_metrics, "assert isinstance(config_list, list)")
    metric_entry = find_line(metrics_mod, combined_metrics, "assert isinstance(config, dict) and len(config) == 1")

    commit = tree.commit
    roots = sigs.roots
    datasets = family(source, sigs, data, lambda r: bool(roots(r) & DATASET_ROOTS))
    samplers = family(source, sigs, data, lambda r: bool(roots(r) & SAMPLER_ROOTS))
    losses = family(source, sigs, losses_mod, lambda r: isinstance(r, Class))
    metrics = family(source, sigs, metrics_mod, lambda r: isinstance(r, Class))

    def definitions(classes: dict, passed_of, popped: list, needs: list, overwritten: tuple = ()) -> dict:
        out = {}
        for name, resolved in classes.items():
            sig = sigs.init_of(resolved)
            cls = resolved if isinstance(resolved, Class) else None
            out[name] = class_entry(name, sig, cls, passed_of(sig), popped, needs, overwritten)
        return out

    def sampler_passed(sig: Signature) -> list:
        # PaddleClas passes the dataset positionally, and total_epochs when getfullargspec(__init__).args has it
        # (a positional-or-keyword parameter: a keyword-only one is the config's to give).
        passed = [sig.params[0].name] if sig.params else []
        if any(p.name == "total_epochs" and p.keyword and p.positional for p in sig.params):
            passed.append("total_epochs")
        return passed

    dataset_defs = definitions(datasets, lambda s: [], ["name", "batch_transform_ops"], [])
    sampler_defs = definitions(samplers, sampler_passed, ["name"], [], ("total_epochs",))
    loss_defs = definitions(losses, lambda s: [], [], ["weight"])
    metric_defs = definitions(metrics, lambda s: [], [], [])

    schemas = {}
    schemas["datasets"] = {
        **header(
            "DataLoader.Train.dataset / DataLoader.Eval.dataset of a PaddleClas training config",
            "datasets",
            commit,
            {
                "namespace": data.path,
                "key": cite(data, mode_keys["dataset"]),
                "name": cite(data, name_pop),
                "batchTransformOps": cite(data, batch_pop),
                "call": cite(data, dataset_call),
            },
            "PaddleClas pops `name` (KeyError when missing) and `batch_transform_ops`, then calls eval(name)(**rest): "
            "an unknown name raises NameError, a key the class's __init__ does not take or a missing required one TypeError.",
        ),
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"enum": list(dataset_defs)}},
        "allOf": by_name(dataset_defs, "name"),
        "definitions": dataset_defs,
    }
    schemas["samplers"] = {
        **header(
            "DataLoader.Train.sampler / DataLoader.Eval.sampler of a PaddleClas training config",
            "samplers",
            commit,
            {
                "namespace": data.path,
                "key": cite(data, mode_keys["sampler"]),
                "withoutName": {key: cite(data, line) for key, line in sampler_keys.items()},
                "name": cite(data, sampler_pop),
                "totalEpochs": cite(data, epochs_line),
                "call": cite(data, sampler_call),
            },
            "A sampler mapping without `name` is read as config_sampler[\"batch_size\"], [\"drop_last\"] and [\"shuffle\"] "
            "(KeyError when missing; other keys are ignored); an empty one goes on to pop `name` (KeyError). With a `name`, "
            "PaddleClas calls eval(name)(dataset, **rest), filling in total_epochs when the __init__ has it.",
        ),
        "type": "object",
        "if": {"required": ["name"]},
        "then": {"properties": {"name": {"enum": list(sampler_defs)}}, "allOf": by_name(sampler_defs, "name")},
        "else": {"if": {"minProperties": 1}, "then": {"required": list(sampler_keys)}, "else": {"required": ["name"]}},
        "definitions": sampler_defs,
    }
    schemas["loader"] = {
        **header(
            "DataLoader.Train.loader / DataLoader.Eval.loader of a PaddleClas training config",
            "loader",
            commit,
            {"namespace": data.path, "key": cite(data, mode_keys["loader"]), "reads": {key: cite(data, line) for key, line in loader_keys.items()}},
            "build_dataloader reads config_loader[\"num_workers\"] and [\"use_shared_memory\"] (KeyError when missing) and ignores other keys.",
        ),
        "type": "object",
        "required": list(loader_keys),
    }

    schemas["losses"] = {
        **header(
            "Loss.Train / Loss.Eval of a PaddleClas training config",
            "losses",
            commit,
            {
                "namespace": losses_mod.path,
                "list": cite(losses_mod, loss_list),
                "entry": cite(losses_mod, loss_entry),
                "weight": cite(losses_mod, loss_assert),
                "weightPop": cite(losses_mod, loss_pop),
                "call": cite(losses_mod, loss_call),
            },
            "CombinedLoss asserts a list of one-key entries, asserts `weight` in each entry's mapping and pops it, then calls "
            "eval(name)(**param): an unknown name raises NameError, a key the class's __init__ does not take or a missing "
            "required one TypeError.",
        ),
        **entry_list_of(loss_defs),
    }
    schemas["metrics"] = {
        **header(
            "Metric.Train / Metric.Eval of a PaddleClas training config",
            "metrics",
            commit,
            {
                "namespace": metrics_mod.path,
                "list": cite(metrics_mod, metric_list),
                "entry": cite(metrics_mod, metric_entry),
                "call": cite(metrics_mod, metric_call),
                "callWithoutArguments": cite(metrics_mod, metric_bare),
            },
            "CombinedMetrics asserts a list of one-key entries and calls eval(name)(**params), or eval(name)() when the entry "
            "has no mapping (validate that as {}): an unknown name raises NameError, a key the class's __init__ does not take "
            "or a missing required one TypeError.",
        ),
        **entry_list_of(metric_defs),
    }
    schemas["optimizers"] = optimizer_schema(source, sigs, commit)
    schemas["arch"] = arch_schema(source, commit, sigs)
    schemas["transforms"] = transforms_schema(source, sigs, commit, data, builder, datasets)
    return schemas


# ---------------------------------------------------------------- transform operators

# Operators PaddleClas's preprocess namespace takes from Paddle: the name is found, the arguments are Paddle's (not read here).
EXTERNAL_OPERATORS = ("paddle.vision.transforms.",)


def forwards_kwargs(fn: ast.FunctionDef) -> Optional[ast.Call]:
    """`super().__init__(*args, **kwargs)` (or `Base.__init__(self, *args, **kwargs)`) passing on exactly the catch-alls."""
    a = fn.args
    if a.kwarg is None:
        return None
    for node in ast.walk(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"):
            continue
        args = [x for x in node.args if not (isinstance(x, ast.Name) and x.id == "self")]
        star = [x for x in args if isinstance(x, ast.Starred)]
        if len(args) != len(star) or (star and (a.vararg is None or ast.unparse(star[0].value) != a.vararg.arg)):
            continue
        if len(node.keywords) == 1 and node.keywords[0].arg is None and ast.unparse(node.keywords[0].value) == a.kwarg.arg:
            return node
    return None


def owner_of_init(source: Source, resolved: Resolved, seen: int = 0):
    """The class whose __init__ `resolved` runs: (Class, FunctionDef), an external dotted name, or None (object's)."""
    if seen > 30 or resolved is None:
        fail("base-class chain too deep or unresolvable")
    if isinstance(resolved, str):
        return None if resolved == "object" else resolved
    for stmt in resolved.node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            return (resolved, stmt)
    for base in resolved.node.bases:
        return owner_of_init(source, source.resolve_expr(resolved.module, base), seen + 1)
    return None


def operator_signature(source: Source, resolved: Resolved, seen: int = 0):
    """An operator's constructor as a config calls it (keywords only): a Signature, or a dotted external name
    when its arguments are not PaddleClas's. A wrapper that passes *args/**kwargs on to its base takes its own
    named parameters and the base's."""
    owner = owner_of_init(source, resolved, seen)
    if owner is None:
        return Signature("builtins", 0, "object", [], False)
    if isinstance(owner, str):
        return owner
    cls, init = owner
    sig = signature_of(init, cls.module.path, cls.node.name)
    if forwards_kwargs(init) is None or not cls.node.bases:
        return sig
    base = operator_signature(source, source.resolve_expr(cls.module, cls.node.bases[0]), seen + 1)
    if isinstance(base, str):
        return base
    own = {p.name for p in sig.params}
    merged = [*sig.params, *(p for p in base.params if p.name not in own)]
    return Signature(sig.source, sig.line, sig.cls, merged, base.any_key, sig.raises or base.raises)


def operator_lists(source: Source, resolved: Resolved, seen: int = 0) -> dict:
    """A dataset's constructor parameters it hands to common_dataset.create_operators in __init__ (directly, or
    through its base's __init__): parameter -> where, and whether the call is under `if parameter:`."""
    owner = owner_of_init(source, resolved, seen)
    if not isinstance(owner, tuple):
        return {}
    cls, init = owner
    module = cls.module
    binding = module.bindings.get("create_operators")
    common = binding == ("from", "ppcls.data.dataloader.common_dataset", "create_operators") or (
        binding == ("function",) and module.name == "ppcls.data.dataloader.common_dataset"
    )
    params = [p.arg for p in [*init.args.posonlyargs, *init.args.args][1:]] + [p.arg for p in init.args.kwonlyargs]
    out = {}
    guarded_calls = set()
    for node in ast.walk(init):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call):
                    guarded_calls.add((id(inner), node.test.id))
    for node in ast.walk(init):
        if not isinstance(node, ast.Call):
            continue
        if common and isinstance(node.func, ast.Name) and node.func.id == "create_operators":
            if len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in params:
                name = node.args[0].id
                out[name] = {"source": module.path, "line": node.lineno, "guarded": (id(node), name) in guarded_calls}
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "__init__" and cls.node.bases:
            base = source.resolve_expr(module, cls.node.bases[0])
            if isinstance(base, str):
                continue
            base_owner = owner_of_init(source, base)
            if not isinstance(base_owner, tuple):
                continue
            base_params = [p.arg for p in [*base_owner[1].args.posonlyargs, *base_owner[1].args.args][1:]]
            args = [x for x in node.args if not (isinstance(x, ast.Name) and x.id == "self" and isinstance(node.func.value, ast.Name))]
            mapping = {}
            for i, x in enumerate(args):
                if isinstance(x, ast.Name) and x.id in params and i < len(base_params):
                    mapping[base_params[i]] = x.id
            for kw in node.keywords:
                if kw.arg is not None and isinstance(kw.value, ast.Name) and kw.value.id in params:
                    mapping[kw.arg] = kw.value.id
            for base_param, where in operator_lists(source, base, seen + 1).items():
                if base_param in mapping:
                    out.setdefault(mapping[base_param], where)
    return out


def transforms_schema(source: Source, sigs: Signatures, commit: str, data: Module, builder: ast.AST, datasets: dict) -> dict:
    """The operators `getattr(preprocess, name)(**args)` builds from transform_ops and batch_transform_ops."""
    namespace = source.module("ppcls.data.preprocess") or fail("no ppcls/data/preprocess/__init__.py")
    common = source.module("ppcls.data.dataloader.common_dataset") or fail("no ppcls/data/dataloader/common_dataset.py")
    per_item = function(common, "create_operators")
    batch = function(data, "create_operators")
    reads = {
        "none": find_line(common, per_item, "params is None"),
        "list": find_line(common, per_item, "assert isinstance(params, list)"),
        "entry": find_line(common, per_item, "assert isinstance(operator, dict) and len(operator) == 1"),
        "call": find_line(common, per_item, "op = getattr(preprocess, op_name)(**param)"),
    }
    find_line(common, per_item, "param = {} if operator[op_name] is None else operator[op_name]")
    batch_reads = {
        "pop": find_line(data, builder, "config_dataset.pop('batch_transform_ops')"),
        "isList": find_line(data, builder, "isinstance(batch_transform, list)"),
        "create": find_line(data, builder, "batch_ops = create_operators(batch_transform, class_num)"),
        "list": find_line(data, batch, "assert isinstance(params, list)"),
        "entry": find_line(data, batch, "assert isinstance(operator, dict) and len(operator) == 1"),
        "lookup": find_line(data, batch, "op_func = getattr(preprocess, op_name)"),
        "classNum": find_line(data, batch, "'class_num' in inspect.getfullargspec(op_func).args"),
        "call": find_line(data, batch, "op = op_func(**param)"),
    }
    find_line(data, batch, "param.update({'class_num': class_num})")
    find_line(data, batch, "param = {} if operator[op_name] is None else operator[op_name]")
    if data.bindings.get("preprocess") != ("from", "ppcls.data", "preprocess") or common.bindings.get("preprocess") != ("from", "ppcls.data", "preprocess"):
        fail("create_operators no longer looks operators up in ppcls.data.preprocess: review the model in " + GENERATOR)

    definitions = {}
    others = []
    for name in sorted(namespace.bindings, key=str.lower):
        resolved = source.resolve(namespace, name)
        if isinstance(resolved, str):
            if not resolved.startswith(EXTERNAL_OPERATORS):
                others.append(name)
                continue
            definitions[name] = {"x-ppcls": {"external": resolved, "takes": [], "required": [], "anyKey": True}, "type": "object"}
            continue
        if not isinstance(resolved, Class):
            others.append(name)
            continue
        sig = operator_signature(source, resolved)
        if isinstance(sig, str):  # a PaddleClas class whose __init__ is Paddle's
            definitions[name] = {"x-ppcls": {"source": resolved.module.path, "line": resolved.node.lineno, **({"class": resolved.node.name} if resolved.node.name != name else {}), "external": sig, "takes": [], "required": [], "anyKey": True}, "type": "object"}
            continue
        entry = class_entry(name, sig, resolved, [], [], [])
        own = owner_of_init(source, resolved)
        # getfullargspec(op_func).args: the positional parameters of the __init__ the class runs.
        own_args = [] if not isinstance(own, tuple) else [p.arg for p in [*own[1].args.posonlyargs, *own[1].args.args]]
        if "class_num" in own_args:
            entry["x-ppcls"]["classNum"] = True
        definitions[name] = entry
    # Submodules imported under the package are attributes too (getattr finds them; calling one raises TypeError).
    for imported in ast.walk(namespace.tree):
        if isinstance(imported, ast.ImportFrom):
            target = imported.module or ""
            if imported.level:
                target = f"ppcls.data.preprocess.{target}"
            if target.startswith("ppcls.data.preprocess."):
                head = target.split(".")[3]
                if head not in definitions and head not in others:
                    others.append(head)

    dataset_lists = {}
    for name, resolved in datasets.items():
        found = operator_lists(source, resolved)
        if found:
            dataset_lists[name] = found
    return {
        **header(
            "Operators of DataLoader.<split>.dataset.transform_ops and batch_transform_ops of a PaddleClas training config",
            "transforms",
            commit,
            {
                "namespace": namespace.path,
                "reads": {key: cite(common, line) for key, line in reads.items()},
                "batch": {key: cite(data, line) for key, line in batch_reads.items()},
                "datasets": dataset_lists,
                "notOperators": sorted(others, key=str.lower),
            },
            "create_operators returns None for None, asserts a list of one-key entries, then calls "
            "getattr(ppcls.data.preprocess, name)(**args) (None args: no arguments): an unknown name raises AttributeError, "
            "a key the class's __init__ does not take or a missing required one TypeError. build_dataloader builds "
            "batch_transform_ops only when it is a list, with a create_operators that also passes class_num to a class "
            "whose __init__ has it. Operators whose arguments are Paddle's (paddle.vision.transforms) are accepted with any.",
        ),
        **entry_list_of(definitions),
    }


def entry_list_of(defs: dict) -> dict:
    """A list of one-key mappings `- Name: {args}`, each name one of `defs` (losses, metrics, transform operators)."""
    return {
        "type": "array",
        "items": {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "properties": {name: {"$ref": f"#/definitions/{name}"} for name in defs},
            "additionalProperties": False,
        },
        "definitions": defs,
    }


def optimizer_schema(source: Source, sigs: Signatures, commit: str) -> dict:
    """build_optimizer and build_lr_scheduler: the keys they pop, read or pass themselves, the classes getattr finds by
    name (optimizers, schedules, and Paddle's regularizers), and their constructors."""
    package = source.module("ppcls.optimizer") or fail("no ppcls/optimizer/__init__.py")
    optimizers = source.module("ppcls.optimizer.optimizer") or fail("no ppcls/optimizer/optimizer.py")
    schedules = source.module("ppcls.optimizer.learning_rate") or fail("no ppcls/optimizer/learning_rate.py")
    build_opt = function(package, "build_optimizer")
    build_lr = function(package, "build_lr_scheduler")
    lines = {
        "name": find_line(package, build_opt, "optim_name = optim_config.pop('name')"),
        "scope": find_line(package, build_opt, "optim_item[optim_name].pop('scope')"),
        "lr": find_line(package, build_opt, "optim_cfg.pop('lr')"),
        "lossParameters": find_line(package, build_opt, "model_list[i].parameters()"),
        "call": find_line(package, build_opt, "getattr(optimizer, optim_name)"),
        "lrUpdate": find_line(package, build_lr, "lr_config.update("),
        "lrCall": find_line(package, build_lr, "getattr(learning_rate, lr_name)"),
        "learningRate": find_line(package, build_lr, "lr_config['learning_rate']"),
        "regularizer": find_line(package, build_opt, "'regularizer' in optim_cfg and optim_cfg['regularizer'] is not None"),
        "regularizerName": find_line(package, build_opt, "reg_name = reg_config.pop('name') +"),
        "regularizerCall": find_line(package, build_opt, "getattr(paddle.regularizer, reg_name)(**reg_config)"),
        "weightDecay": find_line(package, build_opt, "optim_cfg['weight_decay'] = reg"),
        "clipNorm": find_line(package, build_opt, "clip_norm = optim_cfg.pop('clip_norm')"),
    }
    find_line(package, build_lr, "getattr(learning_rate, lr_name)(**lr_config)")
    review = f"{package.path}: PaddleClas builds the optimizer another way: review the model in {GENERATOR}"

    # The keys an item loses before the call: scope (from the item), then lr, regularizer and clip_norm.
    popped = popped_keys(build_opt, "optim_cfg")
    if set(popped) != {"lr", "regularizer", "clip_norm"}:
        fail(f"{package.path}: build_optimizer pops {list(popped)}: review the model in {GENERATOR}")
    # getattr(optimizer, optim_name)(learning_rate=lr, grad_clip=grad_clip, **optim_cfg), in every branch.
    calls = {
        (tuple(k.arg for k in node.keywords if k.arg is not None), tuple(ast.unparse(k.value) for k in node.keywords if k.arg is None), len(node.args))
        for node in ast.walk(build_opt)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and ast.unparse(node.func).replace(" ", "") == "getattr(optimizer,optim_name)"
    }
    if len(calls) != 1 or next(iter(calls))[1:] != (("optim_cfg",), 0):
        fail(review)
    keywords = list(next(iter(calls))[0])
    # lr_config.update({'epochs': epochs, 'step_each_epoch': step_each_epoch}) before the name is popped.
    update = next((n for n in ast.walk(build_lr) if isinstance(n, ast.Call) and ast.unparse(n.func) == "lr_config.update"), None)
    if update is None or len(update.args) != 1 or not isinstance(update.args[0], ast.Dict):
        fail(review)
    updates = [k.value for k in update.args[0].keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    # reg_name = reg_config.pop('name') + 'Decay'
    suffix = next(
        (
            n.right.value
            for n in ast.walk(build_opt)
            if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add) and ast.unparse(n.left) == "reg_config.pop('name')"
            and isinstance(n.right, ast.Constant) and isinstance(n.right.value, str)
        ),
        None,
    )
    if suffix is None:
        fail(review)

    def concrete(module: Module) -> list:
        # A class with an abstract method (LRBase) cannot be built: getattr finds it, the call raises TypeError.
        def abstract(node: ast.ClassDef) -> bool:
            return any(
                isinstance(f, ast.FunctionDef) and any(ast.unparse(d).split(".")[-1] == "abstractmethod" for d in f.decorator_list) for f in node.body
            )

        return [n.name for n in module.tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_") and not abstract(n)]

    def built(module: Module, passed: list, popped_here: list, overwritten: tuple = (), takes: tuple = ()) -> dict:
        """The concrete classes of `module`, each as a definition; each must take what PaddleClas passes it (and `takes`)."""
        out = {}
        for name in concrete(module):
            resolved = source.resolve(module, name)
            sig = sigs.init_of(resolved)
            own = {p.name for p in sig.params if p.keyword}
            lacking = [k for k in [*passed, *takes] if k not in own and not sig.any_key]
            if lacking:
                fail(f"{sig.source}:{sig.line}: {name} does not take {', '.join(lacking)}, which {package.path} gives it: review the model in {GENERATOR}")
            out[name] = class_entry(name, sig, resolved if isinstance(resolved, Class) else None, passed, popped_here, [], overwritten)
        return out

    optimizer_defs = built(optimizers, keywords, ["scope", *popped], takes=("weight_decay",))
    schedule_defs = built(schedules, updates, ["name"], tuple(updates))
    regularizers = sigs.paddle["regularizers"]
    regularizer_defs = {
        name: class_entry(name, paddle_signature(known, PADDLE_REGULARIZER_SOURCE, regularizers["commit"]), None, [], ["name"], [])
        for name, known in sorted(regularizers["classes"].items())
        if name.endswith(suffix) and name != suffix
    }
    if set(optimizer_defs) & set(schedule_defs) or set(regularizer_defs) & (set(optimizer_defs) | set(schedule_defs)):
        fail(f"an optimizer, schedule or regularizer share a name: review the definitions in {GENERATOR}")

    return {
        **header(
            "Optimizer of a PaddleClas training config",
            "optimizers",
            commit,
            {
                "namespace": package.path,
                "optimizers": {"source": optimizers.path, "names": list(optimizer_defs)},
                "schedules": {"source": schedules.path, "names": list(schedule_defs)},
                "regularizers": {"repo": "PaddlePaddle/Paddle", "commit": regularizers["commit"], "source": PADDLE_REGULARIZER_SOURCE, "suffix": suffix, "names": list(regularizer_defs)},
                "reads": {key: cite(package, line) for key, line in lines.items()},
                "popped": ["scope", *popped],
                "optimizerKeywords": keywords,
                "scheduleUpdates": updates,
            },
            "build_optimizer pops the optimizer's name and lr (a list form: each item's scope and lr), asks every model and the "
            "training loss for its parameters, and finds the optimizer by getattr in ppcls/optimizer/optimizer.py; "
            "build_lr_scheduler updates lr (a mapping) and finds its name by getattr in ppcls/optimizer/learning_rate.py, "
            "or reads lr.learning_rate without one: a missing key is a KeyError, an unknown name an AttributeError. "
            "The schedule is called with lr's other keys, epochs and step_each_epoch set by PaddleClas; a regularizer that is "
            "not None is popped and built as getattr(paddle.regularizer, name + 'Decay')(**rest), clip_norm popped, and the "
            "optimizer called with learning_rate and grad_clip beside the item's other keys (a definition lists an item's keys, "
            "without the mapping form's name): a key a constructor does not take, a required one left out, or learning_rate or "
            "grad_clip given again is a TypeError.",
        ),
        "definitions": {**optimizer_defs, **schedule_defs, **regularizer_defs},
    }


def callable_kind(source: Source, module: Module, name: str, depth: int = 0) -> Optional[str]:
    """"class" or "function" when `name` in `module` is a PaddleClas class or function (followed through imports),
    "external" for a name imported from outside PaddleClas, else None (a module, a value)."""
    if depth > 20:
        fail(f"import cycle resolving {name} in {module.path}")
    binding = module.bindings.get(name)
    if binding is None:
        return None
    if binding[0] in ("class", "function"):
        return binding[0]
    if binding[0] == "alias":
        return callable_kind(source, module, binding[1], depth + 1)
    if binding[0] != "from":
        return None
    target, attr = binding[1], binding[2]
    if target.split(".")[0] != "ppcls":
        return "external"
    if source.module(f"{target}.{attr}") is not None:  # a submodule
        return None
    other = source.module(target)
    return callable_kind(source, other, attr, depth + 1) if other is not None else None


def namespace(source: Source, module: Module, exported: bool = False, depth: int = 0) -> dict:
    """The PaddleClas classes and functions `getattr(module, name)` finds: bound in the module, or brought in by
    `from … import *` (a module's `__all__`, or its public names; `__all__ = get_apis()`, backbone's, is its classes and
    functions). `exported`: only what a star import of this module binds. Name -> "class" | "function"."""
    if depth > 20:
        fail(f"star-import cycle at {module.path}")
    names: dict = {}
    for target in module.stars:
        other = source.module(target) or fail(f"{module.path}: `from {target} import *`, which is not in the tree")
        names.update(namespace(source, other, True, depth + 1))
    listed: Optional[list] = None
    if exported:
        assign = next((n for n in module.tree.body if isinstance(n, ast.Assign) and [ast.unparse(t) for t in n.targets] == ["__all__"]), None)
        if assign is not None:
            if isinstance(assign.value, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in assign.value.elts):
                listed = [e.value for e in assign.value.elts]
            elif ast.unparse(assign.value) == "get_apis()":
                # inspect.getmembers(module, isclass) + (…, isfunction), less get_apis itself
                find_line(module, function(module, "get_apis"), "api.append(obj.__name__)")
                find_line(module, function(module, "get_apis"), "api.remove(current_func)")
                listed = [n for n in module.bindings if n != "get_apis"]
                # get_apis lists each object's __name__: an import under another name would be listed by its own.
                renamed = [n for n in listed if module.bindings[n][0] == "from" and module.bindings[n][2] != n]
                if renamed:
                    fail(f"{module.path}: {renamed[0]} is imported under another name, which get_apis() lists by its own: review the model in {GENERATOR}")
            else:
                fail(f"{module.path}:{assign.lineno}: an __all__ this script cannot read: review the model in {GENERATOR}")
    for name in module.bindings if listed is None else listed:
        if exported and listed is None and name.startswith("_"):
            continue
        kind = callable_kind(source, module, name)
        if kind in ("class", "function"):
            names[name] = kind
        elif kind is None and name in names and module.bindings.get(name) is not None:
            del names[name]  # rebound to something else after the star import
    return names


def function_def(source: Source, module: Module, name: str, depth: int = 0) -> Optional[tuple]:
    """(module, FunctionDef) of the function `getattr(module, name)` finds: bound in the module (followed through
    imports), else brought in by the last `from … import *` that binds it, as namespace() resolves names."""
    if depth > 20:
        fail(f"import cycle resolving {name} in {module.path}")
    binding = module.bindings.get(name)
    if binding is not None:
        if binding[0] == "function":
            node = next((n for n in reversed(module.tree.body) if isinstance(n, ast.FunctionDef) and n.name == name), None)
            return (module, node) if node is not None else None
        if binding[0] == "alias":
            return function_def(source, module, binding[1], depth + 1)
        if binding[0] == "from" and binding[1].split(".")[0] == "ppcls":
            other = source.module(binding[1])
            return function_def(source, other, binding[2], depth + 1) if other is not None else None
        return None
    for target in reversed(module.stars):
        other = source.module(target)
        if other is not None and name in namespace(source, other, True, depth + 1):
            return function_def(source, other, name, depth + 1)
    return None


def weights_loader(helper: ast.FunctionDef) -> Optional[dict]:
    """How a module's `_load_pretrained`-style helper takes its `pretrained` parameter: the if-chain `P is False` /
    `P is True` / `isinstance(P, str)` → `load_dygraph_pretrain(model, P)`, and whether anything else raises.
    {"param": index, "raises": bool}, or None when the helper is not such a chain."""
    params = [a.arg for a in helper.args.args]
    for node in ast.walk(helper):
        if not isinstance(node, ast.If):
            continue
        test = ast.unparse(node.test).replace(" ", "")
        for i, p in enumerate(params):
            if test != f"{p}isFalse":
                continue
            chain, branch = [], node
            while True:
                chain.append(branch)
                if len(branch.orelse) == 1 and isinstance(branch.orelse[0], ast.If):
                    branch = branch.orelse[0]
                else:
                    break
            tests = [ast.unparse(b.test).replace(" ", "") for b in chain]
            text = next((b for b, t in zip(chain, tests) if t == f"isinstance({p},str)"), None)
            if f"{p}isTrue" not in tests or text is None:
                return None
            loads = any(
                isinstance(c, ast.Call) and ast.unparse(c.func) == "load_dygraph_pretrain" and len(c.args) >= 2 and ast.unparse(c.args[1]) == p
                for c in ast.walk(ast.Module(body=text.body, type_ignores=[]))
            )
            if not loads:
                return None
            last = chain[-1].orelse
            raises = len(last) == 1 and isinstance(last[0], ast.Raise)
            return {"param": i, "raises": raises}
    return None


def pretrained_paths(source: Source, package: Module, names: dict) -> dict:
    """The models whose `pretrained` argument, as text, is a weights path: the function takes `pretrained` and hands
    it to a helper of its module that loads text with load_dygraph_pretrain (which adds .pdparams and raises
    ValueError when the file is not there); of those, `untyped` lists the ones whose helper does not raise
    RuntimeError on a value that is neither a bool nor text (`None` too): the others do."""
    paths, untyped = [], []
    for name, kind in sorted(names.items()):
        if kind != "function":
            continue
        found = function_def(source, package, name)
        if found is None:
            continue
        module, fn = found
        if "pretrained" not in [a.arg for a in fn.args.args]:
            continue
        helpers = {n.name: n for n in module.tree.body if isinstance(n, ast.FunctionDef)}
        verdict = None
        for call in ast.walk(fn):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or call.func.id not in helpers:
                continue
            loader = weights_loader(helpers[call.func.id])
            if loader is None:
                continue
            args = call.args
            given = args[loader["param"]] if loader["param"] < len(args) else next((k.value for k in call.keywords if k.arg == [a.arg for a in helpers[call.func.id].args.args][loader["param"]]), None)
            if given is not None and ast.unparse(given) == "pretrained":
                verdict = loader
                break
        if verdict is None:
            continue
        paths.append(name)
        if not verdict["raises"]:
            untyped.append(name)
    if not paths:
        fail(f"{package.path}: no model loads a text `pretrained` as a weights path: review the model in {GENERATOR}")
    save_load = source.module("ppcls.utils.save_load") or fail(f"no ppcls/utils/save_load.py: review the model in {GENERATOR}")
    loader = function(save_load, "load_dygraph_pretrain")
    find_line(save_load, loader, "pretrained_path = pretrained_path + '.pdparams'")
    return {"exists": cite(save_load, find_line(save_load, loader, "not os.path.exists(pretrained_path)")), "paths": paths, "untyped": untyped}


def kwargs_keys(fn: ast.FunctionDef) -> set:
    """The keys a function reads from its `**kwargs` itself (`kwargs.pop("x")`, `.get("x")`, `kwargs["x"]`): taken, not passed on."""
    kw = fn.args.kwarg.arg if fn.args.kwarg is not None else None
    out = set()
    for node in ast.walk(fn):
        if kw is None:
            break
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) == kw and node.func.attr in ("pop", "get", "setdefault"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == kw and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            out.add(node.slice.value)
    return out


def namespace_class(source: Source, module: Module, name: str, depth: int = 0) -> Resolved:
    """The class `getattr(module, name)` finds: bound in the module, else brought in by the last `from … import *`
    that binds it (as function_def finds a function)."""
    if depth > 20:
        fail(f"import cycle resolving {name} in {module.path}")
    if name in module.bindings:
        return source.resolve(module, name)
    for target in reversed(module.stars):
        other = source.module(target)
        if other is not None and name in namespace(source, other, True, depth + 1):
            return namespace_class(source, other, name, depth + 1)
    return None


def model_arguments(source: Source, package: Module, names: dict) -> dict:
    """The keys each model getattr(ppcls.arch, name)(**rest) finds can be called with, for the models that take a fixed
    set (any other key is a TypeError when the model is built): a function's own parameters and, when it hands its
    `**kwargs` on to one class (`ResNet(config=…, **kwargs)`), that class's constructor parameters less the keywords the
    function passes itself (given again, a TypeError: multiple values). A model whose chain ends in `**kwargs` anywhere
    (or in Paddle's classes, or in more than one call) takes any key, and is left out. Name -> {source, line, takes,
    required, via?}."""
    out = {}
    for name, kind in sorted(names.items()):
        if kind == "class":
            resolved = namespace_class(source, package, name)
            sig = operator_signature(source, resolved) if isinstance(resolved, Class) else None
            if isinstance(sig, Signature) and not sig.any_key and sig.raises is None:
                out[name] = {"source": sig.source, "line": sig.line, "takes": [p.name for p in sig.params if p.keyword], "required": [p.name for p in sig.params if p.required]}
            continue
        found = function_def(source, package, name)
        if found is None:
            continue
        module, fn = found
        a = fn.args
        own = [Param(p.arg, i < len(a.args) - len(a.defaults)) for i, p in enumerate(a.args)]
        own += [Param(p.arg, d is None) for p, d in zip(a.kwonlyargs, a.kw_defaults)]
        entry = {"source": module.path, "line": fn.lineno, "takes": [p.name for p in own], "required": [p.name for p in own if p.required]}
        if a.vararg is not None and any(p.required for p in own):
            continue
        if a.kwarg is not None:
            kw = a.kwarg.arg
            calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call) and any(k.arg is None and ast.unparse(k.value) == kw for k in c.keywords)]
            if len(calls) != 1:
                continue
            call = calls[0]
            resolved = source.resolve_expr(module, call.func)
            if not isinstance(resolved, Class):
                continue
            sig = operator_signature(source, resolved)
            if not isinstance(sig, Signature) or sig.any_key:
                continue
            passed = {k.arg for k in call.keywords if k.arg is not None}
            # Positional arguments fill the constructor's first parameters.
            positional = [p.name for p in sig.params[: len([x for x in call.args if not isinstance(x, ast.Starred)])]]
            if any(isinstance(x, ast.Starred) for x in call.args):
                continue
            kept = set(entry["takes"]) | kwargs_keys(fn)
            given = passed | set(positional)
            entry["takes"] += [p.name for p in sig.params if p.keyword and p.name not in given and p.name not in kept]
            entry["takes"] += sorted(kwargs_keys(fn) - set(entry["takes"]))
            entry["required"] += [p.name for p in sig.params if p.required and p.name not in given and p.name not in kept]
            entry["via"] = {"class": sig.cls, "source": sig.source, "line": sig.line}
        out[name] = entry
    if not out:
        fail(f"{package.path}: no model with a fixed set of arguments found: review the model in {GENERATOR}")
    return out


def ml_decoder_facts(source: Source, sigs: Signatures, package: Module, build_model: ast.AST) -> Optional[dict]:
    """build_model's ML-Decoder head, when it has one: `use_ml_decoder` popped from Arch, then
    add_ml_decoder_head(arch, config.get("MLDecoder", {})), which fills in the model's class_num when the section has
    none, pops remove_layers and replace_layer and calls MLDecoder(**config)."""
    if "use_ml_decoder" not in popped_keys(build_model, "arch_config"):
        return None
    use = find_line(package, build_model, "use_ml_decoder = arch_config.pop('use_ml_decoder', False)")
    add = find_line(package, build_model, "add_ml_decoder_head(arch, config.get('MLDecoder', {}))")
    gears = source.module("ppcls.arch.gears") or fail(f"no ppcls/arch/gears/__init__.py: review the model in {GENERATOR}")
    adder = function(gears, "add_ml_decoder_head")
    class_num = find_line(gears, adder, "'class_num' not in config")
    find_line(gears, adder, "config['class_num'] = model.class_num")
    popped = ["remove_layers", "replace_layer"]
    for key in popped:
        find_line(gears, adder, f"config.pop('{key}')")
    call = find_line(gears, adder, "MLDecoder(**config)")
    resolved = source.resolve(gears, "MLDecoder")
    if not isinstance(resolved, Class):
        fail(f"{gears.path}: MLDecoder is not a PaddleClas class: review the model in {GENERATOR}")
    head = class_entry("MLDecoder", sigs.init_of(resolved), resolved, [], popped, [])
    return {
        "reads": {"use": cite(package, use), "add": cite(package, add), "classNum": cite(gears, class_num), "call": cite(gears, call)},
        "popped": popped,
        "head": head["x-ppcls"],
    }


def arch_schema(source: Source, commit: str, sigs: Signatures) -> dict:
    """build_model: the Arch keys it pops, and the models getattr finds by name in ppcls.arch."""
    package = source.module("ppcls.arch") or fail("no ppcls/arch/__init__.py")
    build_model = function(package, "build_model")
    reads = {
        "name": find_line(package, build_model, "model_type = arch_config.pop('name')"),
        "call": find_line(package, build_model, "getattr(mod, model_type)(**arch_config)"),
    }
    find_line(package, build_model, "mod = importlib.import_module(__name__)")
    popped = popped_keys(build_model, "arch_config")
    names = namespace(source, package)
    if not any(kind == "class" for kind in names.values()):
        fail(f"{package.path}: no model class found by name: review the model in {GENERATOR}")
    return {
        **header(
            "Arch of a PaddleClas training config",
            "arch",
            commit,
            {
                "namespace": package.path,
                "reads": {key: cite(package, line) for key, line in reads.items()},
                "popped": list(popped),
                "names": sorted(names),
                "pretrained": pretrained_paths(source, package, names),
                "arguments": model_arguments(source, package, names),
                **({"mlDecoder": ml} if (ml := ml_decoder_facts(source, sigs, package, build_model)) is not None else {}),
            },
            "build_model pops the model's name (a KeyError when missing) and the switches it reads itself, then calls "
            "getattr(ppcls.arch, name)(**rest): a name that is not a model or function of ppcls.arch's namespace (its own, "
            "the backbones' and the gears' it imports) raises AttributeError when training starts.",
        ),
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"enum": sorted(names)}},
    }


def dumps(value, indent: str = "") -> str:
    """JSON with one line for anything short (a class's facts, a list of names), so the files stay small and diff well."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(indent) + len(flat) <= 120 or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + indent + "]"
    items = (f"{inner}{json.dumps(k)}: {dumps(v, inner)}" for k, v in value.items())
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paddleclas", help="PaddleClas checkout or git directory")
    parser.add_argument("--rev", default="HEAD", help="commit to read from a git directory (default HEAD)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "ppcls"))
    parser.add_argument("--paddle", help="a Paddle checkout to read the paddle.io samplers from (default: the recorded signatures)")
    args = parser.parse_args()
    schemas = build(Tree(args.paddleclas, args.rev), paddle_signatures(args.paddle))
    os.makedirs(args.out, exist_ok=True)
    for name, schema in schemas.items():
        path = os.path.join(args.out, f"{name}.schema.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(schema) + "\n")
        classes = len(schema.get("definitions", {}))
        print(f"{os.path.relpath(path)}: {classes} classes" if classes else os.path.relpath(path))


if __name__ == "__main__":
    main()
