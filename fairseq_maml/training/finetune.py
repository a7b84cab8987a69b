"""Fine-tuning on one language pair: which parameters train (``--finetune-params``) and the pull
towards the meta-learned point (``--finetune-l2``, ``--finetune-l2-anchor``).

The step is fairseq's own training step in the task's precision, plus, with ``--finetune-l2``,
``finetune_l2/2 * ||theta - theta_0||^2`` per token: scaled by the sample size, because fairseq
divides the summed gradient by it.
"""

import logging
from typing import Dict, Optional

import torch

from ..models.ulr_transformer import ULRTransformerModel
from .fairseq_glue import unwrap_model
from .precision import Precision

__all__ = ["FineTuneStep", "freeze_all_but", "load_anchor"]

logger = logging.getLogger(__name__)


def freeze_all_but(model, group: str, src_lang: str) -> None:
    """Train only the parameter group ``group`` (``--finetune-params``) of the ULR model."""
    if group == "all":
        return
    assert isinstance(model, ULRTransformerModel), "validate() refuses --finetune-params for other models"
    trained = {id(p) for p in model.parameter_group(group, src_lang)}
    for p in model.parameters():
        p.requires_grad_(id(p) in trained)
    logger.info(
        f"--finetune-params {group}: training "
        f"{sum(p.numel() for p in model.parameters() if p.requires_grad)} of "
        f"{sum(p.numel() for p in model.parameters())} parameters"
    )


def load_anchor(path: str, model) -> Dict[str, torch.Tensor]:
    """theta_0 for --finetune-l2: the anchor checkpoint's tensors for the model's parameters
    of the same name and shape (a new language's tables have none and are not pulled)."""
    state = torch.load(path, map_location="cpu", weights_only=True)["model"]
    anchor = {}
    for name, p in model.named_parameters():
        if name in state and state[name].shape == p.shape:
            anchor[name] = state[name].to(device=p.device, dtype=p.dtype)
    if not anchor:
        raise ValueError(f"--finetune-l2-anchor {path} shares no parameter with this model")
    logger.info(f"--finetune-l2: pulling {len(anchor)} parameter tensors towards {path}")
    return anchor


class FineTuneStep:
    """fairseq's ``train_step`` on one pair, with the L2 pull (the anchor is read at the first step,
    when the model, and so the names and devices of its parameters, exists)."""

    def __init__(self, cfg, precision: Precision):
        self.cfg = cfg
        self.precision = precision
        self.anchor: Optional[Dict[str, torch.Tensor]] = None

    def __call__(self, sample, model, criterion, optimizer, update_num: int, ignore_grad: bool = False):
        model.train()
        model.set_num_updates(update_num)
        inner = unwrap_model(model)
        with self.precision.autocast(inner, optimizer):
            loss, sample_size, log = criterion(model, sample)
        if self.cfg.finetune_l2 > 0:
            if self.anchor is None:
                self.anchor = load_anchor(self.cfg.finetune_l2_anchor, inner)
            params = dict(inner.named_parameters())
            pull = sum(((params[n] - a) ** 2).sum() for n, a in self.anchor.items() if params[n].requires_grad)
            loss = loss + 0.5 * self.cfg.finetune_l2 * sample_size * pull
            # logging outputs are summed over micro-batches and workers: a sum and a count
            log["l2_sq_distance_sum"], log["l2_count"] = float(pull.detach()), 1.0
        if ignore_grad:
            loss = loss * 0
        optimizer.backward(loss)
        return loss.detach(), sample_size, log
