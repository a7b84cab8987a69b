"""The work one update does, counted in floating-point operations: deterministic, so the cost
model of docs/reports/performance.md ("Where the time goes, and the floor") is checked without timing.

Per linear map, a forward is 1 matrix product and a backward 2 (input and weight gradient), so a
plain update is 3. With the support batch of the query's shape: first order 2 x 3 = 6 (2.0x);
exact second order 12 (4.0x: support forward 1, its backward with the graph kept 2, query
forward and backward 3, the backward through the support backward 4, and the support forward's
backward for the cotangents that leaves on activations 2). When a layer does not adapt, its
weight gradient is never formed and its double backward has 2 products, not 4: with only the
embeddings adapted, 1 + 1 + 3 + 2 + 2 = 9 (3.0x). hfmaml replaces the double backward by a
second support gradient: 3 + 3 + 3 = 9 (3.0x) whatever adapts. A recomputed pass or a gradient formed for
frozen weights shows up here as extra work. Counted with the benchmark's counter
(``torch.utils.flop_counter`` plus the fused CPU attention kernel), which is what its FLOP
columns report.
"""

import copy

import pytest
import torch

from fairseq.tasks import FairseqTask

from toy import TINY, BackwardOnly, build, load_benchmark, make_toy_data


def flops(fn) -> int:
    return load_benchmark().count_flops(fn)


def episode_setup(tmp_path_factory, *extra):
    """The test model, one episode whose support batch is its query batch, and the FLOPs of a
    plain update on that batch."""
    data = make_toy_data(tmp_path_factory.mktemp("toy"))
    torch.manual_seed(0)
    cfg, task, model, criterion = build(data, [*TINY, "--lang-pairs", "de-en,fr-en",
                                               "--adaptation-log-interval", "0", *extra])
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=cfg.dataset.max_tokens,
                                  max_positions=(64, 64), seed=cfg.common.seed)
    sample = next(itr.next_epoch_itr(shuffle=False))
    sample = dict(sample, support=sample["query"])  # the support batch of the query's shape

    return task, model, criterion, sample, flops(update(task, model, criterion, sample, "plain"))


def update(task, model, criterion, sample, mode, params="all", log_interval=0):
    """One update of ``mode`` ("plain": fairseq's own train_step on the query batch) on a copy of
    the episode made here, outside what is counted: a closure to run once."""
    task.cfg.meta_mode = "maml" if mode == "plain" else mode
    task.cfg.inner_params, task.cfg.adaptation_log_interval = params, log_interval
    batch = copy.deepcopy(sample["query"] if mode == "plain" else sample)

    def step():
        model.zero_grad()
        if mode == "plain":
            FairseqTask.train_step(task, batch, model, criterion, BackwardOnly(), 1)
        else:
            task.train_step(batch, model, criterion, BackwardOnly(), update_num=1)
    return step


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    return episode_setup(tmp_path_factory)


@pytest.fixture(scope="module")
def smooth_setup(tmp_path_factory):
    """With GELU: hfmaml refuses ReLU."""
    return episode_setup(tmp_path_factory, "--activation-fn", "gelu")


def ratio(task, model, criterion, sample, plain_flops, mode, params="all", log_interval=0) -> float:
    return flops(update(task, model, criterion, sample, mode, params, log_interval)) / plain_flops


def test_every_mode_does_the_work_of_its_cost_model(setup):
    assert ratio(*setup, "multitask") == 2.0  # plain fairseq training on both batches, nothing added
    assert ratio(*setup, "fomaml") == pytest.approx(2.0, abs=1e-9)
    assert ratio(*setup, "reptile") == pytest.approx(2.0, abs=1e-9)
    # 4.0 give or take the attention products, which the fused kernel (plain training, the query
    # pass) and the math kernel (the support pass) count differently. A second support or query
    # forward would add 1/3, a first-order shortcut would give 2.0.
    assert 3.95 < ratio(*setup, "maml") < 4.1


def test_frozen_layers_get_no_double_backward_through_their_weights(setup):
    every = ratio(*setup, "maml")
    embeddings_encoder = ratio(*setup, "maml", "embeddings_encoder")
    embeddings = ratio(*setup, "maml", "embeddings")
    assert embeddings < embeddings_encoder < every - 0.5
    assert embeddings <= 3.0  # the floor with only the embeddings adapted (module docstring)
    assert ratio(*setup, "fomaml", "embeddings") <= 5 / 3  # support forward 1, input gradients 1, query 3


def test_adaptation_log_costs_one_forward_of_the_query(setup):
    added = ratio(*setup, "maml", log_interval=1) - ratio(*setup, "maml")
    assert added == pytest.approx(1 / 3, abs=0.02)



def test_hfmaml_does_three_gradients_of_work(smooth_setup):
    """hfmaml: support gradient, query gradient, support gradient at the shifted point, each a
    forward and a backward of 3 products: 3.0x plain, whatever adapts (the shifted gradient is
    needed for every parameter), against maml's 4.0x."""
    assert 3.95 < ratio(*smooth_setup, "maml") < 4.1
    for params in ("all", "embeddings_encoder", "embeddings"):
        assert ratio(*smooth_setup, "hfmaml", params) == pytest.approx(3.0, abs=1e-9), params


def kernels(task, model, criterion, sample, mode, params="all") -> int:
    """ATen kernels one update of ``mode`` runs."""
    return load_benchmark().count_kernels(update(task, model, criterion, sample, mode, params))


def test_the_meta_step_adds_no_kernels_per_parameter(smooth_setup):
    """On a GPU at the benchmark's sizes the time is kernel launches, one or more per ATen op. The
    fast weights, hfmaml's shifted point, its difference of gradients and its loss are each one
    foreach call over all parameters: beyond its passes (first order 2 plain updates, hfmaml 3),
    an update runs a fixed handful of kernels, not a few per parameter (hfmaml ran 12 per
    parameter, fomaml 1, before they were foreach calls)."""
    task, model, criterion, sample, _ = smooth_setup
    parameters = sum(1 for p in model.parameters() if p.requires_grad)
    plain = kernels(task, model, criterion, sample, "plain")
    assert plain > 2 * parameters  # a forward and a backward: the test model is not trivial
    # hfmaml takes every gradient in full whatever adapts; first order with every parameter adapted
    for mode, passes, params in (("fomaml", 2, "all"), ("hfmaml", 3, "all"), ("hfmaml", 3, "embeddings")):
        extra = kernels(task, model, criterion, sample, mode, params) - passes * plain
        assert 0 <= extra < parameters / 2, (mode, params, extra, parameters)  # 5, 20, 20 of 90
    # Reptile's drift term meets the query gradient in one add per parameter (autograd's sum of
    # two gradients); it ran 7 per parameter before it was one foreach call
    extra = kernels(task, model, criterion, sample, "reptile") - 2 * plain
    assert parameters <= extra < 1.5 * parameters, (extra, parameters)
