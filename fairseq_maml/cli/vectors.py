"""``fairseq-maml-vectors``: cross-lingually aligned word vectors for the ULR, built from the
training corpora themselves.

::

    fairseq-maml-vectors --data DATA --langs de,fr,es,it,ro --target en --dim 64 --out VECS

``DATA`` is a ``fairseq-maml-prepare`` output folder; its ``spm_text/train.{src}-{tgt}.{lang}`` files
(SentencePiece pieces separated by spaces) are the only input. The steps (the algorithms are in
:mod:`fairseq_maml.aligned_vectors`):

1. **Monolingual vectors** per language over its pieces (the target language uses its side of every
   pair present): PPMI + truncated SVD (``--window``, ``--max-vocab``, ``--min-count``).
2. **Mapping** of each source language into the target (English) space with orthogonal Procrustes.
   Seed pairs: pieces spelled the same in both vocabularies; up to ``--parallel-seeds`` pairs
   induced from the aligned training sentences of the pair (``train.{src}-{tgt}.{src}`` line i
   translates ``train.{src}-{tgt}.{tgt}`` line i), mutual best by Dice and co-occurring in
   ``--parallel-min-count`` sentence pairs or more; plus an optional bilingual dictionary
   ``DICTS/{src}-{tgt}.txt`` (``src_word tgt_word`` a line). ``--refine`` rounds re-induce a
   dictionary from mutual CSLS nearest neighbours (seed pairs kept) and re-solve Procrustes.
3. **Evaluation**: before anything is fitted, the seed pairs are split (``--seed``) into train and
   test (``--test-fraction``, grouped by source word, one decision per source word for all seed
   lists); reported, separately for each seed source: word-translation precision@1 on the
   held-out pairs (nearest target by cosine, and by CSLS, over the whole target vocabulary).
4. **Output**: ``VECS/{lang}.vec`` for every language (target unmapped, sources mapped), fastText
   text format with the pieces as words, and ``VECS/report.json``.

Use the folder with ``--ulr-vectors-dir VECS --ulr-query-dim DIM``.

Two options keep an experiment honest and a meta checkpoint usable:

- ``--monolingual-only ro,fi``: those languages' pairs are read as monolingual text of the source
  language only. Their alignment gives no seed pairs and their English side stays out of the
  English vectors, so a low-resource pair whose fine-tuning set is a few thousand tokens does not
  get its vectors aligned with the whole parallel pool, and the English space does not change
  when a target is added.
- ``--target-vec VECS/en.vec``: map new languages onto an existing English space (the universal
  keys stored in a meta checkpoint come from it) instead of building one; nothing else in
  ``VECS`` is touched (``--report`` names the report of the addition).

- ``--parallel-text ro=SET/train.ro-en.ro,SET/train.ro-en.en``: induce ro's parallel seed pairs
  from these aligned files (a fine-tuning set: the parallel text a user of the low-resource pair
  actually has) instead of DATA's pair; with ``--monolingual-only ro`` the pool then gives only
  monolingual text. One vectors folder per fine-tuning set (``--target-vec`` for the shared
  English space) makes the alignment part of the budget.
"""

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..aligned_vectors import (
    Embeddings,
    VectorsError,
    fit_mapping,
    identity_pairs,
    monolingual_vectors,
    orthogonality_error,
    parallel_files,
    parallel_pairs,
    precision_at_1,
    project_from_parallel,
    read_dictionary,
    read_parallel,
    read_pieces,
    read_target_vec,
    split_seed_sources,
    target_files,
    train_files,
    write_vec,
)

__all__ = ["get_parser", "parse_parallel_text", "check_args", "fit_language", "report_language", "main", "cli_main"]

Log = Callable[[str], None]

#: what report.json says its precision@1 numbers measure
REPORT_NOTE = (
    "Held-out P@1 per seed source (the same held-out source words are excluded from "
    "fitting for every source). p_at_1.identity_heldout: held-out pieces spelled the same in both "
    "languages, taken as their own translation (a weak test: biased to numbers/names/punctuation, "
    "and counts false friends as correct). p_at_1.parallel_heldout: held-out pairs of the dictionary "
    "induced from sentence co-occurrence in the aligned training text of the pair -- agreement of "
    "the vector space with a co-occurrence dictionary from the same corpus, not with a human "
    "dictionary; parallel_nonidentical_heldout: those of its pairs whose two pieces differ. "
    "p_at_1.dictionary_heldout: held-out pairs of the --dict-dir dictionary (the meaningful number, "
    "null without a dictionary). Retrieval is over the whole target vocabulary; chance is "
    "1/target_vocab."
)


# --------------------------------------------------------------------------------------------------
# arguments


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fairseq-maml-vectors",
        description="Build cross-lingually aligned .vec files for --ulr-vectors-dir from the "
        "SentencePiece text of a fairseq-maml-prepare output folder (PPMI+SVD vectors per language, "
        "orthogonal Procrustes onto the target language, held-out precision@1 in report.json).",
    )
    p.add_argument("--data", required=True, help="fairseq-maml-prepare output folder (with spm_text/)")
    p.add_argument("--langs", required=True, help="source languages, comma-separated, e.g. de,fr,es,it,ro")
    p.add_argument("--target", default="en", help="target language: the universal key space (default en)")
    p.add_argument("--dim", type=int, default=64, help="vector dimension = --ulr-query-dim (default 64)")
    p.add_argument("--out", required=True, help="output folder for {lang}.vec and report.json")
    p.add_argument("--window", type=int, default=5, help="symmetric co-occurrence window (default 5)")
    p.add_argument("--max-vocab", type=int, default=20000, help="most frequent pieces kept per language (default 20000)")
    p.add_argument("--min-count", type=int, default=2, help="minimum piece count (default 2)")
    p.add_argument("--refine", type=int, default=3, help="refinement rounds (mutual CSLS NN + Procrustes; default 3)")
    p.add_argument("--refine-vocab", type=int, default=10000, help="most frequent words per side used for refinement (default 10000)")
    p.add_argument("--parallel-seeds", type=int, default=2000,
                   help="up to N seed pairs induced from the aligned training sentences of each {src}-{target} "
                   "pair (mutual-best Dice over sentence co-occurrence of pieces); 0 disables (default 2000)")
    p.add_argument("--parallel-min-count", type=int, default=3,
                   help="minimum number of sentence pairs an induced pair must co-occur in (default 3)")
    p.add_argument("--projection", type=int, default=0, metavar="K",
                   help="after the mapping, replace the vector of every source piece that co-occurs with "
                   "--target pieces in >= --parallel-min-count aligned sentence pairs (DATA's pair or "
                   "--parallel-text) by the Dice-weighted mean of the target vectors of its K best such pieces; "
                   "pieces not covered keep the mapped vector. For small corpora, where orthogonal mapping of "
                   "monolingual vectors does not align (see docs/guide/vectors.md); 0 = off (default)")
    p.add_argument("--dict-dir", default=None, help="folder with optional bilingual dictionaries {src}-{target}.txt ('src_word tgt_word' per line)")
    p.add_argument("--monolingual-only", default="",
                   help="languages of --langs whose pair with --target is read as monolingual text of the "
                   "language only: no parallel-induced seeds from it, and its --target side is not added to "
                   "the target vectors (the low-resource pairs of an experiment, whose parallel data is "
                   "budgeted; comma-separated)")
    p.add_argument("--parallel-text", action="append", default=[], metavar="LANG=SRC,TGT",
                   help="line-aligned SentencePiece text of LANG and --target (e.g. a fine-tuning set's "
                   "train.LANG-en.LANG,train.LANG-en.en) to induce LANG's parallel seed pairs from, instead "
                   "of DATA's training pair; also for a --monolingual-only language, whose monolingual text "
                   "still comes from DATA (repeatable, one per language)")
    p.add_argument("--target-vec", default=None,
                   help="map onto this existing {target}.vec (e.g. the one a meta checkpoint's universal keys "
                   "came from) instead of building target vectors: adds languages to an existing key space. "
                   "OUT/{target}.vec is left as it is")
    p.add_argument("--report", default=None, help="report file (default OUT/report.json)")
    p.add_argument("--test-fraction", type=float, default=0.2, help="share of seed source words held out for P@1 (default 0.2)")
    p.add_argument("--seed", type=int, default=1, help="seed of the SVD and of the train/test split (default 1)")
    p.add_argument("--quiet", action="store_true")
    return p


def parse_parallel_text(items: Sequence[str], langs: Sequence[str], target: str) -> Dict[str, Tuple[str, str]]:
    """``--parallel-text LANG=SRC,TGT`` values as ``{lang: (src_path, tgt_path)}``, checked: LANG is
    one of ``langs`` and given once, both files exist."""
    out: Dict[str, Tuple[str, str]] = {}
    for item in items:
        lang, sep, files = item.partition("=")
        paths = files.split(",")
        if not sep or len(paths) != 2 or not all(paths):
            raise VectorsError(f"--parallel-text {item!r}: expected LANG=SRC_FILE,{target.upper()}_FILE, e.g. "
                               f"ro=train.ro-{target}.ro,train.ro-{target}.{target}")
        if lang not in langs:
            raise VectorsError(f"--parallel-text {item!r}: {lang!r} is not in --langs ({','.join(langs)})")
        if lang in out:
            raise VectorsError(f"--parallel-text: {lang} is given twice; give one pair of files per language")
        for path in paths:
            if not os.path.isfile(path):
                raise VectorsError(f"--parallel-text {lang}: {path} does not exist")
        out[lang] = (paths[0], paths[1])
    return out


def check_args(args: argparse.Namespace) -> Tuple[List[str], List[str], Dict[str, Tuple[str, str]]]:
    """The source languages, the ``--monolingual-only`` ones and the ``--parallel-text`` files,
    after checking every argument (nothing is read or written here)."""
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    if not langs:
        raise VectorsError("--langs is empty: give source languages, e.g. --langs de,fr")
    if args.target in langs:
        raise VectorsError(f"--target {args.target} is also in --langs; the target is written unmapped anyway")
    for name, val, lo in (("--dim", args.dim, 1), ("--window", args.window, 1), ("--max-vocab", args.max_vocab, 2),
                          ("--min-count", args.min_count, 1), ("--refine", args.refine, 0),
                          ("--parallel-seeds", args.parallel_seeds, 0), ("--parallel-min-count", args.parallel_min_count, 1),
                          ("--projection", args.projection, 0)):
        if val < lo:
            raise VectorsError(f"{name} must be >= {lo}, got {val}")
    if not 0.0 <= args.test_fraction < 1.0:
        raise VectorsError(f"--test-fraction must be in [0, 1), got {args.test_fraction}")
    if args.dict_dir is not None and not os.path.isdir(args.dict_dir):
        raise VectorsError(f"--dict-dir {args.dict_dir} is not a folder")
    mono = [x.strip() for x in args.monolingual_only.split(",") if x.strip()]
    if set(mono) - set(langs):
        raise VectorsError(f"--monolingual-only {','.join(sorted(set(mono) - set(langs)))}: not in --langs "
                           f"({','.join(langs)}); list only source languages being built")
    par_text = parse_parallel_text(args.parallel_text, langs, args.target)
    if par_text and args.parallel_seeds == 0 and args.projection == 0:
        raise VectorsError("--parallel-text gives aligned text for seed pairs or --projection, but "
                           "--parallel-seeds is 0 and --projection is off; drop --parallel-text or turn one on")
    if args.target_vec is not None and not os.path.isfile(args.target_vec):
        raise VectorsError(f"--target-vec {args.target_vec} does not exist: give the {args.target}.vec of "
                           f"the vectors folder the checkpoint was trained with")
    return langs, mono, par_text


def text_files(args: argparse.Namespace, langs: Sequence[str], mono: Sequence[str]) -> Dict[str, List[str]]:
    """The training text of every language, checked to exist before any work."""
    files = {lang: train_files(args.data, lang) for lang in langs}
    if args.target_vec is None:
        files[args.target] = target_files(train_files(args.data, args.target), mono, args.target)
    return files


# --------------------------------------------------------------------------------------------------
# fitting


@dataclass
class Seeds:
    """The seed pairs of one source language, before the held-out split."""

    identity: List[Tuple[str, str]]
    dictionary: List[Tuple[str, str]]
    dictionary_path: Optional[str]
    dictionary_skipped: int
    parallel: List[Tuple[str, str, float, int]]  # (src, tgt, dice, sentence pairs)
    parallel_files: List[Tuple[str, str]]
    sentences: List[Tuple[List[str], List[str]]]  # the aligned sentence pairs they were induced from


@dataclass
class LanguageFit:
    """One source language mapped onto the target space, and what measures the mapping."""

    lang: str
    src: Embeddings
    files: List[str]
    seeds: Seeds
    split: Dict[str, Tuple[list, list]]  # seed source ("dict", "parallel", "identity") -> (train, test)
    train: List[Tuple[str, str]]
    W: np.ndarray
    induced_pairs: int
    p_at_1: Dict[str, dict]  # by test set: identity, parallel, parallel_nonidentical, dictionary, train
    projected: Optional[dict]
    seconds: float


def embed(args: argparse.Namespace, lang: str, files: Sequence[str], log: Log) -> Embeddings:
    """The monolingual vectors of ``lang`` from its training text."""
    t = time.time()
    sents = read_pieces(files)
    emb = monolingual_vectors(sents, args.dim, args.window, args.max_vocab, args.min_count, args.seed,
                              lang=lang, source=", ".join(files))
    log(f"{lang}: {sum(map(len, sents))} tokens, {len(sents)} sentences, {len(emb)} pieces -> "
        f"{args.dim}-dim vectors ({time.time() - t:.1f}s)")
    return emb


def target_space(args: argparse.Namespace, files: Dict[str, List[str]], log: Log) -> Tuple[Embeddings, dict]:
    """The target vectors (built and written to OUT, or read from ``--target-vec``) and their
    report entry."""
    if args.target_vec is None:
        tgt = embed(args, args.target, files[args.target], log)
        source = {"files": [os.path.basename(p) for p in files[args.target]]}
    else:
        tgt = read_target_vec(args.target_vec, args.dim)
        source = {"read_from": args.target_vec}
        log(f"{args.target}: {len(tgt)} vectors read from {args.target_vec}")
    os.makedirs(args.out, exist_ok=True)
    if args.target_vec is None:
        write_vec(os.path.join(args.out, f"{args.target}.vec"), tgt)
    return tgt, {"vocab": len(tgt), "mapped": False, **source}


def seed_pairs(args: argparse.Namespace, lang: str, src: Embeddings, tgt: Embeddings,
               par_text: Dict[str, Tuple[str, str]], mono: Sequence[str], log: Log) -> Seeds:
    """Identity pairs, ``--dict-dir`` pairs and pairs induced from the aligned sentences of
    ``--parallel-text`` or of DATA's pair (not for a ``--monolingual-only`` language)."""
    dict_pairs, skipped, dict_path = [], 0, None
    if args.dict_dir is not None:
        path = os.path.join(args.dict_dir, f"{lang}-{args.target}.txt")
        if os.path.exists(path):
            dict_path = path
            dict_pairs, skipped = read_dictionary(path, src, tgt)
    par_files, sent_pairs = [], []
    if lang in par_text:
        par_files = [par_text[lang]]
    elif (args.parallel_seeds > 0 or args.projection > 0) and lang not in mono:
        par_files = parallel_files(args.data, lang, args.target)
        if not par_files:
            log(f"{lang}: no {args.data}/spm_text/train.{lang}-{args.target}.* (or {args.target}-{lang}) "
                f"files, so no parallel-induced seed pairs")
    par = []
    if par_files:
        sent_pairs = read_parallel(par_files)
        par = parallel_pairs(sent_pairs, src, tgt, args.parallel_seeds, args.parallel_min_count)
    return Seeds(identity_pairs(src, tgt), dict_pairs, dict_path, skipped, par, par_files, sent_pairs)


def hold_out(seeds: Seeds, test_fraction: float, seed: int, lang: str) -> Tuple[Dict[str, Tuple[list, list]], set]:
    """Each seed list split into (train, test) by one held-out decision per source word, for every
    list at once (dictionary first, then parallel-induced, then identity), made before anything is
    fitted; and the held-out source words."""
    groups = [("dict", seeds.dictionary), ("parallel", [(a, b) for a, b, _, _ in seeds.parallel]),
              ("identity", seeds.identity)]
    test_src = split_seed_sources(groups, test_fraction, seed, salt=lang)
    split = {name: ([p for p in pairs if p[0] not in test_src], [p for p in pairs if p[0] in test_src])
             for name, pairs in groups}
    return split, test_src


def project(args: argparse.Namespace, seeds: Seeds, src: Embeddings, tgt: Embeddings, mapped: np.ndarray) -> Optional[dict]:
    """``--projection``: replace the mapped vectors of the pieces covered by the aligned sentences
    (in place) by their projection; returns what was projected, or None."""
    if not (args.projection > 0 and seeds.sentences):
        return None
    proj, covered = project_from_parallel(seeds.sentences, src, tgt, args.projection, args.parallel_min_count)
    mapped[covered] = proj[covered]
    counts = np.asarray(src.counts, dtype=np.float64)
    return {"pieces": int(covered.sum()), "of": len(src),
            "token_share": _r(counts[covered].sum() / max(counts.sum(), 1.0)),
            "k": args.projection, "min_count": args.parallel_min_count}


def fit_language(args: argparse.Namespace, lang: str, files: List[str], tgt: Embeddings,
                 par_text: Dict[str, Tuple[str, str]], mono: Sequence[str], log: Log) -> LanguageFit:
    """Vectors of ``lang``, its seed pairs split into train and test, the mapping fitted on the
    train pairs only, its held-out P@1, the optional projection, and ``OUT/{lang}.vec``."""
    t = time.time()
    src = embed(args, lang, files, log)
    seeds = seed_pairs(args, lang, src, tgt, par_text, mono, log)
    split, test_src = hold_out(seeds, args.test_fraction, args.seed, lang)
    test_tgt = {t for _, t in split["identity"][1] + split["parallel"][1] + split["dict"][1]}
    train = list(dict.fromkeys(split["dict"][0] + split["parallel"][0] + split["identity"][0]))
    assert not test_src & {s for s, _ in train}
    if not train:
        raise VectorsError(
            f"{lang}: no seed pairs to fit the mapping on ({len(seeds.identity)} pieces shared with "
            f"{args.target}, {len(seeds.parallel)} parallel-induced pairs, {len(seeds.dictionary)} dictionary "
            f"pairs); give a dictionary in --dict-dir as {lang}-{args.target}.txt"
        )
    W, info = fit_mapping(src, tgt, train, args.refine, test_src, test_tgt, args.refine_vocab)
    mapped = (src.vectors.astype(np.float64) @ W).astype(np.float32)
    tests = {"identity": split["identity"][1], "parallel": split["parallel"][1],
             "parallel_nonidentical": [(a, b) for a, b in split["parallel"][1] if a != b],
             "dictionary": split["dict"][1], "train": train}
    p_at_1 = {name: precision_at_1(mapped, tgt, src.index, pairs) for name, pairs in tests.items()}
    # after the P@1 above, which measures the mapping; held-out words are projected too
    # (projection uses only the aligned sentences, never the seed lists)
    projected = project(args, seeds, src, tgt, mapped)
    write_vec(os.path.join(args.out, f"{lang}.vec"), src, mapped)
    return LanguageFit(lang, src, files, seeds, split, train, W, info["induced_pairs"], p_at_1, projected,
                       round(time.time() - t, 2))


# --------------------------------------------------------------------------------------------------
# reporting


def _r(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(float(x), 4)


def language_entry(fit: LanguageFit, parallel_text_given: bool, target_vocab: int) -> dict:
    """The report.json entry of one source language."""
    s, sp, p = fit.split, fit.seeds, fit.p_at_1
    par_pairs = [(a, b) for a, b, _, _ in sp.parallel]
    seed_counts = {
        "identity": len(sp.identity), "identity_train": len(s["identity"][0]), "identity_test": len(s["identity"][1]),
        "parallel": len(par_pairs), "parallel_train": len(s["parallel"][0]), "parallel_test": len(s["parallel"][1]),
        "parallel_identical": sum(a == b for a, b in par_pairs),
        "parallel_files": [p if parallel_text_given else os.path.basename(p) for pair in sp.parallel_files for p in pair],
        "parallel_sentences": len(sp.sentences),
        "parallel_examples": [[a, b, round(dc, 3), n] for a, b, dc, n in sp.parallel if a != b][:25],
        "dictionary": sp.dictionary_path, "dictionary_pairs": len(sp.dictionary),
        "dictionary_lines_skipped": sp.dictionary_skipped,
        "dictionary_train": len(s["dict"][0]), "dictionary_test": len(s["dict"][1]),
        "train_total": len(fit.train), "induced_last_round": fit.induced_pairs,
    }
    held_out = {}
    for name in ("identity", "parallel", "parallel_nonidentical", "dictionary"):
        held_out.update({f"{name}_heldout_nn": _r(p[name]["nn"]), f"{name}_heldout_csls": _r(p[name]["csls"]),
                         f"{name}_heldout_n": p[name]["n"]})
    return {
        "vocab": len(fit.src),
        "mapped": True,
        "files": [os.path.basename(f) for f in fit.files],
        "seed_pairs": seed_counts,
        "p_at_1": {**held_out, "train_pairs_nn": _r(p["train"]["nn"]), "chance": _r(1.0 / target_vocab)},
        "orthogonality_error": orthogonality_error(fit.W),
        "projected": fit.projected,
        "seconds": fit.seconds,
    }


def report_language(fit: LanguageFit, target: str, target_vocab: int, parallel_text_given: bool, log: Log) -> dict:
    """The report.json entry of one source language; logs its line."""
    entry = language_entry(fit, parallel_text_given, target_vocab)
    s, p, projected = fit.split, fit.p_at_1, fit.projected

    def fmt(q):
        return f"{q['nn']:.3f} (csls {q['csls']:.3f}, n={q['n']})" if q["n"] else "n/a"

    log(f"{fit.lang} -> {target}: {len(fit.train)} train seed pairs ({len(s['identity'][0])} identity, "
        f"{len(s['parallel'][0])} parallel-induced, {len(s['dict'][0])} dictionary); held-out P@1: "
        f"identity {fmt(p['identity'])}, parallel-induced {fmt(p['parallel'])} "
        f"[non-identical {fmt(p['parallel_nonidentical'])}]"
        + (f", dictionary {fmt(p['dictionary'])}" if fit.seeds.dictionary_path else "")
        + f"; ||W^T W - I|| = {entry['orthogonality_error']:.1e}"
        + (f"; projected through the aligned text: {projected['pieces']} of {projected['of']} pieces "
           f"({100 * projected['token_share']:.0f}% of its tokens)" if projected else ""))
    return entry


def write_report(args: argparse.Namespace, report: dict, langs: Sequence[str], target_vocab: int, log: Log) -> None:
    """Writes report.json, then logs the table of held-out P@1 and where the files are."""
    with open(args.report or os.path.join(args.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
        f.write("\n")
    rows = [("lang", "identity", "parallel", "par.non-id", "dictionary", "train")]
    for lang in langs:
        pa = report["languages"][lang]["p_at_1"]
        cell = lambda k: "-" if pa[k + "_nn"] is None else f"{pa[k + '_nn']:.3f}/{pa[k + '_csls']:.3f} n={pa[k + '_n']}"
        rows.append((lang, cell("identity_heldout"), cell("parallel_heldout"), cell("parallel_nonidentical_heldout"),
                     cell("dictionary_heldout"), f"{pa['train_pairs_nn']:.3f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    log("held-out P@1 (NN/CSLS, n = held-out source words) by seed source; chance "
        f"{1.0 / target_vocab:.4f}; 'parallel' is agreement with a co-occurrence dictionary from the same "
        "corpus, not with a human dictionary")
    for r in rows:
        log("  " + "  ".join(x.ljust(w) for x, w in zip(r, widths)))
    written = ([] if args.target_vec else [args.target]) + list(langs)
    log(f"wrote {', '.join(l + '.vec' for l in written)} and the report to {args.out} "
        f"({report['seconds']:.1f}s); use --ulr-vectors-dir {args.out} --ulr-query-dim {args.dim}")


# --------------------------------------------------------------------------------------------------
# command line


def main(argv: Optional[Sequence[str]] = None) -> dict:
    args = get_parser().parse_args(argv)
    t0 = time.time()
    log = (lambda m: None) if args.quiet else (lambda m: print(m, flush=True))
    langs, mono, par_text = check_args(args)
    files = text_files(args, langs, mono)
    tgt, tgt_entry = target_space(args, files, log)
    report = {
        "command": "fairseq-maml-vectors " + " ".join(sys.argv[1:] if argv is None else argv),
        "dim": args.dim,
        "target": args.target,
        "note": REPORT_NOTE,
        "monolingual_only": mono,
        "languages": {args.target: tgt_entry},
    }
    for lang in langs:
        fit = fit_language(args, lang, files[lang], tgt, par_text, mono, log)
        report["languages"][lang] = report_language(fit, args.target, len(tgt), lang in par_text, log)
    report["seconds"] = round(time.time() - t0, 2)
    write_report(args, report, langs, len(tgt), log)
    return report


def cli_main(argv: Optional[Sequence[str]] = None) -> None:
    try:
        main(argv)
    except VectorsError as e:
        print(f"fairseq-maml-vectors: error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    cli_main()
