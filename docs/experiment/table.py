"""Any test BLEU / chrF table of docs/reports/experiment*.md from the committed results.json files.

    .venv/bin/python docs/experiment/table.py docs/experiment/12k/results.json [more results.json ...]
        [--metric bleu|chrf] [--methods maml-12k,mt-12k] [--targets ro,fi] [--budgets 0,4000,16000]

Each cell is the mean ± sample std over the fine-tuning sets (seeds) found, as the experiment's own
results.md writes it; with --n the number of sets follows in brackets. Records of several files are
merged (a later file's record replaces an earlier one with the same method, target, budget, seed).
Reads nothing but the files named; run from the repository root.
"""
import argparse
import json
import statistics as st


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["records"] if isinstance(data, dict) else data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="+")
    ap.add_argument("--metric", choices=("bleu", "chrf"), default="bleu")
    ap.add_argument("--methods", help="comma-separated, in this order (default: as they first appear)")
    ap.add_argument("--targets", help="comma-separated (default: as they first appear)")
    ap.add_argument("--budgets", help="comma-separated (default: every budget present)")
    ap.add_argument("--n", action="store_true", help="print the number of fine-tuning sets per cell")
    a = ap.parse_args()
    recs = {}
    for path in a.results:
        for r in load(path):
            recs[(r["method"], r["target"], int(r["budget"]), r["seed"])] = r
    first = lambda i: list(dict.fromkeys(k[i] for k in recs))
    methods = a.methods.split(",") if a.methods else first(0)
    targets = a.targets.split(",") if a.targets else first(1)
    budgets = [int(b) for b in a.budgets.split(",")] if a.budgets else sorted(set(first(2)))
    key = f"test_{a.metric}"
    print("| method | budget | " + " | ".join(targets) + " |")
    print("|---|---|" + "---|" * len(targets))
    for budget in budgets:
        for m in methods:
            cells = []
            for t in targets:
                xs = [r[key] for (mm, tt, b, _), r in recs.items()
                      if mm == m and tt == t and b == budget and r.get(key) is not None]
                c = "" if not xs else f"{xs[0]:.2f}" if len(xs) == 1 else f"{st.mean(xs):.2f} ± {st.stdev(xs):.2f}"
                cells.append(f"{c} [{len(xs)}]" if c and a.n else c)
            if any(cells):
                print(f"| {m} | {budget} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
