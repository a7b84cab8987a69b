"""Cross-lingually aligned word vectors for the ULR, built from the training corpora themselves.

::

    fairseq-maml-vectors --data DATA --langs de,fr,es,it,ro --target en --dim 64 --out VECS

``DATA`` is a ``fairseq-maml-prepare`` output folder; its ``spm_text/train.{src}-{tgt}.{lang}`` files
(SentencePiece pieces separated by spaces) are the only input. The steps:

1. **Monolingual vectors** per language over its pieces (the target language uses its side of every
   pair present): distance-weighted (1/d) co-occurrence counts in a symmetric window, PPMI with
   context-distribution smoothing (alpha 0.75), a seeded randomized truncated SVD of the sparse
   PPMI matrix of the ``--max-vocab`` most frequent pieces seen ``--min-count`` times or more,
   rows ``U * S**0.5``, then unit length, mean-centred, unit length again.
2. **Mapping** of each source language into the target (English) space with orthogonal Procrustes
   (``W = U V^T`` from the SVD of ``X_s^T Y_t`` over seed pairs). Seed pairs: pieces spelled the
   same in both vocabularies (numbers, names, punctuation, shared subwords); up to
   ``--parallel-seeds`` pairs induced from the aligned training sentences of the pair
   (``train.{src}-{tgt}.{src}`` line i translates ``train.{src}-{tgt}.{tgt}`` line i): each source
   piece's best target piece by the Dice coefficient of their sentence co-occurrence counts, kept
   when the choice is mutual and they co-occur in ``--parallel-min-count`` sentence pairs or more;
   plus an optional bilingual dictionary ``DICTS/{src}-{tgt}.txt`` (``src_word tgt_word`` a line). ``--refine``
   rounds re-induce a dictionary from mutual CSLS nearest neighbours (seed pairs kept) and
   re-solve Procrustes.
3. **Evaluation**: before anything is fitted, the seed pairs are split (``--seed``) into train and
   test (``--test-fraction``, grouped by source word, one decision per source word for all seed
   lists, so no test source word is ever in a training pair of any list); only train pairs are
   fitted, and refinement never looks at a held-out word on either side. Reported, separately for
   each seed source: word-translation precision@1 on the held-out pairs (nearest target by cosine,
   and by CSLS, over the whole target vocabulary). Identity pairs are a weak test (an identical
   string is taken as its own translation, false friends included); parallel-induced pairs measure
   agreement with a co-occurrence dictionary from the same corpus, not with a human dictionary; a
   held-out bilingual dictionary, when one is given, is the meaningful number.
4. **Output**: ``VECS/{lang}.vec`` for every language (target unmapped, sources mapped), fastText
   text format with the pieces as words, and ``VECS/report.json``.

Use the folder with ``--ulr-vectors-dir VECS --ulr-query-dim DIM``.

Two options keep an experiment honest and a meta checkpoint usable:

- ``--monolingual-only ro,fi``: those languages' pairs are read as monolingual text of the source
  language only. Their alignment gives no seed pairs and their English side stays out of the
  English vectors, so a low-resource pair whose fine-tuning set is a few thousand tokens does not
  get its vectors aligned with the whole parallel pool, and the English space does not change
  when a target is added.
- ``--target-vec VECS/en.vec``: map new languages onto an existing English space (the universal
  keys stored in a meta checkpoint come from it) instead of building one; nothing else in
  ``VECS`` is touched (``--report`` names the report of the addition).

- ``--parallel-text ro=SET/train.ro-en.ro,SET/train.ro-en.en``: induce ro's parallel seed pairs
  from these aligned files (a fine-tuning set: the parallel text a user of the low-resource pair
  actually has) instead of DATA's pair; with ``--monolingual-only ro`` the pool then gives only
  monolingual text. One vectors folder per fine-tuning set (``--target-vec`` for the shared
  English space) makes the alignment part of the budget.

Only numpy and torch are imported at module level (not fairseq); ``--target-vec`` reads its file
with the plugin's checked reader (``fairseq_maml.modules.word_vectors.read_vec``).
"""

import argparse
import glob
import json
import math
import os
import re
import sys
import time
from collections import Counter
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import torch

__all__ = [
    "VectorsError",
    "Embeddings",
    "train_files",
    "read_pieces",
    "build_vocab",
    "cooccurrence",
    "ppmi",
    "randomized_svd",
    "monolingual_vectors",
    "normalize",
    "procrustes",
    "orthogonality_error",
    "split_pairs",
    "split_seed_sources",
    "identity_pairs",
    "parallel_files",
    "parse_parallel_text",
    "read_parallel",
    "sentence_cooccurrence",
    "dice_cooccurrence",
    "parallel_pairs",
    "project_from_parallel",
    "read_dictionary",
    "fit_mapping",
    "precision_at_1",
    "write_vec",
    "main",
    "cli_main",
]

SP_SPACE = "\u2581"
_TRAIN_RE = re.compile(r"^train\.([^.\-]+)-([^.\-]+)\.([^.]+)$")


class VectorsError(ValueError):
    """A problem with the input or the arguments (reported as a one-line CLI error)."""


class Embeddings:
    """Words (pieces) and their vectors (``[V, D]`` float32 rows), plus their corpus counts."""

    def __init__(self, words: List[str], vectors: np.ndarray, counts: Optional[List[int]] = None):
        assert len(words) == vectors.shape[0]
        self.words = list(words)
        self.vectors = vectors
        self.counts = list(counts) if counts is not None else [0] * len(words)
        self.index = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)


# --------------------------------------------------------------------------------------------------
# corpus


def train_files(data: str, lang: str) -> List[str]:
    """``DATA/spm_text/train.{a}-{b}.{lang}`` for every pair ``a-b`` that contains ``lang``."""
    text_dir = os.path.join(data, "spm_text")
    if not os.path.isdir(text_dir):
        raise VectorsError(
            f"{text_dir} does not exist: --data must be a fairseq-maml-prepare output folder "
            f"(with spm_text/train.{{src}}-{{tgt}}.{{lang}})"
        )
    found, langs = [], set()
    for path in sorted(glob.glob(os.path.join(text_dir, "train.*"))):
        m = _TRAIN_RE.match(os.path.basename(path))
        if not m or m.group(3) not in (m.group(1), m.group(2)):
            continue
        langs.add(m.group(3))
        if m.group(3) == lang:
            found.append(path)
    nonempty = [p for p in found if os.path.getsize(p) > 0]
    if not nonempty:
        what = "are empty" if found else "do not exist"
        raise VectorsError(
            f"no training text for language {lang!r}: {text_dir}/train.{lang}-*.{lang} and "
            f"train.*-{lang}.{lang} {what} (languages with text there: "
            f"{', '.join(sorted(langs)) or 'none'}); run fairseq-maml-prepare with a pair "
            f"containing {lang}, or drop it from --langs/--target"
        )
    return nonempty


def read_pieces(paths: Iterable[str]) -> List[List[str]]:
    """Sentences as lists of pieces (whitespace-split lines; empty lines dropped)."""
    sents = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                toks = line.split()
                if toks:
                    sents.append(toks)
    return sents


def build_vocab(sents: Sequence[Sequence[str]], max_vocab: int, min_count: int) -> Tuple[List[str], List[int]]:
    """The ``max_vocab`` most frequent pieces with count >= ``min_count`` (ties: first seen)."""
    counts = Counter()
    for s in sents:
        counts.update(s)
    items = [(w, c) for w, c in counts.most_common() if c >= min_count][:max_vocab]
    return [w for w, _ in items], [c for _, c in items]


def cooccurrence(
    sents: Sequence[Sequence[str]], index: Dict[str, int], window: int, chunk_tokens: int = 1_000_000
) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Symmetric, distance-weighted (1/d) co-occurrence counts within ``window`` tokens.

    Out-of-vocabulary tokens keep their positions (they count for distances) but give no counts.
    Returns COO ``(rows, cols, weights)`` over ``len(index)`` words, each (row, col) once.
    """
    V = len(index)
    keys_acc = np.zeros(0, dtype=np.int64)
    vals_acc = np.zeros(0, dtype=np.float64)

    def flush(ids_list):
        nonlocal keys_acc, vals_acc
        if not ids_list:
            return
        ids = np.concatenate(ids_list)
        sid = np.repeat(np.arange(len(ids_list)), [len(x) for x in ids_list])
        keys, vals = [keys_acc], [vals_acc]
        for d in range(1, window + 1):
            if d >= len(ids):
                break
            a, b = ids[:-d], ids[d:]
            ok = (sid[:-d] == sid[d:]) & (a >= 0) & (b >= 0)
            a, b = a[ok], b[ok]
            w = np.full(len(a), 1.0 / d)
            keys += [a * V + b, b * V + a]
            vals += [w, w]
        k = np.concatenate(keys)
        u, inv = np.unique(k, return_inverse=True)
        keys_acc, vals_acc = u, np.bincount(inv, weights=np.concatenate(vals), minlength=len(u))

    batch, n = [], 0
    for s in sents:
        ids = np.fromiter((index.get(t, -1) for t in s), dtype=np.int64, count=len(s))
        batch.append(ids)
        n += len(ids)
        if n >= chunk_tokens:
            flush(batch)
            batch, n = [], 0
    flush(batch)
    return keys_acc // V, keys_acc % V, vals_acc


def ppmi(
    rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, n: int, alpha: float = 0.75
) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positive PMI of COO counts, with the context distribution smoothed by ``**alpha``."""
    total = counts.sum()
    row_sum = np.bincount(rows, weights=counts, minlength=n)
    col_sum = np.bincount(cols, weights=counts, minlength=n)
    ctx = col_sum**alpha
    p_ctx = ctx / ctx.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(counts) + math.log(1.0 / total) - np.log(row_sum[rows] / total) - np.log(p_ctx[cols])
    keep = pmi > 0
    return rows[keep], cols[keep], pmi[keep]


def randomized_svd(
    rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int, k: int, seed: int, n_iter: int = 6
) -> Tuple[np.ndarray, np.ndarray]:
    """Top-``k`` left singular vectors and values of the sparse ``n x n`` matrix (seeded, float64)."""
    A = torch.sparse_coo_tensor(
        torch.from_numpy(np.stack([rows, cols])), torch.from_numpy(vals.astype(np.float64)), (n, n),
        check_invariants=False,
    ).coalesce()
    At = A.t().coalesce()
    q = min(n, k + max(10, k // 2))
    g = torch.Generator().manual_seed(seed)
    Q = torch.linalg.qr(torch.sparse.mm(A, torch.randn(n, q, generator=g, dtype=torch.float64)))[0]
    for _ in range(n_iter):
        Q = torch.linalg.qr(torch.sparse.mm(At, Q))[0]
        Q = torch.linalg.qr(torch.sparse.mm(A, Q))[0]
    B = torch.sparse.mm(At, Q).t()  # q x n  = Q^T A
    Ub, S, _ = torch.linalg.svd(B, full_matrices=False)
    U = Q @ Ub
    # deterministic signs: largest-magnitude entry of each column positive
    idx = U.abs().argmax(dim=0)
    signs = torch.sign(U[idx, torch.arange(U.shape[1])])
    signs[signs == 0] = 1
    U = U * signs
    return U[:, :k].numpy(), S[:k].numpy()


def normalize(X: np.ndarray) -> np.ndarray:
    """Unit length, mean-centred, unit length again (rows)."""

    def unit(M):
        norms = np.linalg.norm(M, axis=1, keepdims=True)
        return M / np.maximum(norms, 1e-12)

    X = unit(X)
    X = X - X.mean(axis=0, keepdims=True)
    return unit(X)


def monolingual_vectors(
    sents: Sequence[Sequence[str]],
    dim: int,
    window: int = 5,
    max_vocab: int = 20000,
    min_count: int = 2,
    seed: int = 1,
    lang: str = "?",
    source: str = "",
) -> Embeddings:
    """PPMI + truncated SVD vectors ``[V, dim]`` of the pieces of one language (see module doc)."""
    words, counts = build_vocab(sents, max_vocab, min_count)
    index = {w: i for i, w in enumerate(words)}
    r, c, v = cooccurrence(sents, index, window)
    r, c, v = ppmi(r, c, v, len(words))
    # pieces without any positive association carry no information: leave them out
    has = np.zeros(len(words), dtype=bool)
    has[r] = True
    if not has.all():
        remap = np.cumsum(has) - 1
        words = [w for w, h in zip(words, has) if h]
        counts = [n for n, h in zip(counts, has) if h]
        keep = has[c]
        r, c, v = remap[r[keep]], remap[c[keep]], v[keep]
    V = len(words)
    if V <= dim:
        raise VectorsError(
            f"--dim {dim} exceeds what the data supports for {lang!r}: only {V} pieces occur "
            f"--min-count {min_count} times or more (with context) in {source or 'its training text'}; "
            f"use --dim {max(1, V - 1)} or less, or lower --min-count"
        )
    U, S = randomized_svd(r, c, v, V, dim, seed)
    X = normalize(U * np.sqrt(S)[None, :])
    return Embeddings(words, X.astype(np.float32), counts)


# --------------------------------------------------------------------------------------------------
# seed dictionaries


def identity_pairs(src: Embeddings, tgt: Embeddings) -> List[Tuple[str, str]]:
    """Pieces spelled the same in both vocabularies, in source frequency order."""
    return [(w, w) for w in src.words if w in tgt.index]


def _lookup(word: str, emb: Embeddings) -> Optional[str]:
    for cand in (SP_SPACE + word, word):
        if cand in emb.index:
            return cand
    return None


def read_dictionary(path: str, src: Embeddings, tgt: Embeddings) -> Tuple[List[Tuple[str, str]], int]:
    """Pairs of ``src_word tgt_word`` lines whose words are pieces (``▁word`` preferred, else
    ``word``) of the two vocabularies. Returns the pairs (deduplicated, file order) and how many
    lines were skipped (a word not in a vocabulary, or not two fields)."""
    pairs, seen, skipped = [], set(), 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 2:
                skipped += 1
                continue
            s, t = _lookup(fields[0], src), _lookup(fields[1], tgt)
            if s is None or t is None:
                skipped += 1
                continue
            if (s, t) not in seen:
                seen.add((s, t))
                pairs.append((s, t))
    return pairs, skipped


def target_files(paths: Sequence[str], monolingual_only: Sequence[str], target: str) -> List[str]:
    """The target-language training files of ``paths`` whose pair holds no ``monolingual_only``
    language (their target side is parallel text of a budgeted pair)."""
    keep = []
    for p in paths:
        m = _TRAIN_RE.match(os.path.basename(p))
        if m is None or not {m.group(1), m.group(2)} & set(monolingual_only):
            keep.append(p)
    if not keep:
        raise VectorsError(
            f"no {target} training text left once the pairs of --monolingual-only "
            f"{','.join(monolingual_only)} are set aside: the target vectors need at least one other pair"
        )
    return keep


def read_target_vec(path: str, dim: int) -> Embeddings:
    """An existing ``.vec`` file as :class:`Embeddings`, rows in file order (``write_vec`` writes the
    most frequent pieces first, which refinement relies on)."""
    from fairseq_maml.modules.word_vectors import read_vec  # the plugin's checked reader

    try:
        vecs = read_vec(path, dim)
    except ValueError as e:
        raise VectorsError(f"--target-vec: {str(e).replace('--ulr-query-dim', '--dim')}") from None
    return Embeddings(list(vecs), np.stack(list(vecs.values())).astype(np.float32))


def parallel_files(data: str, src: str, tgt: str) -> List[Tuple[str, str]]:
    """``(src_path, tgt_path)`` of the training text of the pair ``src-tgt`` (or ``tgt-src``) in
    ``DATA/spm_text``: line i of one translates line i of the other. Empty list if absent."""
    out = []
    for a, b in ((src, tgt), (tgt, src)):
        ps = os.path.join(data, "spm_text", f"train.{a}-{b}.{src}")
        pt = os.path.join(data, "spm_text", f"train.{a}-{b}.{tgt}")
        if os.path.isfile(ps) and os.path.isfile(pt) and os.path.getsize(ps) > 0:
            out.append((ps, pt))
    return out


def parse_parallel_text(items: Sequence[str], langs: Sequence[str], target: str) -> Dict[str, Tuple[str, str]]:
    """``--parallel-text LANG=SRC,TGT`` values as ``{lang: (src_path, tgt_path)}``, checked: LANG is
    one of ``langs`` and given once, both files exist."""
    out: Dict[str, Tuple[str, str]] = {}
    for item in items:
        lang, sep, files = item.partition("=")
        paths = files.split(",")
        if not sep or len(paths) != 2 or not all(paths):
            raise VectorsError(f"--parallel-text {item!r}: expected LANG=SRC_FILE,{target.upper()}_FILE, e.g. "
                               f"ro=train.ro-{target}.ro,train.ro-{target}.{target}")
        if lang not in langs:
            raise VectorsError(f"--parallel-text {item!r}: {lang!r} is not in --langs ({','.join(langs)})")
        if lang in out:
            raise VectorsError(f"--parallel-text: {lang} is given twice; give one pair of files per language")
        for path in paths:
            if not os.path.isfile(path):
                raise VectorsError(f"--parallel-text {lang}: {path} does not exist")
        out[lang] = (paths[0], paths[1])
    return out


def read_parallel(paths: Iterable[Tuple[str, str]]) -> List[Tuple[List[str], List[str]]]:
    """Aligned sentence pairs (pieces) of line-parallel files; a line pair with an empty side is
    dropped. Files of different line counts are an error (they are not aligned)."""
    out = []
    for ps, pt in paths:
        with open(ps, encoding="utf-8") as f:
            a = f.read().splitlines()
        with open(pt, encoding="utf-8") as f:
            b = f.read().splitlines()
        if len(a) != len(b):
            raise VectorsError(
                f"{ps} has {len(a)} lines but {pt} has {len(b)}: not line-aligned, so no parallel "
                f"seed dictionary can be induced from them (use --parallel-seeds 0)"
            )
        for x, y in zip(a, b):
            x, y = x.split(), y.split()
            if x and y:
                out.append((x, y))
    return out


def sentence_cooccurrence(
    pairs: Sequence[Tuple[Sequence[str], Sequence[str]]],
    src_index: Dict[str, int],
    tgt_index: Dict[str, int],
    chunk_keys: int = 2_000_000,
) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sentence-level counts over aligned sentence pairs, each piece counted once per sentence:
    ``(rows, cols, n_st)`` = COO of the number of sentence pairs where source piece ``rows`` and
    target piece ``cols`` both occur, and ``n_s`` ``[len(src_index)]``, ``n_t`` ``[len(tgt_index)]``
    = the number of sentence pairs each piece occurs in. Pieces outside the indexes are ignored."""
    Vs, Vt = len(src_index), len(tgt_index)
    n_s = np.zeros(Vs, dtype=np.int64)
    n_t = np.zeros(Vt, dtype=np.int64)
    keys_acc = np.zeros(0, dtype=np.int64)
    cnt_acc = np.zeros(0, dtype=np.int64)
    batch, size = [], 0

    def flush():
        nonlocal keys_acc, cnt_acc
        if not batch:
            return
        u, inv = np.unique(np.concatenate([keys_acc] + batch), return_inverse=True)
        w = np.concatenate([cnt_acc] + [np.ones(len(k), dtype=np.int64) for k in batch])
        keys_acc, cnt_acc = u, np.bincount(inv, weights=w, minlength=len(u)).astype(np.int64)
        batch.clear()

    for s, t in pairs:
        si = np.unique(np.fromiter((src_index[x] for x in s if x in src_index), dtype=np.int64))
        ti = np.unique(np.fromiter((tgt_index[x] for x in t if x in tgt_index), dtype=np.int64))
        n_s[si] += 1
        n_t[ti] += 1
        if len(si) and len(ti):
            batch.append((si[:, None] * Vt + ti[None, :]).ravel())
            size += batch[-1].size
            if size >= chunk_keys:
                flush()
                size = 0
    flush()
    return keys_acc // Vt, keys_acc % Vt, cnt_acc, n_s, n_t


def dice_cooccurrence(
    sent_pairs: Sequence[Tuple[Sequence[str], Sequence[str]]],
    src: Embeddings,
    tgt: Embeddings,
    min_count: int,
) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, cols, n_st, dice)``: the (source, target) piece pairs seen together in ``min_count``
    sentence pairs or more (counts from :func:`sentence_cooccurrence`) and their Dice coefficient
    ``2 n_st / (n_s + n_t)``."""
    r, c, n, n_s, n_t = sentence_cooccurrence(sent_pairs, src.index, tgt.index)
    keep = n >= min_count
    r, c, n = r[keep], c[keep], n[keep]
    return r, c, n, 2.0 * n / (n_s[r] + n_t[c])


def parallel_pairs(
    sent_pairs: Sequence[Tuple[Sequence[str], Sequence[str]]],
    src: Embeddings,
    tgt: Embeddings,
    max_pairs: int,
    min_count: int = 3,
) -> List[Tuple[str, str, float, int]]:
    """A seed dictionary induced from aligned sentences: for every source piece the target piece
    of highest Dice coefficient ``2 n_st / (n_s + n_t)`` over sentence co-occurrence (counts from
    :func:`sentence_cooccurrence`, only pairs seen together in ``min_count`` sentence pairs or
    more), kept when that is mutual (the source piece is also the target piece's best). Ties go to
    the larger co-occurrence count, then the more frequent piece. Returns up to ``max_pairs``
    ``(src_piece, tgt_piece, dice, n_st)``, highest Dice first (one-to-one by construction)."""
    if max_pairs <= 0:
        return []
    r, c, n, dice = dice_cooccurrence(sent_pairs, src, tgt, min_count)
    if len(r) == 0:
        return []

    def best(key, other):
        # per key: highest dice, then highest n, then lowest index of the other side (= more frequent)
        order = np.lexsort((other, -n, -dice, key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        return order[first]

    fwd, bwd = best(r, c), best(c, r)
    mutual = np.intersect1d(fwd, bwd)
    mutual = mutual[np.lexsort((r[mutual], -n[mutual], -dice[mutual]))][:max_pairs]
    return [(src.words[r[i]], tgt.words[c[i]], float(dice[i]), int(n[i])) for i in mutual]


def project_from_parallel(
    sent_pairs: Sequence[Tuple[Sequence[str], Sequence[str]]],
    src: Embeddings,
    tgt: Embeddings,
    k: int,
    min_count: int = 2,
) -> Tuple[np.ndarray, np.ndarray]:
    """Source vectors projected through aligned sentences: each source piece that co-occurs with a
    target piece in ``min_count`` sentence pairs or more gets the unit-length mean of the target
    vectors of its ``k`` best such pieces, weighted by their Dice coefficient (counts from
    :func:`sentence_cooccurrence`; ties as in :func:`parallel_pairs`). Returns ``[len(src), D]``
    vectors (zero rows where not covered) and the boolean mask of covered pieces."""
    D = tgt.vectors.shape[1]
    out = np.zeros((len(src), D), dtype=np.float64)
    covered = np.zeros(len(src), dtype=bool)
    r, c, n, dice = dice_cooccurrence(sent_pairs, src, tgt, min_count)
    if len(r) == 0 or k <= 0:
        return out.astype(np.float32), covered
    order = np.lexsort((c, -n, -dice, r))
    r, c, dice = r[order], c[order], dice[order]
    start = np.r_[0, np.flatnonzero(r[1:] != r[:-1]) + 1]
    rank = np.arange(len(r)) - np.repeat(start, np.diff(np.r_[start, len(r)]))
    sel = rank < k
    np.add.at(out, r[sel], dice[sel, None] * tgt.vectors[c[sel]].astype(np.float64))
    covered[r[sel]] = True
    out[covered] /= np.linalg.norm(out[covered], axis=1, keepdims=True).clip(min=1e-12)
    return out.astype(np.float32), covered


def split_seed_sources(
    groups: Sequence[Tuple[str, Sequence[Tuple[str, str]]]], test_fraction: float, seed: int, salt: str = ""
) -> set:
    """The held-out source words of several seed lists, decided once per source word: the lists
    are taken in order and each source word not yet decided is split with :func:`split_pairs`
    (salt ``salt + ":" + name``) among the new words of that list. So each list's held-out share is
    ``test_fraction`` of its words (exactly for the first list), and a source word is held out or
    not for every list at once: partitioning every list by the returned set keeps all test source
    words out of training."""
    decided, test = set(), set()
    for name, pairs in groups:
        new = [p for p in pairs if p[0] not in decided]
        _, te = split_pairs(new, test_fraction, seed, salt=f"{salt}:{name}")
        test |= {s for s, _ in te}
        decided |= {s for s, _ in new}
    return test


def split_pairs(
    pairs: Sequence[Tuple[str, str]], test_fraction: float, seed: int, salt: str = ""
) -> Tuple[List[Tuple[str, str]], List[Tuple[str, str]]]:
    """Deterministic train/test split grouped by source word (all translations of a source word
    fall on the same side, so test source words never occur in train)."""
    sources = sorted({s for s, _ in pairs})
    rng = np.random.default_rng([seed, sum(map(ord, salt))])
    order = rng.permutation(len(sources))
    n_test = int(round(test_fraction * len(sources)))
    test_src = {sources[i] for i in order[:n_test]}
    train = [p for p in pairs if p[0] not in test_src]
    test = [p for p in pairs if p[0] in test_src]
    return train, test


# --------------------------------------------------------------------------------------------------
# mapping


def procrustes(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Orthogonal ``W`` minimising ``||X W - Y||_F``: ``W = U V^T`` with ``U S V^T = svd(X^T Y)``."""
    U, _, Vt = np.linalg.svd(X.astype(np.float64).T @ Y.astype(np.float64))
    return U @ Vt


def orthogonality_error(W: np.ndarray) -> float:
    """``||W^T W - I||_F``."""
    return float(np.linalg.norm(W.T @ W - np.eye(W.shape[1])))


def _knn_mean(A: torch.Tensor, B: torch.Tensor, k: int, block: int = 4096) -> torch.Tensor:
    """For each row of A, the mean cosine to its k nearest rows of B (unit rows assumed)."""
    k = min(k, B.shape[0])
    out = []
    for i in range(0, A.shape[0], block):
        out.append((A[i : i + block] @ B.T).topk(k, dim=1).values.mean(dim=1))
    return torch.cat(out) if out else torch.zeros(0, dtype=A.dtype)


def _csls_mutual_nn(XW: np.ndarray, Y: np.ndarray, k: int = 10, block: int = 4096) -> List[Tuple[int, int]]:
    """Pairs (i, j) that are each other's nearest neighbours under CSLS."""
    A, B = torch.from_numpy(XW).float(), torch.from_numpy(Y).float()
    rA, rB = _knn_mean(A, B, k), _knn_mean(B, A, k)  # r_T(x_i), r_S(y_j)
    fwd = torch.empty(A.shape[0], dtype=torch.long)
    col_best = torch.full((B.shape[0],), -float("inf"))
    col_arg = torch.zeros(B.shape[0], dtype=torch.long)
    for i in range(0, A.shape[0], block):
        sc = 2 * (A[i : i + block] @ B.T) - rA[i : i + block, None] - rB[None, :]
        fwd[i : i + block] = sc.argmax(dim=1)
        v, a = sc.max(dim=0)
        better = v > col_best
        col_best[better], col_arg[better] = v[better], a[better] + i
    return [(i, int(j)) for i, j in enumerate(fwd.tolist()) if int(col_arg[j]) == i]


def fit_mapping(
    src: Embeddings,
    tgt: Embeddings,
    train_pairs: Sequence[Tuple[str, str]],
    refine: int = 0,
    exclude_src: Iterable[str] = (),
    exclude_tgt: Iterable[str] = (),
    refine_vocab: int = 10000,
    csls_k: int = 10,
) -> Tuple[np.ndarray, Dict[str, int]]:
    """Procrustes on ``train_pairs``, then ``refine`` rounds of: induce mutual CSLS nearest
    neighbours among the ``refine_vocab`` most frequent words of each side, *excluding* the words
    in ``exclude_src``/``exclude_tgt`` (the held-out test words: they are not even candidates or
    hubness neighbours, so nothing about them reaches W), add the train pairs, re-solve.

    Returns ``W`` (``[D, D]``, float64, orthogonal) and info (pair counts)."""
    if not train_pairs:
        raise VectorsError("no training seed pairs to fit the mapping on")
    si = np.array([src.index[s] for s, _ in train_pairs])
    ti = np.array([tgt.index[t] for _, t in train_pairs])
    X, Y = src.vectors.astype(np.float64), tgt.vectors.astype(np.float64)
    W = procrustes(X[si], Y[ti])
    info = {"train_pairs": len(train_pairs), "induced_pairs": 0}
    ex_s, ex_t = set(exclude_src), set(exclude_tgt)
    cand_s = np.array([i for i, w in enumerate(src.words[:refine_vocab]) if w not in ex_s], dtype=np.int64)
    cand_t = np.array([j for j, w in enumerate(tgt.words[:refine_vocab]) if w not in ex_t], dtype=np.int64)
    for _ in range(refine):
        if len(cand_s) == 0 or len(cand_t) == 0:
            break
        nn = _csls_mutual_nn((X[cand_s] @ W).astype(np.float32), Y[cand_t].astype(np.float32), csls_k)
        pairs = {(int(a), int(b)) for a, b in zip(si, ti)}
        pairs |= {(int(cand_s[a]), int(cand_t[b])) for a, b in nn}
        ps = np.array(sorted(pairs))
        W = procrustes(X[ps[:, 0]], Y[ps[:, 1]])
        info["induced_pairs"] = len(nn)
    return W, info


def precision_at_1(
    mapped_src: np.ndarray,
    tgt: Embeddings,
    src_index: Dict[str, int],
    test_pairs: Sequence[Tuple[str, str]],
    csls_k: int = 10,
) -> Dict[str, Optional[float]]:
    """Word-translation P@1 over the test source words: the nearest target (whole target
    vocabulary) by cosine and by CSLS must be one of the word's gold translations."""
    gold: Dict[str, set] = {}
    for s, t in test_pairs:
        gold.setdefault(s, set()).add(tgt.index[t])
    if not gold:
        return {"nn": None, "csls": None, "n": 0}
    words = list(gold)
    A = torch.from_numpy(mapped_src[[src_index[w] for w in words]]).float()
    A = A / A.norm(dim=1, keepdim=True).clamp_min(1e-12)
    B = torch.from_numpy(tgt.vectors).float()
    B = B / B.norm(dim=1, keepdim=True).clamp_min(1e-12)
    M = torch.from_numpy(mapped_src).float()
    M = M / M.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cos = A @ B.T
    nn = cos.argmax(dim=1).tolist()
    rA = _knn_mean(A, B, csls_k)
    rB = _knn_mean(B, M, csls_k)  # hubness of targets w.r.t. the whole mapped source vocabulary
    csls = (2 * cos - rA[:, None] - rB[None, :]).argmax(dim=1).tolist()
    return {
        "nn": sum(j in gold[w] for w, j in zip(words, nn)) / len(words),
        "csls": sum(j in gold[w] for w, j in zip(words, csls)) / len(words),
        "n": len(words),
    }


# --------------------------------------------------------------------------------------------------
# output


def write_vec(path: str, emb: Embeddings, vectors: Optional[np.ndarray] = None, decimals: int = 5) -> None:
    """fastText/MUSE text format: header ``N D``, then ``word v1 ... vD`` (written atomically)."""
    X = emb.vectors if vectors is None else vectors
    fmt = f"%.{decimals}f"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"{X.shape[0]} {X.shape[1]}\n")
        for w, row in zip(emb.words, X):
            f.write(w + " " + " ".join(fmt % x for x in row) + "\n")
    os.replace(tmp, path)


def _r(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(float(x), 4)


# --------------------------------------------------------------------------------------------------
# CLI


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fairseq-maml-vectors",
        description="Build cross-lingually aligned .vec files for --ulr-vectors-dir from the "
        "SentencePiece text of a fairseq-maml-prepare output folder (PPMI+SVD vectors per language, "
        "orthogonal Procrustes onto the target language, held-out precision@1 in report.json).",
    )
    p.add_argument("--data", required=True, help="fairseq-maml-prepare output folder (with spm_text/)")
    p.add_argument("--langs", required=True, help="source languages, comma-separated, e.g. de,fr,es,it,ro")
    p.add_argument("--target", default="en", help="target language: the universal key space (default en)")
    p.add_argument("--dim", type=int, default=64, help="vector dimension = --ulr-query-dim (default 64)")
    p.add_argument("--out", required=True, help="output folder for {lang}.vec and report.json")
    p.add_argument("--window", type=int, default=5, help="symmetric co-occurrence window (default 5)")
    p.add_argument("--max-vocab", type=int, default=20000, help="most frequent pieces kept per language (default 20000)")
    p.add_argument("--min-count", type=int, default=2, help="minimum piece count (default 2)")
    p.add_argument("--refine", type=int, default=3, help="refinement rounds (mutual CSLS NN + Procrustes; default 3)")
    p.add_argument("--refine-vocab", type=int, default=10000, help="most frequent words per side used for refinement (default 10000)")
    p.add_argument("--parallel-seeds", type=int, default=2000,
                   help="up to N seed pairs induced from the aligned training sentences of each {src}-{target} "
                   "pair (mutual-best Dice over sentence co-occurrence of pieces); 0 disables (default 2000)")
    p.add_argument("--parallel-min-count", type=int, default=3,
                   help="minimum number of sentence pairs an induced pair must co-occur in (default 3)")
    p.add_argument("--projection", type=int, default=0, metavar="K",
                   help="after the mapping, replace the vector of every source piece that co-occurs with "
                   "--target pieces in >= --parallel-min-count aligned sentence pairs (DATA's pair or "
                   "--parallel-text) by the Dice-weighted mean of the target vectors of its K best such pieces; "
                   "pieces not covered keep the mapped vector. For small corpora, where orthogonal mapping of "
                   "monolingual vectors does not align (see docs/vectors.md); 0 = off (default)")
    p.add_argument("--dict-dir", default=None, help="folder with optional bilingual dictionaries {src}-{target}.txt ('src_word tgt_word' per line)")
    p.add_argument("--monolingual-only", default="",
                   help="languages of --langs whose pair with --target is read as monolingual text of the "
                   "language only: no parallel-induced seeds from it, and its --target side is not added to "
                   "the target vectors (the low-resource pairs of an experiment, whose parallel data is "
                   "budgeted; comma-separated)")
    p.add_argument("--parallel-text", action="append", default=[], metavar="LANG=SRC,TGT",
                   help="line-aligned SentencePiece text of LANG and --target (e.g. a fine-tuning set's "
                   "train.LANG-en.LANG,train.LANG-en.en) to induce LANG's parallel seed pairs from, instead "
                   "of DATA's training pair; also for a --monolingual-only language, whose monolingual text "
                   "still comes from DATA (repeatable, one per language)")
    p.add_argument("--target-vec", default=None,
                   help="map onto this existing {target}.vec (e.g. the one a meta checkpoint's universal keys "
                   "came from) instead of building target vectors: adds languages to an existing key space. "
                   "OUT/{target}.vec is left as it is")
    p.add_argument("--report", default=None, help="report file (default OUT/report.json)")
    p.add_argument("--test-fraction", type=float, default=0.2, help="share of seed source words held out for P@1 (default 0.2)")
    p.add_argument("--seed", type=int, default=1, help="seed of the SVD and of the train/test split (default 1)")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: Optional[Sequence[str]] = None) -> dict:
    args = get_parser().parse_args(argv)
    t0 = time.time()
    log = (lambda m: None) if args.quiet else (lambda m: print(m, flush=True))
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    if not langs:
        raise VectorsError("--langs is empty: give source languages, e.g. --langs de,fr")
    if args.target in langs:
        raise VectorsError(f"--target {args.target} is also in --langs; the target is written unmapped anyway")
    for name, val, lo in (("--dim", args.dim, 1), ("--window", args.window, 1), ("--max-vocab", args.max_vocab, 2),
                          ("--min-count", args.min_count, 1), ("--refine", args.refine, 0),
                          ("--parallel-seeds", args.parallel_seeds, 0), ("--parallel-min-count", args.parallel_min_count, 1),
                          ("--projection", args.projection, 0)):
        if val < lo:
            raise VectorsError(f"{name} must be >= {lo}, got {val}")
    if not 0.0 <= args.test_fraction < 1.0:
        raise VectorsError(f"--test-fraction must be in [0, 1), got {args.test_fraction}")
    if args.dict_dir is not None and not os.path.isdir(args.dict_dir):
        raise VectorsError(f"--dict-dir {args.dict_dir} is not a folder")
    mono = [x.strip() for x in args.monolingual_only.split(",") if x.strip()]
    if set(mono) - set(langs):
        raise VectorsError(f"--monolingual-only {','.join(sorted(set(mono) - set(langs)))}: not in --langs "
                           f"({','.join(langs)}); list only source languages being built")
    par_text = parse_parallel_text(args.parallel_text, langs, args.target)
    if par_text and args.parallel_seeds == 0 and args.projection == 0:
        raise VectorsError("--parallel-text gives aligned text for seed pairs or --projection, but "
                           "--parallel-seeds is 0 and --projection is off; drop --parallel-text or turn one on")
    if args.target_vec is not None and not os.path.isfile(args.target_vec):
        raise VectorsError(f"--target-vec {args.target_vec} does not exist: give the {args.target}.vec of "
                           f"the vectors folder the checkpoint was trained with")
    # check every language has text before any work
    files = {lang: train_files(args.data, lang) for lang in langs}
    if args.target_vec is None:
        files[args.target] = target_files(train_files(args.data, args.target), mono, args.target)

    def embed(lang):
        t = time.time()
        sents = read_pieces(files[lang])
        emb = monolingual_vectors(sents, args.dim, args.window, args.max_vocab, args.min_count, args.seed,
                                  lang=lang, source=", ".join(files[lang]))
        log(f"{lang}: {sum(map(len, sents))} tokens, {len(sents)} sentences, {len(emb)} pieces -> "
            f"{args.dim}-dim vectors ({time.time() - t:.1f}s)")
        return emb

    if args.target_vec is None:
        tgt = embed(args.target)
        source = {"files": [os.path.basename(p) for p in files[args.target]]}
    else:
        tgt = read_target_vec(args.target_vec, args.dim)
        source = {"read_from": args.target_vec}
        log(f"{args.target}: {len(tgt)} vectors read from {args.target_vec}")
    os.makedirs(args.out, exist_ok=True)
    if args.target_vec is None:
        write_vec(os.path.join(args.out, f"{args.target}.vec"), tgt)
    tgt_entry = {"vocab": len(tgt), "mapped": False, **source}
    report = {
        "command": "fairseq-maml-vectors " + " ".join(sys.argv[1:] if argv is None else argv),
        "dim": args.dim,
        "target": args.target,
        "note": "Held-out P@1 per seed source (the same held-out source words are excluded from "
        "fitting for every source). p_at_1.identity_heldout: held-out pieces spelled the same in both "
        "languages, taken as their own translation (a weak test: biased to numbers/names/punctuation, "
        "and counts false friends as correct). p_at_1.parallel_heldout: held-out pairs of the dictionary "
        "induced from sentence co-occurrence in the aligned training text of the pair -- agreement of "
        "the vector space with a co-occurrence dictionary from the same corpus, not with a human "
        "dictionary; parallel_nonidentical_heldout: those of its pairs whose two pieces differ. "
        "p_at_1.dictionary_heldout: held-out pairs of the --dict-dir dictionary (the meaningful number, "
        "null without a dictionary). Retrieval is over the whole target vocabulary; chance is "
        "1/target_vocab.",
        "monolingual_only": mono,
        "languages": {args.target: tgt_entry},
    }
    for lang in langs:
        t = time.time()
        src = embed(lang)
        ident = identity_pairs(src, tgt)
        dict_pairs, skipped, dict_path = [], 0, None
        if args.dict_dir is not None:
            path = os.path.join(args.dict_dir, f"{lang}-{args.target}.txt")
            if os.path.exists(path):
                dict_path = path
                dict_pairs, skipped = read_dictionary(path, src, tgt)
        par, par_files, par_sents = [], [], 0
        sent_pairs = []
        if lang in par_text:
            par_files = [par_text[lang]]
            sent_pairs = read_parallel(par_files)
            par_sents = len(sent_pairs)
            par = parallel_pairs(sent_pairs, src, tgt, args.parallel_seeds, args.parallel_min_count)
        elif (args.parallel_seeds > 0 or args.projection > 0) and lang not in mono:
            par_files = parallel_files(args.data, lang, args.target)
            if par_files:
                sent_pairs = read_parallel(par_files)
                par_sents = len(sent_pairs)
                par = parallel_pairs(sent_pairs, src, tgt, args.parallel_seeds, args.parallel_min_count)
            else:
                log(f"{lang}: no {args.data}/spm_text/train.{lang}-{args.target}.* (or {args.target}-{lang}) "
                    f"files, so no parallel-induced seed pairs")
        par_pairs = [(a, b) for a, b, _, _ in par]
        # one held-out decision per source word, for every seed list at once (dictionary first,
        # then parallel-induced, then identity), made before anything is fitted
        groups = [("dict", dict_pairs), ("parallel", par_pairs), ("identity", ident)]
        test_src = split_seed_sources(groups, args.test_fraction, args.seed, salt=lang)

        def part(pairs):
            return [p for p in pairs if p[0] not in test_src], [p for p in pairs if p[0] in test_src]

        (d_train, d_test), (par_train, par_test), (id_train, id_test) = (part(g) for _, g in groups)
        test_tgt = {t for _, t in id_test + par_test + d_test}
        train = list(dict.fromkeys(d_train + par_train + id_train))
        assert not test_src & {s for s, _ in train}
        if not train:
            raise VectorsError(
                f"{lang}: no seed pairs to fit the mapping on ({len(ident)} pieces shared with "
                f"{args.target}, {len(par_pairs)} parallel-induced pairs, {len(dict_pairs)} dictionary "
                f"pairs); give a dictionary in --dict-dir as {lang}-{args.target}.txt"
            )
        W, info = fit_mapping(src, tgt, train, args.refine, test_src, test_tgt, args.refine_vocab)
        mapped = (src.vectors.astype(np.float64) @ W).astype(np.float32)
        p_id = precision_at_1(mapped, tgt, src.index, id_test)
        p_dict = precision_at_1(mapped, tgt, src.index, d_test)
        p_par = precision_at_1(mapped, tgt, src.index, par_test)
        p_par_ni = precision_at_1(mapped, tgt, src.index, [(a, b) for a, b in par_test if a != b])
        p_train = precision_at_1(mapped, tgt, src.index, train)
        projected = None
        if args.projection > 0 and sent_pairs:
            # after the P@1 above, which measures the mapping; held-out words are projected too
            # (projection uses only the aligned sentences, never the seed lists)
            proj, covered = project_from_parallel(sent_pairs, src, tgt, args.projection, args.parallel_min_count)
            mapped[covered] = proj[covered]
            counts = np.asarray(src.counts, dtype=np.float64)
            projected = {"pieces": int(covered.sum()), "of": len(src),
                         "token_share": _r(counts[covered].sum() / max(counts.sum(), 1.0)),
                         "k": args.projection, "min_count": args.parallel_min_count}
        write_vec(os.path.join(args.out, f"{lang}.vec"), src, mapped)
        entry = {
            "vocab": len(src),
            "mapped": True,
            "files": [os.path.basename(p) for p in files[lang]],
            "seed_pairs": {
                "identity": len(ident), "identity_train": len(id_train), "identity_test": len(id_test),
                "parallel": len(par_pairs), "parallel_train": len(par_train), "parallel_test": len(par_test),
                "parallel_identical": sum(a == b for a, b in par_pairs),
                "parallel_files": [p if lang in par_text else os.path.basename(p) for pair in par_files for p in pair],
                "parallel_sentences": par_sents,
                "parallel_examples": [[a, b, round(dc, 3), n] for a, b, dc, n in par
                                      if a != b][:25],
                "dictionary": dict_path, "dictionary_pairs": len(dict_pairs),
                "dictionary_lines_skipped": skipped,
                "dictionary_train": len(d_train), "dictionary_test": len(d_test),
                "train_total": len(train), "induced_last_round": info["induced_pairs"],
            },
            "p_at_1": {
                "identity_heldout_nn": _r(p_id["nn"]), "identity_heldout_csls": _r(p_id["csls"]),
                "identity_heldout_n": p_id["n"],
                "parallel_heldout_nn": _r(p_par["nn"]), "parallel_heldout_csls": _r(p_par["csls"]),
                "parallel_heldout_n": p_par["n"],
                "parallel_nonidentical_heldout_nn": _r(p_par_ni["nn"]),
                "parallel_nonidentical_heldout_csls": _r(p_par_ni["csls"]),
                "parallel_nonidentical_heldout_n": p_par_ni["n"],
                "dictionary_heldout_nn": _r(p_dict["nn"]), "dictionary_heldout_csls": _r(p_dict["csls"]),
                "dictionary_heldout_n": p_dict["n"],
                "train_pairs_nn": _r(p_train["nn"]),
                "chance": _r(1.0 / len(tgt)),
            },
            "orthogonality_error": orthogonality_error(W),
            "projected": projected,
            "seconds": round(time.time() - t, 2),
        }
        report["languages"][lang] = entry
        def fmt(p):
            return f"{p['nn']:.3f} (csls {p['csls']:.3f}, n={p['n']})" if p["n"] else "n/a"

        log(f"{lang} -> {args.target}: {len(train)} train seed pairs ({len(id_train)} identity, "
            f"{len(par_train)} parallel-induced, {len(d_train)} dictionary); held-out P@1: identity {fmt(p_id)}, "
            f"parallel-induced {fmt(p_par)} [non-identical {fmt(p_par_ni)}]"
            + (f", dictionary {fmt(p_dict)}" if dict_path else "")
            + f"; ||W^T W - I|| = {entry['orthogonality_error']:.1e}"
            + (f"; projected through the aligned text: {projected['pieces']} of {projected['of']} pieces "
               f"({100 * projected['token_share']:.0f}% of its tokens)" if projected else ""))
    report["seconds"] = round(time.time() - t0, 2)
    with open(args.report or os.path.join(args.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
        f.write("\n")
    rows = [("lang", "identity", "parallel", "par.non-id", "dictionary", "train")]
    for lang in langs:
        pa = report["languages"][lang]["p_at_1"]
        cell = lambda k: "-" if pa[k + "_nn"] is None else f"{pa[k + '_nn']:.3f}/{pa[k + '_csls']:.3f} n={pa[k + '_n']}"
        rows.append((lang, cell("identity_heldout"), cell("parallel_heldout"), cell("parallel_nonidentical_heldout"),
                     cell("dictionary_heldout"), f"{pa['train_pairs_nn']:.3f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    log("held-out P@1 (NN/CSLS, n = held-out source words) by seed source; chance "
        f"{1.0 / len(tgt):.4f}; 'parallel' is agreement with a co-occurrence dictionary from the same "
        "corpus, not with a human dictionary")
    for r in rows:
        log("  " + "  ".join(x.ljust(w) for x, w in zip(r, widths)))
    written = ([] if args.target_vec else [args.target]) + langs
    log(f"wrote {', '.join(l + '.vec' for l in written)} and the report to {args.out} "
        f"({report['seconds']:.1f}s); use --ulr-vectors-dir {args.out} --ulr-query-dim {args.dim}")
    return report


def cli_main(argv: Optional[Sequence[str]] = None) -> None:
    try:
        main(argv)
    except VectorsError as e:
        print(f"fairseq-maml-vectors: error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    cli_main()
