"""Every combination of flags, model and hardware that the plugin refuses, and why.

:func:`validate` is the one home of these rules. The task calls it as fairseq builds things, with
what exists by then, so that every rule is checked before the first update and nothing is
trained or written first: at ``setup_task`` (the task's flags), at ``build_model`` (the model
and its flags) and at the first meta-training step (the optimizer and the distributed wrapper,
which fairseq builds after the model). Each error names the flag and what to do instead.

The torch-only algorithm (``fairseq_maml.meta``) checks its own arguments as any library
function does; it never sees a flag, and these rules refuse the flags before it is called.
"""

import os
from typing import Optional

import torch

from .training.fairseq_glue import distributed_wrappers, unwrap_model

__all__ = ["validate", "check_precision", "check_ddp", "kinked_activation"]

# why hfmaml refuses reduced precision (--bf16-autocast, --tf32, --amp, --fp16)
HFMAML_PRECISION = ("its Hessian-vector product is the difference of two gradients, which reduced precision "
                    "rounds away (docs/reports/performance.md, \"hfmaml\")")
# the meta modes --fp16 (float16 weights) cannot train, and why
FP16_REFUSED = {
    "maml": "the double backward through LayerNorm in float16 overflows to NaN. Use --amp or --bf16-autocast "
            "(mixed precision that keeps float32 weights), or --meta-mode fomaml/reptile with --fp16",
    "hfmaml": f"{HFMAML_PRECISION}. Train hfmaml in float32, or use --meta-mode fomaml/reptile with --fp16 "
              "(or maml with --amp)",
}


def validate(cfg, *, model_cfg=None, model: Optional[torch.nn.Module] = None, optimizer=None) -> None:
    """Refuse a bad combination with a ValueError (FileNotFoundError for a missing file).

    ``cfg`` is the task's config (``MetaTranslationConfig``); ``model_cfg`` the model's flags;
    ``model`` the built model (wrapped or not); ``optimizer`` fairseq's optimizer. Checks what
    the arguments given allow.
    """
    _check_task_flags(cfg)
    meta = bool(cfg.lang_pairs)
    if model_cfg is not None and meta and cfg.meta_mode != "multitask" and getattr(model_cfg, "checkpoint_activations", False):
        raise ValueError(
            f"--checkpoint-activations cannot be combined with --meta-mode {cfg.meta_mode}: activation "
            "checkpointing does not support torch.autograd.grad, which the inner step needs. Drop "
            "--checkpoint-activations or use --meta-mode multitask"
        )
    if model is not None:
        _check_model(cfg, unwrap_model(model), meta)
    if optimizer is not None and meta:
        from fairseq.optim.amp_optimizer import AMPOptimizer

        check_precision(unwrap_model(model), cfg.meta_mode, amp=isinstance(optimizer, AMPOptimizer))
        check_ddp(model)
    if optimizer is not None and cfg.bf16_autocast:
        from fairseq.optim.amp_optimizer import AMPOptimizer

        if isinstance(optimizer, AMPOptimizer) or next(model.parameters()).dtype != torch.float32:
            raise ValueError(
                "--bf16-autocast cannot be combined with --amp, --fp16 or --memory-efficient-fp16: "
                "they are two mixed precisions. Keep one (--bf16-autocast needs float32 weights and "
                "no loss scale)"
            )


def _check_task_flags(cfg) -> None:
    meta = bool(cfg.lang_pairs)
    if cfg.inner_steps < 1:
        raise ValueError(f"--inner-steps must be >= 1, got {cfg.inner_steps} (use --meta-mode multitask for none)")
    if not cfg.inner_lr > 0:
        raise ValueError(f"--inner-lr must be > 0, got {cfg.inner_lr}")
    if not cfg.hfmaml_radius > 0:
        raise ValueError(f"--hfmaml-radius must be > 0, got {cfg.hfmaml_radius}")
    if meta and cfg.meta_mode == "hfmaml" and (cfg.bf16_autocast or cfg.tf32):
        flag = "--bf16-autocast" if cfg.bf16_autocast else "--tf32"
        raise ValueError(f"--meta-mode hfmaml needs float32 matrix products, not {flag}: {HFMAML_PRECISION}. "
                         f"Drop {flag}, or use --meta-mode maml with it")
    if meta and cfg.meta_mode == "hfmaml" and cfg.inner_steps != 1:
        raise ValueError(f"--meta-mode hfmaml takes one inner step, got --inner-steps {cfg.inner_steps}: "
                         "use --inner-steps 1, or --meta-mode maml for several")
    if not 0.0 <= cfg.new_language_fraction <= 1.0:
        raise ValueError(f"--new-language-fraction must be in [0, 1], got {cfg.new_language_fraction}")
    if cfg.episode_new_language and meta and cfg.meta_mode not in ("maml", "fomaml"):
        raise ValueError(f"--episode-new-language needs --meta-mode maml or fomaml (an inner loop that "
                         f"adapts the fresh embedding, differentiated through), not {cfg.meta_mode}")
    if cfg.learn_inner_lr and meta and cfg.meta_mode not in ("maml", "fomaml"):
        raise ValueError(f"--learn-inner-lr needs --meta-mode maml or fomaml (an inner SGD step whose rate "
                         f"the query loss is differentiated by), not {cfg.meta_mode}")
    if cfg.finetune_l2 < 0:
        raise ValueError(f"--finetune-l2 must be >= 0, got {cfg.finetune_l2}")
    if cfg.finetune_l2 > 0:
        if not cfg.finetune_l2_anchor:
            raise ValueError("--finetune-l2 needs --finetune-l2-anchor: the checkpoint to stay "
                             "close to (usually the one given to --finetune-from-model)")
        if not os.path.exists(cfg.finetune_l2_anchor):
            raise FileNotFoundError(f"--finetune-l2-anchor {cfg.finetune_l2_anchor} does not exist")


def _check_model(cfg, model: torch.nn.Module, meta: bool) -> None:
    from .models.ulr_transformer import ULRTransformerModel

    ulr = isinstance(model, ULRTransformerModel)
    if meta and cfg.meta_mode == "hfmaml":
        kinked = kinked_activation(model)
        if kinked:
            raise ValueError(
                f"--meta-mode hfmaml needs a smooth activation, but the model uses {kinked}: its "
                "finite difference crosses the kinks, and the meta-gradient comes out wrong "
                "(docs/reports/performance.md, \"hfmaml\"). Add --activation-fn gelu, or use --meta-mode maml"
            )
    if meta and cfg.episode_new_language and not ulr:
        raise ValueError(f"--episode-new-language needs a model with language-specific ULR embeddings "
                         f"(--arch ulr_transformer, _small or _tiny), not {type(model).__name__}")
    if meta and cfg.learn_inner_lr and not ulr:
        raise ValueError(f"--learn-inner-lr needs --arch ulr_transformer (or a variant), whose checkpoint "
                         f"loading drops or adds the learned rates; not {type(model).__name__}")
    if meta and cfg.inner_params != "all" and not ulr:
        raise ValueError(f"--inner-params {cfg.inner_params} needs --arch ulr_transformer (or a variant); "
                         f"{type(model).__name__} only supports --inner-params all")
    if not meta and cfg.finetune_params != "all" and not ulr:
        raise ValueError(f"--finetune-params {cfg.finetune_params} needs --arch ulr_transformer (or a variant)")


def kinked_activation(model) -> Optional[str]:
    """The name of a piecewise-linear activation (ReLU) the model computes with, if any: its
    gradient jumps, so ``hfmaml``'s finite difference of gradients is meaningless there."""
    for m in model.modules():
        if isinstance(m, torch.nn.ReLU) or getattr(m, "activation_fn", None) is torch.nn.functional.relu:
            return "relu (--activation-fn relu, fairseq's default)"
    return None


def check_precision(model, mode: str, amp: bool = False) -> None:
    """The precisions a meta mode cannot train in: hfmaml under --amp; maml and hfmaml in --fp16."""
    if mode == "hfmaml" and amp:
        raise ValueError(f"--amp cannot train --meta-mode hfmaml: {HFMAML_PRECISION}. Train hfmaml in float32, "
                         "or use --meta-mode maml with --amp")
    if mode in FP16_REFUSED and next(model.parameters()).dtype == torch.float16:
        raise ValueError(f"--fp16 cannot train --meta-mode {mode}: {FP16_REFUSED[mode]}")


def check_ddp(model) -> None:
    """The distributed wrappers meta-training supports.

    legacy_ddp/no_c10d all-reduce the gradients after the backward; c10d/pytorch_ddp (torch's
    DistributedDataParallel) waits during the backward for a gradient of every parameter, but an
    episode uses the embedding of one source language only: without --find-unused-parameters the
    ranks would hang. Others (fully_sharded, slowmo) reshape or re-own the parameters that the
    inner loop substitutes, and are not supported."""
    from fairseq.distributed import LegacyDistributedDataParallel, ModuleProxyWrapper
    from torch.nn.parallel import DistributedDataParallel

    for m in distributed_wrappers(model):
        if not isinstance(m, (ModuleProxyWrapper, DistributedDataParallel, LegacyDistributedDataParallel)):
            raise ValueError(
                f"meta-training does not support a model wrapped in {type(m).__name__} "
                "(--ddp-backend fully_sharded or slowmo): use --ddp-backend legacy_ddp, or c10d "
                "with --find-unused-parameters"
            )
        if isinstance(m, DistributedDataParallel) and not m.find_unused_parameters:
            raise ValueError(
                "meta-training with --ddp-backend c10d/pytorch_ddp needs --find-unused-parameters "
                "(each episode leaves the other languages' embeddings unused); or use "
                "--ddp-backend legacy_ddp"
            )
