import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../shared.js";

/**
 * scripts/ppcls-signatures.py on a small made-up PaddleClas tree, shaped like
 * the real one where the script looks: build_dataloader, CombinedLoss,
 * CombinedMetrics and the classes their modules import.
 */

const SCRIPT = join(ROOT, "scripts", "ppcls-signatures.py");
const has = (command: string, ...args: string[]) => spawnSync(command, args).status === 0;
const HAS_TOOLS = has("python3", "--version") && has("git", "--version");

const BUILD_DATALOADER = `import copy
import inspect
from paddle.io import DistributedBatchSampler, BatchSampler, DataLoader
from ppcls.data import dataloader
from ppcls.data.dataloader.list_dataset import ListDataset, BaseDataset
from ppcls.data.dataloader.pk import PKSampler


def build_dataloader(config, mode, device, use_dali=False, seed=None):
    epochs = config.get("epochs", None)
    config_dataset = copy.deepcopy(config[mode]['dataset'])
    dataset_name = config_dataset.pop('name')
    if 'batch_transform_ops' in config_dataset:
        batch_transform = config_dataset.pop('batch_transform_ops')
    dataset = eval(dataset_name)(**config_dataset)
    config_sampler = config[mode]['sampler']
    if config_sampler and "name" not in config_sampler:
        batch_size = config_sampler["batch_size"]
        drop_last = config_sampler["drop_last"]
        shuffle = config_sampler["shuffle"]
    else:
        sampler_name = config_sampler.pop("name")
        sampler_argspec = inspect.getfullargspec(eval(sampler_name).__init__).args
        if "total_epochs" in sampler_argspec:
            config_sampler.update({"total_epochs": epochs})
        batch_sampler = eval(sampler_name)(dataset, **config_sampler)
    config_loader = config[mode]['loader']
    num_workers = config_loader["num_workers"]
    use_shared_memory = config_loader["use_shared_memory"]
    class_num = config.get("class_num", None)
    if isinstance(batch_transform, list):
        batch_ops = create_operators(batch_transform, class_num)


AliasDataset = ListDataset
from ppcls.data.dataloader.child import ChildDataset, GuardedDataset
from ppcls.data import preprocess


def create_operators(params, class_num=None):
    assert isinstance(params, list), ('operator config should be a list')
    ops = []
    for operator in params:
        assert isinstance(operator, dict) and len(operator) == 1, "yaml format error"
        op_name = list(operator)[0]
        param = {} if operator[op_name] is None else operator[op_name]
        op_func = getattr(preprocess, op_name)
        if "class_num" in inspect.getfullargspec(op_func).args:
            param.update({"class_num": class_num})
        op = op_func(**param)
        ops.append(op)
    return ops
`;

// create_operators as common_dataset.py writes it, and the operators ppcls.data.preprocess binds.
const COMMON_DATASET = `from ppcls.data import preprocess


def create_operators(params):
    if params is None:
        return None
    assert isinstance(params, list), ('operator config should be a list')
    ops = []
    for operator in params:
        assert isinstance(operator, dict) and len(operator) == 1, "yaml format error"
        op_name = list(operator)[0]
        param = {} if operator[op_name] is None else operator[op_name]
        op = getattr(preprocess, op_name)(**param)
        ops.append(op)
    return ops
`;

// The optimizers getattr(optimizer, name) finds: each takes the learning_rate, grad_clip and weight_decay build_optimizer gives it.
const OPTIMIZERS = `import paddle


class Momentum(object):
    def __init__(self, learning_rate, momentum, weight_decay=None, grad_clip=None):
        pass


class AdamW(object):
    def __init__(self, learning_rate=0.001, weight_decay=None, grad_clip=None, **args):
        pass


class _Helper(object):
    pass
`;

const FILES: Record<string, string> = {
  "ppcls/__init__.py": "",
  "ppcls/data/__init__.py": BUILD_DATALOADER,
  "ppcls/data/dataloader/__init__.py": "",
  "ppcls/data/dataloader/list_dataset.py": `from paddle.io import Dataset


class BaseDataset(Dataset):
    def __init__(self, image_root, cls_label_path, transform_ops=None):
        self.root = image_root
        self.ops = create_operators(transform_ops)


class ListDataset(BaseDataset):
    def load(self):
        pass


class Unimported(BaseDataset):
    pass


from .common_dataset import create_operators
`,
  "ppcls/data/dataloader/common_dataset.py": COMMON_DATASET,
  // One dataset hands its ops to its base's __init__ under another name; one builds them only when they are true.
  "ppcls/data/dataloader/child.py": `from paddle.io import Dataset
from .list_dataset import BaseDataset
from .common_dataset import create_operators


class ChildDataset(BaseDataset):
    def __init__(self, root, ops=None, delimiter=" "):
        super().__init__(root, "list.txt", ops)


class GuardedDataset(Dataset):
    def __init__(self, root, transform_ops=None, weak_ops=None):
        if transform_ops:
            self.ops = create_operators(transform_ops)
        self.weak = weak_ops
`,
  "ppcls/data/preprocess/__init__.py": `from ppcls.data.preprocess.ops.operators import DecodeImage, RandFlipImage as Flip
from ppcls.data.preprocess.ops.operators import RawPolicy, ColorJitter
from ppcls.data.preprocess.batch_ops.batch_operators import MixupOperator
from paddle.vision.transforms import Pad as Pad_paddle_vision
from PIL import Image


def transform(data, ops=[]):
    return data


class Policy(RawPolicy):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class Wrapped(RawPolicy):
    def __init__(self, prob=1.0, *args, **kwargs):
        super().__init__(*args, **kwargs)
`,
  "ppcls/data/preprocess/ops/operators.py": `from paddle.vision.transforms import ColorJitter as RawColorJitter


class DecodeImage(object):
    def __init__(self, to_rgb=True, backend="cv2"):
        pass


class RandFlipImage(object):
    def __init__(self, flip_code=1):
        pass


class RawPolicy(object):
    def __init__(self, fillcolor=(128, 128, 128)):
        pass


class ColorJitter(RawColorJitter):
    def __init__(self, prob=2, *args, **kwargs):
        super().__init__(*args, **kwargs)
`,
  "ppcls/data/preprocess/batch_ops/batch_operators.py": `class BatchOperator(object):
    def __init__(self, *args, **kwargs):
        pass


class MixupOperator(BatchOperator):
    def __init__(self, class_num, alpha=1.0):
        pass
`,
  "ppcls/data/dataloader/pk.py": `from paddle.io import DistributedBatchSampler


class PKSampler(DistributedBatchSampler):
    def __init__(self, dataset, batch_size, sample_per_id, *, shuffle=True, total_epochs=0, **kwargs):
        pass
`,
  "ppcls/loss/__init__.py": `import paddle.nn as nn
from .celoss import CELoss, MixCELoss


class CombinedLoss(nn.Layer):
    def __init__(self, config_list):
        assert isinstance(config_list, list), ('operator config should be a list')
        for config in config_list:
            assert isinstance(config, dict) and len(config) == 1, "yaml format error"
            name = list(config)[0]
            param = config[name]
            assert "weight" in param, "weight must be in param"
            self.loss_weight.append(param.pop("weight"))
            self.loss_func.append(eval(name)(**param))
`,
  "ppcls/loss/celoss.py": `import paddle.nn as nn


class CELoss(nn.Layer):
    def __init__(self, reduction="mean", epsilon=None):
        super().__init__()


class MixCELoss(object):
    def __init__(self, *args, **kwargs):
        msg = "MixCELoss is gone, use CELoss."
        raise DeprecationWarning(msg)
`,
  "ppcls/metric/__init__.py": `from .metrics import TopkAcc


class CombinedMetrics(object):
    def __init__(self, config_list):
        assert isinstance(config_list, list), ('operator config should be a list')
        for config in config_list:
            assert isinstance(config, dict) and len(config) == 1, "yaml format error"
            metric_name = list(config)[0]
            metric_params = config[metric_name]
            if metric_params is not None:
                self.metric_func_list.append(eval(metric_name)(**metric_params))
            else:
                self.metric_func_list.append(eval(metric_name)())
`,
  // build_model as PaddleClas writes it (ppcls/arch/__init__.py), cut down: its namespace gets the backbones by
  // `import *` (backbone's __all__ = get_apis(): its classes and functions) and the utilities' public names.
  "ppcls/arch/__init__.py": `import copy
import importlib

from .backbone import *
from .gears import add_ml_decoder_head
from .utils import *


def build_model(config, mode="train"):
    arch_config = copy.deepcopy(config["Arch"])
    model_type = arch_config.pop("name")
    use_sync_bn = arch_config.pop("use_sync_bn", False)
    use_ml_decoder = arch_config.pop("use_ml_decoder", False)
    mod = importlib.import_module(__name__)
    arch = getattr(mod, model_type)(**arch_config)
    if use_ml_decoder:
        add_ml_decoder_head(arch, config.get("MLDecoder", {}))
    return arch


class RecModel(object):
    def __init__(self, **config):
        pass
`,
  "ppcls/arch/backbone/__init__.py": `import sys
import inspect

from .legendary_models.resnet import ResNet, ResNet50
from .legendary_models.mobilenet_v1 import MobileNet, MobileNetV1, MobileNetV1_x0_5
from .model_zoo.vit import vit_tiny, vit_small, vit_base


def get_apis():
    current_func = sys._getframe().f_code.co_name
    current_module = sys.modules[__name__]
    api = []
    for _, obj in inspect.getmembers(current_module, inspect.isclass) + inspect.getmembers(current_module, inspect.isfunction):
        api.append(obj.__name__)
    api.remove(current_func)
    return api


__all__ = get_apis()
`,
  "ppcls/arch/backbone/legendary_models/resnet.py": `class ResNet(object):
    def __init__(self, class_num=1000, **kargs):
        pass


def _load_pretrained(pretrained, model, model_url, use_ssld):
    if pretrained is False:
        pass
    elif pretrained is True:
        load_dygraph_pretrain(model, model_url, use_ssld=use_ssld)
    elif isinstance(pretrained, str):
        load_dygraph_pretrain(model, pretrained)
    else:
        raise RuntimeError(
            "pretrained type is not available. Please use \`string\` or \`boolean\` type."
        )


def ResNet50(pretrained=False, use_ssld=False, **kwargs):
    model = ResNet(**kwargs)
    _load_pretrained(pretrained, model, "https://example/ResNet50_pretrained.pdparams", use_ssld)
    return model
`,
  // MobileNetV1 hands **kwargs to MobileNet, whose __init__ takes a fixed set (less stages, which it passes itself, and
  // scale, filled positionally); MobileNetV1_x0_5 reads one key of its own from kwargs.
  "ppcls/arch/backbone/legendary_models/mobilenet_v1.py": `class MobileNet(object):
    def __init__(self, scale, stages, class_num=1000, return_patterns=None):
        pass


def MobileNetV1(pretrained=False, use_ssld=False, **kwargs):
    model = MobileNet(1.0, stages=[1, 2], **kwargs)
    return model


def MobileNetV1_x0_5(**kwargs):
    lr = kwargs.pop("lr_mult", 1.0)
    return MobileNet(0.5, stages=[1], **kwargs)
`,
  // vit_tiny takes no pretrained; vit_small's helper (its second parameter, given by keyword) takes anything else
  // without a word; vit_base loads text itself, not through load_dygraph_pretrain.
  "ppcls/arch/backbone/model_zoo/vit.py": `def vit_tiny(**kwargs):
    pass


def _load_weights(model, weights):
    if weights is False:
        return
    elif weights is True:
        url = "https://example/vit_small.pdparams"
        load_dygraph_pretrain(model, url)
    elif isinstance(weights, str):
        load_dygraph_pretrain(model, weights)


def vit_small(pretrained=False, **kwargs):
    model = object()
    _load_weights(model=model, weights=pretrained)
    return model


def vit_base(pretrained=False, **kwargs):
    if isinstance(pretrained, str):
        paddle.load(pretrained + ".pdparams")
`,
  "ppcls/arch/gears/__init__.py": `from .ml_decoder import MLDecoder

__all__ = ['add_ml_decoder_head']


def add_ml_decoder_head(model, config):
    if 'class_num' not in config:
        config['class_num'] = model.class_num
    if 'remove_layers' in config:
        remove_layers = config.pop('remove_layers')
    if 'replace_layer' in config:
        replace_layer = config.pop('replace_layer')
    setattr(model, replace_layer, MLDecoder(**config))
`,
  "ppcls/arch/gears/ml_decoder.py": `class MLDecoder(object):
    def __init__(self, class_num=80, in_channels=2048, query_num=80):
        pass
`,
  "ppcls/utils/__init__.py": "",
  "ppcls/utils/save_load.py": `import os


def load_dygraph_pretrain(model, pretrained_path, use_ssld=False):
    if pretrained_path.startswith(("http://", "https://")):
        pretrained_path = get_weights_path_from_url(pretrained_path)
    if not pretrained_path.endswith('.pdparams'):
        pretrained_path = pretrained_path + '.pdparams'
    if not os.path.exists(pretrained_path):
        raise ValueError("Model pretrain path {} does not "
                         "exists.".format(pretrained_path))
`,
  "ppcls/arch/utils.py": `import six
from difflib import SequenceMatcher


def get_architectures():
    pass


def _private():
    pass
`,
  // build_optimizer and build_lr_scheduler as PaddleClas writes them (ppcls/optimizer/__init__.py), cut down.
  "ppcls/optimizer/__init__.py": `import copy
from . import optimizer


def build_lr_scheduler(lr_config, epochs, step_each_epoch):
    from . import learning_rate
    lr_config.update({'epochs': epochs, 'step_each_epoch': step_each_epoch})
    if 'name' in lr_config:
        lr_name = lr_config.pop('name')
        lr = getattr(learning_rate, lr_name)(**lr_config)
    else:
        lr = lr_config['learning_rate']
    return lr


def build_optimizer(config, epochs, step_each_epoch, model_list=None):
    optim_config = copy.deepcopy(config)
    if isinstance(optim_config, dict):
        optim_name = optim_config.pop("name")
        optim_config = [{optim_name: {'scope': "all", **optim_config}}]
    for optim_item in optim_config:
        optim_name = list(optim_item.keys())[0]
        optim_scope = optim_item[optim_name].pop('scope')
        optim_cfg = optim_item[optim_name]
        lr = build_lr_scheduler(optim_cfg.pop('lr'), epochs, step_each_epoch)
        if 'regularizer' in optim_cfg and optim_cfg['regularizer'] is not None:
            reg_config = optim_cfg.pop('regularizer')
            reg_name = reg_config.pop('name') + 'Decay'
            reg = getattr(paddle.regularizer, reg_name)(**reg_config)
            optim_cfg["weight_decay"] = reg
        if 'clip_norm' in optim_cfg:
            clip_norm = optim_cfg.pop('clip_norm')
            grad_clip = paddle.nn.ClipGradByNorm(clip_norm=clip_norm)
        else:
            grad_clip = None
        for i in range(len(model_list)):
            if len(model_list[i].parameters()) == 0:
                continue
        optim = getattr(optimizer, optim_name)(learning_rate=lr, grad_clip=grad_clip, **optim_cfg)
`,
  "ppcls/optimizer/optimizer.py": OPTIMIZERS,
  "ppcls/optimizer/learning_rate.py": `from abc import abstractmethod


class LRBase(object):
    def __init__(self, epochs, step_each_epoch, learning_rate, warmup_epoch=0):
        pass

    @abstractmethod
    def __call__(self):
        pass


class Cosine(LRBase):
    def __call__(self):
        pass


class Piecewise(LRBase):
    def __init__(self, epochs, step_each_epoch, decay_epochs, values, learning_rate=None, **kwargs):
        pass
`,
  "ppcls/metric/metrics.py": `import paddle.nn as nn


class TopkAcc(nn.Layer):
    def __init__(self, topk=(1, 5)):
        super().__init__()
`,
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A git checkout of `files`, committed; returns its path and commit. */
function checkout(files: Record<string, string>): { dir: string; commit: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-ppcls-src-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "tree");
  return { dir, commit: git("rev-parse", "HEAD").trim() };
}

function generate(source: string, ...more: string[]): { status: number | null; stderr: string; schemas: Record<string, { "x-ppcls": Record<string, unknown>; definitions?: Record<string, { "x-ppcls": Record<string, unknown> }> }> } {
  const out = mkdtempSync(join(tmpdir(), "labellint-ppcls-out-"));
  dirs.push(out);
  const run = spawnSync("python3", [SCRIPT, source, "--out", out, ...more], { encoding: "utf8" });
  const schemas: ReturnType<typeof generate>["schemas"] = {};
  if (run.status === 0) {
    for (const name of ["datasets", "samplers", "loader", "losses", "metrics", "optimizers", "transforms", "arch"]) schemas[name] = JSON.parse(readFileSync(join(out, `${name}.schema.json`), "utf8")) as never;
  }
  return { status: run.status, stderr: run.stderr, schemas };
}

const facts = (schema: { definitions?: Record<string, { "x-ppcls": Record<string, unknown> }> } | undefined) =>
  Object.fromEntries(Object.entries(schema?.definitions ?? {}).map(([name, d]) => [name, d["x-ppcls"]]));

describe.skipIf(!HAS_TOOLS)(HAS_TOOLS ? "scripts/ppcls-signatures.py" : "scripts/ppcls-signatures.py — SKIPPED: python3 or git not found", () => {
  it("writes each family's classes as eval() finds them, with inherited __init__, aliases and PaddleClas's own arguments", () => {
    const { dir, commit } = checkout(FILES);
    const { status, stderr, schemas } = generate(dir);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(schemas["datasets"]!["x-ppcls"]).toMatchObject({ commit, call: { source: "ppcls/data/__init__.py", line: 15 } });
    expect(facts(schemas["datasets"])).toEqual({
      AliasDataset: { source: "ppcls/data/dataloader/list_dataset.py", line: 5, class: "ListDataset", inherits: "BaseDataset", takes: ["image_root", "cls_label_path", "transform_ops"], required: ["image_root", "cls_label_path"] },
      BaseDataset: { source: "ppcls/data/dataloader/list_dataset.py", line: 5, takes: ["image_root", "cls_label_path", "transform_ops"], required: ["image_root", "cls_label_path"] },
      ChildDataset: { source: "ppcls/data/dataloader/child.py", line: 7, takes: ["root", "ops", "delimiter"], required: ["root"] },
      GuardedDataset: { source: "ppcls/data/dataloader/child.py", line: 12, takes: ["root", "transform_ops", "weak_ops"], required: ["root"] },
      ListDataset: { source: "ppcls/data/dataloader/list_dataset.py", line: 5, inherits: "BaseDataset", takes: ["image_root", "cls_label_path", "transform_ops"], required: ["image_root", "cls_label_path"] },
    });
    const samplers = facts(schemas["samplers"]);
    expect(Object.keys(samplers)).toEqual(["BatchSampler", "DistributedBatchSampler", "PKSampler"]);
    // A keyword-only total_epochs is not in getfullargspec().args: PaddleClas does not fill it in.
    expect(samplers["PKSampler"]).toEqual({ source: "ppcls/data/dataloader/pk.py", line: 5, takes: ["batch_size", "sample_per_id", "shuffle", "total_epochs"], required: ["batch_size", "sample_per_id"], passedByPaddleClas: ["dataset"], anyKey: true });
    expect(schemas["loader"]!["x-ppcls"]["reads"]).toEqual({ num_workers: { source: "ppcls/data/__init__.py", line: 28 }, use_shared_memory: { source: "ppcls/data/__init__.py", line: 29 } });
    expect(facts(schemas["losses"])["MixCELoss"]).toMatchObject({ anyKey: true, required: ["weight"], raises: { exception: "DeprecationWarning", message: "MixCELoss is gone, use CELoss.", line: 12 } });
    expect(facts(schemas["losses"])["CELoss"]).toEqual({ source: "ppcls/loss/celoss.py", line: 5, takes: ["reduction", "epsilon"], required: ["weight"] });
    expect(Object.keys(facts(schemas["metrics"]))).toEqual(["CombinedMetrics", "TopkAcc"]);
    // The models getattr(ppcls.arch, name) finds: bound there, or by a star import, not a module, an import from outside
    // PaddleClas, a private name or get_apis.
    expect(schemas["arch"]!["x-ppcls"]).toMatchObject({
      namespace: "ppcls/arch/__init__.py",
      reads: { name: { source: "ppcls/arch/__init__.py", line: 11 }, call: { source: "ppcls/arch/__init__.py", line: 15 } },
      popped: ["name", "use_sync_bn", "use_ml_decoder"],
      names: ["MobileNet", "MobileNetV1", "MobileNetV1_x0_5", "RecModel", "ResNet", "ResNet50", "add_ml_decoder_head", "build_model", "get_architectures", "vit_base", "vit_small", "vit_tiny"],
      // The models whose text `pretrained` is a path load_dygraph_pretrain looks up (a keyword argument too), and those
      // whose helper lets a value that is neither a bool nor text through.
      pretrained: { exists: { source: "ppcls/utils/save_load.py", line: 9 }, paths: ["ResNet50", "vit_small"], untyped: ["vit_small"] },
      // The models that take a fixed set of keys: not ResNet (**kargs), RecModel (**config), vit_* (kwargs swallowed or
      // handed to no class). A function's own parameters, then its class's, less what it passes itself.
      arguments: {
        MobileNet: { source: "ppcls/arch/backbone/legendary_models/mobilenet_v1.py", line: 2, takes: ["scale", "stages", "class_num", "return_patterns"], required: ["scale", "stages"] },
        MobileNetV1: {
          source: "ppcls/arch/backbone/legendary_models/mobilenet_v1.py",
          line: 6,
          takes: ["pretrained", "use_ssld", "class_num", "return_patterns"],
          required: [],
          via: { class: "MobileNet", source: "ppcls/arch/backbone/legendary_models/mobilenet_v1.py", line: 2 },
        },
        MobileNetV1_x0_5: { line: 11, takes: ["class_num", "return_patterns", "lr_mult"], required: [] },
        build_model: { source: "ppcls/arch/__init__.py", takes: ["config", "mode"], required: ["config"] },
      },
      // The ML-Decoder head: its keys are MLDecoder's arguments and the two add_ml_decoder_head pops.
      mlDecoder: {
        reads: { use: { source: "ppcls/arch/__init__.py", line: 13 }, add: { source: "ppcls/arch/__init__.py", line: 17 }, classNum: { source: "ppcls/arch/gears/__init__.py", line: 7 }, call: { source: "ppcls/arch/gears/__init__.py", line: 13 } },
        popped: ["remove_layers", "replace_layer"],
        head: { source: "ppcls/arch/gears/ml_decoder.py", line: 2, takes: ["class_num", "in_channels", "query_num"], required: [] },
      },
    });
    // The optimizer and schedule getattr finds (not a private class, not an abstract one), and where each key is read.
    expect(schemas["optimizers"]!["x-ppcls"]).toMatchObject({
      commit,
      optimizers: { source: "ppcls/optimizer/optimizer.py", names: ["Momentum", "AdamW"] },
      schedules: { source: "ppcls/optimizer/learning_rate.py", names: ["Cosine", "Piecewise"] },
      regularizers: { repo: "PaddlePaddle/Paddle", source: "python/paddle/regularizer.py", suffix: "Decay", names: ["L1Decay", "L2Decay"] },
      reads: {
        name: { source: "ppcls/optimizer/__init__.py", line: 19 },
        lr: { source: "ppcls/optimizer/__init__.py", line: 25 },
        lrUpdate: { source: "ppcls/optimizer/__init__.py", line: 7 },
        learningRate: { source: "ppcls/optimizer/__init__.py", line: 12 },
        regularizer: { source: "ppcls/optimizer/__init__.py", line: 26 },
        regularizerName: { source: "ppcls/optimizer/__init__.py", line: 28 },
        regularizerCall: { source: "ppcls/optimizer/__init__.py", line: 29 },
        weightDecay: { source: "ppcls/optimizer/__init__.py", line: 30 },
        clipNorm: { source: "ppcls/optimizer/__init__.py", line: 32 },
        call: { source: "ppcls/optimizer/__init__.py", line: 39 },
      },
      // Read from the calls: what each item loses before the call, what the optimizer and the schedule are given besides.
      popped: ["scope", "lr", "regularizer", "clip_norm"],
      optimizerKeywords: ["learning_rate", "grad_clip"],
      scheduleUpdates: ["epochs", "step_each_epoch"],
    });
    const optimizers = facts(schemas["optimizers"]);
    const passed = ["learning_rate", "grad_clip"];
    expect(optimizers["Momentum"]).toEqual({ source: "ppcls/optimizer/optimizer.py", line: 5, takes: ["momentum", "weight_decay"], required: ["momentum"], passedByPaddleClas: passed });
    expect(optimizers["AdamW"]).toEqual({ source: "ppcls/optimizer/optimizer.py", line: 10, takes: ["weight_decay"], required: [], passedByPaddleClas: passed, anyKey: true });
    // A schedule without its own __init__ takes LRBase's; epochs and step_each_epoch are PaddleClas's (a config's value is replaced, so allowed).
    const updates = ["epochs", "step_each_epoch"];
    expect(optimizers["Cosine"]).toEqual({ source: "ppcls/optimizer/learning_rate.py", line: 5, inherits: "LRBase", takes: ["learning_rate", "warmup_epoch"], required: ["learning_rate"], passedByPaddleClas: updates });
    expect(optimizers["Piecewise"]).toEqual({ source: "ppcls/optimizer/learning_rate.py", line: 19, takes: ["decay_epochs", "values", "learning_rate"], required: ["decay_epochs", "values"], passedByPaddleClas: updates, anyKey: true });
    expect(schemas["optimizers"]!["definitions"]!["Cosine"]).toMatchObject({ properties: { name: true, learning_rate: true, warmup_epoch: true, epochs: true, step_each_epoch: true }, additionalProperties: false, required: ["learning_rate"] });
    // learning_rate and grad_clip are passed beside the item's keys: not keys an item may hold.
    expect(schemas["optimizers"]!["definitions"]!["Momentum"]).toMatchObject({ properties: { scope: true, lr: true, regularizer: true, clip_norm: true, momentum: true, weight_decay: true }, additionalProperties: false });
    expect(optimizers["L2Decay"]).toEqual({ repo: "PaddlePaddle/Paddle", commit: "d40e2b242abc0a64501cab2d342f9513c9bc9fff", source: "python/paddle/regularizer.py", line: 220, takes: ["coeff"], required: [] });
  });

  it("writes the operators getattr(preprocess, name) finds, how each list is built, and which dataset arguments are lists", () => {
    const { dir } = checkout(FILES);
    const { status, stderr, schemas } = generate(dir);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const transforms = schemas["transforms"]!;
    expect(facts(transforms)).toEqual({
      ColorJitter: { source: "ppcls/data/preprocess/ops/operators.py", line: 19, external: "paddle.vision.transforms.ColorJitter", takes: [], required: [], anyKey: true },
      DecodeImage: { source: "ppcls/data/preprocess/ops/operators.py", line: 5, takes: ["to_rgb", "backend"], required: [] },
      Flip: { source: "ppcls/data/preprocess/ops/operators.py", line: 10, class: "RandFlipImage", takes: ["flip_code"], required: [] },
      MixupOperator: { source: "ppcls/data/preprocess/batch_ops/batch_operators.py", line: 7, takes: ["class_num", "alpha"], required: ["class_num"], classNum: true },
      Pad_paddle_vision: { external: "paddle.vision.transforms.Pad", takes: [], required: [], anyKey: true },
      // A wrapper passing *args/**kwargs on takes its base's parameters (and its own before them).
      Policy: { source: "ppcls/data/preprocess/__init__.py", line: 13, takes: ["fillcolor"], required: [] },
      RawPolicy: { source: "ppcls/data/preprocess/ops/operators.py", line: 15, takes: ["fillcolor"], required: [] },
      Wrapped: { source: "ppcls/data/preprocess/__init__.py", line: 18, takes: ["prob", "fillcolor"], required: [] },
    });
    expect(transforms["x-ppcls"]).toMatchObject({
      namespace: "ppcls/data/preprocess/__init__.py",
      reads: { none: { source: "ppcls/data/dataloader/common_dataset.py", line: 5 }, list: { line: 7 }, entry: { line: 10 }, call: { line: 13 } },
      batch: { pop: { source: "ppcls/data/__init__.py", line: 14 }, isList: { line: 31 }, create: { line: 32 }, lookup: { line: 47 }, classNum: { line: 48 }, call: { line: 50 } },
      // Modules and functions the namespace binds: getattr finds them, calling one raises TypeError.
      notOperators: ["batch_ops", "Image", "ops", "transform"],
    });
    const site = (line: number, guarded = false, source = "ppcls/data/dataloader/list_dataset.py") => ({ source, line, guarded });
    expect(transforms["x-ppcls"]["datasets"]).toEqual({
      AliasDataset: { transform_ops: site(7) },
      BaseDataset: { transform_ops: site(7) },
      // super().__init__(root, "list.txt", ops): ops reaches BaseDataset's transform_ops.
      ChildDataset: { ops: site(7) },
      // weak_ops is kept, not built: not a list create_operators sees.
      GuardedDataset: { transform_ops: site(14, true, "ppcls/data/dataloader/child.py") },
      ListDataset: { transform_ops: site(7) },
    });
  });

  it("reads a bare git directory the same way", () => {
    const { dir } = checkout(FILES);
    const bare = `${dir}.git`;
    dirs.push(bare);
    execFileSync("git", ["clone", "-q", "--bare", dir, bare]);
    expect(generate(bare).schemas).toEqual(generate(dir).schemas);
  });

  it("reads the paddle.io samplers from a Paddle checkout given with --paddle", () => {
    const { dir } = checkout(FILES);
    const paddle = checkout({
      "python/paddle/io/dataloader/batch_sampler.py": `class BatchSampler:
    def __init__(self, dataset=None, sampler=None, shuffle=False, batch_size=1, drop_last=False):
        pass


class DistributedBatchSampler(BatchSampler):
    def __init__(self, dataset, batch_size, num_replicas=None, rank=None, shuffle=False, drop_last=False, seed=0):
        pass
`,
      "python/paddle/regularizer.py": `class WeightDecayRegularizer:
    def __init__(self):
        pass


class L2Decay(WeightDecayRegularizer):
    def __init__(self, coeff=0.0, scale=1):
        pass
`,
    });
    const { schemas } = generate(dir, "--paddle", paddle.dir);
    // getattr(paddle.regularizer, name + 'Decay'): the classes whose names end so.
    expect(schemas["optimizers"]!["x-ppcls"]["regularizers"]).toEqual({ repo: "PaddlePaddle/Paddle", commit: paddle.commit, source: "python/paddle/regularizer.py", suffix: "Decay", names: ["L2Decay"] });
    expect(facts(schemas["optimizers"])["L2Decay"]).toEqual({ repo: "PaddlePaddle/Paddle", commit: paddle.commit, source: "python/paddle/regularizer.py", line: 7, takes: ["coeff", "scale"], required: [] });
    const sampler = facts(schemas["samplers"])["DistributedBatchSampler"];
    expect(sampler).toEqual({
      repo: "PaddlePaddle/Paddle",
      commit: paddle.commit,
      source: "python/paddle/io/dataloader/batch_sampler.py",
      line: 7,
      takes: ["batch_size", "num_replicas", "rank", "shuffle", "drop_last", "seed"],
      required: ["batch_size"],
      passedByPaddleClas: ["dataset"],
    });
  });

  it("stops, instead of writing wrong schemas, when PaddleClas builds things another way", () => {
    const { dir } = checkout({ ...FILES, "ppcls/data/__init__.py": BUILD_DATALOADER.replace('num_workers = config_loader["num_workers"]', 'num_workers = config_loader.get("num_workers", 0)') });
    const { status, stderr } = generate(dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^ppcls-signatures: ppcls\/data\/__init__.py: build_dataloader reads sampler keys .* and loader keys \['use_shared_memory'\]: review the model/);
    // An operator looked up another way than getattr(preprocess, name) is not modelled: stop.
    const other = checkout({ ...FILES, "ppcls/data/dataloader/common_dataset.py": COMMON_DATASET.replace("getattr(preprocess, op_name)", "eval(op_name)") });
    expect(generate(other.dir).stderr).toMatch(/^ppcls-signatures: ppcls\/data\/dataloader\/common_dataset.py: no `op = getattr\(preprocess, op_name\)\(\*\*param\)`/);
    // An optimizer that does not take what build_optimizer gives it would fail on every config: the model is wrong, not the configs.
    const noClip = checkout({ ...FILES, "ppcls/optimizer/optimizer.py": OPTIMIZERS.replace("momentum, weight_decay=None, grad_clip=None)", "momentum, weight_decay=None)") });
    expect(generate(noClip.dir).stderr).toBe("ppcls-signatures: ppcls/optimizer/optimizer.py:5: Momentum does not take grad_clip, which ppcls/optimizer/__init__.py gives it: review the model in scripts/ppcls-signatures.py\n");
  });
});
