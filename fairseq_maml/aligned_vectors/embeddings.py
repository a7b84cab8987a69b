"""What every step shares: :class:`Embeddings` (pieces and their vectors), the error type, and the
``.vec`` files the vectors are read from and written to (fastText/MUSE text format)."""

from typing import List, Optional

import numpy as np

from ..atomic_files import atomic_write_text
from ..modules.word_vectors import read_vec

__all__ = ["VectorsError", "Embeddings", "write_vec", "read_target_vec"]


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


def write_vec(path: str, emb: Embeddings, vectors: Optional[np.ndarray] = None, decimals: int = 5) -> None:
    """fastText/MUSE text format: header ``N D``, then ``word v1 ... vD`` (written atomically)."""
    X = emb.vectors if vectors is None else vectors
    fmt = f"%.{decimals}f"
    lines = [f"{X.shape[0]} {X.shape[1]}\n"]
    lines += [w + " " + " ".join(fmt % x for x in row) + "\n" for w, row in zip(emb.words, X)]
    atomic_write_text(path, "".join(lines))


def read_target_vec(path: str, dim: int) -> Embeddings:
    """An existing ``.vec`` file as :class:`Embeddings`, rows in file order (``write_vec`` writes the
    most frequent pieces first, which refinement relies on). Read with the plugin's checked reader
    (:func:`fairseq_maml.modules.word_vectors.read_vec`)."""
    try:
        vecs = read_vec(path, dim)
    except ValueError as e:
        raise VectorsError(f"--target-vec: {str(e).replace('--ulr-query-dim', '--dim')}") from None
    return Embeddings(list(vecs), np.stack(list(vecs.values())).astype(np.float32))
