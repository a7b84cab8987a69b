"""Monolingual vectors of one language's pieces: distance-weighted (1/d) co-occurrence counts in a
symmetric window, PPMI with context-distribution smoothing (alpha 0.75), a seeded randomized
truncated SVD of the sparse PPMI matrix of the ``max_vocab`` most frequent pieces seen
``min_count`` times or more, rows ``U * S**0.5``, then unit length, mean-centred, unit length
again."""

import math
from collections import Counter
from typing import Dict, List, Sequence, Tuple

import numpy as np
import torch

from .embeddings import Embeddings, VectorsError

__all__ = ["build_vocab", "cooccurrence", "ppmi", "randomized_svd", "normalize", "monolingual_vectors"]


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
