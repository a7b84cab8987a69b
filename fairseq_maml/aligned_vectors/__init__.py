"""Cross-lingually aligned word vectors for the ULR, built from the training corpora themselves
(the library behind ``fairseq-maml-vectors``, :mod:`fairseq_maml.cli.vectors`). The steps:

1. **Monolingual vectors** per language over its SentencePiece pieces (:mod:`.monolingual`):
   PPMI of windowed co-occurrence counts, reduced by a seeded randomized truncated SVD.
2. **Mapping** of each source language into the target (English) space with orthogonal Procrustes
   (``W = U V^T`` from the SVD of ``X_s^T Y_t`` over seed pairs; :mod:`.mapping`). Seed pairs
   (:mod:`.seeds`, :mod:`.parallel`): pieces spelled the same in both vocabularies (numbers, names,
   punctuation, shared subwords); pairs induced from the aligned training sentences of the pair
   (each source piece's best target piece by the Dice coefficient of their sentence co-occurrence
   counts, kept when the choice is mutual and they co-occur often enough); plus an optional
   bilingual dictionary. Refinement rounds re-induce a dictionary from mutual CSLS nearest
   neighbours (seed pairs kept) and re-solve Procrustes.
3. **Evaluation**: before anything is fitted, the seed pairs are split into train and test
   (grouped by source word, one decision per source word for all seed lists, so no test source
   word is ever in a training pair of any list); only train pairs are fitted, and refinement never
   looks at a held-out word on either side. Word-translation precision@1 on the held-out pairs
   (nearest target by cosine, and by CSLS, over the whole target vocabulary) is measured
   separately for each seed source. Identity pairs are a weak test (an identical string is taken
   as its own translation, false friends included); parallel-induced pairs measure agreement with a
   co-occurrence dictionary from the same corpus, not with a human dictionary; a held-out
   bilingual dictionary, when one is given, is the meaningful number.

Input and output: :mod:`.corpus` reads the text, :mod:`.embeddings` reads and writes ``.vec`` files.
"""

from .corpus import parallel_files, read_parallel, read_pieces, target_files, train_files
from .embeddings import Embeddings, VectorsError, read_target_vec, write_vec
from .mapping import fit_mapping, orthogonality_error, precision_at_1, procrustes
from .monolingual import build_vocab, cooccurrence, monolingual_vectors, normalize, ppmi, randomized_svd
from .parallel import dice_cooccurrence, parallel_pairs, project_from_parallel, sentence_cooccurrence
from .seeds import identity_pairs, read_dictionary, split_pairs, split_seed_sources

__all__ = [
    "VectorsError",
    "Embeddings",
    "train_files",
    "target_files",
    "parallel_files",
    "read_pieces",
    "read_parallel",
    "build_vocab",
    "cooccurrence",
    "ppmi",
    "randomized_svd",
    "monolingual_vectors",
    "normalize",
    "identity_pairs",
    "read_dictionary",
    "split_pairs",
    "split_seed_sources",
    "sentence_cooccurrence",
    "dice_cooccurrence",
    "parallel_pairs",
    "project_from_parallel",
    "procrustes",
    "orthogonality_error",
    "fit_mapping",
    "precision_at_1",
    "write_vec",
    "read_target_vec",
]
