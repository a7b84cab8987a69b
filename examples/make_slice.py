#!/usr/bin/env python3
"""Cut the small Tatoeba slice shipped in ``examples/data/tatoeba-slice`` from the full
tatoeba-mt benchmark.

Usage (from the repository root)::

    python examples/make_slice.py ../shared/data/tatoeba-mt examples/data/tatoeba-slice

For every (split, pair) a fixed number of line numbers is drawn without replacement with
``random.Random(f"{seed}:{subdir}:{split}.{pair}")`` (string seeds are hashed with SHA-512, so the
choice is the same on every platform and Python 3 version), sorted, and the aligned lines of both
sides are copied. Each split is sampled only from the same split of the source, so the
leak-free train/valid/test separation of the benchmark is kept. The licence notice is written to
``README.md`` next to the data.
"""

import argparse
import os
import random
import sys

SEED = 20180101

# (subdir, split, pair, number of pairs to keep)
PLAN = [
    *[("meta", "train", f"{lang}-en", 2000) for lang in ("de", "fr", "es", "it")],
    *[("meta", "valid", f"{lang}-en", 100) for lang in ("de", "fr", "es", "it")],
    ("target", "train", "ro-en", 600),
    ("target", "valid", "ro-en", 100),
    ("target", "test", "ro-en", 200),
]

README = """\
# tatoeba-slice: a small real X->English sample for examples and tests

A deterministic sample of the tatoeba-mt benchmark, in its layout: plain UTF-8 text, one sentence
per line, line N of `*.xx` translates line N of `*.en`; nothing is tokenised or lower-cased.

| dir | files | pairs |
|---|---|---|
{table}

- `meta/`: meta-training source tasks (X->en) de fr es it.
- `target/`: the low-resource target task ro->en; `train` is the fine-tuning pool,
  `valid` and `test` are held out. Every split was sampled only from the same split of the full
  benchmark, whose splits are leak-free (cut per unique English sentence; no English sentence of a
  target valid/test split occurs in any training split), so the slice is leak-free too.

How it was made (seed {seed}; for each file pair, line numbers drawn without replacement with
`random.Random("{seed}:<subdir>:<split>.<pair>")`, sorted, aligned lines kept):

    python examples/make_slice.py ../shared/data/tatoeba-mt examples/data/tatoeba-slice

## Licence and attribution

The sentences are from **Tatoeba** (https://tatoeba.org), licensed
**CC-BY 2.0 FR** (https://creativecommons.org/licenses/by/2.0/fr/), as collected in the Tatoeba
test sets of **Helsinki-NLP/OPUS-MT-testsets** (https://github.com/Helsinki-NLP/OPUS-MT-testsets;
versions v2020-07-28, v2021-03-30, v2021-08-07, union, deduplicated). Only a sample was taken and
no sentence was changed. Anyone who redistributes this slice or a part of it must keep this
attribution.
"""


def read_lines(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        return f.read().split("\n")[:-1] if os.path.getsize(path) else []


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("source", help="the full tatoeba-mt directory (with meta/ and target/)")
    p.add_argument("dest", nargs="?", default=os.path.join(os.path.dirname(__file__), "data", "tatoeba-slice"))
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args(argv)

    rows = []
    for subdir, split, pair, n in PLAN:
        src, tgt = pair.split("-")
        stem = os.path.join(args.source, subdir, f"{split}.{pair}")
        xs, ys = read_lines(f"{stem}.{src}"), read_lines(f"{stem}.{tgt}")
        if len(xs) != len(ys):
            sys.exit(f"error: {stem}.{src} has {len(xs)} lines but {stem}.{tgt} has {len(ys)}")
        if len(xs) < n:
            sys.exit(f"error: {stem}.{src} has only {len(xs)} lines, {n} wanted")
        rng = random.Random(f"{args.seed}:{subdir}:{split}.{pair}")
        keep = sorted(rng.sample(range(len(xs)), n))
        os.makedirs(os.path.join(args.dest, subdir), exist_ok=True)
        out = os.path.join(args.dest, subdir, f"{split}.{pair}")
        for lang, lines in ((src, xs), (tgt, ys)):
            with open(f"{out}.{lang}", "w", encoding="utf-8", newline="\n") as f:
                f.writelines(lines[i] + "\n" for i in keep)
        rows.append(f"| `{subdir}/` | `{split}.{pair}.{{{src},{tgt}}}` | {n} (of {len(xs)}) |")
        print(f"{subdir}/{split}.{pair}: {n} of {len(xs)} pairs")

    with open(os.path.join(args.dest, "README.md"), "w", encoding="utf-8") as f:
        f.write(README.format(table="\n".join(rows), seed=args.seed))
    print(f"wrote {args.dest}")


if __name__ == "__main__":
    main()
