"""The input text: the SentencePiece text of a ``fairseq-maml-prepare`` output folder,
``DATA/spm_text/train.{src}-{tgt}.{lang}`` (pieces separated by spaces, line i of one side
translating line i of the other), read as monolingual sentences or as aligned sentence pairs.
Text that is not UTF-8 is refused naming the file and the line (DATA's before anything is written:
:func:`train_files` checks it)."""

import glob
import os
import re
from typing import Iterable, List, Sequence, Tuple

from ..data.raw_text import NotUTF8Error, decode_utf8
from .embeddings import VectorsError

__all__ = ["train_files", "target_files", "parallel_files", "read_text", "text_lines", "read_pieces", "read_parallel"]

_TRAIN_RE = re.compile(r"^train\.([^.\-]+)-([^.\-]+)\.([^.]+)$")


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
    for path in nonempty:  # refuse text that is not UTF-8 now, not after the first .vec is written
        read_text(path)
    return nonempty


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


def read_text(path: str) -> str:
    """The text of a UTF-8 file; :class:`VectorsError` naming the file and the line otherwise."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return decode_utf8(data, path)
    except NotUTF8Error as e:
        raise VectorsError(str(e)) from None


def text_lines(path: str) -> List[str]:
    """The lines of ``path`` as Python's text mode reads them ('\n', '\r\n' and '\r' end a line)."""
    return read_text(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_pieces(paths: Iterable[str]) -> List[List[str]]:
    """Sentences as lists of pieces (whitespace-split lines; empty lines dropped)."""
    sents = []
    for path in paths:
        for line in text_lines(path):
            toks = line.split()
            if toks:
                sents.append(toks)
    return sents


def read_parallel(paths: Iterable[Tuple[str, str]]) -> List[Tuple[List[str], List[str]]]:
    """Aligned sentence pairs (pieces) of line-parallel files; a line pair with an empty side is
    dropped. Files of different line counts are an error (they are not aligned)."""
    out = []
    for ps, pt in paths:
        a = read_text(ps).splitlines()
        b = read_text(pt).splitlines()
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
