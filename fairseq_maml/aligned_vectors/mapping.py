"""The orthogonal mapping of a source space onto the target space: Procrustes on seed pairs,
refined with mutual CSLS nearest neighbours, and word-translation precision@1 (nearest target by
cosine and by CSLS over the whole target vocabulary)."""

from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import torch

from .embeddings import Embeddings, VectorsError

__all__ = ["procrustes", "orthogonality_error", "fit_mapping", "precision_at_1"]


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
