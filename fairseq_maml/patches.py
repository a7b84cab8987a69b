"""Every workaround of fairseq, torch or apex behaviour, in one place.

:func:`install` runs once, when ``fairseq_maml`` is imported (fairseq imports ``--user-dir``
before it reads any checkpoint, in every entry point and every distributed worker):

- safe loading: torch >= 2.6 unpickles checkpoints with ``weights_only=True``; the classes a
  fairseq checkpoint can hold besides tensors are allowlisted (:func:`safe_globals`), never is
  safe loading turned off;
- atomic checkpoint copies: fairseq copies ``checkpoint_last.pt`` and friends straight onto the
  destination; a kill during the copy would leave a truncated file that cannot be resumed;
- one handler per log file: fairseq's ``progress_bar()`` adds a FileHandler for ``--log-file``
  every time it is called, so each line of train.log would be written once per bar created;
- ``from_checkpoint`` reaches the model's ``build_model``, under any task;
- batching never drops a sentence (``--required-batch-size-multiple`` > 1 does in fairseq's
  compiled batching);
- a log line shows only the metrics that have a value in its interval (the query loss before
  adaptation is measured every ``--adaptation-log-interval`` updates; fairseq would print
  ``query_before=None`` on the others);
- Hydra's deprecation warnings about fairseq's config composition, torch's notes that
  ``pin_memory`` has no accelerator to pin for and that fairseq's attention masks differ in type,
  are not printed: they are harmless, fairseq's own, and pages of them hide the lines that matter;
- an error the plugin raises on purpose (a ValueError, FileNotFoundError or FloatingPointError
  from its own code: a refused flag, bad data, a diverged run) is printed as one line, without a
  traceback (``FAIRSEQ_MAML_TRACEBACK=1`` shows it); any other exception keeps its traceback.

The other workarounds apply to one object at one moment and are called from there:
:func:`replace_apex_layer_norms` (meta-training's model) and :func:`refuse_after_nan_detector`
(single-pair training steps).
"""

import argparse
import collections
import functools
import logging
import os
import sys
import typing
import warnings
from typing import Dict, List

import numpy as np
import torch

from .atomic_files import atomic_copy

__all__ = [
    "install",
    "safe_globals",
    "replace_apex_layer_norms",
    "refuse_after_nan_detector",
]


def install() -> None:
    """Apply the import-time workarounds (idempotent)."""
    torch.serialization.add_safe_globals(safe_globals())
    _make_checkpoint_copies_atomic()
    _one_handler_per_log_file()
    _tell_models_when_built_from_checkpoint()
    _batches_keep_every_sentence()
    _no_empty_metrics_in_log_lines()
    _quiet_known_harmless_warnings()
    _one_line_errors()


# -- safe loading ---------------------------------------------------------------------------------
def safe_globals() -> List[object]:
    """What a fairseq checkpoint can hold besides tensors and plain containers. These classes only
    rebuild data; none runs code on unpickling.

    - multi-process resume / fine-tune: rank 0 loads the checkpoint and broadcasts it; the other
      ranks unpickle a state whose ``cfg`` is an omegaconf ``DictConfig`` and whose tensors are
      ``fairseq.distributed.utils._TensorPlaceholder`` (fairseq/distributed/utils.py);
    - ``--eval-bleu``: numpy arrays and scalars in the saved meters;
    - components registered the legacy way (argparse): an ``argparse.Namespace`` (all of this
      plugin's components are dataclass-registered, so its own checkpoints never hold one).
    """
    import omegaconf
    from fairseq.distributed.utils import _TensorPlaceholder
    from omegaconf import base, nodes

    allowed = [
        argparse.Namespace, collections.defaultdict, collections.OrderedDict, typing.Any,
        dict, list, int, float, str, bool,
        omegaconf.DictConfig, omegaconf.ListConfig, base.ContainerMetadata, base.Metadata,
        nodes.AnyNode, nodes.StringNode, nodes.IntegerNode, nodes.FloatNode, nodes.BooleanNode,
        _TensorPlaceholder, np.ndarray, np.dtype,
    ]
    # numpy's array/scalar reconstructors moved from numpy.core to numpy._core in numpy 2
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            mod = __import__(module, fromlist=["_reconstruct", "scalar"])
        except ImportError:
            continue
        allowed += [mod._reconstruct, mod.scalar]
        break
    allowed += [type(np.dtype(t)) for t in (np.int64, np.int32, np.float64, np.float32)]
    return allowed


# -- atomic checkpoint copies -----------------------------------------------------------------------
def _make_checkpoint_copies_atomic() -> None:
    """fairseq writes the first checkpoint of a save atomically (``.tmp`` then rename), but makes
    the others, ``checkpoint_last.pt`` included, with ``PathManager.copy`` straight onto the
    destination. Local copies now go through a temporary file and ``os.replace``; remote
    (iopath-handled) paths keep fairseq's behaviour."""
    from fairseq.file_io import PathManager

    original = PathManager.copy
    if getattr(original, "_fairseq_maml_atomic", False):
        return

    def copy(src_path: str, dst_path: str, overwrite: bool = False) -> bool:
        if PathManager.path_requires_pathmanager(src_path) or PathManager.path_requires_pathmanager(dst_path):
            return original(src_path, dst_path, overwrite)
        return atomic_copy(src_path, dst_path, overwrite)

    copy._fairseq_maml_atomic = True
    PathManager.copy = staticmethod(copy)


# -- log files ------------------------------------------------------------------------------------
def dedupe_log_file_handlers() -> None:
    """Keep the first FileHandler per file on fairseq's progress-bar logger; close the rest."""
    from fairseq.logging import progress_bar

    seen = set()
    for h in list(progress_bar.logger.handlers):
        path = getattr(h, "baseFilename", None)
        if isinstance(h, logging.FileHandler) and path is not None:
            if path in seen:
                progress_bar.logger.removeHandler(h)
                h.close()
            seen.add(path)


def _one_handler_per_log_file() -> None:
    """fairseq_cli calls ``progress_bar.progress_bar(...)`` for every epoch and every validation,
    and each call adds a FileHandler for ``--log-file``: after 50 short fine-tuning epochs every
    line of train.log would be written 50 times. Dedupe after each call."""
    from fairseq.logging import progress_bar

    original = progress_bar.progress_bar
    if getattr(original, "_fairseq_maml_dedupe", False):
        return

    @functools.wraps(original)
    def progress_bar_once_per_file(*args, **kwargs):
        bar = original(*args, **kwargs)
        dedupe_log_file_handlers()
        return bar

    progress_bar_once_per_file._fairseq_maml_dedupe = True
    progress_bar.progress_bar = progress_bar_once_per_file


# -- building a model from a checkpoint ------------------------------------------------------------
def _tell_models_when_built_from_checkpoint() -> None:
    """fairseq's ``models.build_model(cfg, task, from_checkpoint)`` calls the model's
    ``build_model(cfg, task)`` without ``from_checkpoint``. The ULR model needs it, under any task
    (fairseq's own ``translation`` included): built for a checkpoint, it reads no vector files
    (the checkpoint holds its tables) and refuses a source language the checkpoint lacks. It is
    set on the task as ``building_from_checkpoint`` for the duration of the call."""
    from fairseq import models

    original = models.build_model
    if getattr(original, "_fairseq_maml_from_checkpoint", False):
        return

    @functools.wraps(original)
    def build_model(cfg, task, from_checkpoint=False):
        before = getattr(task, "building_from_checkpoint", False)
        task.building_from_checkpoint = from_checkpoint
        try:
            return original(cfg, task, from_checkpoint)
        finally:
            task.building_from_checkpoint = before

    build_model._fairseq_maml_from_checkpoint = True
    models.build_model = build_model


# -- apex -----------------------------------------------------------------------------------------
def replace_apex_layer_norms(model: torch.nn.Module) -> int:
    """Replace every apex ``FusedLayerNorm`` of ``model`` (what fairseq's ``LayerNorm`` builds on a
    machine with CUDA and apex) by a ``torch.nn.LayerNorm`` holding the same parameters, so the
    state dict is unchanged; returns how many. apex computes LayerNorm's backward in its CUDA
    extension, which autograd cannot differentiate: maml's double backward would lose every
    second-order term through LayerNorm (apex's ``autograd.Function`` raises no error; its newer
    custom ops register no derivative of the backward either), and every gradient to the lower
    layers passes through one. torch's LayerNorm has a double backward on every device. Done for
    every meta mode, so a mode switched later cannot meet apex either (docs/guide/algorithm.md)."""
    done: Dict[int, torch.nn.Module] = {}
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if not any(c.__module__.startswith("apex.") and c.__name__.endswith("LayerNorm")
                       for c in type(child).__mro__):
                continue
            if id(child) not in done:
                norm = torch.nn.LayerNorm(child.normalized_shape, eps=child.eps,
                                          elementwise_affine=child.elementwise_affine)
                if child.elementwise_affine:
                    norm.weight, norm.bias = child.weight, child.bias
                norm.train(child.training)
                done[id(child)] = norm
            setattr(parent, name, done[id(child)])
    return len(done)


# -- batches --------------------------------------------------------------------------------------
def _batches_keep_every_sentence() -> None:
    """fairseq's compiled ``batch_by_size`` (ve-fairseq 0.12.3) silently drops sentences when
    ``--required-batch-size-multiple`` is > 1, its default being 8 (``tests/test_cli_end_to_end.py``
    caught fairseq-generate translating 16 of 20 test sentences). Every batching in the process
    goes through ``data_utils.batch_by_size``; it now always gets a multiple of 1, so every
    sentence is translated and trained on, under any task."""
    from fairseq.data import data_utils

    original = data_utils.batch_by_size
    if getattr(original, "_fairseq_maml_every_sentence", False):
        return

    @functools.wraps(original)
    def batch_by_size(indices, num_tokens_fn, num_tokens_vec=None, max_tokens=None,
                      max_sentences=None, required_batch_size_multiple=1, fixed_shapes=None):
        return original(indices, num_tokens_fn, num_tokens_vec, max_tokens, max_sentences, 1, fixed_shapes)

    batch_by_size._fairseq_maml_every_sentence = True
    data_utils.batch_by_size = batch_by_size


# -- what a user reads -----------------------------------------------------------------------------
def _no_empty_metrics_in_log_lines() -> None:
    from fairseq.logging.meters import MetersDict

    original = MetersDict.get_smoothed_values
    if getattr(original, "_fairseq_maml_no_empty", False):
        return

    @functools.wraps(original)
    def get_smoothed_values(self):
        values = original(self)
        return type(values)((k, v) for k, v in values.items() if v is not None)

    get_smoothed_values._fairseq_maml_no_empty = True
    MetersDict.get_smoothed_values = get_smoothed_values


HARMLESS_WARNINGS = (
    r"hydra\.experimental\.(initialize|compose)\(\) is no longer experimental",
    r"\s*The version_base parameter is not specified",
    r"In 'config': Usage of deprecated keyword in package header",
    r"\s*'config' is validated against ConfigStore schema with the same name",
    r"\s*The strict flag in the compose API is deprecated",
    r"'pin_memory' argument is set as true but no accelerator is found",
    r"Support for mismatched key_padding_mask and attn_mask is deprecated",
)


def _quiet_known_harmless_warnings() -> None:
    for message in HARMLESS_WARNINGS:
        warnings.filterwarnings("ignore", message=message)
    logging.getLogger("hydra").setLevel(logging.INFO)  # "Setting JobRuntime:name=..." at DEBUG


PLUGIN_ERRORS = (ValueError, FileNotFoundError, FloatingPointError)


def _one_line_errors() -> None:
    if getattr(sys.excepthook, "_fairseq_maml_one_line", False):
        return
    original = sys.excepthook
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep

    def excepthook(kind, error, tb):
        last = tb
        while last is not None and last.tb_next is not None:
            last = last.tb_next
        raised_here = last is not None and os.path.abspath(last.tb_frame.f_code.co_filename).startswith(package)
        if issubclass(kind, PLUGIN_ERRORS) and raised_here and not os.environ.get("FAIRSEQ_MAML_TRACEBACK"):
            print(f"{os.path.basename(sys.argv[0]) or 'fairseq_maml'}: error: {error}", file=sys.stderr)
            return
        original(kind, error, tb)

    excepthook._fairseq_maml_one_line = True
    sys.excepthook = excepthook


# -- NaN detector ---------------------------------------------------------------------------------
def refuse_after_nan_detector(model: torch.nn.Module, update_num: int) -> None:
    """fairseq re-runs a step whose gradients were NaN/Inf under its NanDetector, which hooks every
    module, the model itself included; those non-full backward hooks crash (StopIteration) on
    encoders that return dicts. Say what happened instead: training diverged. One dict lookup."""
    if model._backward_hooks:
        raise FloatingPointError(
            f"training diverged at update {update_num}: the loss or gradients became NaN/Inf. "
            "Lower --lr, keep --clip-norm > 0, or warm up longer (--warmup-updates)")
