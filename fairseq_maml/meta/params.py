"""Temporarily substitute a module's parameters by other tensors ("fast weights").

``torch.func.functional_call`` binds tensors by *name*; with tied weights (one Parameter held
by two modules, or one module reachable under two names) it leaves modules bound to the
temporary tensors after the call (pytorch issue 164759). Here parameters are matched by
*identity*: every ``(module, name)`` slot that holds a given Parameter receives its fast
weight, and the original Parameter is put back in every slot afterwards, even on error.
"""

from contextlib import contextmanager
from typing import Dict, Iterator, List, Mapping, Tuple

import torch
from torch import nn

__all__ = ["parameter_slots", "substitute_parameters"]

Slot = Tuple[nn.Module, str]


def parameter_slots(module: nn.Module) -> Dict[int, List[Slot]]:
    """Map ``id(parameter)`` to every ``(submodule, attribute name)`` that holds it."""
    slots: Dict[int, List[Slot]] = {}
    for sub in module.modules():  # each module once, even if shared
        for name, p in sub._parameters.items():
            if p is not None:
                slots.setdefault(id(p), []).append((sub, name))
    return slots


@contextmanager
def substitute_parameters(
    module: nn.Module, fast: Mapping[nn.Parameter, torch.Tensor]
) -> Iterator[None]:
    """Within the block, ``module`` computes with ``fast[p]`` wherever it would use ``p``.

    Parameters mapped to themselves are left alone. Gradients of anything computed inside
    flow into the fast tensors, hence (through their graph) into the original parameters.
    """
    by_id = {id(p): t for p, t in fast.items() if t is not p}
    if not by_id:
        yield
        return
    swapped: List[Tuple[nn.Module, str, nn.Parameter]] = []
    try:
        for pid, places in parameter_slots(module).items():
            t = by_id.get(pid)
            if t is None:
                continue
            for sub, name in places:
                swapped.append((sub, name, sub._parameters[name]))
                # bypass nn.Module.__setattr__, which only accepts Parameters in this slot
                sub._parameters[name] = t
        yield
    finally:
        for sub, name, p in reversed(swapped):
            sub._parameters[name] = p
