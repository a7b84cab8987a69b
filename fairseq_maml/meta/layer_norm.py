"""LayerNorm with a short double backward, for the support pass of second-order MAML.

Exact MAML differentiates the support pass's backward once more. Autograd's formula for the
derivative of LayerNorm's backward (``layer_norm_double_backward``) runs about 85 kernels per
LayerNorm on the test models, a third of what the whole maml step adds over three plain steps;
on a GPU, where these small models' time follows kernel launches (docs/performance.md, "Kernels
per update"), those launches are time. This module keeps LayerNorm's forward and backward the
fused ones (one kernel each) and writes the derivative of the backward by hand, in about 40.

Derivation, per row of ``N`` features, ``r = 1/sqrt(var + eps)``, ``xh = (x - mean) r``,
``g = dy * w``, and ``P(z) = z - mean(z) - xh mean(z xh)`` (the projection LayerNorm's
Jacobian is made of: ``d xh / d x = r P``, symmetric):

    dx = r P(g),   dw = sum_rows dy xh,   db = sum_rows dy.

For cotangents ``a`` (of dx), ``c`` (of dw) and ``e`` (of db), with
``L = <a, dx> + <c, dw> + <e, db>``:

    dL/d dy = w r P(a) + c xh + e
    dL/d w  = sum_rows dy r P(a)
    dL/d x  = r P(q) - r^2 mean(P(a) g) xh,   q = c dy - r (mean(g xh) a + mean(a xh) g)

(``q`` is dL/d xh at fixed ``r``; the last term is the path through ``r``, ``dr/dx = -r^2 xh/N``.)
``tests/test_meta_math.py`` checks it against autograd's own formula and by finite
differences in float64 (``gradgradcheck``).
"""

from contextlib import nullcontext
from typing import Optional

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

__all__ = ["layer_norm", "double_backward_layer_norm"]


def _rows(t: torch.Tensor) -> torch.Tensor:
    """Sum over every dimension but the last (the rows of a LayerNorm over the last one)."""
    return t.reshape(-1, t.shape[-1]).sum(0)


class _LayerNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias, eps):
        out, mean, rstd = torch.native_layer_norm(x, weight.shape, weight, bias, eps)
        ctx.save_for_backward(x, weight, bias, mean, rstd)
        return out

    @staticmethod
    def backward(ctx, dy):
        x, weight, bias, mean, rstd = ctx.saved_tensors
        dx, dw, db = _LayerNormGrad.apply(dy, x, weight, bias, mean, rstd)
        return dx, dw, db, None


class _LayerNormGrad(torch.autograd.Function):
    """LayerNorm's backward as a function of ``(dy, x, weight)``: the fused kernel forward, the
    formulas of the module docstring backward. ``mean`` and ``rstd`` are the forward's, taken as
    functions of ``x`` in the backward (their derivatives are in the formulas)."""

    @staticmethod
    def forward(ctx, dy, x, weight, bias, mean, rstd):
        dx, dw, db = torch.ops.aten.native_layer_norm_backward(
            dy, x, weight.shape, mean, rstd, weight, bias, [True, True, True])
        ctx.save_for_backward(dy, x, weight, mean, rstd)
        ctx.set_materialize_grads(False)  # an unused output's cotangent is None, not zeros to work on
        return dx, dw, db

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, a, c, e):
        # the formulas of the module docstring; addcmul(t, u, v, value=-1) is t - u v in one kernel
        dy, x, weight, mean, rstd = ctx.saved_tensors
        need_dy, need_x, need_w = ctx.needs_input_grad[:3]
        xh = (x - mean) * rstd
        d_dy = d_x = d_w = q = r_through = None
        if a is not None:
            g = dy * weight
            a_xh = (a * xh).mean(-1, keepdim=True)
            r_pa = torch.addcmul(a - a.mean(-1, keepdim=True), xh, a_xh, value=-1) * rstd  # r P(a)
            if need_dy:
                d_dy = r_pa * weight
            if need_w:
                d_w = _rows(dy * r_pa)
            if need_x:
                q = torch.addcmul((g * xh).mean(-1, keepdim=True) * a, a_xh, g) * -rstd
                r_through = (r_pa * g).mean(-1, keepdim=True) * rstd  # times xh: the path through r
        if c is not None:
            if need_dy:
                d_dy = c * xh if d_dy is None else torch.addcmul(d_dy, c, xh)
            if need_x:
                q = c * dy if q is None else torch.addcmul(q, c, dy)
        if e is not None and need_dy:
            d_dy = e.expand_as(dy) if d_dy is None else d_dy + e
        if q is not None:
            p_q = torch.addcmul(q - q.mean(-1, keepdim=True), xh, (q * xh).mean(-1, keepdim=True), value=-1)
            d_x = p_q * rstd
            if r_through is not None:
                d_x = torch.addcmul(d_x, r_through, xh, value=-1)
        return d_dy, d_x, d_w, None, None, None


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """``F.layer_norm`` with the short double backward, where it applies (affine, over the last
    dimension); ``F.layer_norm`` itself otherwise."""
    if weight is None or bias is None or tuple(normalized_shape) != (x.shape[-1],):
        return F.layer_norm(x, normalized_shape, weight, bias, eps)
    if x.device.type == "cuda" and torch.is_autocast_enabled("cuda"):
        # CUDA autocast runs layer_norm in float32 (torch.amp's "CUDA ops that can autocast to
        # float32"); on CPU autocast leaves it alone
        with torch.autocast("cuda", enabled=False):
            return _LayerNorm.apply(x.float(), weight.float(), bias.float(), eps)
    if not x.dtype == weight.dtype == bias.dtype:
        return F.layer_norm(x, normalized_shape, weight, bias, eps)
    return _LayerNorm.apply(x, weight, bias, eps)


class _ShortLayerNormMode(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is F.layer_norm:
            return layer_norm(*args, **kwargs)
        return func(*args, **kwargs)


def double_backward_layer_norm(enabled: bool = True):
    """Context in which ``F.layer_norm`` (what ``torch.nn.LayerNorm`` and fairseq's ``LayerNorm``
    call on CPU and without apex) has the short double backward of this module. Only worth it
    where a graph of gradients is built and differentiated (the support pass of maml)."""
    return _ShortLayerNormMode() if enabled else nullcontext()
