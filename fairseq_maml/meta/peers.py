"""The same second-order MAML step written without the plugin, as a user would: the textbook
``torch.func.functional_call`` + ``torch.autograd.grad(create_graph=True)`` loop, and the
meta-learning library ``higher`` (an optional dependency, imported when used).

``tests/test_peer_library.py`` checks that both compute the plugin's meta-gradient;
``benchmarks/bench_meta_step.py`` times the plugin against them. Each takes the model, a
criterion with fairseq's ``compute_loss(model, net_output, batch, reduce)`` signature, an episode
``{"support": batch, "query": batch}`` as the model takes it, the names of the adapted
parameters, the inner learning rate and the number of inner steps; it leaves the meta-gradient
in ``.grad`` and returns the query loss.
"""

from typing import List, Tuple

import torch

__all__ = ["peer_step_func", "peer_step_higher", "peers_for"]


def peer_step_func(model, criterion, sample, params_names, lr, steps):
    """Textbook MAML with torch.func.functional_call and autograd.grad(create_graph=True)."""
    from torch.func import functional_call

    named = dict(model.named_parameters())
    support, query = sample["support"], sample["query"]

    def loss(weights, batch):
        out = functional_call(model, weights, args=(), kwargs=batch["net_input"])
        value, _ = criterion.compute_loss(model, out, batch, reduce=True)
        return value

    fast = dict(named)
    for _ in range(steps):
        ls = loss(fast, support) / support["ntokens"]
        grads = torch.autograd.grad(ls, [fast[n] for n in params_names], create_graph=True,
                                    allow_unused=True)
        fast = dict(fast)
        for n, g in zip(params_names, grads):
            if g is not None:
                fast[n] = fast[n] - lr * g
    lq = loss(fast, query)
    lq.backward()
    return lq.detach()


def peer_step_higher(model, criterion, sample, params_names, lr, steps):
    """Textbook MAML with ``higher``: a differentiable SGD over a patched copy of the model."""
    import higher

    support, query = sample["support"], sample["query"]
    named = dict(model.named_parameters())
    adapted = {id(named[n]) for n in params_names}
    groups = [
        {"params": [p for p in model.parameters() if id(p) in adapted], "lr": lr},
        {"params": [p for p in model.parameters() if id(p) not in adapted], "lr": 0.0},
    ]
    groups = [g for g in groups if g["params"]]
    inner_opt = torch.optim.SGD(groups, lr=lr)
    with higher.innerloop_ctx(model, inner_opt, copy_initial_weights=False) as (fmodel, diffopt):
        for _ in range(steps):
            out = fmodel(**support["net_input"])
            ls, _ = criterion.compute_loss(model, out, support, reduce=True)
            diffopt.step(ls / support["ntokens"])
        out = fmodel(**query["net_input"])
        lq, _ = criterion.compute_loss(model, out, query, reduce=True)
        lq.backward()
    return lq.detach()


def peers_for(requested: str, model) -> Tuple[List[str], str]:
    """(peers to time on ``model``, why ``higher`` is not among them). ``auto``: ``higher`` where it
    installs *and* can patch the model, and the textbook ``func`` loop always."""
    if requested == "func":
        return ["func"], ""
    try:
        import higher

        higher.monkeypatch(model, copy_initial_weights=False)
    except Exception as e:  # ImportError, or higher cannot patch the module tree
        why = f"higher unusable here: {type(e).__name__}: {' '.join(str(e).split())}"
        if requested == "higher":
            raise ValueError(f"--peer higher: {why}")
        return ["func"], why
    return (["higher"] if requested == "higher" else ["higher", "func"]), ""


# -- measuring -----------------------------------------------------------------------------------
