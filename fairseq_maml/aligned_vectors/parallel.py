"""What aligned sentence pairs give: sentence co-occurrence counts of source and target pieces,
their Dice coefficients, a seed dictionary of mutual best pairs, and source vectors projected
onto the target vectors of the pieces they co-occur with."""

from typing import Dict, List, Sequence, Tuple

import numpy as np

from .embeddings import Embeddings

__all__ = ["sentence_cooccurrence", "dice_cooccurrence", "parallel_pairs", "project_from_parallel"]


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
