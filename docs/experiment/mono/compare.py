"""The two tables of docs/reports/experiment-history.md's 'The targets' vectors without their parallel
pool' section that --report-only does not write: zero-shot BLEU / chrF with parallel-seeded vs
monolingual-only target vectors (zero-shot.md), and fine-tuned test BLEU differences paired by
fine-tuning set (seeds 1-3).

    .venv/bin/python docs/experiment/mono/compare.py            # from the committed results, repo root
    .venv/bin/python docs/experiment/mono/compare.py --write     # also rewrite zero-shot.md next to it

It reads only committed files: ../objective/results.json (the parallel-seeded runs, ro and fi),
results.json next to it (maml-12k-mono, mt-12k-mono: all five targets) and zero-shot-variants.json
(the four objective variants' monolingual-only zero-shot runs, whose result files were not kept).
"""
import json
import os
import statistics as st
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = ["ro", "fi", "tr", "lv", "ko"]


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    records = data["records"] if isinstance(data, dict) else data
    return {(r["method"], r["target"], r["budget"], r["seed"]): r for r in records}


RESULTS = {}
for name in (os.path.join(HERE, "..", "objective", "results.json"), os.path.join(HERE, "results.json"),
             os.path.join(HERE, "zero-shot-variants.json")):
    RESULTS.update(load(name))


def result(method, target, budget, seed):
    return RESULTS.get((method, target, budget, seed))


def zero_shot_table():
    lines = ["| initialisation | target vectors | " + " | ".join(TARGETS) + " |",
             "|---|---|" + "---|" * len(TARGETS)]
    for m in ["maml-12k", "mt-12k", "maml-ilr003", "maml-newlang", "maml-mix50", "maml-mix50-6k"]:
        for name, label in ((m, "parallel-seeded (whole pool)"), (m + "-mono", "monolingual-only")):
            cells = [result(name, t, 0, 1) for t in TARGETS]
            lines.append(f"| `{m}` | {label} | " + " | ".join(
                f"{r['test_bleu']:.2f} / {r['test_chrf']:.1f}" if r else "" for r in cells) + " |")
    return "\n".join(lines) + "\n"


def main():
    table = zero_shot_table()
    print(table)
    if "--write" in sys.argv[1:]:
        with open(os.path.join(HERE, "zero-shot.md"), "w", encoding="utf-8") as f:
            f.write(table)
    print("paired by fine-tuning set: monolingual-only minus parallel-seeded test BLEU")
    for t in ("ro", "fi"):
        for b in (4000, 16000):
            for m in ("maml-12k", "mt-12k"):
                old = [result(m, t, b, s)["test_bleu"] for s in (1, 2, 3)]
                new = [result(m + "-mono", t, b, s)["test_bleu"] for s in (1, 2, 3)]
                print(t, b, m, f"mean {st.mean(new) - st.mean(old):+.2f}", [round(y - x, 2) for x, y in zip(old, new)])


if __name__ == "__main__":
    main()
