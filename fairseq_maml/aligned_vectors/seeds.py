"""Seed pairs for the mapping and their train/test split: pieces spelled the same in both
vocabularies, a bilingual dictionary file, and the held-out split of all seed lists by source
word (pairs induced from aligned sentences: :mod:`.parallel`)."""

from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..modules.word_vectors import SP_SPACE
from .corpus import text_lines
from .embeddings import Embeddings

__all__ = ["identity_pairs", "read_dictionary", "split_pairs", "split_seed_sources"]


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
    for line in text_lines(path):
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
