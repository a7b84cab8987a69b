"""What the training steps need to know of fairseq's objects: the model inside its distributed
wrappers, a batch as a given model takes it, and the loss scale of fairseq's optimizers."""

import functools
import inspect

import torch

__all__ = ["distributed_wrappers", "unwrap_model", "for_model", "loss_scale"]


def distributed_wrappers(model: torch.nn.Module):
    """The wrappers around the fairseq model (ModuleProxyWrapper, DistributedDataParallel, ...),
    outermost first."""
    from fairseq.models import BaseFairseqModel

    while not isinstance(model, BaseFairseqModel) and hasattr(model, "module"):
        yield model
        model = model.module


def unwrap_model(model: torch.nn.Module) -> torch.nn.Module:
    """The model inside fairseq's ModuleProxyWrapper / DistributedDataParallel wrappers."""
    for wrapper in distributed_wrappers(model):
        model = wrapper.module
    return model


@functools.lru_cache(maxsize=None)
def _takes_src_lang(model_class) -> bool:
    """Whether the model's forward accepts ``src_lang`` (looked up once per class, not per step)."""
    return "src_lang" in inspect.signature(model_class.forward).parameters


def for_model(sample, model):
    """The sample as ``model`` takes it: models without a ``src_lang`` argument (e.g. fairseq's
    ``transformer`` on a joint vocabulary) get batches without it. Never modifies ``sample``
    (fairseq reuses the first batch as its dummy batch)."""
    if not sample or _takes_src_lang(type(model)):
        return sample

    def strip(batch):
        if not batch or "net_input" not in batch:
            return batch
        net_input = {k: v for k, v in batch["net_input"].items() if k != "src_lang"}
        return {**batch, "net_input": net_input}

    out = strip(sample)
    for key in ("support", "query"):
        if key in out:
            out = {**out, key: strip(out[key])}
    return out


def loss_scale(optimizer) -> float:
    """The optimizer's current loss scale (fp16/AMP), so inner gradients do not underflow."""
    scaler = getattr(optimizer, "scaler", None)  # FP16Optimizer / MemoryEfficientFP16Optimizer
    if scaler is not None and hasattr(scaler, "loss_scale"):
        return float(scaler.loss_scale)
    grad_scaler = getattr(optimizer, "_grad_scaler", None)  # AMPOptimizer
    if grad_scaler is not None:
        return float(grad_scaler.get_scale())
    return 1.0
