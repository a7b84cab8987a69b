"""SentencePiece models whose ids are fairseq dictionary indices.

The models are trained with fairseq's special ids (``<s>``=0, ``<pad>``=1, ``</s>``=2,
``<unk>``=3), and the dictionary lists the pieces in SentencePiece order, so a piece's fairseq
index equals its SentencePiece id: the model decodes binarized ids directly, and
``--bpe sentencepiece`` at generate time gives the pieces of the dictionary.
"""

import io
from typing import Sequence, Tuple

from ..atomic_files import atomic_write_bytes, atomic_write_text

__all__ = ["SPM_SPECIAL_IDS", "FAIRSEQ_SPECIALS", "train_spm", "spm_dictionary_text", "encode_lines"]

# SentencePiece ids laid out like fairseq's Dictionary, so fairseq index == spm id for every piece.
SPM_SPECIAL_IDS = dict(bos_id=0, pad_id=1, eos_id=2, unk_id=3)
FAIRSEQ_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")


def train_spm(lines: Sequence[str], model_path: str, vocab_size: int) -> None:
    """Train a unigram model on ``lines`` and write ``model_path`` (and the .vocab next to it).

    Single-threaded on purpose: SentencePiece's result depends on its thread count, and the
    vocabulary must not depend on --workers."""
    import sentencepiece as spm

    sentences = [x for x in lines if x.strip()]
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buf,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        num_threads=1,
        minloglevel=2,
        **SPM_SPECIAL_IDS,
    )
    proc = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    vocab = "".join(f"{proc.id_to_piece(i)}\t{proc.get_score(i):g}\n" for i in range(proc.get_piece_size()))
    atomic_write_text(model_path[: -len(".model")] + ".vocab", vocab)
    atomic_write_bytes(model_path, buf.getvalue())


def spm_dictionary_text(proc) -> str:
    """fairseq dict.txt lines: every normal piece in spm order; count = pieces after it + 1
    (strictly decreasing, i.e. monotone in the unigram score, which spm sorts by).

    Raises ValueError for a piece that cannot be a dictionary entry (a fairseq special, empty, or
    containing whitespace, which fairseq's line format splits on)."""
    n = proc.get_piece_size()
    lines = []
    for i in range(n):
        if proc.is_control(i) or proc.is_unknown(i):
            continue
        piece = proc.id_to_piece(i)
        if i < len(FAIRSEQ_SPECIALS) or piece in FAIRSEQ_SPECIALS or not piece or any(c.isspace() for c in piece):
            raise ValueError(f"spm piece {i} {piece!r} cannot be a fairseq dictionary entry")
        lines.append(f"{piece} {n - i}\n")
    return "".join(lines)


def encode_lines(proc, lines: Sequence[str]) -> Tuple[str, int, int]:
    """Returns (text with one space-separated piece sequence a line, #pieces, #unknown pieces)."""
    out, n_tok, n_unk = [], 0, 0
    unk = proc.unk_id()
    for ids in proc.encode(list(lines), out_type=int):
        n_tok += len(ids)
        n_unk += sum(1 for i in ids if i == unk)
        out.append(" ".join(proc.id_to_piece(i) for i in ids))
    # surface forms of unknown pieces are not in the dictionary either, so fairseq maps them to <unk>
    return "".join(x + "\n" for x in out), n_tok, n_unk
