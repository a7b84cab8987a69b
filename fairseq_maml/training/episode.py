"""One meta-training episode as fairseq's ``train_step``: Gu et al. 2018, Algorithm 1, lines 4-8.

An episode is one language pair's support batch and disjoint query batch
(``fairseq_maml.data.episodes``). :class:`EpisodeStep` chooses the parameters the inner loop
adapts, starts a new language's embedding from zero where asked, measures the query loss before
adaptation every ``--adaptation-log-interval`` updates, calls the meta objective
(``fairseq_maml.meta``), and hands its loss to fairseq's optimizer. An episode whose loss is not
finite is skipped: an exact zero is backpropagated instead, so no NaN reaches a gradient, and
too many in a row stop training.
"""

import logging
from typing import Dict, List, Optional

import torch

from ..meta import double_backward_attention, meta_objective
from ..meta.params import substitute_parameters
from ..models.ulr_transformer import ULRTransformerModel
from .fairseq_glue import for_model, loss_scale, unwrap_model
from .precision import Precision

__all__ = ["EpisodeStep", "inner_parameters", "inner_rate", "fresh_language_start"]

logger = logging.getLogger(__name__)


def inner_parameters(model, choice: str, src_lang: Optional[str]) -> List[torch.nn.Parameter]:
    """Parameters adapted in the inner loop (``--inner-params``); a model other than the ULR
    Transformer adapts all (``validate`` refuses other choices for it). Learned inner rates
    (``--learn-inner-lr``, ``model.inner_lrs``) are never adapted: the outer loop trains them."""
    if isinstance(model, ULRTransformerModel):
        chosen = model.parameter_group(choice, src_lang)
    else:
        chosen = [p for p in model.parameters() if p.requires_grad]
    rates = getattr(model, "inner_lrs", None)
    if rates is None:
        return chosen
    own = {id(p) for p in rates.parameters()}
    return [p for p in chosen if id(p) not in own]


def inner_rate(model, inner_lr: float):
    """The inner learning rate ``meta_objective`` takes: ``--inner-lr``, or with
    ``--learn-inner-lr`` a function (step, parameter) -> that parameter's learned rate."""
    rates = getattr(model, "inner_lrs", None)
    if rates is None:
        return inner_lr
    name_of = {p: n for n, p in model.named_parameters()}
    return lambda step, p: rates.rate(name_of[p], step)


def fresh_language_start(model, params, src_lang: str) -> Dict[torch.nn.Parameter, torch.Tensor]:
    """--episode-new-language: the inner loop starts E_{src_lang} from zero (a language the model
    has never seen starts there, ULRTransformerModel.load_state_dict), a leaf the meta-gradient
    ignores."""
    (table,) = model.parameter_group("language", src_lang)
    if not any(p is table for p in params):
        raise ValueError(f"--episode-new-language: --inner-params must adapt the language embedding of {src_lang}")
    return {table: torch.zeros_like(table, requires_grad=True)}


class EpisodeStep:
    """Runs episodes under the task's config (read at every call, so a changed flag applies)."""

    def __init__(self, cfg, precision: Precision):
        self.cfg = cfg
        self.precision = precision
        self.consecutive_skips = 0  # episodes in a row with a non-finite loss
        self.skipped_in_update = 0  # episodes of the current update that were skipped

    def __call__(self, sample, model, criterion, optimizer, update_num: int, ignore_grad: bool = False):
        """fairseq's ``train_step`` contract: (summed loss, sample size, logging outputs)."""
        model.train()
        model.set_num_updates(update_num)
        inner = unwrap_model(model)  # the inner pass must not fire DDP's reduction hooks
        src_lang = sample["query"]["net_input"]["src_lang"]
        sample = for_model(sample, inner)
        mode = self.cfg.meta_mode
        support, query = sample["support"], sample["query"]
        log: Dict[str, float] = {}
        query_log: Dict = {}

        def support_loss():
            # only the support pass is differentiated twice: the query pass keeps fused attention
            with double_backward_attention(mode == "maml"):
                loss, n, _ = criterion(inner, support)
            if not log:
                log["support_loss_sum"], log["support_size"] = float(loss.detach()), float(n)
            return loss / n

        def query_loss():
            loss, n, out = criterion(model, query)  # through the wrapper: DDP all-reduces this
            if mode == "multitask":
                # multitask is ordinary training on every sentence of the episode, the support
                # batch included, each batch padded on its own (one merged batch would pad the
                # shorter sentences to the longer batch's length: ~2.0 padded target positions per
                # real token against ~1.1). Unwrapped like the inner pass: the one backward sums
                # both passes' gradients before DDP's hooks see them.
                s_loss, s_n, s_out = criterion(inner, support)
                loss, n = loss + s_loss, n + s_n
                out = {k: v + s_out[k] if isinstance(v, (int, float, torch.Tensor)) and k in s_out else v
                       for k, v in out.items()}
            query_log.update(out)
            return loss, n

        params = inner_parameters(inner, self.cfg.inner_params, src_lang)
        start = fresh_language_start(inner, params, src_lang) if sample.get("new_language") else {}
        interval = self.cfg.adaptation_log_interval
        measure_before = mode != "multitask" and interval > 0 and update_num % interval == 0
        with self.precision.autocast(inner, optimizer):
            if measure_before:
                with torch.no_grad(), substitute_parameters(inner, start):
                    before, n_before, _ = criterion(inner, query)
            objective = meta_objective(
                inner, params, support_loss, query_loss,
                mode=mode, inner_lr=inner_rate(inner, self.cfg.inner_lr), inner_steps=self.cfg.inner_steps,
                outer_module=model, inner_loss_scale=loss_scale(optimizer), start=start,
                hvp_radius=self.cfg.hfmaml_radius,
            )
        if not ignore_grad and not finite(objective):
            return self.skip(inner, optimizer, sample["lang_pair"])
        self.consecutive_skips = 0
        loss = objective.loss * 0 if ignore_grad else objective.loss
        optimizer.backward(loss)
        if measure_before:
            log["query_before_sum"] = float(before)
            log["query_before_size"] = float(n_before)
            log["query_after_sum"] = float(objective.query_loss)
        if ignore_grad:
            log = {k: 0.0 for k in log}
        query_log.update(log)
        return loss.detach(), objective.sample_size, query_log

    # -- numerical faults: a NaN/Inf episode never reaches the parameters ---------------------
    def skip(self, inner, optimizer, lang_pair):
        """Drop the episode: backward an exact zero (no NaN in any gradient, and distributed
        workers still run their backward), count it, and give up after too many in a row."""
        self.consecutive_skips += 1
        self.skipped_in_update += 1
        logger.warning(f"skipping episode of {lang_pair}: non-finite support or query loss "
                       f"({self.consecutive_skips} in a row)")
        if self.consecutive_skips > self.cfg.max_skipped_episodes:
            raise FloatingPointError(
                f"{self.consecutive_skips} episodes in a row had a NaN/Inf loss (limit "
                f"--max-skipped-episodes {self.cfg.max_skipped_episodes}): training diverged. Lower "
                "--lr or --inner-lr, add --clip-norm, or check the data"
            )
        zero = sum((p * 0).sum() for p in inner.parameters() if p.requires_grad)
        optimizer.backward(zero)
        return zero.detach(), 0, {"skipped_episodes": 1.0}

    def update_was_skipped(self, model) -> bool:
        """At the end of an update: whether every episode of it, on every worker, was skipped. The
        parameter update is then left out, so the parameters stay bit-identical (momentum-based
        optimizers would move them even with zero gradients)."""
        skipped, self.skipped_in_update = self.skipped_in_update, 0
        return bool(skipped) and all_gradients_zero(model)


def finite(objective) -> bool:
    values = torch.stack([objective.loss.detach().float(), *[l.float() for l in objective.support_losses]])
    return bool(torch.isfinite(values).all())  # one device sync per episode


def all_gradients_zero(model) -> bool:
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    return not grads or not bool(torch.stack([g.abs().sum().float() for g in grads]).sum() > 0)
