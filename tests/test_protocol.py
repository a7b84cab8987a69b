"""Pieces of the fine-tuning protocol (issue 3): token-budget subsamples, parameter groups,
the L2 pull towards the meta-learned point, zero-shot."""

import copy

import pytest
import torch

from fairseq.logging import metrics

from fairseq_maml.data.subsample import subsample_by_tokens
from toy import TINY, BackwardOnly, build, make_toy_data

EN = [" ".join(["w"] * n) for n in [3, 7, 2, 9, 4, 4, 6, 1, 8, 5] * 20]
SRC = [f"s{i}" for i in range(len(EN))]


def test_subsample_respects_budget_and_is_reproducible():
    for budget in (0, 1, 17, 100, 500):
        for seed in (0, 1, 2):
            src, tgt, n = subsample_by_tokens(SRC, EN, budget, seed)
            assert n == sum(len(t.split()) for t in tgt) <= budget
            assert n >= budget - 1  # 1-token sentences exist, so the budget is hit exactly
            assert [EN[int(s[1:])] for s in src] == tgt  # pairs stay aligned
            assert subsample_by_tokens(SRC, EN, budget, seed) == (src, tgt, n)
    assert subsample_by_tokens(SRC, EN, 100, 0)[0] != subsample_by_tokens(SRC, EN, 100, 1)[0]


def test_subsample_returns_whole_pool_when_budget_exceeds_it():
    total = sum(len(t.split()) for t in EN)
    src, tgt, n = subsample_by_tokens(SRC, EN, total + 50, 3)
    assert n == total and sorted(src) == sorted(SRC)


def test_subsample_rejects_misaligned_input():
    with pytest.raises(ValueError, match="lines"):
        subsample_by_tokens(SRC[:-1], EN, 10, 0)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_toy_data(tmp_path_factory.mktemp("toy"))


@pytest.mark.parametrize("group", ["embeddings", "embeddings_encoder", "all_but_universal"])
def test_finetune_params_freeze_the_rest(data, group):
    _, task, model, _ = build(data, [*TINY, "-s", "de", "-t", "en", "--finetune-params", group])
    ulr = model.encoder.embed_tokens
    trained = {n for n, p in model.named_parameters() if p.requires_grad}
    assert "encoder.embed_tokens.lang_embed.de" in trained
    assert ("encoder.embed_tokens.universal_embed" in trained) is False
    assert any(n.startswith("encoder.layers.") for n in trained) == (group != "embeddings")
    assert any(n.startswith("decoder.") for n in trained) == (group == "all_but_universal")
    assert ulr.mapping.requires_grad


def test_l2_pull_adds_lambda_times_distance_to_the_gradient(data, tmp_path):
    lam = 0.7
    _, task, model, criterion = build(data, [*TINY, "-s", "de", "-t", "en"])
    anchor = {k: v + 0.01 * torch.randn_like(v) if v.is_floating_point() else v
              for k, v in model.state_dict().items()}
    path = tmp_path / "anchor.pt"
    torch.save({"model": anchor}, path)
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=40, max_positions=(64, 64))
    sample = next(itr.next_epoch_itr(shuffle=False))

    model.zero_grad()
    task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), 1)
    plain = {n: p.grad.clone() for n, p in model.named_parameters()}
    task.cfg.finetune_l2, task.cfg.finetune_l2_anchor = lam, str(path)
    model.zero_grad()
    _, n, log = task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), 1)
    want_sq = sum(float(((p.detach() - anchor[name]) ** 2).sum()) for name, p in model.named_parameters())
    assert log["l2_count"] == 1.0 and log["l2_sq_distance_sum"] == pytest.approx(want_sq, rel=1e-5)
    for name, p in model.named_parameters():
        want = plain[name] + lam * n * (p.detach() - anchor[name])
        torch.testing.assert_close(p.grad, want, msg=name)
    # two micro-batches (or workers) summed: the logged distance is their mean, not the sum
    with metrics.aggregate() as agg:
        task.reduce_metrics([log, dict(log)], criterion)
    assert agg.get_smoothed_values()["l2_sq_distance"] == pytest.approx(want_sq, rel=1e-4)


