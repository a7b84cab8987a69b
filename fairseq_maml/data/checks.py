"""Clear errors for bad binarized data, before anything is trained: a missing data folder,
dictionary or split, an empty split, sides of different lengths, token ids beyond the dictionary
(data binarized with another dictionary), dictionaries that disagree on special symbols."""

import glob
import logging
import os
import re
from typing import Dict, List, Optional

import numpy as np
from fairseq.data import Dictionary
from fairseq.data.indexed_dataset import dataset_exists, make_dataset

__all__ = ["check_data_dir", "load_dictionary", "check_special_symbols", "split_prefix", "binarized_splits",
           "check_split"]

logger = logging.getLogger(__name__)


def check_data_dir(data: str) -> None:
    if not os.path.isdir(data):
        raise FileNotFoundError(f"data directory {data} does not exist (the DATA argument)")


def load_dictionary(data: str, lang: str) -> Dictionary:
    path = os.path.join(data, f"dict.{lang}.txt")
    if not os.path.exists(path):
        raise FileNotFoundError(
            f"no dictionary for language {lang!r}: {path} is missing. Binarize the data with "
            f"fairseq-maml-prepare (or fairseq-preprocess) into {data}"
        )
    d = Dictionary.load(path)
    logger.info(f"[{lang}] dictionary: {len(d)} types")
    return d


def check_special_symbols(src_dicts: Dict[str, Dictionary], tgt_lang: str, tgt_dict: Dictionary) -> None:
    for lang, d in src_dicts.items():
        if (d.pad(), d.eos(), d.unk()) != (tgt_dict.pad(), tgt_dict.eos(), tgt_dict.unk()):
            raise ValueError(f"dict.{lang}.txt and dict.{tgt_lang}.txt disagree on special symbols")


def split_prefix(data: str, split: str, src: str, tgt: str, lang: str, impl: Optional[str]) -> Optional[str]:
    """``{data}/{split}.{src}-{tgt}.{lang}`` if binarized (either direction), else None."""
    for a, b in ((src, tgt), (tgt, src)):
        prefix = os.path.join(data, f"{split}.{a}-{b}.{lang}")
        if dataset_exists(prefix, impl=impl):
            return prefix
    return None


def binarized_splits(data: str, src: str, tgt: str, impl: Optional[str]) -> List[str]:
    """The splits of ``src``-``tgt`` binarized in ``data`` (both sides, either direction), sorted."""
    pattern = re.compile(rf"^(.+)\.(?:{re.escape(src)}-{re.escape(tgt)}|{re.escape(tgt)}-{re.escape(src)})"
                         rf"\.{re.escape(src)}\.idx$")
    names = (pattern.match(os.path.basename(p)) for p in glob.glob(os.path.join(glob.escape(data), "*.idx")))
    return sorted({m.group(1) for m in names if m and all(
        split_prefix(data, m.group(1), src, tgt, lang, impl) for lang in (src, tgt))})


def check_split(data: str, split: str, src: str, tgt: str, dicts: Dict[str, Dictionary],
                impl: Optional[str], remedy: str, prepare: Optional[str] = None) -> None:
    """Refuse a missing, empty, misaligned or foreign-dictionary split of ``src``-``tgt``.
    ``dicts`` holds the dictionaries of both languages; ``remedy`` ends the message of a missing
    or empty split (what else the user can do in the command that failed, e.g. leave the pair out
    of --lang-pairs); ``prepare`` is the command that binarizes it (default
    ``fairseq-maml-prepare --pairs SRC-TGT``)."""
    prepare = prepare or f"fairseq-maml-prepare --pairs {src}-{tgt}"
    sizes = {}
    for lang in (src, tgt):
        d = dicts[lang]
        prefix = split_prefix(data, split, src, tgt, lang, impl)
        if prefix is None:
            raise FileNotFoundError(
                f"language pair {src}-{tgt}: no binarized {split} data for {lang!r}, expected "
                f"{os.path.join(data, f'{split}.{src}-{tgt}.{lang}')}.bin/.idx. Binarize it "
                f"({prepare}){remedy}"
            )
        ds = None if os.path.getsize(prefix + ".bin") == 0 else make_dataset(prefix, impl=impl or "mmap")
        if ds is None or len(ds) == 0:
            raise ValueError(f"language pair {src}-{tgt}: split {split} is empty ({prefix}.bin). Give it "
                             f"sentences{remedy}")
        sizes[lang] = len(ds)
        top = max_token_id(ds)
        if top >= len(d):
            raise ValueError(
                f"{prefix}.bin holds token id {top} but dict.{lang}.txt has only {len(d)} entries: "
                f"it was binarized with another dictionary. Re-binarize with --srcdict/--tgtdict "
                f"{os.path.join(data, f'dict.{lang}.txt')}"
            )
    if sizes[src] != sizes[tgt]:
        raise ValueError(
            f"language pair {src}-{tgt}, split {split}: {sizes[src]} {src} sentences but "
            f"{sizes[tgt]} {tgt} sentences; the two sides must be line-aligned"
        )


def max_token_id(ds) -> int:
    """Largest token id of a binarized dataset, read straight from the .bin buffer."""
    buffer = getattr(ds, "_bin_buffer", None)
    index = getattr(ds, "_index", None)
    if buffer is not None and index is not None:
        return int(np.frombuffer(buffer, dtype=index.dtype).max())
    return max(int(ds[i].max()) for i in range(len(ds)))
