"""The task's train_step on the real ULR Transformer, against independent references in float64.

Reference for the meta-gradient: central finite differences of
    F(theta) = L_query(theta - alpha * grad_theta L_support(theta))
where theta is perturbed in place, grad L_support is taken by plain autograd on the model, and the
query loss is evaluated after writing theta - alpha * grad into the parameters: no parameter
substitution and no code of fairseq_maml.meta is involved.
"""

import copy

import pytest
import torch

from fairseq.tasks import FairseqTask

from toy import TINY, BackwardOnly, build, make_toy_data

ALPHA = 0.3


@pytest.fixture(autouse=True)
def float64_attention(monkeypatch):
    """fairseq's attention softmax casts to float32 (fairseq.utils.softmax); keep float64 so
    finite differences are meaningful."""
    import fairseq.utils

    monkeypatch.setattr(fairseq.utils, "softmax", lambda x, dim, onnx_trace=False: torch.softmax(x, dim=dim))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_toy_data(tmp_path_factory.mktemp("toy"))


def first_episode(task, cfg, epoch=1):
    task.load_dataset("train")
    itr = task.get_batch_iterator(
        task.dataset("train"), max_tokens=cfg.dataset.max_tokens,
        max_positions=(64, 64), seed=cfg.common.seed, epoch=epoch,
    )
    return next(itr.next_epoch_itr(shuffle=False))


def setup(data, *extra):
    # tanh, not relu: with ReLU the inner gradient jumps at every kink, so the meta-loss itself is
    # discontinuous there and a finite difference straddling a kink is meaningless (and fairseq's
    # gelu computes in float32)
    torch.manual_seed(0)
    cfg, task, model, criterion = build(data, [*TINY, "--lang-pairs", "de-en,fr-en", "--activation-fn", "tanh",
                                               "--inner-lr", str(ALPHA), *extra])
    model.double()
    return cfg, task, model, criterion


def grads_of_train_step(task, model, criterion, sample):
    model.zero_grad()
    task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), update_num=1)
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def reference_meta_loss(model, criterion, sample, adapted_names):
    """F(theta) with the inner step written out on the model itself."""
    params = dict(model.named_parameters())
    adapted = [params[n] for n in adapted_names]
    loss, n, _ = criterion(model, sample["support"])
    grads = torch.autograd.grad(loss / n, adapted, allow_unused=True)
    saved = [p.detach().clone() for p in adapted]
    with torch.no_grad():
        for p, g in zip(adapted, grads):
            if g is not None:
                p.sub_(ALPHA * g)
        value = criterion(model, sample["query"])[0].item()
        for p, s in zip(adapted, saved):
            p.copy_(s)
    return value


def check_against_finite_differences(model, criterion, sample, got, adapted_names, coords=24, eps=1e-5,
                                     reference=reference_meta_loss):
    gen = torch.Generator().manual_seed(0)
    params = dict(model.named_parameters())
    names = sorted(got)
    for k in range(coords):
        name = names[int(torch.randint(len(names), (1,), generator=gen))]
        p = params[name]
        j = int(torch.randint(p.numel(), (1,), generator=gen))
        old = p.data.view(-1)[j].item()
        p.data.view(-1)[j] = old + eps
        plus = reference(model, criterion, sample, adapted_names)
        p.data.view(-1)[j] = old - eps
        minus = reference(model, criterion, sample, adapted_names)
        p.data.view(-1)[j] = old
        fd = (plus - minus) / (2 * eps)
        assert got[name].view(-1)[j].item() == pytest.approx(fd, rel=1e-5, abs=1e-7), (name, j)


@pytest.mark.parametrize("inner", ["all", "embeddings_encoder"])
def test_maml_meta_gradient_matches_finite_differences(data, inner):
    cfg, task, model, criterion = setup(
        data, "--meta-mode", "maml", "--inner-params", inner, "--share-decoder-input-output-embed",
        "--label-smoothing", "0.1",
    )
    sample = first_episode(task, cfg)
    src = sample["query"]["net_input"]["src_lang"]
    got = grads_of_train_step(task, model, criterion, sample)
    ids = {id(p) for p in model.parameter_group(inner, src)}
    adapted = [n for n, p in model.named_parameters() if id(p) in ids]
    assert adapted, "no adapted parameters"
    check_against_finite_differences(model, criterion, sample, got, adapted)
    # the tied embedding is still one Parameter in both places, and still a Parameter
    dec = model.decoder
    assert dec.output_projection.weight is dec.embed_tokens.weight
    assert all(isinstance(p, torch.nn.Parameter) for p in model.parameters())


def test_episode_new_language_meta_gradient_matches_finite_differences(data):
    """--episode-new-language: F(theta) with the episode's E_k set to zero before the inner step."""
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--inner-params", "embeddings_encoder",
                                        "--episode-new-language")
    sample = first_episode(task, cfg)
    src = sample["query"]["net_input"]["src_lang"]
    table = f"encoder.embed_tokens.lang_embed.{src}"
    params = dict(model.named_parameters())
    params[table].data.normal_(0, 0.1)  # a trained-looking E_k (a new model's is zero), so zeroing it matters
    got = grads_of_train_step(task, model, criterion, sample)
    assert table not in got or not got[table].any()  # E_k itself gets no meta-gradient

    def reference(model, criterion, sample, adapted_names):
        saved = params[table].detach().clone()
        params[table].data.zero_()
        try:
            return reference_meta_loss(model, criterion, sample, adapted_names)
        finally:
            params[table].data.copy_(saved)

    ids = {id(p) for p in model.parameter_group("embeddings_encoder", src)}
    adapted = [n for n, p in model.named_parameters() if id(p) in ids]
    check_against_finite_differences(model, criterion, sample, {n: g for n, g in got.items() if n != table},
                                     adapted, reference=reference)
    assert sample["new_language"] is True  # --new-language-fraction defaults to 1: every episode
    plain = grads_of_train_step(task, model, criterion, {**sample, "new_language": False})
    diff = sum((plain[n] - got[n]).norm() ** 2 for n in got if n != table) ** 0.5
    assert diff > 1e-4 * sum(g.norm() ** 2 for g in plain.values()) ** 0.5


def test_new_language_fraction_mixes_episodes_reproducibly(data):
    """--new-language-fraction: a seeded share of episodes is flagged new; the pairs and batches
    drawn are the same whatever the fraction (the flags have their own generator)."""
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--episode-new-language",
                                        "--episodes-per-epoch", "40")
    task.load_dataset("train")

    def plan(fraction):
        task.cfg.new_language_fraction = fraction
        task._episodes = None
        return [k for (k,) in task.episodes(task.dataset("train"), cfg.dataset.max_tokens, (64, 64), seed=1).plan(2)]

    half, none, every = plan(0.5), plan(0.0), plan(1.0)
    assert half == plan(0.5)
    assert [k[:3] for k in half] == [k[:3] for k in none] == [k[:3] for k in every]
    assert {k[3] for k in none} == {0} and {k[3] for k in every} == {1}
    assert 10 <= sum(k[3] for k in half) <= 30


@pytest.mark.parametrize("inner", ["all", "embeddings_encoder"])
def test_hfmaml_approaches_the_exact_meta_gradient(data, inner):
    """--meta-mode hfmaml through the task (dropout on, tied decoder embeddings, label
    smoothing): in float64 at r = 1e-6 it equals maml's meta-gradient (checked against finite
    differences above) to ~2e-6, in float32 at the default radius to ~2e-3, while first order
    lies far from both. Same seed: maml and hfmaml draw the same dropout masks."""
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--inner-params", inner, "--dropout", "0.1",
                                        "--share-decoder-input-output-embed", "--label-smoothing", "0.1")
    assert task.cfg.hfmaml_radius == 1e-3  # the default
    sample = first_episode(task, cfg)

    def meta_gradient(mode, radius=None):
        task.cfg.meta_mode = mode
        if radius:
            task.cfg.hfmaml_radius = radius
        torch.manual_seed(4)
        return grads_of_train_step(task, model, criterion, sample)

    exact, first_order = meta_gradient("maml"), meta_gradient("fomaml")
    assert relative_l2(first_order, exact) > 0.1
    assert relative_l2(meta_gradient("hfmaml", 1e-6), exact) < 1e-5  # float64: the O(r) error alone
    model.float()
    exact32 = meta_gradient("maml")
    assert relative_l2(meta_gradient("hfmaml", 1e-3), exact32) < 1e-2  # float32 at the default radius: rounding joins the O(r) error


class _ApexLikeLayerNormFunction(torch.autograd.Function):
    """What apex's fused LayerNorm does to autograd: the forward and the backward are computed
    outside autograd (apex: in its CUDA extension), so the backward's result has no graph."""

    @staticmethod
    def forward(ctx, x, weight, bias, shape, eps):
        ctx.save_for_backward(x, weight, bias)
        ctx.shape, ctx.eps = shape, eps
        return torch.nn.functional.layer_norm(x, shape, weight, bias, eps)

    @staticmethod
    def backward(ctx, dy):
        x, weight, bias = (t.detach().requires_grad_() for t in ctx.saved_tensors)
        with torch.enable_grad():
            out = torch.nn.functional.layer_norm(x, ctx.shape, weight, bias, ctx.eps)
            dx, dw, db = torch.autograd.grad(out, (x, weight, bias), dy.detach())
        return dx, dw, db, None, None


class ApexLikeLayerNorm(torch.nn.Module):
    """Stands in for apex.normalization.FusedLayerNorm (not installable without CUDA): same
    attributes, its module name, and its backward that autograd cannot differentiate."""

    __module__ = "apex.normalization.fused_layer_norm"

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, export=False):
        super().__init__()
        self.normalized_shape = torch.Size([normalized_shape] if isinstance(normalized_shape, int) else normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        self.weight = torch.nn.Parameter(torch.ones(self.normalized_shape))
        self.bias = torch.nn.Parameter(torch.zeros(self.normalized_shape))

    def forward(self, x):
        return _ApexLikeLayerNormFunction.apply(x, self.weight, self.bias, self.normalized_shape, self.eps)


def test_apex_layer_norms_are_replaced_for_meta_training(data, monkeypatch):
    """With apex installed and a GPU, fairseq's LayerNorm builds apex's FusedLayerNorm, whose
    backward cannot be differentiated: maml would silently lose LayerNorm's second-order terms.
    The task swaps them for torch.nn.LayerNorm with the same parameters; the meta-gradient then
    matches finite differences."""
    import sys

    import fairseq.modules.layer_norm
    import fairseq_maml.patches as patches

    factory = fairseq.modules.layer_norm.LayerNorm
    for module in list(sys.modules.values()):  # every fairseq module that imported the factory
        if module is not None and getattr(module, "LayerNorm", None) is factory:
            monkeypatch.setattr(module, "LayerNorm", ApexLikeLayerNorm)

    def meta_gradient(replace):
        monkeypatch.setattr(patches, "replace_apex_layer_norms",
                            patches.replace_apex_layer_norms if replace else lambda model: 0)
        cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--label-smoothing", "0.1")
        sample = first_episode(task, cfg)
        return model, criterion, sample, grads_of_train_step(task, model, criterion, sample)

    model, criterion, sample, got = meta_gradient(replace=True)
    assert not any(isinstance(m, ApexLikeLayerNorm) for m in model.modules())
    assert sum(type(m) is torch.nn.LayerNorm for m in model.modules()) > 0
    check_against_finite_differences(model, criterion, sample, got, [n for n, _ in model.named_parameters()],
                                     coords=8)
    apex_model, _, _, kept = meta_gradient(replace=False)  # what the swap prevents
    assert any(isinstance(m, ApexLikeLayerNorm) for m in apex_model.modules())
    assert relative_l2(kept, got) > 0.5, relative_l2(kept, got)  # the measured error: docs/guide/algorithm.md


def test_first_order_differs_from_second_order(data):
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml")
    sample = first_episode(task, cfg)
    maml = grads_of_train_step(task, model, criterion, sample)
    task.cfg.meta_mode = "fomaml"
    fomaml = grads_of_train_step(task, model, criterion, sample)
    diff = sum((maml[n] - fomaml[n]).norm() ** 2 for n in maml) ** 0.5
    norm = sum(maml[n].norm() ** 2 for n in maml) ** 0.5
    assert diff / norm > 1e-4


def test_multitask_equals_plain_translation_training(data):
    cfg, task, model, criterion = setup(data, "--meta-mode", "multitask")
    sample = first_episode(task, cfg)
    # both batches of the episode, collated apart (one merged batch would pad the shorter sentences)
    assert sample["support"]["ntokens"] > 0 and sample["query"]["ntokens"] > 0
    got = grads_of_train_step(task, model, criterion, sample)
    model.zero_grad()
    for batch in (sample["support"], sample["query"]):  # plain training accumulates both gradients
        FairseqTask.train_step(task, copy.deepcopy(batch), model, criterion, BackwardOnly(), 1)
    for n, p in model.named_parameters():
        if p.grad is not None:
            torch.testing.assert_close(got[n], p.grad, msg=n)


def test_logging_reports_adaptation(data):
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--inner-lr", "1.0")
    sample = first_episode(task, cfg)
    _, n, log = task.train_step(sample, model, criterion, BackwardOnly(), update_num=0)
    assert n == sample["query"]["ntokens"]
    for key in ("support_loss_sum", "support_size", "query_before_sum", "query_after_sum"):
        assert key in log
    # one SGD step on a support batch of the same toy language lowers the support-like query loss
    assert log["query_before_sum"] != log["query_after_sum"]


def relative_l2(a, b):
    return (sum((a[n] - b[n]).norm() ** 2 for n in b) / sum(g.norm() ** 2 for g in b.values())) ** 0.5


def test_bf16_autocast_keeps_the_second_order_term(data):
    """--bf16-autocast: the maml meta-gradient is computed in bfloat16 (it is not float32's) and
    keeps the second-order term: it lies much closer to float32 maml than first order does."""
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml")
    model.float()  # autocast casts float32 (not float64) to bfloat16
    sample = first_episode(task, cfg)
    reference = grads_of_train_step(task, model, criterion, sample)
    task.cfg.meta_mode = "fomaml"
    first_order = grads_of_train_step(task, model, criterion, sample)
    task.cfg.meta_mode = "maml"
    task.cfg.bf16_autocast = True
    got = grads_of_train_step(task, model, criterion, sample)
    assert all(g.dtype == torch.float32 and torch.isfinite(g).all() for g in got.values())
    error, gap = relative_l2(got, reference), relative_l2(first_order, reference)
    assert 1e-4 < error < gap / 5, (error, gap)


def test_bf16_autocast_keeps_layer_norm_in_float32(data):
    """CPU autocast does not cast LayerNorm (CUDA's does, to float32): it stays float32 under
    --bf16-autocast because its input, the residual stream, is float32 (docs/guide/flags.md)."""
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml", "--bf16-autocast")
    model.float()
    seen = set()
    hooks = [m.register_forward_hook(lambda m, i, o: seen.add((i[0].dtype, o.dtype)))
             for m in model.modules() if isinstance(m, torch.nn.LayerNorm)]
    grads_of_train_step(task, model, criterion, first_episode(task, cfg))
    for h in hooks:
        h.remove()
    assert seen == {(torch.float32, torch.float32)}


def test_bf16_autocast_in_single_pair_training(data):
    """Fine-tuning (no --lang-pairs) runs under --bf16-autocast too: same loss to bfloat16
    precision, gradients not float32's."""
    torch.manual_seed(0)
    cfg, task, model, criterion = build(data, [*TINY, "-s", "de", "-t", "en"])
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=cfg.dataset.max_tokens, max_positions=(64, 64))
    sample = next(itr.next_epoch_itr(shuffle=False))
    outputs = {}
    for bf16 in (False, True):
        task.cfg.bf16_autocast = bf16
        model.zero_grad()
        loss, _, _ = task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), update_num=1)
        outputs[bf16] = float(loss), {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
    assert outputs[True][0] == pytest.approx(outputs[False][0], rel=2e-2)
    assert 1e-4 < relative_l2(outputs[True][1], outputs[False][1]) < 0.1


@pytest.mark.parametrize("slowdown, warned", [(50.0, True), (0.6, False)])
def test_bf16_autocast_warns_once_on_a_cpu_without_fast_bfloat16(data, monkeypatch, caplog, slowdown, warned):
    """--bf16-autocast on a CPU whose bfloat16 products are slow (no AVX512-BF16/AMX: a slow
    reference kernel; docs/reports/performance.md) says so once, at the first training
    forward, naming the flag; on a CPU with fast bfloat16 it says nothing."""
    from fairseq_maml.training import precision

    measured = []
    monkeypatch.setattr(precision, "bf16_matmul_slowdown", lambda: measured.append(1) or slowdown)
    cfg, task, model, criterion = setup(data, "--meta-mode", "maml")
    model.float()
    task.cfg.bf16_autocast = True
    sample = first_episode(task, cfg)
    with caplog.at_level("WARNING", logger=precision.__name__):
        for _ in range(2):
            task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), update_num=1)
    warnings = [r.getMessage() for r in caplog.records if "--bf16-autocast" in r.getMessage()]
    assert measured == [1]  # measured once, not per step
    if warned:
        assert len(warnings) == 1 and "50x slower" in warnings[0] and "Drop --bf16-autocast" in warnings[0]
    else:
        assert warnings == []


def test_bf16_matmul_slowdown_measures_this_cpu(monkeypatch):
    from fairseq_maml.training import precision
    from fairseq_maml.training.precision import bf16_matmul_slowdown

    ratio = bf16_matmul_slowdown(n=64, repeats=2)
    assert 0 < ratio < float("inf")
    # on a clock that it reads: bfloat16 first (products of 5 and 3 s), then float32 (1 and 2 s):
    # the best of each, bfloat16 over float32
    clock = iter([0.0, 5.0, 10.0, 13.0, 20.0, 21.0, 30.0, 32.0])
    monkeypatch.setattr(precision.time, "perf_counter", lambda: next(clock))
    assert bf16_matmul_slowdown(n=8, repeats=2) == 3.0
