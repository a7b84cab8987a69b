"""--learn-inner-lr (MAML++'s LSLR) in the task: one learned rate per adapted tensor and inner
step on the real ulr_transformer_tiny, their meta-gradient against finite differences of the
task's own query loss in float64, and their life in checkpoints. The torch-only math against a
hand-written reference: tests/test_meta_math.py."""

import copy

import pytest
import torch

from toy import TINY, BackwardOnly, build, make_toy_data

ALPHA = 0.3


@pytest.fixture(autouse=True)
def float64_attention(monkeypatch):
    import fairseq.utils

    monkeypatch.setattr(fairseq.utils, "softmax", lambda x, dim, onnx_trace=False: torch.softmax(x, dim=dim))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_toy_data(tmp_path_factory.mktemp("toy"))


def setup(data, *extra):
    torch.manual_seed(0)
    cfg, task, model, criterion = build(data, [*TINY, "--lang-pairs", "de-en,fr-en", "--activation-fn", "tanh",
                                               "--inner-lr", str(ALPHA), *extra])
    model.double()
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=cfg.dataset.max_tokens,
                                  max_positions=(64, 64), seed=cfg.common.seed)
    return task, model, criterion, next(itr.next_epoch_itr(shuffle=False))


def step(task, model, criterion, sample):
    """(summed query loss after the inner step, gradients by name) of one train_step."""
    model.zero_grad()
    loss, _, _ = task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), update_num=1)
    return float(loss), {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


@pytest.mark.parametrize("mode", ["maml", "fomaml"])
def test_rates_get_the_gradient_of_the_query_loss(data, mode):
    task, model, criterion, sample = setup(data, "--meta-mode", mode, "--learn-inner-lr")
    rates = model.inner_lrs
    trainable = [n for n, p in model.named_parameters() if not n.startswith("inner_lrs.")]
    assert len(rates.rates) == len(trainable)  # one per tensor, starting at --inner-lr
    assert rates.summary().tolist() == pytest.approx([ALPHA] * len(rates.rates), rel=1e-6)
    _, got = step(task, model, criterion, sample)
    # every rate of a tensor the episode adapts gets a gradient; the other language's E_k none
    lang = sample["query"]["net_input"]["src_lang"]
    other = "fr" if lang == "de" else "de"
    with_grad = {n for n in got if n.startswith("inner_lrs.")}
    assert not any(n.endswith(f"lang_embed__{other}") for n in with_grad)
    assert len(with_grad) >= len(trainable) - 4
    # d F / d alpha against central differences of the query loss the step returns, for a few tensors
    eps = 1e-6
    for name in ("decoder.output_projection.weight", "encoder.layers.0.fc1.weight", f"encoder.embed_tokens.lang_embed.{lang}"):
        key = "inner_lrs.rates." + name.replace(".", "__")
        param = dict(model.named_parameters())[key]
        with torch.no_grad():
            param += eps
        plus, _ = step(task, model, criterion, sample)
        with torch.no_grad():
            param -= 2 * eps
        minus, _ = step(task, model, criterion, sample)
        with torch.no_grad():
            param += eps
        torch.testing.assert_close(got[key], torch.tensor([(plus - minus) / (2 * eps)], dtype=torch.float64),
                                   rtol=1e-5, atol=1e-8, msg=key)


def test_equal_rates_train_as_the_fixed_rate(data):
    task, model, criterion, sample = setup(data, "--meta-mode", "maml", "--learn-inner-lr")
    with torch.no_grad():  # exactly --inner-lr in float64 (the rates were made in float32)
        for r in model.inner_lrs.rates.values():
            r.fill_(ALPHA)
    loss, got = step(task, model, criterion, sample)
    task2, model2, criterion2, _ = setup(data, "--meta-mode", "maml")
    model2.load_state_dict(model.state_dict())  # the same weights, without the rates
    assert not hasattr(model2, "inner_lrs")
    loss2, want = step(task2, model2, criterion2, sample)
    assert loss == pytest.approx(loss2, rel=1e-12)
    for n, g in want.items():
        torch.testing.assert_close(got[n], g, msg=n)


def test_rates_follow_the_model_across_checkpoints(data):
    _, learner, _, _ = setup(data, "--meta-mode", "maml", "--learn-inner-lr")
    with torch.no_grad():
        for r in learner.inner_lrs.rates.values():
            r.fill_(0.7)
    state = learner.state_dict()
    # resume: the rates come back
    _, again, _, _ = setup(data, "--meta-mode", "maml", "--learn-inner-lr")
    again.load_state_dict(state)
    assert all(float(r) == 0.7 for r in again.inner_lrs.summary())
    # fine-tuning or meta-training without the flag: dropped
    _, plain, _, _ = setup(data, "--meta-mode", "maml")
    plain.load_state_dict(state)
    assert not any(k.startswith("inner_lrs.") for k in plain.state_dict())
    # warm start with the flag from a checkpoint without rates: they start at --inner-lr
    _, warm, _, _ = setup(data, "--meta-mode", "fomaml", "--learn-inner-lr")
    warm.load_state_dict(plain.state_dict())
    assert warm.inner_lrs.summary().tolist() == pytest.approx([ALPHA] * len(warm.inner_lrs.rates), rel=1e-6)


@pytest.mark.parametrize("extra,match", [
    (("--meta-mode", "multitask"), "--learn-inner-lr needs --meta-mode maml or fomaml"),
    (("--meta-mode", "reptile"), "--learn-inner-lr needs --meta-mode maml or fomaml"),
    (("--meta-mode", "maml", "--arch", "transformer"), "--learn-inner-lr needs --arch ulr_transformer"),
])
def test_refused_combinations(data, extra, match):
    with pytest.raises(ValueError, match=match):
        build(data, [*TINY, "--lang-pairs", "de-en,fr-en", "--learn-inner-lr", *extra])
