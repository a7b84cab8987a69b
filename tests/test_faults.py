"""Numerical faults: an episode with a NaN/Inf loss never reaches the parameters."""

import copy

import pytest
import torch
from fairseq import optim

from toy import TINY, BackwardOnly, build, make_toy_data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_toy_data(tmp_path_factory.mktemp("toy"))


class NaNOnce:
    """The real criterion, except that chosen calls return a NaN loss."""

    def __init__(self, criterion, bad_calls):
        self.criterion, self.bad_calls, self.calls = criterion, set(bad_calls), 0

    def __call__(self, model, sample, **kw):
        loss, n, log = self.criterion(model, sample, **kw)
        self.calls += 1
        if self.calls in self.bad_calls:
            loss = loss * float("nan")
        return loss, n, log


def setup(data, *extra):
    cfg, task, model, criterion = build(data, [*TINY, "--lang-pairs", "de-en,fr-en", "--optimizer", "adam",
                                               "--lr", "0.01", "--adaptation-log-interval", "0", *extra])
    optimizer = optim.build_optimizer(cfg.optimizer, [p for p in model.parameters() if p.requires_grad])
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=40, max_positions=(64, 64), seed=1)
    return task, model, criterion, optimizer, list(itr.next_epoch_itr(shuffle=False))


def update(task, model, criterion, optimizer, sample, n):
    optimizer.zero_grad()
    _, size, log = task.train_step(copy.deepcopy(sample), model, criterion, optimizer, n)
    task.optimizer_step(optimizer, model, n)
    return size, log


# 1: the support (inner) loss, 2: the query (outer) loss, 3: hfmaml's second support pass
@pytest.mark.parametrize("mode, bad_call", [("maml", 1), ("maml", 2), ("hfmaml", 1), ("hfmaml", 2), ("hfmaml", 3)])
def test_nan_episode_is_skipped_and_parameters_are_bit_identical(data, mode, bad_call):
    task, model, criterion, optimizer, episodes = setup(
        data, "--meta-mode", mode, *(["--activation-fn", "gelu"] if mode == "hfmaml" else []))
    update(task, model, criterion, optimizer, episodes[0], 0)  # Adam now has momentum
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    update(task, model, criterion, optimizer, episodes[1], 1)
    nan_crit = NaNOnce(criterion, {bad_call})
    optimizer.zero_grad()
    _, size, log = task.train_step(copy.deepcopy(episodes[2]), model, nan_crit, optimizer, 2)
    assert size == 0 and log["skipped_episodes"] == 1
    assert all(torch.isfinite(p.grad).all() for p in model.parameters() if p.grad is not None)
    snapshot = {n: p.detach().clone() for n, p in model.named_parameters()}
    task.optimizer_step(optimizer, model, 2)
    for n, p in model.named_parameters():
        assert torch.equal(p, snapshot[n]), n
    # and a good episode afterwards still trains
    update(task, model, criterion, optimizer, episodes[3], 3)
    assert any(not torch.equal(p, snapshot[n]) for n, p in model.named_parameters())
    assert any(not torch.equal(before[n], snapshot[n]) for n in before)


def test_too_many_nan_episodes_in_a_row_stop_training(data):
    task, model, criterion, optimizer, episodes = setup(data, "--max-skipped-episodes", "2")
    always_nan = NaNOnce(criterion, range(1, 100))
    for i in range(2):
        task.train_step(copy.deepcopy(episodes[i]), model, always_nan, optimizer, i)
    with pytest.raises(FloatingPointError, match="3 episodes in a row.*--max-skipped-episodes 2"):
        task.train_step(copy.deepcopy(episodes[2]), model, always_nan, optimizer, 2)


def test_metrics_of_an_update_with_only_skipped_episodes():
    from fairseq import metrics

    from fairseq_maml.criterions.meta_label_smoothed_cross_entropy import MetaLabelSmoothedCrossEntropyCriterion

    with metrics.aggregate() as agg:
        MetaLabelSmoothedCrossEntropyCriterion.reduce_metrics([{"skipped_episodes": 1.0}, {"skipped_episodes": 1.0}])
    assert agg.get_smoothed_values()["skipped_episodes"] == 2


def test_diverged_fine_tuning_gets_a_clear_error_not_nan_detector_crash(data):
    """fairseq re-runs a step with NaN/Inf gradients under its NanDetector; its backward hooks
    crash on the encoder's dict output (StopIteration). The task raises a clear error instead."""
    from fairseq.nan_detector import NanDetector

    _, task, model, criterion = build(data, [*TINY, "-s", "de", "-t", "en"])
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=40, max_positions=(64, 64))
    sample = next(itr.next_epoch_itr(shuffle=False))
    task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), 1)  # no detector: trains
    with pytest.raises(FloatingPointError, match=r"diverged at update 7.*--lr.*--clip-norm"):
        with NanDetector(model):
            task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), 7)
