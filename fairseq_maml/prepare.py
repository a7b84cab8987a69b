"""Raw parallel text -> SentencePiece -> fairseq binarized data for ``--task meta_translation``.

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
pieces in spm order, so a piece's fairseq index equals its SentencePiece id.

Every step is skipped when its output exists and is newer than its inputs, so a rerun with the same
arguments does nothing. Everything is checked before anything is written.

This module deliberately imports neither torch-heavy plugin modules nor fairseq at import time;
``fairseq_cli.preprocess`` is imported only when binarizing.
"""

import argparse
import contextlib
import io
import logging
import os
import re
import shutil
import sys
import tempfile
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

# SentencePiece ids laid out like fairseq's Dictionary, so fairseq index == spm id for every piece.
SPM_SPECIAL_IDS = dict(bos_id=0, pad_id=1, eos_id=2, unk_id=3)
FAIRSEQ_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")
_LANG_RE = re.compile(r"^[A-Za-z0-9_]+$")


class PrepareError(ValueError):
    """A problem with the input or arguments, reported before anything is written."""


# --------------------------------------------------------------------------------------------------
# small helpers


def _log(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def read_lines(path: str) -> List[str]:
    """Lines of a UTF-8 file split on '\\n' only (like ``wc -l``; a last line without '\\n' counts)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def normalize_space(line: str) -> str:
    """Collapse every kind of Unicode whitespace (incl. line/paragraph separators) to one space,
    so no piece can contain a character that fairseq's tokenizer or line reader splits on."""
    return " ".join(line.split())


def _up_to_date(outputs: Iterable[str], inputs: Iterable[str]) -> bool:
    outputs, inputs = list(outputs), list(inputs)
    if not all(os.path.exists(p) for p in outputs):
        return False
    newest_in = max((os.path.getmtime(p) for p in inputs), default=0.0)
    return min(os.path.getmtime(p) for p in outputs) >= newest_in


def _atomic_write_text(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def _atomic_write_bytes(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------------
# argument checks (nothing is written here)


def parse_pairs(text: str) -> List[Tuple[str, str]]:
    pairs: List[Tuple[str, str]] = []
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        parts = item.split("-")
        if len(parts) != 2 or not all(_LANG_RE.match(p) for p in parts):
            raise PrepareError(f"--pairs: {item!r} is not of the form SRC-TGT (e.g. de-en)")
        src, tgt = parts
        if src == tgt:
            raise PrepareError(f"--pairs: {item!r} has the same language on both sides")
        if (src, tgt) in pairs:
            raise PrepareError(f"--pairs: {item!r} is given twice")
        pairs.append((src, tgt))
    if not pairs:
        raise PrepareError("--pairs: no language pair given (e.g. --pairs de-en,fr-en)")
    targets = sorted({t for _, t in pairs})
    if len(targets) > 1:
        by_tgt = "; ".join(
            f"{t}: " + ",".join(f"{s}-{tt}" for s, tt in pairs if tt == t) for t in targets
        )
        raise PrepareError(
            "all pairs must translate into the same target language (it gets one shared "
            f"vocabulary), but --pairs mixes target languages {', '.join(targets)} ({by_tgt})"
        )
    return pairs


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
            xs, ys = read_lines(fs), read_lines(ft)
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
    _atomic_write_text(model_path[: -len(".model")] + ".vocab", vocab)
    _atomic_write_bytes(model_path, buf.getvalue())


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


def spm_dictionary_text(proc) -> str:
    """fairseq dict.txt lines: every normal piece in spm order; count = pieces after it + 1
    (strictly decreasing, i.e. monotone in the unigram score, which spm sorts by)."""
    n = proc.get_piece_size()
    lines = []
    for i in range(n):
        if proc.is_control(i) or proc.is_unknown(i):
            continue
        piece = proc.id_to_piece(i)
        if i < len(FAIRSEQ_SPECIALS) or piece in FAIRSEQ_SPECIALS or not piece or any(c.isspace() for c in piece):
            raise PrepareError(f"spm piece {i} {piece!r} cannot be a fairseq dictionary entry")
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
    pair_list = parse_pairs(pairs)
    split_list = [s.strip() for s in splits.split(",") if s.strip()]
    if not split_list:
        raise PrepareError("--splits: no split given")
    for s in split_list:
        if not _LANG_RE.match(s):
            raise PrepareError(f"--splits: bad split name {s!r}")
    if vocab_size < 8 or target_vocab_size < 8:
        raise PrepareError("--vocab-size and --target-vocab-size must be at least 8")
    if not os.path.isdir(raw):
        raise PrepareError(f"raw data directory not found: {raw}")
    raw_dir = os.path.join(raw, raw_subdir) if raw_subdir else raw
    data = check_inputs(raw_dir, pair_list, split_list)

    tgt_lang = pair_list[0][1]
    src_langs = []
    for s, _ in pair_list:
        if s not in src_langs:
            src_langs.append(s)
    spm_dir, text_dir, bin_dir = (os.path.join(out, d) for d in ("spm", "spm_text", "bin"))
    model_path = {lang: os.path.join(spm_dir, f"{lang}.model") for lang in src_langs + [tgt_lang]}
    dict_path = {lang: os.path.join(bin_dir, f"dict.{lang}.txt") for lang in src_langs + [tgt_lang]}

    # which models to train; each needs training text from this run
    to_train = {lang: force or not os.path.exists(model_path[lang]) for lang in src_langs}
    to_train[tgt_lang] = not os.path.exists(model_path[tgt_lang])
    if to_train[tgt_lang] and os.path.exists(dict_path[tgt_lang]):
        raise PrepareError(
            f"{dict_path[tgt_lang]} exists but {model_path[tgt_lang]} does not: the shared target "
            f"vocabulary of {out} is incomplete; restore the model or start a new --out directory"
        )
    for src, tgt in pair_list:
        if to_train[src] and "train" not in data[(src, tgt)]:
            fs, _ = _pair_files(raw_dir, "train", src, tgt)
            raise PrepareError(f"pair {src}-{tgt}: training file not found: {fs} (needed to train {model_path[src]})")
    if to_train[tgt_lang] and not any("train" in data[p] for p in pair_list):
        raise PrepareError(f"no training text for the {tgt_lang} vocabulary: add 'train' to --splits")
    # --- nothing was written above this line ---

    for d in (spm_dir, text_dir, bin_dir):
        os.makedirs(d, exist_ok=True)
    summary = {"out": out, "data": bin_dir, "pairs": {}, "vocab": {}, "trained": [], "binarized": []}

    # 1. SentencePiece models
    for lang in src_langs + [tgt_lang]:
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
    procs = {lang: load_spm(model_path[lang]) for lang in src_langs + [tgt_lang]}

    # 2. dictionaries
    for lang, proc in procs.items():
        summary["vocab"][lang] = proc.get_piece_size()
        if not _up_to_date([dict_path[lang]], [model_path[lang]]):
            _atomic_write_text(dict_path[lang], spm_dictionary_text(proc))
            _log(f"wrote {dict_path[lang]} ({proc.get_piece_size()} entries with fairseq's 4 specials)", quiet)

    # 3. encode text and 4. binarize, per pair and split
    for src, tgt in pair_list:
        info = summary["pairs"][f"{src}-{tgt}"] = {}
        for split in split_list:
            if split not in data[(src, tgt)]:
                continue
            raw_files = _pair_files(raw_dir, split, src, tgt)
            text_files = []
            stats = {"sentences": len(data[(src, tgt)][split][0])}
            for lang, lines, raw_file in zip((src, tgt), data[(src, tgt)][split], raw_files):
                tf = os.path.join(text_dir, f"{split}.{src}-{tgt}.{lang}")
                text_files.append(tf)
                if not _up_to_date([tf], [raw_file, model_path[lang]]):
                    text, n_tok, n_unk = encode_lines(procs[lang], lines)
                    _atomic_write_text(tf, text)
                    stats[f"{lang}_pieces"], stats[f"{lang}_unk"] = n_tok, n_unk
            outs = [os.path.join(bin_dir, f"{split}.{src}-{tgt}.{lang}.{ext}") for lang in (src, tgt) for ext in ("bin", "idx")]
            if not _up_to_date(outs, text_files + [dict_path[src], dict_path[tgt]]):
                binarize_split(text_dir, bin_dir, split, src, tgt, workers=workers, quiet=True)
                summary["binarized"].append(f"{split}.{src}-{tgt}")
                done = "binarized"
            else:
                done = "up to date"
            info[split] = stats
            extra = "".join(
                f", {lang}: {stats[f'{lang}_pieces']} pieces ({stats[f'{lang}_unk']} unk)"
                for lang in (src, tgt) if f"{lang}_pieces" in stats
            )
            _log(f"{src}-{tgt} {split}: {stats['sentences']} sentences{extra} [{done}]", quiet)

    vocab = ", ".join(f"{lang} {summary['vocab'][lang]}" for lang in src_langs + [tgt_lang])
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
