#!/usr/bin/env python
"""Word-translation precision@1 of a language's ``.vec`` against a dictionary induced from aligned
sentences that the vectors never saw.

    python benchmarks/vectors_quality.py --vec SET/vectors/ro.vec --en-vec OUT/vectors/en.vec \\
        --pool OUT/data/spm_text/train.ro-en.ro,OUT/data/spm_text/train.ro-en.en \\
        --exclude SET/text/train.ro-en.ro,SET/text/train.ro-en.en [--min-count 3] [--dim 32]

The reference: the sentence pairs of ``--pool`` minus those of ``--exclude`` (e.g. the target's
pool minus the fine-tuning set the vectors were aligned/projected with), turned into a one-to-one
dictionary by ``fairseq_maml.aligned_vectors.parallel_pairs`` (mutual-best Dice, ``--min-count``
sentence pairs or more). Only pairs whose two pieces differ count (identical strings would be free),
and only source pieces present in the ``.vec``. A co-occurrence dictionary from real text, not a
human one: its own errors cap the number, but it is disjoint from what the vectors were built from.
Printed: P@1 (nearest English piece by cosine over the whole ``--en-vec``) for every reference
pair, and for the pieces covered by ``--covered-from`` (a report.json's projection is not stored
per piece, so coverage is recomputed: pieces co-occurring ``--covered-min-count`` times with any
English piece in the ``--exclude`` text). A JSON line with the numbers comes last.
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import fairseq_maml.aligned_vectors as V  # noqa: E402


def _pair(text, flag):
    parts = text.split(",")
    if len(parts) != 2:
        raise SystemExit(f"{flag} {text!r}: expected SRC_FILE,EN_FILE")
    for p in parts:
        if not os.path.isfile(p):
            raise SystemExit(f"{flag}: {p} does not exist")
    return parts[0], parts[1]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--vec", required=True)
    p.add_argument("--en-vec", required=True)
    p.add_argument("--pool", required=True, help="SRC_FILE,EN_FILE: aligned SentencePiece text")
    p.add_argument("--exclude", default=None, help="SRC_FILE,EN_FILE: sentence pairs removed from the pool")
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--covered-min-count", type=int, default=2)
    p.add_argument("--dim", type=int, default=32)
    a = p.parse_args(argv)
    src = V.read_target_vec(a.vec, a.dim)
    en = V.read_target_vec(a.en_vec, a.dim)
    pool = V.read_parallel([_pair(a.pool, "--pool")])
    excl = V.read_parallel([_pair(a.exclude, "--exclude")]) if a.exclude else []
    drop = {(" ".join(s), " ".join(t)) for s, t in excl}
    rest = [(s, t) for s, t in pool if (" ".join(s), " ".join(t)) not in drop]
    ref = [(s, t) for s, t, _, _ in V.parallel_pairs(rest, src, en, 10**9, a.min_count) if s != t]
    covered = set()
    if excl:
        _, cov = V.project_from_parallel(excl, src, en, 1, a.covered_min_count)
        covered = {src.words[i] for i in np.flatnonzero(cov)}
    S = src.vectors / np.linalg.norm(src.vectors, axis=1, keepdims=True).clip(min=1e-12)
    E = en.vectors / np.linalg.norm(en.vectors, axis=1, keepdims=True).clip(min=1e-12)

    def p_at_1(pairs):
        if not pairs:
            return None, 0
        idx = np.array([src.index[s] for s, _ in pairs])
        best = (S[idx] @ E.T).argmax(axis=1)
        return float(np.mean([en.words[b] == t for b, (_, t) in zip(best, pairs)])), len(pairs)

    p_all, n_all = p_at_1(ref)
    p_cov, n_cov = p_at_1([x for x in ref if x[0] in covered])
    p_unc, n_unc = p_at_1([x for x in ref if x[0] not in covered])
    out = dict(vec=a.vec, reference_sentences=len(rest), excluded_sentences=len(pool) - len(rest),
               p_at_1=p_all, n=n_all, p_at_1_covered=p_cov, n_covered=n_cov,
               p_at_1_not_covered=p_unc, n_not_covered=n_unc, chance=1.0 / len(en))
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"
    print(f"{a.vec}: P@1 {fmt(p_all)} (n={n_all}); pieces seen in --exclude {fmt(p_cov)} (n={n_cov}), "
          f"others {fmt(p_unc)} (n={n_unc}); reference from {len(rest)} sentence pairs; chance {1.0 / len(en):.4f}")
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
