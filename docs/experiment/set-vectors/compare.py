#!/usr/bin/env python
"""The tables of docs/experiment.md "Aligned target vectors: per fine-tuning set, projected", from
the runs' result files: test BLEU (and chrF) mean ± std over the fine-tuning sets, per target x
budget x condition, and the paired differences between conditions (same sets, same seeds).

    python docs/experiment/set-vectors/compare.py [--mono results.json] [--proj results.json]

By default it reads the copies of the runs' results.json files next to it (mono/, proj/); give
runs/vec-mono/results.json and runs/vec-proj/results.json to read the runs themselves.
"""

import argparse
import json
import os
import statistics as st

HERE = os.path.dirname(os.path.abspath(__file__))
CONDITIONS = [  # (label, out folder key, method)
    ("A maml", "mono", "maml-4k"), ("A multitask", "mono", "mt-4k"),
    ("C maml", "proj", "maml-4k-tmono"), ("C multitask", "proj", "mt-4k-tmono"),
    ("B maml", "proj", "maml-4k"), ("B multitask", "proj", "mt-4k"),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return {(r["method"], r["target"], r["budget"], r["seed"]): r for r in json.load(f)}


def cell(xs):
    if not xs:
        return ""
    if len(xs) == 1:
        return f"{xs[0]:.2f}"
    return f"{st.mean(xs):.2f} ± {st.stdev(xs):.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mono", default=os.path.join(HERE, "mono", "results.json"))
    ap.add_argument("--proj", default=os.path.join(HERE, "proj", "results.json"))
    a = ap.parse_args()
    res = {"mono": load(a.mono), "proj": load(a.proj)}
    present = {k[1] for r in res.values() for k in r}
    targets = [t for t in ("ko", "ro", "fi", "tr", "lv") if t in present]
    for metric in ("test_bleu", "test_chrf"):
        print(f"\n{metric}, mean ± std over fine-tuning sets (n per cell in brackets)\n")
        print("| condition | budget | " + " | ".join(targets) + " |")
        print("|---|---|" + "---|" * len(targets))
        for budget in (0, 4000, 16000):
            for label, key, method in CONDITIONS:
                cells = []
                for t in targets:
                    xs = [r[metric] for (m, tt, b, s), r in res[key].items()
                          if m == method and tt == t and b == budget and r[metric] is not None]
                    cells.append(f"{cell(xs)} [{len(xs)}]" if xs else "")
                if any(cells):
                    print(f"| {label} | {budget} | " + " | ".join(cells) + " |")
    print("\npaired test BLEU differences (same set and seed), mean [min, max]\n")
    pairs = [("B - A", ("proj", "maml-4k"), ("mono", "maml-4k")), ("B - A", ("proj", "mt-4k"), ("mono", "mt-4k")),
             ("B - C", ("proj", "maml-4k"), ("proj", "maml-4k-tmono")), ("B - C", ("proj", "mt-4k"), ("proj", "mt-4k-tmono")),
             ("C - A", ("proj", "maml-4k-tmono"), ("mono", "maml-4k")), ("C - A", ("proj", "mt-4k-tmono"), ("mono", "mt-4k")),
             ("maml - multitask, A", ("mono", "maml-4k"), ("mono", "mt-4k")),
             ("maml - multitask, B", ("proj", "maml-4k"), ("proj", "mt-4k"))]
    print("| difference | method | budget | " + " | ".join(targets) + " |")
    print("|---|---|---|" + "---|" * len(targets))
    for label, (k1, m1), (k2, m2) in pairs:
        for budget in (4000, 16000):
            cells = []
            for t in targets:
                d = [res[k1][(m1, t, budget, s)]["test_bleu"] - res[k2][(m2, t, budget, s)]["test_bleu"]
                     for s in range(1, 6) if (m1, t, budget, s) in res[k1] and (m2, t, budget, s) in res[k2]]
                cells.append(f"{st.mean(d):+.2f} [{min(d):+.2f}, {max(d):+.2f}]" if d else "")
            if any(cells):
                print(f"| {label} | {m1 if m1 == m2 else m1 + ' vs ' + m2} | {budget} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
