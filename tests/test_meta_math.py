"""The torch-only meta step against independent references, in float64.

References: central finite differences of F(theta) = L_q(theta_steps(theta)) where the inner
steps are written out by hand on an explicit parameter list (no module, no substitution), and
closed forms for the first-order and Reptile directions.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from fairseq_maml.meta import inner_loop, meta_objective, substitute_parameters

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def float64_default():
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


class TiedNet(nn.Module):
    """Embedding -> tanh layer -> output projection tied to the embedding (like NMT)."""

    def __init__(self, vocab=7, dim=5):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.hidden = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, vocab, bias=False)
        self.out.weight = self.embed.weight  # one Parameter, two modules

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(self.embed(x))))


def functional_net(theta, x):
    """The same network written by hand from an explicit list [embed, hidden.w, hidden.b]."""
    emb, w, b = theta
    return torch.tanh(emb[x] @ w.T + b) @ emb.T


def loss_of(logits, y):
    return nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), reduction="sum")


def make_episode(seed, vocab=7):
    g = torch.Generator().manual_seed(seed)
    xs, ys = torch.randint(0, vocab, (2, 4, 3), generator=g)
    xq, yq = torch.randint(0, vocab, (2, 5, 3), generator=g)
    return (xs, ys), (xq, yq)


def reference_meta_loss(theta, support, query, lr, steps, adapt_mask):
    """F(theta): the query loss after `steps` hand-written SGD steps on the support loss."""
    (xs, ys), (xq, yq) = support, query
    fast = [t.detach().requires_grad_() for t in theta]
    for _ in range(steps):
        ls = loss_of(functional_net(fast, xs), ys) / ys.numel()
        grads = torch.autograd.grad(ls, fast, create_graph=True)
        fast = [w - lr * g if m else w for w, g, m in zip(fast, grads, adapt_mask)]
    return loss_of(functional_net(fast, xq), yq)


def finite_difference(f, theta, eps=1e-6):
    grads = []
    for i, t in enumerate(theta):
        g = torch.zeros_like(t)
        flat = g.view(-1)
        for j in range(t.numel()):
            plus = [x.clone() for x in theta]
            minus = [x.clone() for x in theta]
            plus[i].view(-1)[j] += eps
            minus[i].view(-1)[j] -= eps
            flat[j] = (f(plus) - f(minus)) / (2 * eps)
        grads.append(g)
    return grads


def module_meta_grad(net, params, support, query, mode, lr, steps):
    (xs, ys), (xq, yq) = support, query
    net.zero_grad()
    obj = meta_objective(
        net,
        params,
        lambda: loss_of(net(xs), ys) / ys.numel(),
        lambda: (loss_of(net(xq), yq), float(yq.numel())),
        mode=mode,
        inner_lr=lr,
        inner_steps=steps,
    )
    obj.loss.backward()
    return obj, [p.grad.clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]


@pytest.mark.parametrize("seed,steps,subset", [(0, 1, False), (1, 1, False), (2, 2, False), (3, 1, True)])
def test_maml_gradient_matches_finite_differences(seed, steps, subset):
    torch.manual_seed(seed)
    net = TiedNet()
    support, query = make_episode(seed)
    lr = 0.5
    adapt = [net.embed.weight] if subset else list(net.parameters())
    mask = [True, not subset, not subset]
    _, got = module_meta_grad(net, adapt, support, query, "maml", lr, steps)

    theta = [p.detach().clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]
    want = finite_difference(
        lambda th: reference_meta_loss(th, support, query, lr, steps, mask).item(), theta
    )
    for g, w in zip(got, want):
        torch.testing.assert_close(g, w, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("mode", ["maml", "fomaml"])
def test_loss_scaled_inner_loop_gives_the_same_meta_gradient(mode):
    """Under loss scaling (fp16/--amp) the inner gradient is taken of the scaled loss and scaled
    back in the update; unscaled, the step size is folded into the loss instead. Both must give
    the meta-gradient of the finite-difference reference (maml) or of the unscaled step."""
    torch.manual_seed(7)
    net = TiedNet()
    support, query = make_episode(7)
    (xs, ys), (xq, yq) = support, query
    lr = 0.5

    def grads(scale):
        net.zero_grad()
        obj = meta_objective(
            net, list(net.parameters()),
            lambda: loss_of(net(xs), ys) / ys.numel(),
            lambda: (loss_of(net(xq), yq), float(yq.numel())),
            mode=mode, inner_lr=lr, inner_steps=2, inner_loss_scale=scale,
        )
        obj.loss.backward()
        return [p.grad.clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]

    plain, scaled = grads(1.0), grads(128.0)
    for a, b in zip(plain, scaled):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-12)
    if mode == "maml":
        theta = [p.detach().clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]
        want = finite_difference(
            lambda th: reference_meta_loss(th, support, query, lr, 2, [True] * 3).item(), theta
        )
        for g, w in zip(scaled, want):
            torch.testing.assert_close(g, w, rtol=1e-6, atol=1e-7)


def test_first_order_differs_and_equals_query_gradient_at_adapted_point():
    torch.manual_seed(5)
    net = TiedNet()
    support, query = make_episode(5)
    lr = 0.5
    _, maml = module_meta_grad(net, list(net.parameters()), support, query, "maml", lr, 1)
    _, fo = module_meta_grad(net, list(net.parameters()), support, query, "fomaml", lr, 1)

    theta = [p.detach().clone().requires_grad_() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]
    (xs, ys), (xq, yq) = support, query
    gs = torch.autograd.grad(loss_of(functional_net(theta, xs), ys) / ys.numel(), theta)
    adapted = [(t - lr * g).detach().requires_grad_() for t, g in zip(theta, gs)]
    want = torch.autograd.grad(loss_of(functional_net(adapted, xq), yq), adapted)
    for g, w in zip(fo, want):
        torch.testing.assert_close(g, w)
    rel = sum((a - b).norm() for a, b in zip(maml, fo)) / sum(a.norm() for a in maml)
    assert rel > 1e-3, "first-order and second-order meta-gradients should differ"


def test_reptile_is_average_sgd_direction():
    torch.manual_seed(6)
    net = TiedNet()
    support, query = make_episode(6)
    lr, steps = 0.3, 2
    obj, got = module_meta_grad(net, list(net.parameters()), support, query, "reptile", lr, steps)

    (xs, ys), (xq, yq) = support, query
    theta = [p.detach().clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]
    fast = theta
    for _ in range(steps):
        w = [t.clone().requires_grad_() for t in fast]
        g = torch.autograd.grad(loss_of(functional_net(w, xs), ys) / ys.numel(), w)
        fast = [a - lr * b for a, b in zip(fast, g)]
    w = [t.clone().requires_grad_() for t in fast]
    gq = torch.autograd.grad(loss_of(functional_net(w, xq), yq) / yq.numel(), w)
    final = [a - lr * b for a, b in zip(fast, gq)]
    n = float(yq.numel())
    for g, t0, t1 in zip(got, theta, final):
        torch.testing.assert_close(g / n, (t0 - t1) / (lr * (steps + 1)))


def test_multitask_is_plain_gradient():
    torch.manual_seed(7)
    net = TiedNet()
    support, query = make_episode(7)
    _, got = module_meta_grad(net, list(net.parameters()), support, query, "multitask", 0.5, 1)
    net.zero_grad()
    xq, yq = query
    loss_of(net(xq), yq).backward()
    for g, p in zip(got, (net.embed.weight, net.hidden.weight, net.hidden.bias)):
        torch.testing.assert_close(g, p.grad)


def test_tied_parameters_restored_after_step_and_after_error():
    net = TiedNet()
    before = {n: p for n, p in net.named_parameters()}
    support, query = make_episode(8)
    module_meta_grad(net, list(net.parameters()), support, query, "maml", 0.5, 2)
    assert net.out.weight is net.embed.weight
    assert all(isinstance(p, nn.Parameter) for p in net.parameters())
    assert {n: p for n, p in net.named_parameters()} == before

    fake = {net.embed.weight: net.embed.weight.detach() * 2}
    with pytest.raises(RuntimeError, match="boom"):
        with substitute_parameters(net, fake):
            assert net.out.weight is fake[before["embed.weight"]]  # both slots swapped
            raise RuntimeError("boom")
    assert net.out.weight is net.embed.weight is before["embed.weight"]


def test_inner_loop_rejects_zero_steps():
    net = TiedNet()
    with pytest.raises(ValueError, match="--inner-steps"):
        inner_loop(net, list(net.parameters()), lambda: net(torch.zeros(1, dtype=torch.long)).sum(), 0.1, 0, True)


def test_meta_objective_rejects_unknown_mode():
    net = TiedNet()
    with pytest.raises(ValueError, match="--meta-mode"):
        meta_objective(net, [], None, lambda: (torch.zeros(()), 1.0), mode="mamll", inner_lr=0.1, inner_steps=1)


def test_meta_package_imports_no_fairseq():
    """The algorithm is importable with fairseq made unimportable."""
    code = f"""
import importlib.util, sys
sys.modules['fairseq'] = None  # any 'import fairseq' now raises ImportError
spec = importlib.util.spec_from_file_location(
    'meta_standalone', r'{REPO / "fairseq_maml" / "meta" / "__init__.py"}',
    submodule_search_locations=[r'{REPO / "fairseq_maml" / "meta"}'])
mod = importlib.util.module_from_spec(spec); sys.modules['meta_standalone'] = mod
spec.loader.exec_module(mod)
assert hasattr(mod, 'meta_objective')
assert not any(k == 'fairseq' or k.startswith('fairseq.') for k, v in sys.modules.items() if v is not None)
print('ok')
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def relative(got, want):
    return float(sum((g - w).norm() ** 2 for g, w in zip(got, want)) ** 0.5 / sum(w.norm() ** 2 for w in want) ** 0.5)


@pytest.mark.parametrize("subset", [False, True])
def test_hfmaml_converges_to_the_exact_meta_gradient_as_the_radius_shrinks(subset):
    """hfmaml's one-sided finite difference has an error O(r): against central finite
    differences of the hand-written F(theta), it shrinks ~10x per decade of r, while first order
    stays far away. With only the embedding adapted, the correction still reaches the hidden
    layer (whose weights shape the embedding's inner gradient)."""
    torch.manual_seed(11)
    net = TiedNet()
    support, query = make_episode(11)
    lr = 0.5
    adapt = [net.embed.weight] if subset else list(net.parameters())
    mask = [True, not subset, not subset]
    theta = [p.detach().clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]
    want = finite_difference(lambda th: reference_meta_loss(th, support, query, lr, 1, mask).item(), theta)

    def hf(radius, scale=1.0):
        (xs, ys), (xq, yq) = support, query
        net.zero_grad()
        obj = meta_objective(net, adapt, lambda: loss_of(net(xs), ys) / ys.numel(),
                             lambda: (loss_of(net(xq), yq), float(yq.numel())), mode="hfmaml",
                             inner_lr=lr, inner_steps=1, hvp_radius=radius, inner_loss_scale=scale)
        assert torch.equal(obj.loss.detach(), obj.query_loss)  # its value: the query loss, as in maml
        obj.loss.backward()
        return [p.grad.clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)]

    errors = {r: relative(hf(r), want) for r in (1e-2, 1e-3, 1e-4)}
    assert errors[1e-4] < 1e-4, errors
    assert errors[1e-3] < errors[1e-2] / 5 and errors[1e-4] < errors[1e-3] / 5, errors
    _, fo = module_meta_grad(net, adapt, support, query, "fomaml", lr, 1)
    assert relative(fo, want) > 100 * errors[1e-3]
    # under loss scaling (--amp) each gradient is of the scaled loss, divided back
    assert relative(hf(1e-3, scale=128.0), hf(1e-3)) < 1e-10
    if subset:  # the hidden layer does not adapt, yet its meta-gradient has a second-order part
        assert relative(fo[1:], want[1:]) > 100 * relative(hf(1e-4)[1:], want[1:])


class DropNet(TiedNet):
    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        return self.out(self.drop(torch.tanh(self.hidden(self.embed(x)))))


def test_hfmaml_replays_the_support_dropout_masks():
    """The second support pass must see the first's dropout masks, or the difference of the two
    gradients is dropout noise divided by delta. With the same seed, maml and hfmaml draw the same
    masks for the support and the query pass; hfmaml then agrees with maml to O(r), and leaves
    the random generator where maml leaves it (the next episode's masks are not a replay)."""
    net = DropNet()
    (xs, ys), (xq, yq) = make_episode(12)

    def run(mode, radius=1e-5):
        torch.manual_seed(3)
        net.zero_grad()
        obj = meta_objective(net, list(net.parameters()), lambda: loss_of(net(xs), ys) / ys.numel(),
                             lambda: (loss_of(net(xq), yq), float(yq.numel())), mode=mode,
                             inner_lr=0.5, inner_steps=1, hvp_radius=radius)
        obj.loss.backward()
        return [p.grad.clone() for p in (net.embed.weight, net.hidden.weight, net.hidden.bias)], torch.get_rng_state()

    (exact, state_maml), (approx, state_hf) = run("maml"), run("hfmaml")
    assert relative(approx, exact) < 1e-4
    assert torch.equal(state_maml, state_hf)
    first_order, _ = run("fomaml")
    assert relative(first_order, exact) > 1e-2


def test_hfmaml_takes_one_inner_step():
    net = TiedNet()
    with pytest.raises(ValueError, match="--inner-steps 1"):
        meta_objective(net, list(net.parameters()), lambda: net(torch.zeros(1, dtype=torch.long)).sum(),
                       lambda: (torch.zeros(()), 1.0), mode="hfmaml", inner_lr=0.1, inner_steps=2)


# --- learned inner rates (MAML++ LSLR) -----------------------------------------------------------


def reference_meta_loss_rates(theta, rates, support, query, steps):
    """F(theta, alpha): the query loss after hand-written SGD steps with rate rates[i][j] for tensor i
    at step j."""
    (xs, ys), (xq, yq) = support, query
    fast = [t.detach().requires_grad_() for t in theta]
    for j in range(steps):
        ls = loss_of(functional_net(fast, xs), ys) / ys.numel()
        grads = torch.autograd.grad(ls, fast, create_graph=True)
        fast = [w - r[j] * g for w, g, r in zip(fast, grads, rates)]
    return loss_of(functional_net(fast, xq), yq)


@pytest.mark.parametrize("mode,steps", [("maml", 1), ("maml", 2), ("fomaml", 1)])
def test_learned_inner_rates_match_finite_differences(mode, steps):
    from fairseq_maml.meta import InnerLearningRates

    torch.manual_seed(5)
    net = TiedNet()
    support, query = make_episode(5)
    names = [n for n, _ in net.named_parameters()]
    assert names == ["embed.weight", "hidden.weight", "hidden.bias"]
    rates = InnerLearningRates(names, steps, 0.3)
    per_tensor = [rates.rates[n.replace(".", "__")] for n in names]  # in theta's order
    with torch.no_grad():  # a different rate per tensor and step, so a mix-up shows
        for i, r in enumerate(per_tensor):
            r.copy_(torch.tensor([0.2 + 0.15 * i + 0.1 * j for j in range(steps)]))
    name_of = {p: n for n, p in net.named_parameters()}
    net.zero_grad()
    obj = meta_objective(net, list(net.parameters()), lambda: loss_of(net(support[0]), support[1]) / support[1].numel(),
                         lambda: (loss_of(net(query[0]), query[1]), float(query[1].numel())),
                         mode=mode, inner_lr=lambda j, p: rates.rate(name_of[p], j), inner_steps=steps)
    obj.loss.backward()
    theta = [p.detach().clone() for _, p in net.named_parameters()]
    alpha = [r.detach().clone() for r in per_tensor]
    # d F / d alpha: exact in every mode for one step (the rate multiplies a gradient taken at theta)
    want_alpha = finite_difference(lambda a: reference_meta_loss_rates(theta, a, support, query, steps).item(), alpha)
    for r, w in zip(per_tensor, want_alpha):
        torch.testing.assert_close(r.grad, w, rtol=1e-6, atol=1e-7)
    if mode == "maml":  # and d F / d theta, second order through the rates
        want = finite_difference(lambda th: reference_meta_loss_rates(th, alpha, support, query, steps).item(), theta)
        for (_, p), w in zip(net.named_parameters(), want):
            torch.testing.assert_close(p.grad, w, rtol=1e-6, atol=1e-7)
    # equal rates give the fixed-rate inner loop's meta-gradient
    same = InnerLearningRates(names, steps, 0.4)
    fixed = [p.grad.clone() for p in net.parameters()]
    _, want_fixed = module_meta_grad(net, list(net.parameters()), support, query, mode, 0.4, steps)
    net.zero_grad()
    meta_objective(net, list(net.parameters()), lambda: loss_of(net(support[0]), support[1]) / support[1].numel(),
                   lambda: (loss_of(net(query[0]), query[1]), float(query[1].numel())),
                   mode=mode, inner_lr=lambda j, p: same.rate(name_of[p], j), inner_steps=steps).loss.backward()
    for p, w in zip(net.parameters(), want_fixed):
        torch.testing.assert_close(p.grad, w)
    assert any((a - b).abs().max() > 1e-6 for a, b in zip(fixed, want_fixed))  # the rates mattered


def test_learned_inner_rates_refused_where_undefined():
    from fairseq_maml.meta import InnerLearningRates

    net = TiedNet()
    rates = InnerLearningRates([n for n, _ in net.named_parameters()], 1, 0.1)
    for mode in ("reptile", "hfmaml", "multitask"):
        with pytest.raises(ValueError, match="learn-inner-lr"):
            meta_objective(net, list(net.parameters()), lambda: net(torch.tensor([1])).sum(),
                           lambda: (net(torch.tensor([1])).sum(), 1.0), mode=mode,
                           inner_lr=lambda j, p: rates.rate("embed.weight", j), inner_steps=1)
    with pytest.raises(ValueError, match="outside"):
        rates.rate("embed.weight", 1)
    with pytest.raises(KeyError, match="no learned inner rate"):
        rates.rate("nope", 0)
