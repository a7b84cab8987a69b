"""The benchmark's peers (second-order MAML written without the plugin) against the plugin.

``benchmarks/bench_meta_step.py`` times the plugin against the same step written with the
meta-learning library ``higher`` and as the textbook ``torch.func.functional_call`` loop. Both must
compute the plugin's meta-gradient, or the comparison means nothing; and ``higher`` must be able to
patch the ULR model at all (it subclasses every module's type). In float64 on the tiny ULR model.
"""

import copy

import pytest
import torch

from fairseq_maml.meta import double_backward_attention, peers
from toy import TINY, BackwardOnly, build, load_benchmark, make_toy_data

ALPHA = 0.3


@pytest.fixture(scope="module")
def bench():
    return load_benchmark()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_toy_data(tmp_path_factory.mktemp("toy"))


@pytest.fixture(autouse=True)
def float64_attention(monkeypatch):
    """fairseq's attention softmax casts to float32; keep float64 so agreement can be tight."""
    import fairseq.utils

    monkeypatch.setattr(fairseq.utils, "softmax", lambda x, dim, onnx_trace=False: torch.softmax(x, dim=dim))


def episode(task, cfg):
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=cfg.dataset.max_tokens,
                                  max_positions=(64, 64), seed=cfg.common.seed)
    return next(itr.next_epoch_itr(shuffle=False))


def gradients(model):
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def relative(a, b):
    num = sum(float((a.get(k, torch.zeros_like(b[k])) - b[k]).norm() ** 2) for k in b)
    num += sum(float(a[k].norm() ** 2) for k in a if k not in b)
    return (num / sum(float(v.norm() ** 2) for v in b.values())) ** 0.5


@pytest.mark.parametrize("peer", ["higher", "func"])
@pytest.mark.parametrize("inner,steps", [("all", 1), ("embeddings_encoder", 2)])
def test_benchmark_peer_computes_the_plugins_meta_gradient(bench, data, peer, inner, steps):
    torch.manual_seed(0)
    cfg, task, model, criterion = build(data, [
        *TINY, "--lang-pairs", "de-en,fr-en", "--inner-lr", str(ALPHA), "--inner-params", inner,
        "--inner-steps", str(steps), "--label-smoothing", "0.1", "--share-decoder-input-output-embed",
    ])
    model.double()
    sample = episode(task, cfg)
    src = sample["query"]["net_input"]["src_lang"]

    def plugin(mode):
        task.cfg.meta_mode = mode
        model.zero_grad(set_to_none=True)
        task.train_step(copy.deepcopy(sample), model, criterion, BackwardOnly(), update_num=1)
        return gradients(model)

    ours, first_order = plugin("maml"), plugin("fomaml")
    ids = {id(p) for p in model.parameter_group(inner, src)}
    names = [n for n, p in model.named_parameters() if id(p) in ids]
    step = peers.peer_step_higher if peer == "higher" else peers.peer_step_func
    model.zero_grad(set_to_none=True)
    model.train()
    with double_backward_attention():
        step(model, criterion, copy.deepcopy(sample), names, ALPHA, steps)
    theirs = gradients(model)

    assert relative(theirs, ours) < 1e-10
    assert relative(first_order, ours) > 1e-3  # the comparison can tell first order apart
    # the plugin left every parameter a Parameter, tied where it was
    assert model.decoder.output_projection.weight is model.decoder.embed_tokens.weight


def test_higher_can_patch_the_ulr_model(bench, data):
    """higher builds a subclass of every module's type: a bare nn.Module() container breaks it."""
    _, _, model, _ = build(data, [*TINY, "--lang-pairs", "de-en,fr-en"])
    assert peers.peers_for("auto", model) == (["higher", "func"], "")


def test_peer_rows_are_paired_with_the_plugin_row_of_the_same_setting(bench):
    """The benchmark's 'faster than the peer' figures: peer time / plugin time per repeat, each peer
    against the plugin's maml row of the same group and setting, never another one."""
    def row(group, name, times, mem):
        return dict(group=group, name=name, times_s=times, tensor_peak_bytes=mem)

    results = [
        row("m", "maml", [1.0, 2.0, 1.0], 100),
        row("m", "peer (higher)", [1.5, 1.0, 1.2], 150),
        row("m steps", "maml, 2 inner steps", [2.0, 2.0, 2.0], 200),
        row("m steps", "peer (func), 2 inner steps", [1.0, 3.0, 4.0], 180),
        row("m steps", "peer (func), 4 inner steps", [1.0, 1.0, 1.0], 10),  # no plugin row: unpaired
    ]
    bench.pair_with_plugin(results)
    higher, func2, func4 = results[1], results[3], results[4]
    assert higher["peer_over_plugin"] == pytest.approx(1.2)  # median of 1.5, 0.5, 1.2
    assert (higher["peer_over_plugin_min"], higher["peer_over_plugin_max"]) == (0.5, 1.5)
    assert higher["plugin_faster_repeats"] == 2
    assert higher["peer_memory_over_plugin"]["tensor_peak_bytes"] == pytest.approx(1.5)
    assert func2["peer_over_plugin"] == pytest.approx(1.5)  # against "maml, 2 inner steps"
    assert func2["plugin_faster_repeats"] == 2
    assert func2["peer_memory_over_plugin"]["tensor_peak_bytes"] == pytest.approx(0.9)
    assert "peer_over_plugin" not in func4


def test_markdown_tables_of_a_report(bench):
    """--markdown FILE.json renders a run's tables for the docs from the JSON alone; a JSON written
    before the benchmark counted FLOPs or kernels renders '-' in those columns."""
    def row(name, times, mem, ratio, flops, kernels):
        return dict(group="m", name=name, times_s=times, median_s=sorted(times)[1], min_s=min(times),
                    max_s=max(times), tokens_per_s=1000.0, ratio_to_plain=ratio, tensor_peak_bytes=mem,
                    tokens_query=600, tokens_support=500, flops=flops, flops_ratio_to_plain=flops / 1e9,
                    kernels=kernels, kernels_ratio_to_plain=kernels / 600)

    results = [row("plain", [0.1, 0.1, 0.1], 2**20, 1.0, 1e9, 600),
               row("maml", [0.3, 0.4, 0.35], 3 * 2**20, 3.5, 4e9, 3600),
               row("peer (func)", [0.33, 0.44, 0.35], 4 * 2**20, 3.6, 4.02e9, 4200)]
    bench.pair_with_plugin(results)
    md = bench.markdown_tables(dict(device="cpu", results=results, checks={"peer vs plugin": 1e-7}))
    lines = md.splitlines()
    assert lines[0] == ("| group (query/support tokens) | plain ms | maml x plain | peer (func) x plain "
                        "| maml FLOP x plain | maml kernels x plain | peak tensor MiB: maml / peer (func) |")
    assert lines[2] == "| m (600/500) | 100 | 3.50 | 3.60 | 4.00 | 6.00 | 3 / 4 |"
    assert "**m** (query 600 / support 500 tokens)" in lines
    assert "| maml | 350 | 300..400 | 1000 | 3.50 | 4.00 | 4.00 | 3600 | 3.0 |" in lines
    assert "| m | peer (func) | 1.100 | 1.00..1.10 | 2 of 3 | 1.333 | 1.0050 |" in lines
    assert "| peer vs plugin | 1.00e-07 |" in lines

    for r in results:  # an older report: no kernels counted
        del r["kernels"], r["kernels_ratio_to_plain"]
    lines = bench.markdown_tables(dict(device="cpu", results=results, checks={})).splitlines()
    assert lines[2] == "| m (600/500) | 100 | 3.50 | 3.60 | 4.00 | 3 / 4 |"
    assert "| maml | 350 | 300..400 | 1000 | 3.50 | 4.00 | 4.00 | - | 3.0 |" in lines
    for r in results:  # older still: no FLOPs either
        del r["flops"], r["flops_ratio_to_plain"]
    results = [{k: v for k, v in r.items() if k != "peer_flops_over_plugin"} for r in results]
    lines = bench.markdown_tables(dict(device="cpu", results=results, checks={})).splitlines()
    assert lines[2] == "| m (600/500) | 100 | 3.50 | 3.60 | 3 / 4 |"
    assert "| maml | 350 | 300..400 | 1000 | 3.50 | - | - | - | 3.0 |" in lines
