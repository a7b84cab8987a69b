"""Word vectors for the ULR queries and keys (Gu et al. 2018, Sec. 3.1).

The Universal Lexical Representation attends from a source token's *query* vector to the
*keys* of the universal tokens. Both come from fixed word vectors: cross-lingually aligned
fastText/MUSE ``.vec`` files when available (:func:`read_vec`), otherwise a deterministic
"string-identity" vector per string (:func:`hashed_vector`), so that numbers, names and
punctuation spelled alike in two languages get the same vector and attend to the same
universal entries. :func:`query_matrix` builds the table for one dictionary.
"""

import hashlib
import logging
from typing import Collection, Dict, List, Optional

import numpy as np

__all__ = ["SPECIAL_SYMBOLS", "read_vec", "hashed_vector", "query_matrix"]

logger = logging.getLogger(__name__)

#: fairseq's special dictionary entries: always hashed (fastText files contain ``</s>`` with a
#: language-specific vector, but these must be the same in every language).
SPECIAL_SYMBOLS = frozenset({"<s>", "<pad>", "</s>", "<unk>"})

#: SentencePiece's word-boundary marker.
SP_SPACE = "\u2581"


def read_vec(
    path: str, expected_dim: int, keep: Optional[Collection[str]] = None
) -> Dict[str, np.ndarray]:
    """Read a fastText/MUSE ``.vec`` text file: a header ``N D``, then ``word v1 ... vD`` lines.

    Args:
        path: the file.
        expected_dim: the dimension the caller needs (``--ulr-query-dim``).
        keep: if given, only these words are returned (every line is still checked); reading
            a 2M-word file is then much faster and lighter.

    Returns:
        word -> float32 vector of shape ``[D]``; the first occurrence of a repeated word wins.

    Raises:
        ValueError: empty file, malformed header or line (naming the line number), or vectors
            whose dimension is not ``expected_dim`` (naming ``--ulr-query-dim``).
    """
    vectors: Dict[str, np.ndarray] = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        header = f.readline()
        if not header.strip():
            raise ValueError(
                f"{path} is empty (or starts with a blank line): expected a fastText/MUSE .vec "
                f"file whose first line is 'N D' (number of words, dimension)"
            )
        fields = header.split()
        if len(fields) != 2 or not all(x.isdigit() for x in fields):
            raise ValueError(
                f"{path}, line 1: expected the header 'N D' (number of words, dimension) of a "
                f"fastText/MUSE .vec file, got {header.strip()[:80]!r}; if the file has no header, "
                f"add one line 'N D' at the top"
            )
        n_words, dim = int(fields[0]), int(fields[1])
        if dim != expected_dim:
            raise ValueError(
                f"{path} has {dim}-dim vectors but --ulr-query-dim is {expected_dim}: "
                f"pass --ulr-query-dim {dim}"
            )
        n_lines = 0
        for lineno, line in enumerate(f, start=2):
            line = line.rstrip("\r\n").rstrip(" ")
            if not line:
                continue
            n_lines += 1
            fields = line.split(" ")
            if len(fields) != dim + 1 or not fields[0]:
                raise ValueError(
                    f"{path}, line {lineno}: expected a word and {dim} numbers separated by "
                    f"single spaces, got {len(fields)} fields ({line[:60]!r}...); fix or remove "
                    f"this line"
                )
            word = fields[0]
            if word in vectors or (keep is not None and word not in keep):
                continue
            try:
                vectors[word] = np.asarray(fields[1:], dtype=np.float32)
            except ValueError:
                raise ValueError(
                    f"{path}, line {lineno}: the values after {word!r} are not all numbers; fix "
                    f"or remove this line"
                ) from None
    if n_lines == 0:
        raise ValueError(f"{path} has a header but no vectors: expected {n_words} lines 'word v1 ... vD'")
    if n_lines != n_words:
        logger.warning(f"{path}: header announces {n_words} words but the file has {n_lines}")
    return vectors


def hashed_vector(token: str, dim: int) -> np.ndarray:
    """Deterministic unit-norm Gaussian vector ``[dim]`` (float32) for a string.

    Seeded by SHA-256 of the UTF-8 string (not Python's per-process salted ``hash()``): the same
    string gets the same vector in every language, process and run. Two different strings
    get nearly orthogonal vectors (cosine ~ N(0, 1/dim)).
    """
    seed = int.from_bytes(hashlib.sha256(token.encode("utf-8")).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(dim)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _unit(v: np.ndarray) -> Optional[np.ndarray]:
    norm = float(np.linalg.norm(v))
    return None if norm == 0.0 or not np.isfinite(norm) else (v / norm).astype(np.float32)


def query_matrix(
    dictionary_symbols: List[str], vectors: Optional[Dict[str, np.ndarray]], dim: int
) -> np.ndarray:
    """Fixed query (or key) table ``[V, dim]`` for a dictionary, float32 with unit-norm rows.

    For each SentencePiece piece: its vector as-is, else the vector of the piece without its
    leading ``"▁"``, else (or if that vector is all zeros) ``hashed_vector(piece without "▁")``.
    Special symbols (``<s> <pad> </s> <unk>``) always get hashed vectors. With ``vectors=None``
    every row is hashed (string-identity initialisation).
    """
    rows = np.empty((len(dictionary_symbols), dim), dtype=np.float32)
    found = 0
    for i, piece in enumerate(dictionary_symbols):
        stripped = piece[1:] if piece.startswith(SP_SPACE) and len(piece) > 1 else piece
        row = None
        if vectors is not None and piece not in SPECIAL_SYMBOLS:
            for word in (piece, stripped):
                if word in vectors:
                    if vectors[word].shape != (dim,):
                        raise ValueError(
                            f"vector of {word!r} has shape {vectors[word].shape}, expected ({dim},) "
                            f"(--ulr-query-dim)"
                        )
                    row = _unit(vectors[word])
                    if row is not None:
                        break
        if row is None:
            row = hashed_vector(stripped, dim)
        else:
            found += 1
        rows[i] = row
    if vectors is not None:
        logger.info(f"ULR vectors: {found} of {len(dictionary_symbols)} dictionary entries found")
    return rows
