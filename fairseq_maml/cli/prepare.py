"""``fairseq-maml-prepare``: raw parallel text -> SentencePiece -> fairseq binarized data for
``--task meta_translation``.

::

    fairseq-maml-prepare --raw RAW --raw-subdir meta --out DATA --pairs de-en,fr-en,es-en,it-en
    fairseq-maml-prepare --raw RAW --raw-subdir target --out DATA --pairs ro-en   # add a pair later

``RAW[/SUBDIR]`` holds ``{split}.{src}-{tgt}.{src}`` and ``{split}.{src}-{tgt}.{tgt}`` (one sentence a
line, line N of one side translates line N of the other). The output directory gets::

    DATA/spm/{lang}.model, {lang}.vocab          one SentencePiece unigram model per language
    DATA/spm_text/{split}.{src}-{tgt}.{lang}     the text as pieces separated by spaces
    DATA/bin/dict.{lang}.txt                     fairseq dictionaries made from the spm vocabularies
    DATA/bin/{split}.{src}-{tgt}.{lang}.bin/.idx binarized pairs; all pairs share dict.{tgt}.txt

``DATA/bin`` is the data directory for ``fairseq-train --user-dir fairseq_maml``, and
``--bpe sentencepiece --sentencepiece-model DATA/spm/{lang}.model`` turns text into the pieces of the
dictionaries at generate/interactive time.

Vocabularies are per language (ULR gives every source language its own): each source language gets
a model trained on its own train text; the target language (the same for all pairs) gets one model,
trained on the concatenated target-side train text of the pairs of the first run and reused by
every later run, so pairs added later share ``dict.{tgt}.txt``. The SentencePiece ids are laid out
like fairseq's (``<s>``=0, ``<pad>``=1, ``</s>``=2, ``<unk>``=3), and the dictionary lists the
pieces in spm order, so a piece's fairseq index equals its SentencePiece id
(:mod:`fairseq_maml.data.spm_dictionary`).

Every step is skipped when its output exists and is newer than its inputs, so a rerun with the same
arguments does nothing. Everything is checked before anything is written.

This module imports ``sentencepiece`` only when it needs it and ``fairseq_cli.preprocess`` only
when binarizing.
"""

import argparse
import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..atomic_files import atomic_write_text
from ..data.lang_pairs import parse_lang_pairs
from ..data.raw_text import NotUTF8Error, normalize_space, read_lines
from ..data.spm_dictionary import SPM_SPECIAL_IDS, encode_lines, spm_dictionary_text, train_spm

_SPLIT_RE = re.compile(r"^[A-Za-z0-9_]+$")


class PrepareError(ValueError):
    """A problem with the input or arguments, reported before anything is written."""


# --------------------------------------------------------------------------------------------------
# small helpers


def _log(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def _up_to_date(outputs: Iterable[str], inputs: Iterable[str]) -> bool:
    outputs, inputs = list(outputs), list(inputs)
    if not all(os.path.exists(p) for p in outputs):
        return False
    newest_in = max((os.path.getmtime(p) for p in inputs), default=0.0)
    return min(os.path.getmtime(p) for p in outputs) >= newest_in


# --------------------------------------------------------------------------------------------------
# argument checks (nothing is written here)


def _pair_files(raw_dir: str, split: str, src: str, tgt: str) -> Tuple[str, str]:
    stem = os.path.join(raw_dir, f"{split}.{src}-{tgt}")
    return f"{stem}.{src}", f"{stem}.{tgt}"


def check_inputs(raw_dir: str, pairs, splits) -> Dict[Tuple[str, str], Dict[str, Tuple[List[str], List[str]]]]:
    """Read and check all raw text. Returns {(src, tgt): {split: (src_lines, tgt_lines)}}."""
    if not os.path.isdir(raw_dir):
        raise PrepareError(f"raw data directory not found: {raw_dir}")
    data = {}
    for src, tgt in pairs:
        per_split = {}
        for split in splits:
            fs, ft = _pair_files(raw_dir, split, src, tgt)
            have_s, have_t = os.path.isfile(fs), os.path.isfile(ft)
            if split == "train" and not (have_s and have_t):
                missing = fs if not have_s else ft
                raise PrepareError(f"pair {src}-{tgt}: training file not found: {missing}")
            if not have_s and not have_t:
                continue  # optional split absent for this pair
            if have_s != have_t:
                raise PrepareError(
                    f"pair {src}-{tgt}, split {split}: {fs if have_s else ft} exists but "
                    f"{ft if have_s else fs} does not"
                )
            try:
                xs, ys = read_lines(fs), read_lines(ft)
            except NotUTF8Error as e:
                raise PrepareError(f"pair {src}-{tgt}, split {split}: {e}") from None
            if len(xs) != len(ys):
                raise PrepareError(
                    f"pair {src}-{tgt}, split {split}: line counts differ: {fs} has {len(xs)} lines "
                    f"but {ft} has {len(ys)} lines"
                )
            if not any(x.strip() for x in xs) or not any(y.strip() for y in ys):
                empty = fs if not any(x.strip() for x in xs) else ft
                if split == "train":
                    raise PrepareError(f"pair {src}-{tgt}: training file is empty: {empty}")
                raise PrepareError(f"pair {src}-{tgt}, split {split}: file is empty: {empty}")
            per_split[split] = ([normalize_space(x) for x in xs], [normalize_space(y) for y in ys])
        if not per_split:
            raise PrepareError(
                f"pair {src}-{tgt}: none of the splits {','.join(splits)} found in {raw_dir}"
            )
        data[(src, tgt)] = per_split
    return data


# --------------------------------------------------------------------------------------------------
# SentencePiece


def load_spm(model_path: str):
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_file=model_path)
    layout = dict(bos_id=proc.bos_id(), pad_id=proc.pad_id(), eos_id=proc.eos_id(), unk_id=proc.unk_id())
    if layout != SPM_SPECIAL_IDS:
        raise PrepareError(
            f"{model_path} has special ids {layout}, expected {SPM_SPECIAL_IDS} (fairseq's layout); "
            "it was not made by fairseq-maml-prepare: remove it or pass --force"
        )
    return proc


# --------------------------------------------------------------------------------------------------
# binarization


@contextlib.contextmanager
def _quiet_preprocess_logger(quiet: bool):
    logger = logging.getLogger("fairseq_cli.preprocess")
    handlers, level = list(logger.handlers), logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for h in list(logger.handlers):  # preprocess.main adds a FileHandler per call
            if h not in handlers:
                logger.removeHandler(h)
                h.close()
        logger.setLevel(level)


def binarize_split(text_dir, bin_dir, split, src, tgt, workers=1, quiet=True) -> None:
    """Binarize spm_text/{split}.{src}-{tgt}.{src,tgt} with the dictionaries in ``bin_dir``, via
    fairseq_cli.preprocess in a scratch dir; then move the .bin/.idx files into ``bin_dir``."""
    from fairseq import options
    from fairseq_cli import preprocess

    scratch = tempfile.mkdtemp(prefix=f".tmp-{split}.{src}-{tgt}-", dir=bin_dir)
    try:
        parser = options.get_preprocessing_parser()
        args = parser.parse_args(
            [
                "--source-lang", src,
                "--target-lang", tgt,
                "--trainpref", os.path.join(text_dir, f"{split}.{src}-{tgt}"),
                "--srcdict", os.path.join(bin_dir, f"dict.{src}.txt"),
                "--tgtdict", os.path.join(bin_dir, f"dict.{tgt}.txt"),
                "--destdir", scratch,
                "--workers", str(max(1, workers)),
                "--dataset-impl", "mmap",
            ]
        )
        with _quiet_preprocess_logger(quiet):
            preprocess.main(args)
        # preprocess names the outputs "train.*"; the dicts it re-saves in scratch are discarded
        for lang in (src, tgt):
            for ext in ("idx", "bin"):  # .bin last: its presence marks the split finished
                os.replace(
                    os.path.join(scratch, f"train.{src}-{tgt}.{lang}.{ext}"),
                    os.path.join(bin_dir, f"{split}.{src}-{tgt}.{lang}.{ext}"),
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------------------------------
# the pipeline


def _check_arguments(raw: str, pairs: str, splits: str, vocab_size: int, target_vocab_size: int):
    """The pairs and splits as lists, after checking the arguments (nothing is read or written)."""
    try:
        pair_list = parse_lang_pairs(pairs, "--pairs")
    except ValueError as e:
        raise PrepareError(str(e)) from None
    split_list = [s.strip() for s in splits.split(",") if s.strip()]
    if not split_list:
        raise PrepareError("--splits: no split given")
    for s in split_list:
        if not _SPLIT_RE.match(s):
            raise PrepareError(f"--splits: bad split name {s!r}")
    if vocab_size < 8 or target_vocab_size < 8:
        raise PrepareError("--vocab-size and --target-vocab-size must be at least 8")
    if not os.path.isdir(raw):
        raise PrepareError(f"raw data directory not found: {raw}")
    return pair_list, split_list


@dataclass
class _Layout:
    """Where one run reads (``raw_dir``) and writes (the folders of ``--out``)."""

    raw_dir: str
    spm_dir: str
    text_dir: str
    bin_dir: str
    model_path: Dict[str, str]  # lang -> spm_dir/{lang}.model
    dict_path: Dict[str, str]  # lang -> bin_dir/dict.{lang}.txt

    @classmethod
    def of(cls, raw_dir: str, out: str, langs: Sequence[str]) -> "_Layout":
        spm_dir, text_dir, bin_dir = (os.path.join(out, d) for d in ("spm", "spm_text", "bin"))
        return cls(raw_dir, spm_dir, text_dir, bin_dir,
                   {lang: os.path.join(spm_dir, f"{lang}.model") for lang in langs},
                   {lang: os.path.join(bin_dir, f"dict.{lang}.txt") for lang in langs})


def _models_to_train(out: str, paths: _Layout, pair_list, data, force: bool) -> Dict[str, bool]:
    """Which SentencePiece models to train (each needs training text from this run); never the
    shared target one once it exists, since pairs added later must share its dictionary."""
    model_path, dict_path, tgt_lang = paths.model_path, paths.dict_path, pair_list[0][1]
    src_langs = [lang for lang in model_path if lang != tgt_lang]
    to_train = {lang: force or not os.path.exists(model_path[lang]) for lang in src_langs}
    to_train[tgt_lang] = not os.path.exists(model_path[tgt_lang])
    if to_train[tgt_lang] and os.path.exists(dict_path[tgt_lang]):
        raise PrepareError(
            f"{dict_path[tgt_lang]} exists but {model_path[tgt_lang]} does not: the shared target "
            f"vocabulary of {out} is incomplete; restore the model or start a new --out directory"
        )
    for src, tgt in pair_list:
        if to_train[src] and "train" not in data[(src, tgt)]:
            fs, _ = _pair_files(paths.raw_dir, "train", src, tgt)
            raise PrepareError(f"pair {src}-{tgt}: training file not found: {fs} (needed to train {model_path[src]})")
    if to_train[tgt_lang] and not any("train" in data[p] for p in pair_list):
        raise PrepareError(f"no training text for the {tgt_lang} vocabulary: add 'train' to --splits")
    return to_train


def _train_models(paths: _Layout, pair_list, data, to_train, vocab_size, target_vocab_size, summary, quiet):
    """Step 1: train the models in ``to_train``: a source language on its side of its pairs, the
    target language on the target side of every pair with training text."""
    model_path, tgt_lang = paths.model_path, pair_list[0][1]
    for lang in model_path:
        if to_train[lang]:
            if lang == tgt_lang:
                text = [y for p in pair_list if "train" in data[p] for y in data[p]["train"][1]]
                size, what = target_vocab_size, f"{len(text)} sentences of " + ",".join(
                    f"{s}-{t}" for s, t in pair_list if "train" in data[(s, t)]
                )
            else:
                text = [x for p in pair_list if p[0] == lang for x in data[p]["train"][0]]
                size, what = vocab_size, f"{len(text)} sentences"
            _log(f"training SentencePiece model {model_path[lang]} (unigram, vocab {size}, on {what})", quiet)
            try:
                train_spm(text, model_path[lang], size)
            except RuntimeError as e:
                raise PrepareError(f"SentencePiece training for {lang!r} failed: {e}") from e
            summary["trained"].append(lang)
        else:
            _log(f"reusing {model_path[lang]}", quiet)


def _write_dictionaries(paths: _Layout, procs, summary, quiet) -> None:
    """Step 2: ``dict.{lang}.txt`` from each model, unless newer than the model."""
    model_path, dict_path = paths.model_path, paths.dict_path
    for lang, proc in procs.items():
        summary["vocab"][lang] = proc.get_piece_size()
        if not _up_to_date([dict_path[lang]], [model_path[lang]]):
            try:
                atomic_write_text(dict_path[lang], spm_dictionary_text(proc))
            except ValueError as e:  # a piece fairseq's dictionary format cannot hold
                raise PrepareError(str(e)) from None
            _log(f"wrote {dict_path[lang]} ({proc.get_piece_size()} entries with fairseq's 4 specials)", quiet)


def _encode_and_binarize(paths: _Layout, pair, split, lines, procs, workers, summary, quiet) -> dict:
    """Steps 3 and 4 for one pair and split: the text as pieces, then binarized, each unless
    newer than its inputs. Returns the split's statistics."""
    src, tgt = pair
    text_dir, bin_dir, model_path, dict_path = paths.text_dir, paths.bin_dir, paths.model_path, paths.dict_path
    raw_files = _pair_files(paths.raw_dir, split, src, tgt)
    text_files = []
    stats = {"sentences": len(lines[0])}
    for lang, lang_lines, raw_file in zip((src, tgt), lines, raw_files):
        tf = os.path.join(text_dir, f"{split}.{src}-{tgt}.{lang}")
        text_files.append(tf)
        if not _up_to_date([tf], [raw_file, model_path[lang]]):
            text, n_tok, n_unk = encode_lines(procs[lang], lang_lines)
            atomic_write_text(tf, text)
            stats[f"{lang}_pieces"], stats[f"{lang}_unk"] = n_tok, n_unk
    outs = [os.path.join(bin_dir, f"{split}.{src}-{tgt}.{lang}.{ext}") for lang in (src, tgt) for ext in ("bin", "idx")]
    if not _up_to_date(outs, text_files + [dict_path[src], dict_path[tgt]]):
        binarize_split(text_dir, bin_dir, split, src, tgt, workers=workers, quiet=True)
        summary["binarized"].append(f"{split}.{src}-{tgt}")
        done = "binarized"
    else:
        done = "up to date"
    extra = "".join(
        f", {lang}: {stats[f'{lang}_pieces']} pieces ({stats[f'{lang}_unk']} unk)"
        for lang in (src, tgt) if f"{lang}_pieces" in stats
    )
    _log(f"{src}-{tgt} {split}: {stats['sentences']} sentences{extra} [{done}]", quiet)
    return stats


def prepare(
    raw: str,
    out: str,
    pairs: str,
    raw_subdir: str = "",
    vocab_size: int = 2000,
    target_vocab_size: int = 4000,
    splits: str = "train,valid,test",
    workers: int = 1,
    force: bool = False,
    quiet: bool = False,
) -> dict:
    """Run the whole pipeline; returns a summary dict. Raises PrepareError on bad input, before
    anything is written."""
    pair_list, split_list = _check_arguments(raw, pairs, splits, vocab_size, target_vocab_size)
    raw_dir = os.path.join(raw, raw_subdir) if raw_subdir else raw
    data = check_inputs(raw_dir, pair_list, split_list)
    # the source languages in order of first appearance, then the (one) target language
    langs = list(dict.fromkeys(s for s, _ in pair_list)) + [pair_list[0][1]]
    paths = _Layout.of(raw_dir, out, langs)
    to_train = _models_to_train(out, paths, pair_list, data, force)
    # --- nothing was written above this line ---

    spm_dir, bin_dir = paths.spm_dir, paths.bin_dir
    for d in (spm_dir, paths.text_dir, bin_dir):
        os.makedirs(d, exist_ok=True)
    summary = {"out": out, "data": bin_dir, "pairs": {}, "vocab": {}, "trained": [], "binarized": []}
    _train_models(paths, pair_list, data, to_train, vocab_size, target_vocab_size, summary, quiet)
    procs = {lang: load_spm(paths.model_path[lang]) for lang in langs}
    _write_dictionaries(paths, procs, summary, quiet)
    for pair in pair_list:
        info = summary["pairs"]["-".join(pair)] = {}
        for split in split_list:
            if split in data[pair]:
                info[split] = _encode_and_binarize(paths, pair, split, data[pair][split], procs, workers, summary, quiet)

    vocab = ", ".join(f"{lang} {summary['vocab'][lang]}" for lang in langs)
    _log(f"pairs: {','.join(f'{s}-{t}' for s, t in pair_list)}; vocabularies (spm pieces): {vocab}", quiet)
    _log(f"data ready in {bin_dir}  (use: fairseq-train {bin_dir} --user-dir fairseq_maml ...; "
         f"spm models in {spm_dir})", quiet)
    return summary


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fairseq-maml-prepare",
        description="Raw parallel text -> per-language SentencePiece -> fairseq binarized data "
        "(one data dir, one shared target dictionary) for fairseq_maml.",
    )
    p.add_argument("--raw", required=True, help="raw text dir with {split}.{src}-{tgt}.{lang} files")
    p.add_argument("--raw-subdir", default="", help="subdirectory of --raw to read (e.g. meta, target)")
    p.add_argument("--out", required=True, help="output dir (gets spm/, spm_text/, bin/)")
    p.add_argument("--pairs", required=True, help="comma-separated SRC-TGT pairs, one TGT for all")
    p.add_argument("--vocab-size", type=int, default=2000, help="spm vocab size per source language (soft limit)")
    p.add_argument("--target-vocab-size", type=int, default=4000,
                   help="spm vocab size of the shared target language (soft limit; only when first trained)")
    p.add_argument("--splits", default="train,valid,test", help="splits to process where they exist")
    p.add_argument("--workers", type=int, default=1, help="binarization worker processes (SentencePiece training is single-threaded so the "
                   "vocabularies do not depend on this)")
    p.add_argument("--force", action="store_true",
                   help="retrain the source-language spm models (never the shared target one) and redo "
                   "what depends on them")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: Optional[Sequence[str]] = None) -> dict:
    a = get_parser().parse_args(argv)
    return prepare(a.raw, a.out, a.pairs, raw_subdir=a.raw_subdir, vocab_size=a.vocab_size,
                   target_vocab_size=a.target_vocab_size, splits=a.splits, workers=a.workers,
                   force=a.force, quiet=a.quiet)


def cli_main(argv: Optional[Sequence[str]] = None) -> None:
    try:
        main(argv)
    except PrepareError as e:
        print(f"fairseq-maml-prepare: error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    cli_main()
