#!/usr/bin/env python
"""Paired test BLEU differences pooled over every target x budget x fine-tuning set of
results.json here: METHOD - BASELINE after each number of fine-tuning updates of the adaptation
curve and at the dev-selected checkpoint ("sel"); mean [95% bootstrap interval over the pairs]
wins-losses. With one meta-training per method the interval covers the fine-tuning sets; with
several meta-training seeds it resamples seeds and sets (the experiment's two-way bootstrap).
Pairs are formed within one experiment (``experiment`` of each record): two screens may use the
same method names for different code or settings; ``--experiment NAME`` keeps only that one,
``--target LANG`` only that target's pairs, ``--budget N`` only that budget's (English tokens).

    python docs/experiment/compute/pooled.py [--experiment NAME] [--target LANG] [--budget N] [METHOD BASELINE ...]
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def pooled(records, a, b, key, n_boot=10000):
    idx = {}
    for r in records:
        v = r.get("test_bleu") if key == "sel" else (r.get("bleu_at_updates") or {}).get(key)
        if v is not None:
            idx[(r["method"], r.get("experiment"), r["target"], r["budget"], r["seed"], r.get("meta_seed", 1))] = v
    pairs = {k[1:]: idx[k] - idx[(b,) + k[1:]] for k in idx if k[0] == a and (b,) + k[1:] in idx}
    d = list(pairs.values())
    if not d:
        return "n/a"
    if len({k[-1] for k in pairs}) > 1:  # several meta-training seeds: resample them and the sets
        lo, hi = _experiment().bootstrap_interval({(k[-1], k[:-1]): v for k, v in pairs.items()}, n_boot=n_boot)
    else:
        rng = random.Random(0)
        means = sorted(sum(rng.choice(d) for _ in d) / len(d) for _ in range(n_boot))
        lo, hi = means[int(0.025 * (n_boot - 1))], means[int(0.975 * (n_boot - 1)) + 1]
    return f"{sum(d) / len(d):+.2f} [{lo:+.2f}, {hi:+.2f}] {sum(x > 0 for x in d)}-{sum(x < 0 for x in d)} (n={len(d)})"


def _experiment():
    import importlib.util

    path = os.path.join(HERE, "..", "..", "..", "examples", "metanmt_experiment.py")
    spec = importlib.util.spec_from_file_location("metanmt_experiment", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv):
    records = json.load(open(os.path.join(HERE, "results.json"), encoding="utf-8"))
    while argv[:1] in (["--experiment"], ["--target"], ["--budget"]):  # keep one experiment's / target's / budget's records
        field = argv[0][2:]
        records = [r for r in records if str(r.get(field)) == argv[1]]
        argv = argv[2:]
    pairs = list(zip(argv[::2], argv[1::2])) or [("maml@multitask", "multitask@multitask~maml"),
                                                 ("maml@multitask", "multitask"),
                                                 ("multitask@multitask~maml", "multitask")]
    keys = sorted({k for r in records for k in (r.get("bleu_at_updates") or {})}, key=int) + ["sel"]
    print("| method - baseline | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    for a, b in pairs:
        print(f"| {a} - {b} | " + " | ".join(pooled(records, a, b, k) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
