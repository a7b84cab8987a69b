"""Torch-only meta-learning algorithm: inner update, meta objective, parameter substitution.

Nothing here imports fairseq (``tests/test_meta_math.py`` enforces it), so the algorithm can be
read, tested and reused on any ``nn.Module``.
"""

from .maml import (
    HFMAML_RADIUS,
    MODES,
    Adaptation,
    MetaObjective,
    double_backward_attention,
    hessian_free_objective,
    inner_loop,
    meta_objective,
)
from .learned_rates import InnerLearningRates
from .params import parameter_slots, substitute_parameters

__all__ = [
    "HFMAML_RADIUS",
    "MODES",
    "InnerLearningRates",
    "Adaptation",
    "MetaObjective",
    "double_backward_attention",
    "hessian_free_objective",
    "inner_loop",
    "meta_objective",
    "parameter_slots",
    "substitute_parameters",
]
