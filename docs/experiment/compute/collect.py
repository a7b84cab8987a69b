#!/usr/bin/env python
"""Copies the results of experiment runs (examples/metanmt_experiment.py --out OUT) into this folder,
with no absolute path of the machine they ran on.

::

    python docs/experiment/compute/collect.py runs/screen [runs/grid=grid-part1 ...]

For each OUT[=NAME]: NAME/ (default: OUT's folder name; a name of its own when one folder holds
several invocations collected one after another) gets results.json, results.md, the plots,
commands.sh, compute/arithmetic.json and every meta-training's compute.json
(meta-compute.json); OUT's own path becomes runs/NAME, the repository's path the repository
root, the Python that ran it ``python``. Then results.json here is every record of every OUT
and of every NAME/ collected before (each with ``experiment: NAME``), and results.md the tables
of all of them together.
"""

import glob
import importlib.util
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def _experiment():
    spec = importlib.util.spec_from_file_location("metanmt_experiment", os.path.join(REPO, "examples", "metanmt_experiment.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def relative(text: str, out: str, name: str) -> str:
    """``text`` with OUT's absolute path as runs/NAME, a checkout's (the folder holding
    examples/metanmt_experiment.py of the run) as the repository root, the interpreter as python."""
    text = text.replace(os.path.abspath(out), f"runs/{name}")
    text = re.sub(r"(/[^\s'\"]*)?/(?:\.venv|[\w.-]*venv[\w.-]*)/bin/python\S*", "python", text)
    text = re.sub(r"(?<![\w.-])/(?:[\w.+-]+/)*?(?=(?:fairseq_maml|examples|benchmarks)\b)", "", text)
    text = re.sub(r"/(?:[\w.+-]+/)+shared/data/", "../shared/data/", text)
    return text


def collect(out: str, name: str = "") -> list:
    name = name or os.path.basename(os.path.abspath(out).rstrip("/"))
    dest = os.path.join(HERE, name)
    os.makedirs(dest, exist_ok=True)
    for f in ("results.json", "results.md", "commands.sh"):
        p = os.path.join(out, f)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                text = relative(fh.read(), out, name)
            with open(os.path.join(dest, f), "w", encoding="utf-8") as fh:
                fh.write(text)
    for p in glob.glob(os.path.join(out, "*.png")):
        shutil.copyfile(p, os.path.join(dest, os.path.basename(p)))
    arith = os.path.join(out, "compute", "arithmetic.json")
    if os.path.exists(arith):
        with open(arith, encoding="utf-8") as fh:
            text = relative(fh.read(), out, name)
        with open(os.path.join(dest, "arithmetic.json"), "w", encoding="utf-8") as fh:
            fh.write(text)
    meta = {}
    for p in sorted(glob.glob(os.path.join(out, "meta", "*", "compute.json"))):
        with open(p, encoding="utf-8") as fh:
            meta[os.path.basename(os.path.dirname(p))] = json.load(fh)
    if meta:
        with open(os.path.join(dest, "meta-compute.json"), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, indent=1)
    records = []
    p = os.path.join(dest, "results.json")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as fh:
            records = [dict(r, experiment=name) for r in json.load(fh)]
    return records


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    exp = _experiment()
    records = []
    names = []
    for arg in argv:
        out, _, name = arg.partition("=")
        records += collect(out, name)
        names.append(name or os.path.basename(os.path.abspath(out).rstrip("/")))
    for p in sorted(glob.glob(os.path.join(HERE, "*", "results.json"))):  # collected before: kept
        name = os.path.basename(os.path.dirname(p))
        if name not in names:
            with open(p, encoding="utf-8") as fh:
                records += [dict(r, experiment=name) for r in json.load(fh)]
    with open(os.path.join(HERE, "results.json"), "w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=1)
    methods = list(dict.fromkeys(r["method"] for r in records))
    targets = list(dict.fromkeys(r["target"] for r in records))
    budgets = sorted({int(r["budget"]) for r in records})
    curve = sorted({int(u) for r in records for u in (r.get("bleu_at_updates") or {})})
    header = ["Every fine-tuning run of " + ", ".join(f"[{n}]({n}/results.md)" for n in dict.fromkeys(
        r["experiment"] for r in records)) + " (their commands: NAME/commands.sh); produced by "
        "`python docs/experiment/compute/collect.py` from the runs' folders."]
    md = exp.results_markdown(records, methods, targets, budgets, header)
    md += exp.compute_markdown(records, methods, targets, budgets, [m for m in ("multitask",) if m in methods]
                               + [m for m in methods if "~" in m], curve)
    with open(os.path.join(HERE, "results.md"), "w", encoding="utf-8") as fh:
        fh.write(md)
    print(f"{len(records)} records from {len(argv)} run(s) and {len({r['experiment'] for r in records} - set(names))} "
          f"collected before -> {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
