#!/usr/bin/env python
"""Does the inner step still help, and at which inner learning rate? Probe a meta checkpoint.

For each checkpoint, draws episodes from a split of its meta-training pairs (one pair, a support
batch and a disjoint query batch, as in training but with uniform pair sampling), and measures
the query loss before and after ``--inner-steps`` simulated SGD steps on the support batch, for
each inner learning rate of ``--inner-lrs``. Dropout is off, so the numbers are deterministic.
Prints, per checkpoint and rate, the token-weighted query NLL before and after (bits per token,
no label smoothing), their difference (the adaptation gain; positive = the step helps) with its
standard error over episodes, and the share of episodes it helped.

    python examples/adaptation_probe.py runs/metanmt-cpu/meta/maml-12k/checkpoint_3_6000.pt \\
        --data runs/metanmt-cpu/data/bin --inner-lrs 0.01,0.03,0.1,0.3 --episodes 60

The training log's ``adapt_gain`` is the same quantity on training episodes, with dropout on and
label smoothing, at the training ``--inner-lr``.
"""

import argparse
import json
import math
import os
import sys
from typing import Dict, List, Sequence

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import fairseq_maml  # noqa: E402,F401  (registers the task, criterion and models)
from fairseq import checkpoint_utils, utils  # noqa: E402
from fairseq_maml.data.episodes import EpisodeDataset, TaggedPairDataset  # noqa: E402
from fairseq_maml.meta.maml import inner_loop  # noqa: E402
from fairseq_maml.meta.params import substitute_parameters  # noqa: E402
from fairseq_maml.training.episode import fresh_language_start, inner_parameters  # noqa: E402
from fairseq_maml.training.fairseq_glue import for_model  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("checkpoints", nargs="+", help="meta-training checkpoints (--task meta_translation --lang-pairs ...)")
    p.add_argument("--data", help="binarized data folder of the meta pairs (default: the checkpoint's)")
    p.add_argument("--split", default="valid", help="split to draw episodes from (default: valid)")
    p.add_argument("--inner-lrs", default="0.01,0.03,0.1,0.3", help="comma-separated inner learning rates")
    p.add_argument("--inner-steps", type=int, default=1)
    p.add_argument("--inner-params", default=None, help="all, embeddings_encoder or embeddings (default: the checkpoint's)")
    p.add_argument("--new-language", action="store_true",
                   help="zero the source language's own embedding E_k during each episode (ULR models), as "
                   "for a language the model has never seen: how much one step recovers of it")
    p.add_argument("--episodes", type=int, default=60)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args(argv)
    try:
        args.inner_lrs = [float(x) for x in args.inner_lrs.split(",") if x]
    except ValueError:
        p.error(f"--inner-lrs must be comma-separated numbers, got {args.inner_lrs!r}")
    if not args.inner_lrs or any(lr <= 0 for lr in args.inner_lrs):
        p.error(f"--inner-lrs needs rates > 0, got {args.inner_lrs}")
    if args.inner_steps < 1 or args.episodes < 1:
        p.error("--inner-steps and --episodes must be >= 1")
    for c in args.checkpoints:
        if not os.path.isfile(c):
            p.error(f"checkpoint {c} does not exist")
    return args


def load(checkpoint: str, data: str = None):
    overrides = {"data": data} if data else {}
    models, cfg, task = checkpoint_utils.load_model_ensemble_and_task([checkpoint], arg_overrides=overrides)
    if not getattr(task, "is_meta", False):
        raise SystemExit(f"{checkpoint} was not meta-trained over several pairs (no --lang-pairs): nothing to probe")
    return models[0].float().eval(), cfg, task


def draw_episodes(task, cfg, model, split: str, n: int, seed: int) -> EpisodeDataset:
    task.load_dataset(split)
    ds = task.datasets[split]
    assert isinstance(ds, TaggedPairDataset)
    max_tokens = cfg.dataset.max_tokens
    return EpisodeDataset(
        dict(zip(ds.names, ds.datasets)),
        dict(zip(ds.names, ds.src_langs)),
        support_max_tokens=task.cfg.support_max_tokens or max_tokens,
        query_max_tokens=task.cfg.query_max_tokens or max_tokens,
        max_positions=utils.resolve_max_positions(task.max_positions(), model.max_positions()),
        sampling="uniform",
        episodes_per_epoch=n,
        seed=seed,
    )


def nll_sum(model, criterion, batch) -> float:
    with torch.no_grad():
        _, _, log = criterion(model, batch)
    return float(log["nll_loss"])


def probe(model, criterion, episodes: EpisodeDataset, inner_params: str, lrs: Sequence[float], steps: int,
          new_language: bool = False) -> List[Dict]:
    rows = {lr: {"before": [], "after": [], "tokens": []} for lr in lrs}
    for (key,) in episodes.plan(1):
        sample = for_model(episodes.collater([episodes[key]]), model)
        support, query = sample["support"], sample["query"]
        src_lang = query["net_input"].get("src_lang", episodes.src_langs[key[0]])
        measure(model, criterion, support, query, src_lang, inner_params, lrs, steps, rows, new_language)
    return summarise(rows, lrs)


def measure(model, criterion, support, query, src_lang, inner_params, lrs, steps, rows, new_language) -> None:
    """Query NLL before and after the inner step at each rate, for one episode, into ``rows``.
    With ``new_language`` both start from E_k = 0, as in training with --episode-new-language."""
    params = inner_parameters(model, inner_params, src_lang)
    if new_language and not hasattr(model, "ulr"):
        raise SystemExit(f"--new-language needs a ULR model (--arch ulr_transformer*), not {type(model).__name__}")
    start = fresh_language_start(model, params, src_lang) if new_language else {}
    with substitute_parameters(model, start):
        before = nll_sum(model, criterion, query)
    tokens = float(query["ntokens"])

    def support_loss():
        loss, n, _ = criterion(model, support)
        return loss / n

    for lr in lrs:
        fast = inner_loop(model, params, support_loss, lr, steps, second_order=False, start=start).fast
        fast = {p: w.detach() for p, w in fast.items()}
        with substitute_parameters(model, fast):
            after = nll_sum(model, criterion, query)
        r = rows[lr]
        r["before"].append(before)
        r["after"].append(after)
        r["tokens"].append(tokens)


def summarise(rows, lrs) -> List[Dict]:
    out = []
    for lr in lrs:
        r = {k: np.array(v) for k, v in rows[lr].items()}
        per_token_gain = (r["before"] - r["after"]) / r["tokens"] / math.log(2)
        out.append({
            "inner_lr": lr,
            "episodes": len(r["tokens"]),
            "query_nll_before": float(r["before"].sum() / r["tokens"].sum() / math.log(2)),
            "query_nll_after": float(r["after"].sum() / r["tokens"].sum() / math.log(2)),
            "gain": float((r["before"] - r["after"]).sum() / r["tokens"].sum() / math.log(2)),
            "gain_stderr": float(per_token_gain.std(ddof=1) / math.sqrt(len(per_token_gain))) if len(per_token_gain) > 1 else 0.0,
            "helped": float((per_token_gain > 0).mean()),
        })
    return out


def main(argv=None):
    args = parse_args(argv)
    results = []
    for ckpt in args.checkpoints:
        model, cfg, task = load(ckpt, args.data)
        criterion = task.build_criterion(cfg.criterion)
        inner = args.inner_params or task.cfg.inner_params
        episodes = draw_episodes(task, cfg, model, args.split, args.episodes, args.seed)
        rows = probe(model, criterion, episodes, inner, args.inner_lrs, args.inner_steps, args.new_language)
        print(f"\n{ckpt} ({args.episodes} {args.split} episodes, {args.inner_steps} inner step(s), "
              f"--inner-params {inner}{', new language' if args.new_language else ''}, trained with --inner-lr {task.cfg.inner_lr})")
        print(f"{'inner lr':>9} {'nll before':>11} {'nll after':>10} {'gain':>8} {'± s.e.':>7} {'helped':>7}")
        for r in rows:
            print(f"{r['inner_lr']:>9g} {r['query_nll_before']:>11.3f} {r['query_nll_after']:>10.3f} "
                  f"{r['gain']:>+8.3f} {r['gain_stderr']:>7.3f} {r['helped']:>7.0%}")
        results.append({"checkpoint": ckpt, "split": args.split, "inner_steps": args.inner_steps,
                        "inner_params": str(inner), "new_language": args.new_language, "train_inner_lr": task.cfg.inner_lr, "rows": rows})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return results


if __name__ == "__main__":
    main()
