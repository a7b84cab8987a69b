"""The two tables of docs/experiment.md's 'without their parallel pool' section that --report-only
does not write: zero-shot BLEU / chrF with parallel-seeded vs monolingual-only target vectors
(zero-shot.md), and fine-tuned test BLEU differences paired by fine-tuning set (seeds 1-3).

    python docs/experiment/mono/compare.py [runs/metanmt-cpu]
"""
import json
import os
import statistics as st
import sys

RUNS = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "runs/metanmt-cpu", "runs")
TARGETS = ["ro", "fi", "tr", "lv", "ko"]


def result(method, target, budget, seed):
    path = os.path.join(RUNS, method, target, f"b{budget}", f"s{seed}", "result.json")
    return json.load(open(path)) if os.path.exists(path) else None


print("| initialisation | target vectors | " + " | ".join(TARGETS) + " |")
print("|---|---|" + "---|" * len(TARGETS))
for m in ["maml-12k", "mt-12k", "maml-ilr003", "maml-newlang", "maml-mix50", "maml-mix50-6k"]:
    for name, label in ((m, "parallel-seeded (whole pool)"), (m + "-mono", "monolingual-only")):
        cells = [result(name, t, 0, 1) for t in TARGETS]
        print(f"| `{m}` | {label} | " + " | ".join(
            f"{r['test_bleu']:.2f} / {r['test_chrf']:.1f}" if r else "" for r in cells) + " |")

print("\npaired by fine-tuning set: monolingual-only minus parallel-seeded test BLEU")
for t in ("ro", "fi"):
    for b in (4000, 16000):
        for m in ("maml-12k", "mt-12k"):
            old = [result(m, t, b, s)["test_bleu"] for s in (1, 2, 3)]
            new = [result(m + "-mono", t, b, s)["test_bleu"] for s in (1, 2, 3)]
            print(t, b, m, f"mean {st.mean(new) - st.mean(old):+.2f}", [round(y - x, 2) for x, y in zip(old, new)])
