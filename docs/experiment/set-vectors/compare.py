#!/usr/bin/env python
"""The tables of docs/reports/experiment.md "Aligned vectors: projected through parallel text, the targets'
per fine-tuning set" and of the section after it (B at 12,000 meta-updates, scratch), from
the runs' result files: test BLEU (and chrF) mean ± std over the fine-tuning sets, per target x
budget x condition, and the paired differences between conditions (same sets, same seeds).

    python docs/experiment/set-vectors/compare.py [--mono J] [--proj J] [--proj12 J] [--tmse J]

By default it reads the copies of the runs' results.json files next to it (mono/, proj/) and in
../b12k-tmse/ (proj/: B at 12k meta-updates and scratch; tmse/: examples/tmse_baseline.py); give
runs/vec-mono/results.json, runs/vec-proj/results.json (as --proj and --proj12) and
runs/tmse/results.json to read the runs themselves.

    python docs/experiment/set-vectors/compare.py --set-reports runs/vec-proj

instead writes set-vectors-reports.json next to it: per fine-tuning set, from the set's
vectors/report.json, the sentence pairs, the seed pairs induced from them, the map's held-out P@1
and the projection's coverage; and prints the final meta-training dev loss of each run's
meta-trainings (runs/vec-*/meta/*/train.log).
"""

import argparse
import glob
import json
import os
import statistics as st

HERE = os.path.dirname(os.path.abspath(__file__))
CONDITIONS = [  # (label, out folder key, method)
    ("A maml", "mono", "maml-4k"), ("A multitask", "mono", "mt-4k"),
    ("C maml", "proj", "maml-4k-tmono"), ("C multitask", "proj", "mt-4k-tmono"),
    ("B maml", "proj", "maml-4k"), ("B multitask", "proj", "mt-4k"),
    ("B maml 12k", "proj12", "maml-12k"), ("B multitask 12k", "proj12", "mt-12k"),
    ("B scratch", "proj12", "scratch"),
    ("fairseq multilingual (tmse)", "tmse", "tmse"),
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


def set_reports(proj_root):
    out = {}
    for p in sorted(glob.glob(os.path.join(proj_root, "ftdata", "*", "vectors", "report.json"))):
        name = p.split(os.sep)[-3]
        with open(p, encoding="utf-8") as f:
            lang = json.load(f)["languages"][name.split("-")[0]]
        out[name] = dict(parallel_sentences=lang["seed_pairs"]["parallel_sentences"],
                         seed_pairs_parallel=lang["seed_pairs"]["parallel"], identity=lang["seed_pairs"]["identity"],
                         map_p_at_1_parallel_heldout=lang["p_at_1"]["parallel_heldout_nn"],
                         n=lang["p_at_1"]["parallel_heldout_n"], projected=lang["projected"])
    with open(os.path.join(HERE, "set-vectors-reports.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
    for root in sorted(glob.glob(os.path.join(os.path.dirname(proj_root.rstrip(os.sep)), "vec-*"))):
        for log in sorted(glob.glob(os.path.join(root, "meta", "*", "train.log"))):
            valid = [x for x in open(log, encoding="utf-8") if '"valid_loss"' in x]
            if valid:
                last = json.loads(valid[-1][valid[-1].index("{"):])
                print(f"{log}: dev loss {last['valid_loss']} at update {last['valid_num_updates']}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mono", default=os.path.join(HERE, "mono", "results.json"))
    ap.add_argument("--proj", default=os.path.join(HERE, "proj", "results.json"))
    ap.add_argument("--proj12", default=os.path.join(HERE, "..", "b12k-tmse", "proj", "results.json"),
                    help="runs/vec-proj's results.json with maml-12k, mt-12k and scratch (skipped if absent)")
    ap.add_argument("--tmse", default=os.path.join(HERE, "..", "b12k-tmse", "tmse", "results.json"),
                    help="examples/tmse_baseline.py's results.json (skipped if absent)")
    ap.add_argument("--set-reports", metavar="PROJ_OUT", help="write set-vectors-reports.json from this --out")
    a = ap.parse_args()
    if a.set_reports:
        return set_reports(a.set_reports)
    res = {"mono": load(a.mono), "proj": load(a.proj),
           "proj12": load(a.proj12) if os.path.exists(a.proj12) else {},
           "tmse": load(a.tmse) if os.path.exists(a.tmse) else {}}
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
             ("maml - multitask, B", ("proj", "maml-4k"), ("proj", "mt-4k")),
             ("B 12k - B 4k meta-updates", ("proj12", "maml-12k"), ("proj", "maml-4k")),
             ("B 12k - B 4k meta-updates", ("proj12", "mt-12k"), ("proj", "mt-4k")),
             ("maml - multitask, B 12k", ("proj12", "maml-12k"), ("proj12", "mt-12k")),
             ("B - scratch (same set vectors)", ("proj12", "maml-12k"), ("proj12", "scratch")),
             ("B - scratch (same set vectors)", ("proj12", "mt-12k"), ("proj12", "scratch")),
             ("A - tmse", ("mono", "maml-4k"), ("tmse", "tmse")), ("A - tmse", ("mono", "mt-4k"), ("tmse", "tmse")),
             ("B - tmse", ("proj", "maml-4k"), ("tmse", "tmse")), ("B - tmse", ("proj", "mt-4k"), ("tmse", "tmse")),
             ("B 12k - tmse", ("proj12", "maml-12k"), ("tmse", "tmse")), ("B 12k - tmse", ("proj12", "mt-12k"), ("tmse", "tmse"))]
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
