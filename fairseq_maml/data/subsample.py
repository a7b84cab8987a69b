"""Fine-tuning sets of a fixed English token budget (the paper's protocol: 0, 4k, 16k, 64k
English tokens, several random subsamples each; Gu et al. 2018, Sec. 5).

Tokens are whitespace-separated words of the English side, before any subword segmentation, so
a budget means the same thing whatever the vocabulary.
"""

from typing import List, Sequence, Tuple

import numpy as np

__all__ = ["english_tokens", "subsample_by_tokens"]


def english_tokens(line: str) -> int:
    return len(line.split())


def subsample_by_tokens(
    src_lines: Sequence[str], tgt_lines: Sequence[str], budget: int, seed: int
) -> Tuple[List[str], List[str], int]:
    """Random sentence pairs whose English (``tgt_lines``) side holds at most ``budget`` tokens.

    The pool is shuffled with ``seed`` and scanned once; a pair is taken when it still fits the
    remaining budget. The result holds ``<= budget`` tokens, and fewer than ``budget - s`` only
    if no unused pair of length ``<= s`` is left (so it is within one short sentence of the
    budget whenever the pool allows). If the whole pool holds fewer tokens than ``budget``, the
    whole pool is returned (in shuffled order): compare the returned count with the budget.
    Pairs keep their pool order within the result, and the same seed gives the same result.
    """
    if len(src_lines) != len(tgt_lines):
        raise ValueError(f"source and target have {len(src_lines)} and {len(tgt_lines)} lines")
    if budget < 0:
        raise ValueError(f"token budget must be >= 0, got {budget}")
    lengths = np.array([english_tokens(t) for t in tgt_lines], dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(tgt_lines))
    chosen, total = [], 0
    for i in order:
        n = int(lengths[i])
        if n == 0:
            continue
        if total + n <= budget:
            chosen.append(int(i))
            total += n
            if total == budget:
                break
    chosen.sort()
    return [src_lines[i] for i in chosen], [tgt_lines[i] for i in chosen], total
