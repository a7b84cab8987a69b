"""The meta-learning algorithm of MetaNMT (Gu et al., 2018, Algorithm 1), in torch only.

One episode (one language pair ``k``) with support batch ``D_s`` and query batch ``D_q``:

    theta_0     = theta
    theta_{j+1} = theta_j - alpha * grad L_{D_s}(theta_j)          j = 0 .. steps-1   (inner_loop)
    meta loss   = L_{D_q}(theta_steps)                                                  (meta_objective)

``mode`` decides how the meta loss is differentiated with respect to ``theta``:

- ``maml``: exactly, through the inner updates (the inner gradients keep their graph, so the
  backward of the meta loss contains the Hessian-vector products of Eq. 3 of the paper).
- ``hfmaml``: maml's meta-gradient for one inner step, with its Hessian-vector product taken
  by a finite difference of two support gradients instead of a double backward (after
  Hessian-free MAML, Fallah, Mokhtari, Ozdaglar, AISTATS 2020, and DARTS, Liu, Simonyan, Yang,
  ICLR 2019, which take differences of gradients for the same product; here one-sided, on the
  support batch itself, whose gradient at theta the inner step has already taken):
      g_q = grad L_{D_q}(theta_1),   v = g_q restricted to the adapted parameters,
      H v ~ (grad L_{D_s}(theta + delta v) - grad L_{D_s}(theta)) / delta,   delta = r / ||v||,
      meta-gradient = g_q - alpha H v.
  Three gradients and no graph of a gradient: 3x a plain update's arithmetic against maml's 4x,
  and less memory. Approximate: the error is O(r) (docs/reports/performance.md measures it).
- ``fomaml``: first-order: the inner gradients are constants, d theta_steps / d theta = I.
- ``reptile``: (Nichol et al., 2018) the meta-gradient is the average update direction of
  ``steps`` SGD steps on ``D_s`` followed by one on ``D_q``:
  (sum_j grad L_{D_s}(theta_j) + grad L_{D_q}(theta_steps)) / (steps + 1).
- ``multitask``: no inner step; the loss ``query_loss()`` returns at ``theta`` (the task's
  passes it the support and the query batch of the episode together): ordinary multilingual
  training on the same sentences, the transfer-learning baseline of the paper.

Only the parameters listed in ``params`` are adapted in the inner loop: no inner gradient is
formed for the others. Their meta-gradient is still exact: it reaches them through the query
pass and, in ``maml``, through the inner gradients of the adapted ones, which depend on them.

Loss conventions (those of fairseq criterions): ``support_loss()`` returns a loss *averaged*
over its tokens, so ``alpha`` does not depend on the batch size; ``query_loss()`` returns a
*summed* loss and its normaliser (``sample_size``): the caller's optimizer divides the
gradient by the total normaliser of the update, as fairseq's Trainer does.
"""

import math
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import torch
from torch import nn

from .params import substitute_parameters

__all__ = [
    "MODES",
    "HFMAML_RADIUS",
    "Adaptation",
    "MetaObjective",
    "inner_loop",
    "meta_objective",
    "hessian_free_objective",
    "double_backward_attention",
]

MODES = ("maml", "hfmaml", "fomaml", "reptile", "multitask")
HFMAML_RADIUS = 1e-3  # r of hfmaml: small enough for O(r) error, large enough to stay above float32 rounding (docs/reports/performance.md, "hfmaml")


@dataclass
class Adaptation:
    """Result of the inner loop: fast weights theta_steps and the support losses seen."""

    fast: Dict[nn.Parameter, torch.Tensor]
    support_losses: List[torch.Tensor] = field(default_factory=list)  # detached, one per step


@dataclass
class MetaObjective:
    """``loss.backward()`` accumulates ``sample_size`` x the meta-gradient into ``.grad``."""

    loss: torch.Tensor
    sample_size: float
    query_loss: torch.Tensor  # detached summed query loss at the adapted parameters
    support_losses: List[torch.Tensor]


def double_backward_attention(enabled: bool = True):
    """Context that makes ``scaled_dot_product_attention`` twice differentiable.

    The fused kernels (flash, memory-efficient, CPU flash) have no double backward; the math
    kernel is ordinary differentiable ops. Only needed where a graph of gradients is built.
    """
    if not enabled:
        return nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    return sdpa_kernel([SDPBackend.MATH])


def _foreach_present(tensors: List[Optional[torch.Tensor]], fn) -> None:
    """Replace the tensors of the list that are not None by ``fn(those tensors)``, in place."""
    index = [i for i, t in enumerate(tensors) if t is not None]
    for i, t in zip(index, fn([tensors[i] for i in index]) if index else []):
        tensors[i] = t


class _ListAdd(torch.autograd.Function):
    """``out_i = a_i + alpha * b_i`` for lists of tensors, in one foreach call instead of one
    kernel per parameter. The backward passes the cotangent through unchanged to ``a`` (and times
    ``alpha`` to ``b`` where ``b`` needs it): no kernel at all when ``alpha`` is 1 or ``b`` is a
    constant, and nothing saved, as for ``torch.add``. (``torch._foreach_add`` under autograd would
    save every ``a_i`` and ``b_i`` for its backward: +1 model size of memory per inner step.)"""

    @staticmethod
    def forward(ctx, alpha, n, *tensors):
        ctx.alpha, ctx.n = alpha, n
        ctx.set_materialize_grads(False)
        return tuple(torch._foreach_add(list(tensors[:n]), list(tensors[n:]), alpha=alpha))

    @staticmethod
    def backward(ctx, *grads):
        to_b = [None] * ctx.n
        if any(ctx.needs_input_grad[2 + ctx.n:]):
            to_b = list(grads)
            if ctx.alpha != 1:
                _foreach_present(to_b, lambda gs: torch._foreach_mul(gs, ctx.alpha))
        return (None, None, *grads, *to_b)


def shifted(tensors: Sequence[torch.Tensor], steps: Sequence[Optional[torch.Tensor]],
            alpha: float = 1.0) -> List[torch.Tensor]:
    """``t + alpha * s`` for each pair (``t`` itself where ``s`` is None): differentiable in both,
    one foreach kernel for all (on a GPU the meta step is bound by kernel launches, one per op)."""
    index = [i for i, s in enumerate(steps) if s is not None]
    out = list(tensors)
    if index:
        added = _ListAdd.apply(alpha, len(index), *[tensors[i] for i in index], *[steps[i] for i in index])
        for i, t in zip(index, added):
            out[i] = t
    return out


def loss_with_gradient(value: torch.Tensor, directions: List[torch.Tensor],
                       tensors: Sequence[torch.Tensor]) -> torch.Tensor:
    """A scalar equal to ``value`` (NaN if a direction has a non-finite element, so the episode is
    skipped) whose gradient with respect to ``tensors[i]`` is ``directions[i]``."""
    total = torch.stack(torch._foreach_norm(directions)).sum()
    return _Surrogate.apply(torch.where(torch.isfinite(total), value.detach(), total), directions, *tensors)


class _Surrogate(torch.autograd.Function):
    """A scalar with the value ``value`` whose gradient with respect to ``tensors[i]`` is
    ``directions[i]`` (constants): a loss that hands given gradients to backward hooks, with
    one foreach kernel in its backward instead of a product and a sum per parameter."""

    @staticmethod
    def forward(ctx, value, directions, *tensors):
        ctx.directions = directions
        return value.detach().clone()

    @staticmethod
    def backward(ctx, grad):
        return (None, None, *torch._foreach_mul(ctx.directions, grad))


# an inner learning rate: one number, or learned rates (learned_rates.InnerLearningRates): a
# function of (inner step, parameter) giving a 0-dim tensor that requires grad
InnerLR = Union[float, Callable[[int, nn.Parameter], torch.Tensor]]


def inner_loop(
    module: nn.Module,
    params: Sequence[nn.Parameter],
    support_loss: Callable[[], torch.Tensor],
    lr: InnerLR,
    steps: int,
    second_order: bool,
    loss_scale: float = 1.0,
    start: Optional[Mapping[nn.Parameter, torch.Tensor]] = None,
) -> Adaptation:
    """Simulate ``steps`` SGD steps of ``support_loss`` on ``params`` without applying them.

    With ``second_order`` the fast weights are differentiable functions of ``params``
    (the inner gradients keep their graph); otherwise the inner gradients are constants and
    each fast weight is ``p - constant``. ``loss_scale`` multiplies the loss before
    differentiation and divides the gradient after (mixed precision: avoids underflow).
    ``start`` gives some parameters another starting value than their own (a tensor that requires
    grad): the inner loop adapts it instead, and that parameter gets no meta-gradient.
    ``lr`` as a function ``lr(step, p)``: learned rates (MAML++'s LSLR); each fast weight is then
    ``w - lr(step, p) * g``, differentiable in the rate (in first order too).
    """
    if steps < 1:
        raise ValueError(f"inner_loop needs steps >= 1 (--inner-steps), got {steps}")
    params = list(params)
    start = start or {}
    fast: Dict[nn.Parameter, torch.Tensor] = {p: start.get(p, p) for p in params}
    losses: List[torch.Tensor] = []
    # The step size is folded into the differentiated loss: grad(-lr * L) = -lr * grad L, so each
    # fast weight is a plain ``w + g`` (``shifted``: one foreach call for all of them), whose
    # backward passes the cotangent through unchanged to both inputs. ``w - lr * g`` would add one
    # elementwise multiply per adapted parameter to the double backward. Under loss scaling the
    # loss is scaled up instead (fp16 underflow) and the gradient scaled back in the update.
    if callable(lr):
        return _inner_loop_learned(module, params, support_loss, lr, steps, second_order, loss_scale, fast)
    fold = loss_scale == 1.0
    factor, step = (-lr, 1.0) if fold else (loss_scale, -lr / loss_scale)
    for _ in range(steps):
        with substitute_parameters(module, fast):
            loss = support_loss()
        current = [fast[p] for p in params]
        grads = torch.autograd.grad(
            loss * factor,
            current,
            create_graph=second_order,
            allow_unused=True,
        )
        losses.append(loss.detach())
        fast = dict(zip(params, shifted(current, grads, step)))
    return Adaptation(fast=fast, support_losses=losses)


def _inner_loop_learned(module, params, support_loss, lr, steps, second_order, loss_scale, fast) -> Adaptation:
    """``inner_loop`` with learned rates: the rate multiplies each gradient explicitly (one
    elementwise product per adapted tensor, so the rate gets its gradient), as ``w - lr_j * g``."""
    losses: List[torch.Tensor] = []
    for j in range(steps):
        with substitute_parameters(module, fast):
            loss = support_loss()
        current = [fast[p] for p in params]
        grads = torch.autograd.grad(loss * loss_scale, current, create_graph=second_order, allow_unused=True)
        losses.append(loss.detach())
        fast = {p: w if g is None else w - lr(j, p) * (g / loss_scale)
                for p, w, g in zip(params, current, grads)}
    return Adaptation(fast=fast, support_losses=losses)


def meta_objective(
    module: nn.Module,
    params: Sequence[nn.Parameter],
    support_loss: Optional[Callable[[], torch.Tensor]],
    query_loss: Callable[[], Tuple[torch.Tensor, float]],
    *,
    mode: str,
    inner_lr: InnerLR,
    inner_steps: int,
    outer_module: Optional[nn.Module] = None,
    inner_loss_scale: float = 1.0,
    start: Optional[Mapping[nn.Parameter, torch.Tensor]] = None,
    hvp_radius: float = HFMAML_RADIUS,
) -> MetaObjective:
    """Build the loss whose gradient is the meta-gradient of one episode.

    ``module`` runs the inner loop; ``outer_module`` (default ``module``) runs the query
    pass. They differ in distributed training: the query pass must go through the
    DistributedDataParallel wrapper so the meta-gradient is all-reduced, while the inner pass
    must not (it would fire the reduction hooks). Both share the same parameter objects.
    ``hvp_radius`` is r of ``hfmaml``.
    """
    if mode not in MODES:
        raise ValueError(f"unknown meta mode {mode!r} (--meta-mode): choose one of {MODES}")
    outer_module = module if outer_module is None else outer_module
    if callable(inner_lr) and mode not in ("maml", "fomaml"):
        raise ValueError(f"learned inner rates (--learn-inner-lr) need --meta-mode maml or fomaml, not {mode}")
    if start and mode not in ("maml", "fomaml"):
        raise ValueError(f"a fresh inner-loop start (--episode-new-language) needs --meta-mode maml or fomaml, not {mode}")
    if mode == "multitask":
        loss, n = query_loss()
        return MetaObjective(loss, n, loss.detach(), [])
    if mode == "hfmaml":
        if inner_steps != 1:
            raise ValueError(f"--meta-mode hfmaml differentiates one inner step, not {inner_steps} "
                             "(--inner-steps 1, or --meta-mode maml for several)")
        return hessian_free_objective(module, params, support_loss, query_loss, inner_lr=inner_lr,
                                      radius=hvp_radius, outer_module=outer_module,
                                      loss_scale=inner_loss_scale)

    adapted = inner_loop(
        module,
        params,
        support_loss,
        inner_lr,
        inner_steps,
        second_order=(mode == "maml"),
        loss_scale=inner_loss_scale,
        start=start,
    )
    with substitute_parameters(outer_module, adapted.fast):
        query, n = query_loss()
    loss = query
    if mode == "reptile":
        # (theta - theta_steps) / alpha = sum_j grad L_s(theta_j), a constant direction handed to
        # the parameters as the gradient of a loss of value 0, scaled by n like the summed query loss
        moved = [(p, w.detach()) for p, w in adapted.fast.items() if w is not p]
        if moved:
            directions = torch._foreach_sub([p.detach() for p, _ in moved], [w for _, w in moved])
            torch._foreach_mul_(directions, n / inner_lr)
            loss = query + loss_with_gradient(torch.zeros_like(query), directions, [p for p, _ in moved])
        loss = loss / (inner_steps + 1)
    return MetaObjective(loss, n, query.detach(), adapted.support_losses)


def _rng_state(device: torch.device):
    cuda = torch.cuda.get_rng_state(device) if device.type == "cuda" else None
    return torch.get_rng_state(), cuda


def _set_rng_state(device: torch.device, state) -> None:
    torch.set_rng_state(state[0])
    if state[1] is not None:
        torch.cuda.set_rng_state(state[1], device)


def hessian_free_objective(
    module: nn.Module,
    params: Sequence[nn.Parameter],
    support_loss: Callable[[], torch.Tensor],
    query_loss: Callable[[], Tuple[torch.Tensor, float]],
    *,
    inner_lr: float,
    radius: float,
    outer_module: Optional[nn.Module] = None,
    loss_scale: float = 1.0,
) -> MetaObjective:
    """``hfmaml`` (module docstring): the meta-gradient m of one episode by three first-order
    gradients, returned as a loss with the value of the summed query loss (as in maml) whose
    gradient is exactly m, reaching the parameters through the fast weights (so the query pass's
    wrapper sees the backward reach them).

    The second support pass replays the first's random numbers (dropout masks), so the two
    gradients differ only by the parameter shift. ``loss_scale`` as in ``inner_loop``: each
    gradient is taken of the scaled loss and divided by the scale.
    """
    outer_module = module if outer_module is None else outer_module
    trainable = [p for p in module.parameters() if p.requires_grad]
    adapted = {id(p) for p in params}
    device = trainable[0].device
    rng = _rng_state(device)
    # Every step on all parameters at once is one foreach call: on a GPU the meta step is bound
    # by kernel launches, and a few ops per parameter would add two plain updates' worth of them.

    # 1. the support gradient at theta, of every trainable parameter: the Hessian-vector product
    #    reaches the parameters that do not adapt too (they shape the adapted ones' gradient)
    loss = support_loss()
    scaled = (lambda x: x * loss_scale) if loss_scale != 1 else (lambda x: x)
    g_support = torch.autograd.grad(scaled(loss), trainable, allow_unused=True)
    steps = [g.detach() if g is not None and id(p) in adapted else None for p, g in zip(trainable, g_support)]
    at = shifted(trainable, steps, -inner_lr / loss_scale)  # p + constant: d fast / d p = I
    fast = {p: w for p, w in zip(trainable, at) if w is not p}

    # 2. the query loss at the fast weights and its gradient g_q
    with substitute_parameters(outer_module, fast):
        query, n = query_loss()
    g_query = list(torch.autograd.grad(scaled(query), at, allow_unused=True))
    if loss_scale != 1:
        _foreach_present(g_query, lambda gs: torch._foreach_div(gs, loss_scale))

    # 3. the support gradient again at theta + delta v, v = g_q on the adapted parameters
    v = [g if w is not p else None for p, w, g in zip(trainable, at, g_query)]
    present = [g for g in v if g is not None]
    norm = float(torch.linalg.vector_norm(torch.stack(torch._foreach_norm(present)))) if present else 0.0
    meta = g_query
    if norm > 0 and math.isfinite(norm):  # one device sync; a zero or non-finite direction adds no product
        delta = radius / norm
        shift = shifted([p.detach() for p in trainable], v, delta)
        shift = [t.requires_grad_() if g is not None else p for p, t, g in zip(trainable, shift, v)]
        after_query = _rng_state(device)
        _set_rng_state(device, rng)
        try:
            with substitute_parameters(module, {p: t for p, t in zip(trainable, shift) if t is not p}):
                loss2 = support_loss()
            g_shifted = torch.autograd.grad(scaled(loss2), shift, allow_unused=True)
        finally:
            _set_rng_state(device, after_query)
        # meta = g_q - alpha H v, alpha H v = (g_shifted - g_support) * alpha / (delta * scale)
        both = [i for i, (a, b) in enumerate(zip(g_shifted, g_support)) if a is not None and b is not None]
        if both:
            # in place on the differences: one set of gradients fewer alive at the step's peak
            differences = torch._foreach_sub([g_shifted[i] for i in both], [g_support[i] for i in both])
            del g_shifted
            torch._foreach_mul_(differences, -inner_lr / (delta * loss_scale))
            torch._foreach_add_(differences, [torch.zeros_like(d) if meta[i] is None else meta[i]  # None: a
                                              for i, d in zip(both, differences)])  # parameter the query misses
            for i, m in zip(both, differences):
                meta[i] = m
    # the loss: the query loss's value, whose gradient through the fast weights (so the query
    # pass's wrapper sees the backward reach the parameters) is exactly the meta-gradient
    pairs = [(w, m) for w, m in zip(at, meta) if m is not None]
    surrogate = loss_with_gradient(query, [m for _, m in pairs], [w for w, _ in pairs])
    return MetaObjective(surrogate, n, query.detach(), [loss.detach()])
