"""Let torch's safe unpickler (``torch.load(weights_only=True)``, the default since torch 2.6)
read every checkpoint this plugin writes, in every fairseq entry point, without turning safe
loading off.

What a fairseq checkpoint can hold besides tensors and plain containers:

- multi-process resume / fine-tune: rank 0 loads the checkpoint and broadcasts it; the other
  ranks unpickle a state whose ``cfg`` is an omegaconf ``DictConfig`` and whose tensors are
  ``fairseq.distributed.utils._TensorPlaceholder`` (fairseq/distributed/utils.py);
- ``--eval-bleu``: numpy arrays and scalars in the saved meters;
- components registered the legacy way (argparse): an ``argparse.Namespace`` (all of this
  plugin's components are dataclass-registered, so its own checkpoints never hold one).

These classes only rebuild data; none runs code on unpickling. ``fairseq_maml/__init__.py``
calls :func:`allow_fairseq_checkpoints` on import, and fairseq imports ``--user-dir`` before it
reads any checkpoint.
"""

import argparse
import collections
import typing
from typing import List

import numpy as np
import torch

__all__ = ["allow_fairseq_checkpoints", "safe_globals"]


def safe_globals() -> List[object]:
    import omegaconf
    from omegaconf import base, nodes
    from fairseq.distributed.utils import _TensorPlaceholder

    allowed = [
        argparse.Namespace,
        collections.defaultdict,
        collections.OrderedDict,
        typing.Any,
        dict,
        list,
        int,
        float,
        str,
        bool,
        omegaconf.DictConfig,
        omegaconf.ListConfig,
        base.ContainerMetadata,
        base.Metadata,
        nodes.AnyNode,
        nodes.StringNode,
        nodes.IntegerNode,
        nodes.FloatNode,
        nodes.BooleanNode,
        _TensorPlaceholder,
        np.ndarray,
        np.dtype,
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


def allow_fairseq_checkpoints() -> None:
    """Register the classes above with torch's safe unpickler (idempotent)."""
    torch.serialization.add_safe_globals(safe_globals())
