"""The short double backward of LayerNorm (fairseq_maml/meta/layer_norm.py) against finite
differences (``gradgradcheck``) and against autograd's own formula for the derivative of
LayerNorm's backward, in float64."""

import pytest
import torch
import torch.nn.functional as F

from fairseq_maml.meta import double_backward_layer_norm
from fairseq_maml.meta.layer_norm import layer_norm

D = 6


def inputs(seed=0, shape=(3, 4, D)):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*shape, generator=g, dtype=torch.float64).requires_grad_()
    w = (1 + 0.5 * torch.randn(D, generator=g, dtype=torch.float64)).requires_grad_()
    b = torch.randn(D, generator=g, dtype=torch.float64).requires_grad_()
    return x, w, b


def short(x, w, b):
    return layer_norm(x, (D,), w, b, 1e-5)


def native(x, w, b):
    return F.layer_norm(x, (D,), w, b, 1e-5)


def test_first_and_second_derivatives_match_finite_differences():
    assert torch.autograd.gradcheck(short, inputs())
    assert torch.autograd.gradgradcheck(short, inputs())
    assert torch.autograd.gradgradcheck(short, inputs(1, shape=(5, D)))


def second_derivatives(ln, used, weight_adapts):
    """The derivatives of <k, (dx, dw, db)>, the gradients of LayerNorm's output for a cotangent
    dy (itself differentiable), with respect to x, w and dy: what the outer backward of maml
    computes. ``used``: which of dx, dw, db the scalar depends on."""
    x, w, b = inputs()
    w.requires_grad_(weight_adapts)
    dy = torch.randn(x.shape, generator=torch.Generator().manual_seed(2), dtype=torch.float64,
                     requires_grad=True)
    wrt = [x, w, b] if weight_adapts else [x]
    firsts = dict(zip(["dx", "dw", "db"], torch.autograd.grad(ln(x, w, b), wrt, dy, create_graph=True)))
    g = torch.Generator().manual_seed(3)
    scalar = sum((firsts[name] * torch.randn(firsts[name].shape, generator=g, dtype=torch.float64)).sum()
                 for name in used)
    wrt = [x, w, dy] if weight_adapts else [x, dy]
    return [t if t is not None else torch.zeros_like(v) for t, v in
            zip(torch.autograd.grad(scalar, wrt, allow_unused=True), wrt)]


@pytest.mark.parametrize("used, weight_adapts", [
    (("dx",), True), (("dw",), True), (("db",), True), (("dx", "dw", "db"), True),
    (("dx",), False),  # a LayerNorm that does not adapt: only dx is taken
])
def test_second_derivatives_equal_autograds_formula(used, weight_adapts):
    got = second_derivatives(short, used, weight_adapts)
    want = second_derivatives(native, used, weight_adapts)
    for name, g, w in zip(["x", "w", "dy"] if weight_adapts else ["x", "dy"], got, want):
        assert torch.allclose(g, w, rtol=1e-10, atol=1e-12), (used, name)


def test_the_context_routes_affine_layer_norms_only():
    x, _, _ = inputs()
    affine = torch.nn.LayerNorm(D).double()
    plain = torch.nn.LayerNorm(D, elementwise_affine=False).double()
    two_dims = torch.nn.LayerNorm((4, D)).double()
    with double_backward_layer_norm():
        y = affine(x)
        assert type(y.grad_fn).__name__ == "_LayerNormBackward"  # this module's function
        assert type(plain(x).grad_fn).__name__ == "NativeLayerNormBackward0"
        assert type(two_dims(x).grad_fn).__name__ == "NativeLayerNormBackward0"
    with double_backward_layer_norm(enabled=False):
        assert type(affine(x).grad_fn).__name__ == "NativeLayerNormBackward0"
    assert torch.equal(y, affine(x))


def test_cpu_autocast_gives_what_layer_norm_gives():
    """CPU autocast leaves layer_norm alone: a bfloat16 input with float32 weights falls back to
    F.layer_norm (CUDA autocast casts to float32, which the function then does itself)."""
    x, w, b = (t.detach().float() for t in inputs())
    with torch.autocast("cpu", dtype=torch.bfloat16):
        want = F.layer_norm(x.bfloat16(), (D,), w, b)
        with double_backward_layer_norm():
            got = F.layer_norm(x.bfloat16(), (D,), w, b)
    assert got.dtype == want.dtype == torch.bfloat16
    assert torch.equal(got, want)
