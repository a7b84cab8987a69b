#!/usr/bin/env python
"""The paper's comparison in one command: MAML vs first-order MAML vs multilingual transfer vs
training from scratch, on new source languages, at several fine-tuning budgets (English tokens),
several random fine-tuning sets each (Gu et al., EMNLP 2018, Sec. 5 / Table 2 / Fig. 3).

::

    python examples/metanmt_experiment.py --data ../shared/data/tatoeba-mt --out runs/metanmt \\
        --preset cpu [--targets ro,fi,tr,lv,ko] [--methods maml,fomaml,multitask,scratch] \\
        [--budgets 0,4000,16000] [--seeds 2] [--meta-pairs de,fr,...]

DATA holds raw text: ``meta/{train,valid}.XX-en.{XX,en}`` (meta-training pairs) and
``target/{train,valid,test}.YY-en.{YY,en}`` (``train`` is a pool that fine-tuning sets are drawn from).

Steps (each writes an output or ``.done`` marker and is skipped when it exists, so a rerun resumes):

1. prepare: SentencePiece + binarization of the meta pairs, then of each target (shared English);
2. aligned vectors (``fairseq-maml-vectors``) when the command exists, else hashed ULR queries;
   the targets' pairs only as monolingual text (their parallel text is the budgeted pool), and
   targets added by a later run mapped onto the existing English space;
3. meta-training, one per meta method, same budget (updates, --max-tokens, arch);
4. fine-tuning sets: a subsample of <= B English tokens of the target pool per (target, B, seed),
   the same set for every method (and, for methods with ``--target-vectors set`` / ``vec=set``,
   the target's vectors aligned with that set's own sentence pairs);
5. fine-tuning (from the meta checkpoint, or from scratch), model selection on dev only (BLEU by
   default, --ft-select);
6. zero-shot (budget 0): the target's test set translated straight from each meta checkpoint;
7. beam-search decoding of dev and test, sacreBLEU BLEU / chrF against the raw English;
8. OUT/results.json, OUT/results.md, OUT/bleu_vs_tokens.png, OUT/meta_curves.png.

Every command run is printed and appended to OUT/commands.sh.
"""

import argparse
import dataclasses
import datetime
import functools
import glob
import json
import math
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
META_METHODS = ("maml", "fomaml", "multitask")
ALL_METHODS = META_METHODS + ("scratch",)
# the default comparison of the cpu and gpu presets, after docs/reports/experiment.md's verdict:
# multitask, maml warm-started from it, and multitask continued to the same counted arithmetic
VERDICT_METHODS = ("multitask", "maml@multitask", "multitask@multitask~maml", "scratch")
# the target language's vectors for fine-tuning: "mono" = OUT/vectors (aligned without any parallel
# text of the target), "set" = aligned with each fine-tuning set's own parallel text
TARGET_VECTORS = ("mono", "set")
FT_SELECT = ("loss", "bleu")  # what picks the fine-tuned checkpoint on dev (--ft-select, a variant's select=)
TGT = "en"

# ------------------------------------------------------------------------------------------------
# presets

PRESETS: Dict[str, dict] = {
    # for tests: 2 meta pairs, tiny everything
    "smoke": dict(
        arch="ulr_transformer_tiny", n_meta_pairs=2, meta_updates=10, meta_max_tokens=400,
        meta_lr=0.002, meta_warmup=5, meta_log_interval=5, meta_validate=10,
        budgets=[0, 1000], seeds=1, ft_updates=10, ft_validate=5, patience=2, ft_max_tokens=400,
        ft_lr=0.0005, ft_warmup=10, beam=2, vec_dim=32, methods=list(ALL_METHODS), threads=1,
    ),
    # ~1 hour on 2 CPU cores (see the estimate printed before starting)
    "cpu": dict(
        arch="ulr_transformer_tiny", n_meta_pairs=0, meta_updates=1000, meta_max_tokens=1200,
        meta_lr=0.002, meta_warmup=200, meta_log_interval=50, meta_validate=500,
        budgets=[0, 1000, 2000, 4000, 16000], seeds=2, ft_updates=300, ft_validate=50, patience=3,
        ft_max_tokens=1200, ft_lr=0.0005, ft_warmup=50, beam=5, vec_dim=32,
        methods=list(VERDICT_METHODS), threads=1,
    ),
    # one GPU
    "gpu": dict(
        arch="ulr_transformer_small", n_meta_pairs=0, meta_updates=20000, meta_max_tokens=4096,
        meta_lr=0.0005, meta_warmup=2000, meta_log_interval=100, meta_validate=2000,
        budgets=[0, 4000, 16000], seeds=5, ft_updates=2000, ft_validate=100, patience=5,
        ft_max_tokens=2048, ft_lr=0.0003, ft_warmup=100, beam=5, vec_dim=64,
        methods=list(VERDICT_METHODS),
    ),
}

# rough costs (seconds) on the 2-core development CPU, for the printed estimate only
COST = dict(
    startup=6.0,                      # a fairseq process (import torch + fairseq + plugin)
    # per update, tiny, --max-tokens 1200, 15 meta pairs, one thread (2026-12-07, docs/experiment/compute:
    # multitask 0.48-0.77 s, its merged support+query batch ~1,900 target tokens; maml 0.74-1.3 s; the
    # cores shared with other jobs); fomaml from its counted arithmetic (0.51x maml's)
    meta_update={"maml": 0.9, "fomaml": 0.46, "multitask": 0.5, "hfmaml": 0.7, "reptile": 0.46},
    ft_update=0.09,                   # per fine-tuning update, tiny, 1200 tokens
    valid=1.0,                        # one dev validation
    decode_sentence=0.012,            # beam 5, tiny
    prepare_per_pair=6.0,
    vectors_per_lang=6.0,
)


@dataclasses.dataclass(frozen=True)
class Run:
    method: str   # maml | fomaml | multitask | scratch
    target: str   # source language of the low-resource pair, e.g. ro
    budget: int   # English tokens of the fine-tuning set; 0 = zero-shot
    seed: int
    meta_seed: int = 1  # the seed of the meta-training it fine-tunes from (--meta-seeds)

    @property
    def name(self) -> str:
        return f"{self.method}-{self.target}-b{self.budget}-s{self.seed}" + (
            f"-ms{self.meta_seed}" if self.meta_seed > 1 else "")


@dataclasses.dataclass(frozen=True)
class Variant:
    """A named variant of a method (``--variant``): the base method's commands with extra
    fairseq-train arguments for meta-training and/or fine-tuning (an extra option replaces the
    base command's option of the same name). A variant without meta arguments of its own
    fine-tunes from its base's meta checkpoint (``meta_from``), with no second meta-training."""
    name: str
    base: str                      # the built-in method it runs: maml, fomaml, multitask, scratch
    meta_args: Tuple[str, ...] = ()
    ft_args: Tuple[str, ...] = ()
    meta_from: str = ""            # whose meta-training it fine-tunes from (itself or a base)
    vec: Optional[str] = None      # target vectors for fine-tuning: "mono", "set" (None: --target-vectors)
    select: Optional[str] = None   # what picks the fine-tuned checkpoint: "loss", "bleu" (None: --ft-select)


def parse_variant(text: str, known: Optional[Dict[str, Variant]] = None) -> Variant:
    """``NAME=BASE[;meta=ARGS][;ft=ARGS][;vec=mono|set][;select=loss|bleu]``, e.g.
    ``maml-ilr1=maml;meta=--inner-lr 1.0``. BASE is a built-in method or a variant defined before
    (its arguments come first). ``vec=`` chooses the target vectors its fine-tuning reads (see
    ``--target-vectors``), ``select=`` what picks its fine-tuned checkpoint (see ``--ft-select``)."""
    known = known or {}
    name, sep, rest = text.partition("=")
    name = name.strip()
    fields = [f.strip() for f in rest.split(";")]
    base = fields[0] if fields else ""
    if not sep or not re.fullmatch(r"[A-Za-z0-9_.+-]+", name) or name in ALL_METHODS:
        raise SystemExit(f"--variant {text!r}: expected NAME=BASE[;meta=ARGS][;ft=ARGS][;vec=mono|set][;select=loss|bleu] with a new NAME "
                         f"of letters, digits and ._+- (not one of {','.join(ALL_METHODS)})")
    if base not in ALL_METHODS and base not in known:
        raise SystemExit(f"--variant {text!r}: unknown base {base!r} (a method of {','.join(ALL_METHODS)} "
                         f"or a variant defined before)")
    meta_args: List[str] = []
    ft_args: List[str] = []
    vec: Optional[str] = None
    select: Optional[str] = None
    for f in fields[1:]:
        key, _, val = f.partition("=")
        if key.strip() == "meta":
            meta_args += shlex.split(val)
        elif key.strip() == "ft":
            ft_args += shlex.split(val)
        elif key.strip() == "vec":
            vec = val.strip()
            if vec not in TARGET_VECTORS:
                raise SystemExit(f"--variant {text!r}: vec={vec!r}, expected one of {','.join(TARGET_VECTORS)}")
        elif key.strip() == "select":
            select = val.strip()
            if select not in FT_SELECT:
                raise SystemExit(f"--variant {text!r}: select={select!r}, expected one of {','.join(FT_SELECT)}")
        else:
            raise SystemExit(f"--variant {text!r}: unknown field {key!r} (meta=, ft=, vec= or select=)")
    parent = known.get(base)
    root = parent.base if parent else base
    if meta_args and root == "scratch":
        raise SystemExit(f"--variant {text!r}: scratch has no meta-training; use ft=")
    meta_from = name if meta_args else (parent.meta_from if parent else base)
    if parent:
        meta_args = list(parent.meta_args) + meta_args
        ft_args = list(parent.ft_args) + ft_args
        vec = vec or parent.vec
        select = select or parent.select
    return Variant(name, root, tuple(meta_args), tuple(ft_args), meta_from, vec, select)


WARM_RE = re.compile(r"([A-Za-z0-9_.+-]+)@([A-Za-z0-9_.+-]+)(?:~([A-Za-z0-9_.+-]+))?")
# counted arithmetic per update relative to multitask (the same episode: support + query tokens),
# for --dry-run only, before the experiment's own count (OUT/compute/arithmetic.json) exists
FLOP_RATIO = {"multitask": 1.0, "fomaml": 1.0, "reptile": 1.0, "hfmaml": 1.5, "maml": 2.0}


@dataclasses.dataclass(frozen=True)
class Warm:
    """A warm-started meta-training, method name ``A@B`` or ``A@B~C``: A's meta-training (a meta
    method or a --variant with meta-training) started from the final checkpoint of B's
    (``fairseq-train --finetune-from-model``: the model's weights, ULR tables and language
    embeddings included; a fresh optimizer, learning-rate schedule, meters and data iterator),
    for ``--warm-updates`` updates (A's own ``--max-update`` where A is a variant that sets one).
    With ``~C``: for as many updates as give it the counted arithmetic of C@B's continuation
    (equal compute), e.g. ``multitask@multitask~maml`` = multitask continued for what
    ``maml@multitask`` spends. A's options (inner lr, episode sizes, ...) apply to the continuation."""
    name: str
    method: str
    init: str
    match: Optional[str] = None


def warm_name(method: str, init: str, match: Optional[str] = None) -> str:
    return f"{method}@{init}" + (f"~{match}" if match else "")


def parse_warm(name: str, meta_names: Sequence[str]) -> Optional[Warm]:
    """The Warm of a method name with ``@`` (None without); A, B and C must be meta methods or
    variants with meta-training (``meta_names``)."""
    if "@" not in name:
        return None
    m = WARM_RE.fullmatch(name)
    if not m:
        raise SystemExit(f"--methods: {name!r}: expected METHOD@INIT or METHOD@INIT~MATCH (meta methods or variants)")
    a, b, c = m.groups()
    for x in (a, b, c):
        if x is not None and x not in meta_names:
            raise SystemExit(f"--methods: {name!r}: {x!r} is not a meta method ({','.join(META_METHODS)}) "
                             f"or a --variant of one")
    return Warm(name, a, b, c)


def option_value(args: Sequence[str], option: str) -> Optional[str]:
    """The value after the last ``option`` in a command line (the one argparse keeps), None when
    it is absent."""
    idx = [i for i, x in enumerate(args) if x == option]
    return args[idx[-1] + 1] if idx else None


def merge_args(cmd: Sequence[str], extra: Sequence[str]) -> List[str]:
    """``cmd`` + ``extra``, where an option in ``extra`` replaces the same option of ``cmd`` (with
    its values), and ``--optimizer`` other than adam also drops cmd's ``--adam-*`` options (which
    fairseq-train would reject for another optimizer)."""
    flags = {x for x in extra if x.startswith("--")}
    if option_value(extra, "--optimizer") not in (None, "adam"):
        flags |= {x for x in cmd if x.startswith("--adam-")}
    out: List[str] = []
    dropping = False
    for x in cmd:
        if x.startswith("-") and not re.fullmatch(r"-[0-9.]+(e-?[0-9]+)?", x):
            dropping = x in flags
        if not dropping:
            out.append(x)
    return out + list(extra)


def plan_runs(methods: Sequence[str], targets: Sequence[str], budgets: Sequence[int],
              seeds: int, meta_methods: Sequence[str] = META_METHODS, meta_seeds: int = 1) -> List[Run]:
    """Every run of the experiment. Budget 0 is zero-shot: one run per meta method, meta seed and
    target (deterministic, so seed 1 only; scratch has nothing to translate with). Budget B > 0:
    every method x target x seed 1..seeds (x meta seed 1..meta_seeds for the meta methods: each
    fine-tuning set is fine-tuned from every meta-training of a method)."""
    runs = []
    for target in targets:
        for budget in budgets:
            for method in methods:
                ms = range(1, meta_seeds + 1) if method in meta_methods else (1,)
                if budget == 0:
                    if method in meta_methods:
                        runs += [Run(method, target, 0, 1, m) for m in ms]
                    continue
                for m in ms:
                    for seed in range(1, seeds + 1):
                        runs.append(Run(method, target, budget, seed, m))
    return runs


# ------------------------------------------------------------------------------------------------
# commands (pure functions: what would be run)


@dataclasses.dataclass
class Config:
    data: str
    out: str
    preset: str
    arch: str
    meta_pairs: List[str]
    targets: List[str]
    methods: List[str]
    budgets: List[int]
    seeds: int
    meta_updates: int
    meta_max_tokens: int
    meta_lr: float
    meta_warmup: int
    meta_log_interval: int
    meta_validate: int
    ft_updates: int
    ft_validate: int
    patience: int
    ft_max_tokens: int
    ft_lr: float
    ft_warmup: int
    beam: int
    vec_dim: int
    vectors: bool = True
    target_vectors: str = "mono"
    projection: int = 0
    finetune_params: Optional[str] = None
    finetune_l2: Optional[float] = None
    user_dir: str = os.path.join(REPO, "fairseq_maml")
    threads: Optional[int] = None
    jobs: int = 1
    extra_train_args: List[str] = dataclasses.field(default_factory=list)
    variants: Dict[str, Variant] = dataclasses.field(default_factory=dict)
    warm: Dict[str, Warm] = dataclasses.field(default_factory=dict)
    warm_updates: Optional[int] = None   # continuation updates of A@B (default: meta_updates)
    meta_seeds: int = 1                  # meta-trainings per method (seeds 1..meta_seeds)
    curve: List[int] = dataclasses.field(default_factory=list)   # fine-tuning updates of the curve
    arithmetic: Optional[Dict[str, dict]] = None  # OUT/compute/arithmetic.json once counted
    baselines: List[str] = dataclasses.field(default_factory=lambda: ["multitask"])  # of the paired statistics
    ft_select: str = "bleu"              # what picks the fine-tuned checkpoint on dev: loss or bleu

    def base(self, method: str) -> str:
        """The built-in method a method or variant name runs (maml, fomaml, multitask, scratch)."""
        if method in self.warm:
            return self.base(self.warm[method].method)
        return self.variants[method].base if method in self.variants else method

    def is_meta(self, method: str) -> bool:
        return self.base(method) in META_METHODS

    @property
    def meta_methods(self) -> List[str]:
        return [m for m in self.methods if self.is_meta(m)]

    def meta_key(self, method: str) -> str:
        """Whose meta-training a method uses: its own, or its base's when a variant changes only
        fine-tuning (also in a warm start: ``maml-sgd@multitask``, with maml-sgd a fine-tuning
        variant of maml, fine-tunes from ``maml@multitask``'s continuation)."""
        if method in self.warm:
            w = self.warm[method]
            v = self.variants.get(w.method)
            return warm_name(v.meta_from, w.init, w.match) if v is not None and v.meta_from != v.name else method
        v = self.variants.get(method)
        return v.meta_from if v is not None else method

    def meta_keys(self) -> List[str]:
        """Every meta-training the methods need, inits before the warm starts that use them."""
        keys = [self.meta_key(m) for m in self.meta_methods]
        inits = [self.meta_key(self.warm[k].init) for k in keys if k in self.warm]
        return list(dict.fromkeys(inits + keys))

    @property
    def bin_dir(self) -> str:
        return os.path.join(self.out, "data", "bin")

    @property
    def vectors_dir(self) -> str:
        return os.path.join(self.out, "vectors")

    def meta_dir(self, method: str, meta_seed: int = 1) -> str:
        return os.path.join(self.out, "meta", self.meta_key(method) + (f"-ms{meta_seed}" if meta_seed > 1 else ""))

    def meta_ckpt(self, method: str, meta_seed: int = 1) -> str:
        return os.path.join(self.meta_dir(method, meta_seed), "checkpoint_last.pt")

    def ftdata_dir(self, target: str, budget: int, seed: int) -> str:
        return os.path.join(self.out, "ftdata", f"{target}-b{budget}-s{seed}")

    def set_vectors_dir(self, target: str, budget: int, seed: int) -> str:
        return os.path.join(self.ftdata_dir(target, budget, seed), "vectors")

    def select_of(self, method: str) -> str:
        """What picks a method's fine-tuned checkpoint ("loss" or "bleu"): its variant's select=
        (a warm start's: its METHOD's), else --ft-select."""
        w = self.warm.get(method)
        v = self.variants.get(w.method if w is not None else method)
        return (v.select if v is not None and v.select else None) or self.ft_select

    def vec_mode(self, method: str) -> str:
        """Which target vectors a method's fine-tuning reads ("mono" or "set")."""
        v = self.variants.get(method)
        return (v.vec if v is not None and v.vec else None) or self.target_vectors

    def run_dir(self, run: Run) -> str:
        return os.path.join(self.out, "runs", run.method, run.target, f"b{run.budget}",
                            f"s{run.seed}" + (f"-ms{run.meta_seed}" if run.meta_seed > 1 else ""))


def common_train_args(cfg: Config, use_vectors: bool) -> List[str]:
    args = [
        "--user-dir", cfg.user_dir, "--task", "meta_translation", "--arch", cfg.arch,
        "--criterion", "meta_label_smoothed_cross_entropy", "--label-smoothing", "0.1",
        "--optimizer", "adam", "--adam-betas", "(0.9,0.98)", "--clip-norm", "1.0",
        "--lr-scheduler", "inverse_sqrt", "--log-format", "json", "--no-epoch-checkpoints",
        "--num-workers", "0",
    ]
    if use_vectors:
        args += ["--ulr-vectors-dir", cfg.vectors_dir, "--ulr-query-dim", str(cfg.vec_dim)]
    return args + list(cfg.extra_train_args)


def meta_train_cmd(cfg: Config, method: str, use_vectors: bool, meta_seed: int = 1) -> List[str]:
    w = cfg.warm.get(cfg.meta_key(method))
    if w is not None:  # A's command, from B's final checkpoint, for the continuation's updates
        d = cfg.meta_dir(method, meta_seed)
        return merge_args(meta_train_cmd(cfg, w.method, use_vectors, meta_seed), [
            "--max-update", str(continuation_updates(cfg, w)), "--save-dir", d,
            "--log-file", os.path.join(d, "train.log"),
            "--finetune-from-model", cfg.meta_ckpt(w.init, meta_seed)])
    d = cfg.meta_dir(method, meta_seed)
    return merge_args([
        "fairseq-train", cfg.bin_dir, *common_train_args(cfg, use_vectors),
        "--lang-pairs", ",".join(f"{p}-{TGT}" for p in cfg.meta_pairs),
        "--meta-mode", cfg.base(method), "--inner-lr", "0.1", "--inner-steps", "1", "--inner-params", "all",
        "--max-tokens", str(cfg.meta_max_tokens), "--lr", str(cfg.meta_lr),
        "--warmup-updates", str(cfg.meta_warmup), "--max-update", str(cfg.meta_updates),
        "--log-interval", str(cfg.meta_log_interval),
        "--validate-interval-updates", str(cfg.meta_validate),
        "--save-interval-updates", str(cfg.meta_validate), "--keep-interval-updates", "1",
        "--seed", str(meta_seed), "--save-dir", d, "--log-file", os.path.join(d, "train.log"),
    ], cfg.variants[method].meta_args if method in cfg.variants else ())


def flops_per_update(cfg: Config, method: str) -> float:
    """Counted arithmetic of one meta-training update of ``method`` (a non-warm meta method or
    variant): from OUT/compute/arithmetic.json once counted, else FLOP_RATIO (for --dry-run)."""
    key = cfg.meta_key(method)
    if cfg.arithmetic and key in cfg.arithmetic:
        return float(cfg.arithmetic[key]["flops_per_update"])
    return FLOP_RATIO.get(cfg.base(key), 1.0)


def continuation_updates(cfg: Config, w: Warm) -> int:
    """Updates of the warm start ``w`` (after its init): A's own --max-update when A is a variant
    that sets one, else --warm-updates (default: the preset's meta-updates); with ~C, C@B's
    continuation updates x C's counted arithmetic per update / A's (equal compute, rounded)."""
    def own(m: str) -> int:
        v = cfg.variants.get(m)
        n = option_value(v.meta_args, "--max-update") if v is not None else None
        return int(n) if n is not None else (cfg.warm_updates or cfg.meta_updates)
    if w.match is None:
        return own(w.method)
    return max(1, int(round(own(w.match) * flops_per_update(cfg, w.match) / flops_per_update(cfg, w.method))))


def meta_updates_of(cfg: Config, method: str) -> int:
    """Meta-training updates of ``method`` (the preset's, or a variant's ``--max-update``; of a
    warm start: its continuation only)."""
    return int(option_value(meta_train_cmd(cfg, method, cfg.vectors), "--max-update"))


def keeps_interval_checkpoints(cmd: Sequence[str]) -> bool:
    """Whether a meta-training command asks for more than one interval checkpoint
    (``--keep-interval-updates N``, N > 1 or -1 = all): then the script leaves them in place."""
    n = int(option_value(cmd, "--keep-interval-updates") or 1)  # merge_args leaves each option once
    return n > 1 or n < 0


def can_resume_meta(meta_dir: str, cmd: Sequence[str]) -> bool:
    """Whether an unfinished meta-training in ``meta_dir`` can go on from its checkpoint_last.pt
    (fairseq-train resumes from it): only if it was started by exactly ``cmd``. Otherwise the
    folder is cleared and it starts over."""
    try:
        with open(os.path.join(meta_dir, "command.json"), encoding="utf-8") as f:
            same = json.load(f) == list(cmd)
    except (OSError, ValueError):
        return False
    return same and os.path.exists(os.path.join(meta_dir, "checkpoint_last.pt"))


def finetune_cmd(cfg: Config, run: Run, use_vectors: bool) -> List[str]:
    """Fine-tuning of one run: trains on the run's subsample, selects on the dev split only (dev BLEU
    or dev loss, ``--valid-subset valid``, ``--patience``, checkpoint_best.pt). The test split is never
    named."""
    d = cfg.run_dir(run)
    cmd = [
        "fairseq-train", os.path.join(cfg.ftdata_dir(run.target, run.budget, run.seed), "bin"),
        *common_train_args(cfg, use_vectors), "-s", run.target, "-t", TGT,
        "--max-tokens", str(cfg.ft_max_tokens), "--lr", str(cfg.ft_lr),
        "--warmup-updates", str(cfg.ft_warmup), "--max-update", str(cfg.ft_updates),
        "--valid-subset", "valid", "--validate-interval-updates", str(cfg.ft_validate),
        "--save-interval-updates", str(cfg.ft_validate), "--keep-interval-updates", "1",
        # validate/save only every --validate-interval-updates, not at every (tiny) epoch
        "--validate-interval", "1000000", "--save-interval", "1000000",
        "--patience", str(cfg.patience), "--best-checkpoint-metric", "loss",
        "--no-save-optimizer-state", "--log-interval", str(max(1, cfg.ft_validate // 2)),
        "--seed", str(run.seed), "--save-dir", d, "--log-file", os.path.join(d, "train.log"),
    ]
    if cfg.select_of(run.method) == "bleu":  # dev BLEU at each validation, greedy, the decodes' length cap
        cmd = merge_args(cmd, [
            "--eval-bleu", "--eval-bleu-args", json.dumps({"beam": 1, "max_len_a": MAX_LEN[0], "max_len_b": MAX_LEN[1]}),
            "--eval-bleu-remove-bpe", "sentencepiece", "--best-checkpoint-metric", "bleu",
            "--maximize-best-checkpoint-metric"])
    if use_vectors and cfg.vec_mode(run.method) == "set":
        cmd = merge_args(cmd, ["--ulr-vectors-dir", cfg.set_vectors_dir(run.target, run.budget, run.seed)])
    ckpt = cfg.meta_ckpt(run.method, run.meta_seed)
    if cfg.is_meta(run.method):
        cmd += ["--finetune-from-model", ckpt]
    if cfg.finetune_params is not None:
        cmd += ["--finetune-params", cfg.finetune_params]
    if cfg.finetune_l2 is not None and cfg.is_meta(run.method):
        cmd += ["--finetune-l2", str(cfg.finetune_l2), "--finetune-l2-anchor", ckpt]
    w = cfg.warm.get(run.method)
    v = cfg.variants.get(w.method if w is not None else run.method)
    if v is not None:  # a warm start fine-tunes as its method A does
        cmd = merge_args(cmd, [ckpt if a == "{meta_ckpt}" else a for a in v.ft_args])
    return cmd


def curve_cmds(cfg: Config, run: Run, use_vectors: bool) -> List[Tuple[List[int], List[str]]]:
    """The adaptation curve of a fine-tuning run: (points, command) pairs whose commands leave the
    parameters after each of ``--curve``'s points (``curve_checkpoint``), for decoding the test set.
    Fixed numbers of updates: nothing is selected, no validation runs (``--disable-validation``),
    the test split is never named. Point 0 is one update at learning rate 0 (the parameters
    fine-tuning starts from, after loading the meta checkpoint with the set's vectors). The points
    > 0 are one training to the largest on the run's own fine-tuning command (same set, seed,
    learning rate and schedule: the trajectory of the selected run up to that point), saving the
    parameters every gcd(points) updates (one fairseq start-up for all of them, not one per point).
    fairseq saves an update that ends an epoch only as an epoch checkpoint (``checkpoint{E}.pt``),
    never as ``checkpoint_{E}_{U}.pt``, and a small fine-tuning set has epochs of a few updates: so
    the training also saves every epoch (``--save-interval 1``), and ``curve_checkpoint`` finds
    each point's file in its output."""
    base = [x for x in finetune_cmd(cfg, run, use_vectors) if x != "--no-epoch-checkpoints"]
    d = os.path.join(cfg.run_dir(run), "curve")
    fixed = ["--disable-validation", "--keep-interval-updates", "-1"]
    out: List[Tuple[List[int], List[str]]] = []
    points = sorted(set(cfg.curve))
    if 0 in points:
        d0 = os.path.join(d, "u0")
        out.append(([0], merge_args(base, fixed + ["--save-interval-updates", "0", "--max-update", "1", "--lr", "0",
                                                    "--save-dir", d0, "--log-file", os.path.join(d0, "train.log")])))
    positive = [u for u in points if u > 0]
    if positive:
        out.append((positive, merge_args(base, fixed + [
            "--save-interval-updates", str(functools.reduce(math.gcd, positive)), "--save-interval", "1",
            "--max-update", str(positive[-1]), "--save-dir", d, "--log-file", os.path.join(d, "train.log")])))
    return out


SAVED_RE = re.compile(r"Saved checkpoint (\S+) \(epoch \d+ @ (\d+) updates")


def curve_checkpoint(cmd: Sequence[str], updates: int, log: str) -> str:
    """Where a command of ``curve_cmds`` left the parameters after ``updates`` updates: its save
    dir's checkpoint_last.pt for point 0, else the file it says it saved at that update in ``log``,
    its captured output (fairseq's checkpoint messages reach the console, not ``--log-file``)."""
    save = option_value(cmd, "--save-dir")
    if updates == 0:
        return os.path.join(save, "checkpoint_last.pt")
    text = open(log, encoding="utf-8", errors="replace").read() if os.path.exists(log) else ""
    found = [p for p, u in SAVED_RE.findall(text) if int(u) == updates and os.path.exists(p)]
    if not found:
        raise RuntimeError(f"adaptation curve: no checkpoint saved after {updates} updates in {save} ({log} names none)")
    return found[-1]


def vectors_plan(cfg: Config, marker: Optional[dict]) -> Tuple[Optional[List[str]], dict]:
    """The ``fairseq-maml-vectors`` command still to run (``None``: nothing to do), and the marker
    once it has run.

    The targets' pairs are ``--monolingual-only``: their parallel text is the budgeted fine-tuning
    pool, so it must not align their vectors (nor shape the English space). A first run builds
    the English space from the meta pairs and maps every language onto it; a later run with new
    targets only maps those onto the existing ``en.vec`` (``--target-vec``), the space whose
    vectors the meta checkpoints' universal keys hold. ``marker`` is the ``.done/vectors`` record
    of an earlier run (``None`` if none); one written before languages were recorded counts the
    ``.vec`` files present."""
    base = ["fairseq-maml-vectors", "--data", os.path.join(cfg.out, "data"), "--target", TGT,
            "--dim", str(cfg.vec_dim), "--out", cfg.vectors_dir]
    if cfg.projection:
        base += ["--projection", str(cfg.projection)]
    if marker is None:
        langs = list(dict.fromkeys(cfg.meta_pairs + cfg.targets))
        cmd = base + ["--langs", ",".join(langs), "--monolingual-only", ",".join(cfg.targets)]
        return cmd, {"used": True, "langs": langs, "monolingual_only": list(cfg.targets),
                     "projection": cfg.projection}
    if marker.get("projection", 0) != cfg.projection:
        raise SystemExit(f"--vectors-projection {cfg.projection}: the vectors in {cfg.vectors_dir} (and the meta "
                         f"checkpoints trained on them) were built with --projection {marker.get('projection', 0)}; "
                         f"use another --out for other vectors")
    have = marker.get("langs")
    if have is None:
        have = sorted(f[:-4] for f in os.listdir(cfg.vectors_dir) if f.endswith(".vec") and f[:-4] != TGT)
    new = [t for t in cfg.targets if t not in have]
    marker = dict(marker, langs=list(have) + new,
                  monolingual_only=list(dict.fromkeys(list(marker.get("monolingual_only", [])) + new)))
    if not new:
        return None, marker
    cmd = base + ["--langs", ",".join(new), "--monolingual-only", ",".join(new),
                  "--target-vec", os.path.join(cfg.vectors_dir, f"{TGT}.vec"),
                  "--report", os.path.join(cfg.vectors_dir, f"report-{'-'.join(new)}.json")]
    return cmd, marker


def set_vectors_cmd(cfg: Config, target: str, budget: int, seed: int) -> List[str]:
    """The target's vectors aligned with one fine-tuning set (``vec=set``): monolingual vectors from
    the target's text as for ``OUT/vectors``, mapped onto ``OUT/vectors/en.vec`` (the meta
    checkpoints' key space) with seed pairs induced from the set's own sentence pairs only
    (``--parallel-text``; ``--parallel-min-count 2``, as a set of a few hundred pairs has few
    co-occurrences), plus the identity seeds; with ``--vectors-projection K`` the pieces seen in
    the set then take the Dice-weighted mean of their K best English pieces' vectors. Held-out P@1
    of the mapping in the folder's report.json."""
    text = os.path.join(cfg.ftdata_dir(target, budget, seed), "text", f"train.{target}-{TGT}")
    return ["fairseq-maml-vectors", "--data", os.path.join(cfg.out, "data"), "--langs", target,
            "--target", TGT, "--dim", str(cfg.vec_dim), "--monolingual-only", target,
            "--target-vec", os.path.join(cfg.vectors_dir, f"{TGT}.vec"),
            "--parallel-text", f"{target}={text}.{target},{text}.{TGT}", "--parallel-min-count", "2",
            "--out", cfg.set_vectors_dir(target, budget, seed)] + (
                ["--projection", str(cfg.projection)] if cfg.projection else [])


MAX_LEN = (1.5, 10)  # hypothesis length cap a x source + b (pieces), of every decode


def generate_cmd(cfg: Config, data_dir: str, target: str, ckpt: str, subset: str,
                 zero_shot: bool = False) -> List[str]:
    cmd = [
        "fairseq-generate", data_dir, "--user-dir", cfg.user_dir, "--task", "meta_translation",
        "-s", target, "-t", TGT, "--path", ckpt, "--gen-subset", subset, "--beam", str(cfg.beam),
        "--batch-size", "128", "--remove-bpe", "sentencepiece", "--num-workers", "0",
        # a cap on hypothesis length (pieces): weak models otherwise babble up to 200 pieces
        "--max-len-a", str(MAX_LEN[0]), "--max-len-b", str(MAX_LEN[1]),
    ]
    if zero_shot:
        cmd.append("--zero-shot")
    return cmd


# ------------------------------------------------------------------------------------------------
# results (pure functions)


def _mean_std(xs: List[float]) -> Tuple[Optional[float], Optional[float]]:
    if not xs:
        return None, None
    m = sum(xs) / len(xs)
    if len(xs) < 2:
        return m, None
    return m, math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def aggregate(records: Sequence[dict]) -> Dict[Tuple[str, str, int], dict]:
    """{(method, target, budget): {n, n_ok, bleu_mean, bleu_std, chrf_mean, chrf_std, tokens_mean}}
    over seeds; a record whose test_bleu is None (n/a) counts in n but not in the statistics.
    std is the sample standard deviation (None with fewer than 2 values)."""
    groups: Dict[Tuple[str, str, int], List[dict]] = {}
    for r in records:
        groups.setdefault((r["method"], r["target"], int(r["budget"])), []).append(r)
    out = {}
    for key, rs in groups.items():
        ok = [r for r in rs if r.get("test_bleu") is not None]
        bm, bs = _mean_std([float(r["test_bleu"]) for r in ok])
        cm, cs = _mean_std([float(r["test_chrf"]) for r in ok if r.get("test_chrf") is not None])
        toks = [r["tokens"] for r in rs if r.get("tokens") is not None]
        out[key] = dict(n=len(rs), n_ok=len(ok), bleu_mean=bm, bleu_std=bs, chrf_mean=cm,
                        chrf_std=cs, tokens_mean=(sum(toks) / len(toks)) if toks else None)
    return out


def format_cell(mean: Optional[float], std: Optional[float]) -> str:
    if mean is None:
        return "n/a"
    if std is None:
        return f"{mean:.2f}"
    return f"{mean:.2f} ± {std:.2f}"


def results_markdown(records: Sequence[dict], methods: Sequence[str], targets: Sequence[str],
                     budgets: Sequence[int], header_lines: Sequence[str] = ()) -> str:
    agg = aggregate(records)
    lines = ["# MetaNMT comparison", ""] + list(header_lines) + [""]
    for metric, title in (("bleu", "test BLEU"), ("chrf", "test chrF")):
        lines += [f"## {title} (mean ± std over seeds; budget = English tokens of the fine-tuning set, 0 = zero-shot)", ""]
        lines.append("| method | budget | " + " | ".join(targets) + " |")
        lines.append("|---|---|" + "---|" * len(targets))
        for budget in budgets:
            for method in methods:
                cells = []
                for t in targets:
                    a = agg.get((method, t, int(budget)))
                    if a is None:
                        cells.append("n/a")
                        continue
                    c = format_cell(a[f"{metric}_mean"], a[f"{metric}_std"])
                    if a["n_ok"] < a["n"]:
                        c += f" ({a['n_ok']}/{a['n']})"
                    cells.append(c)
                lines.append(f"| {method} | {budget} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## actual English tokens of the fine-tuning sets (mean over seeds)", ""]
    lines.append("| budget | " + " | ".join(targets) + " |")
    lines.append("|---|" + "---|" * len(targets))
    for budget in budgets:
        if budget == 0:
            continue
        cells = []
        for t in targets:
            vals = [r["tokens"] for r in records if r["target"] == t and int(r["budget"]) == budget
                    and r.get("tokens") is not None]
            cells.append(f"{sum(vals) / len(vals):.0f}" if vals else "n/a")
        lines.append(f"| {budget} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def compute_markdown(records: Sequence[dict], methods: Sequence[str], targets: Sequence[str],
                     budgets: Sequence[int], baselines: Sequence[str], curve: Sequence[int] = ()) -> str:
    """results.md's second part: each method's meta-training cost, the paired differences against
    each baseline, and the adaptation curves (mean test BLEU after fixed fine-tuning updates)."""
    lines = ["## meta-training cost (mean over meta seeds; a warm start's includes its init's)", "",
             "| method | init | updates | target tokens (support+query) | counted arithmetic (TFLOP) | wall (min) |",
             "|---|---|---|---|---|---|"]
    for m in methods:
        rs = {int(r.get("meta_seed", 1)): r for r in records if r["method"] == m and r.get("meta_updates") is not None}
        if not rs:
            continue
        def mean(k):
            xs = [r[k] for r in rs.values() if r.get(k) is not None]
            return sum(xs) / len(xs) if xs else None
        f = lambda x, scale, fmt: "n/a" if x is None else format(x / scale, fmt)
        init = next(iter(rs.values())).get("init")
        lines.append(f"| {m} | {init or '-'} | {f(mean('meta_updates'), 1, '.0f')} | {f(mean('meta_tokens'), 1e6, '.2f')}M | "
                     f"{f(mean('meta_flops'), 1e12, '.2f')} | {f(mean('meta_seconds'), 60, '.1f')} |")
    lines.append("")
    for base in baselines:
        lines += [f"## paired test BLEU difference against {base} (same fine-tuning sets and meta seeds): mean "
                  f"[95% bootstrap interval] wins-losses", ""]
        lines.append("| method | budget | " + " | ".join(targets) + " |")
        lines.append("|---|---|" + "---|" * len(targets))
        for b in budgets:
            if b == 0:
                continue
            for m in methods:
                if m == base:
                    continue
                cells = []
                for t in targets:
                    st = paired_stats(records, m, base, t, int(b))
                    cells.append("n/a" if st is None else
                                 f"{st['mean']:+.2f} [{st['lo']:+.2f}, {st['hi']:+.2f}] {st['wins']}-{st['losses']} (n={st['n']})")
                lines.append(f"| {m} | {b} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## model selection: fine-tuning runs whose dev-selected checkpoint is their last validation "
              "(then the update cap, not the dev metric, stopped them: raise --ft-updates)", "",
              "| method | budget | selected = last / runs | mean selected update | mean last update |", "|---|---|---|---|---|"]
    for b in budgets:
        for m in methods:
            rs = [r for r in records if r["method"] == m and int(r["budget"]) == b and b > 0
                  and r.get("best_update") is not None and r.get("last_update") is not None]
            if rs:
                capped = sum(int(r["best_update"]) >= int(r["last_update"]) for r in rs)
                lines.append(f"| {m} | {b} | {capped} / {len(rs)} | {sum(r['best_update'] for r in rs) / len(rs):.0f} | "
                             f"{sum(r['last_update'] for r in rs) / len(rs):.0f} |")
    lines.append("")
    if curve:
        lines += ["## adaptation curve: mean test BLEU after a fixed number of fine-tuning updates "
                  "(no selection), and at the dev-selected checkpoint", ""]
        lines.append("| method | target | budget | " + " | ".join(str(u) for u in curve) + " | selected (mean update) |")
        lines.append("|---|---|---|" + "---|" * (len(curve) + 1))
        for t in targets:
            for b in budgets:
                if b == 0:
                    continue
                for m in methods:
                    rs = [r for r in records if r["method"] == m and r["target"] == t and int(r["budget"]) == b]
                    if not rs:
                        continue
                    cells = []
                    for u in curve:
                        xs = [r["bleu_at_updates"][str(u)] for r in rs if str(u) in (r.get("bleu_at_updates") or {})]
                        cells.append(f"{sum(xs) / len(xs):.2f}" if xs else "n/a")
                    sel = [r["test_bleu"] for r in rs if r.get("test_bleu") is not None]
                    ups = [r["ft_updates"] for r in rs if r.get("ft_updates") is not None]
                    cells.append((f"{sum(sel) / len(sel):.2f}" if sel else "n/a")
                                 + (f" ({sum(ups) / len(ups):.0f})" if ups else ""))
                    lines.append(f"| {m} | {t} | {b} | " + " | ".join(cells) + " |")
        lines.append("")
        # the curve, paired: each point's test BLEU as the metric of paired_stats
        at = [dict(r, **{f"bleu_at_{u}": (r.get("bleu_at_updates") or {}).get(str(u)) for u in curve}) for r in records]
        for base in baselines:
            lines += [f"## adaptation curve, paired against {base}: mean test BLEU difference after each number of "
                      f"fine-tuning updates [95% bootstrap interval] wins-losses", ""]
            lines.append("| method | target | budget | " + " | ".join(str(u) for u in curve) + " |")
            lines.append("|---|---|---|" + "---|" * len(curve))
            for t in targets:
                for b in budgets:
                    for m in methods:
                        if m == base or b == 0:
                            continue
                        cells = []
                        for u in curve:
                            st = paired_stats(at, m, base, t, int(b), metric=f"bleu_at_{u}", n_boot=2000)
                            cells.append("n/a" if st is None else
                                         f"{st['mean']:+.2f} [{st['lo']:+.2f}, {st['hi']:+.2f}] {st['wins']}-{st['losses']}")
                        if any(c != "n/a" for c in cells):
                            lines.append(f"| {m} | {t} | {b} | " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines) + "\n"


def _record_kind(rec: dict) -> str:
    """Which progress line a json stats record is: ``valid``, ``train`` (end of epoch) or
    ``train_inner`` (every --log-interval updates; its keys have no prefix)."""
    if any(k.startswith("valid_") for k in rec):
        return "valid"
    if any(k.startswith("train_") for k in rec) and "num_updates" not in rec:
        return "train"
    return "train_inner"


def read_json_log(path: str) -> List[Tuple[str, dict]]:
    """(kind, record) for each json stats line of a fairseq ``--log-format json --log-file``
    (fairseq writes the bare messages there; a ``date | LEVEL | logger |`` prefix is accepted
    too). Lines that are not json objects (the config dump, messages) are skipped."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            i = line.find("{")
            if i < 0:
                continue
            try:
                rec = json.loads(line[i:])
            except ValueError:
                continue
            if not isinstance(rec, dict):
                continue
            parts = [p.strip() for p in line[:i].split("|")]
            name = parts[-2] if len(parts) >= 3 else _record_kind(rec)
            out.append((name, rec))
    return out


def best_update(log_path: str, metric: str = "loss") -> Optional[int]:
    """The update of the checkpoint fairseq kept as best: the lowest ``valid_loss``, or with
    ``metric`` bleu (``--best-checkpoint-metric bleu``) the highest ``valid_bleu`` (the first of ties,
    as fairseq keeps it)."""
    best, best_u = None, None
    sign = -1.0 if metric == "bleu" else 1.0
    for name, rec in read_json_log(log_path):
        if f"valid_{metric}" in rec and "valid_num_updates" in rec:
            value, u = sign * float(rec[f"valid_{metric}"]), int(float(rec["valid_num_updates"]))
            if best is None or value < best:
                best, best_u = value, u
    return best_u


def meta_curves(log_path: str) -> Dict[str, List[Tuple[int, float]]]:
    """{metric: [(update, value)]} of the training-progress records (logger ``train_inner``,
    whose json keys have no prefix; a ``train_inner_`` prefix is accepted too)."""
    out: Dict[str, List[Tuple[int, float]]] = {}
    for name, rec in read_json_log(log_path):
        if name != "train_inner":
            continue
        rec = {k[len("train_inner_"):] if k.startswith("train_inner_") else k: v for k, v in rec.items()}
        if "num_updates" not in rec:
            continue
        u = int(float(rec["num_updates"]))
        for key in ("loss", "query_before", "query_after", "adapt_gain", "support_loss"):
            if rec.get(key) is not None:  # null when every episode of the interval was skipped
                out.setdefault(key, []).append((u, float(rec[key])))
    return out


def parse_hypotheses(gen_text: str, n: int) -> List[str]:
    hyps = {}
    for line in gen_text.splitlines():
        if line.startswith("H-"):
            parts = line.split("\t")
            hyps[int(parts[0][2:])] = parts[2] if len(parts) > 2 else ""
    return [hyps.get(i, "") for i in range(n)]


def score(hyps: List[str], refs: List[str]) -> Tuple[float, float]:
    import sacrebleu

    return (sacrebleu.corpus_bleu(hyps, [refs]).score, sacrebleu.corpus_chrf(hyps, [refs]).score)


# ------------------------------------------------------------------------------------------------
# compute records and paired statistics


def count_arithmetic(train_args: Sequence[str], episodes: int = 8) -> dict:
    """Counted arithmetic of one meta-training update of the command ``train_args``
    (fairseq-train's arguments): the experiment's model, data and mode built as fairseq-train
    builds them, then ``episodes`` episodes of its batch iterator each run through the task's
    train_step under torch's FLOP counter (benchmarks/bench_meta_step.py's ``count_flops`` and
    ``make_step``: matrix products of the forward and of every backward, double backward
    included). Not counted: the no-grad diagnostic forward of the query every
    --adaptation-log-interval updates (one forward of the query = +0.33x a plain update's
    arithmetic at that update, ~3% of maml's), element-wise ops, the optimizer."""
    import importlib.util

    import torch
    from fairseq import options, tasks
    from fairseq.dataclass.utils import convert_namespace_to_omegaconf

    spec = importlib.util.spec_from_file_location("bench_meta_step", os.path.join(REPO, "benchmarks", "bench_meta_step.py"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    torch.manual_seed(1)
    ns = options.parse_args_and_arch(options.get_training_parser(), list(train_args))
    c = convert_namespace_to_omegaconf(ns)
    task = tasks.setup_task(c.task)
    model = task.build_model(c.model)
    criterion = task.build_criterion(c.criterion)
    task.load_dataset("train")
    it = task.get_batch_iterator(task.dataset("train"), max_tokens=c.dataset.max_tokens,
                                 max_positions=(1024, 1024), seed=1).next_epoch_itr(shuffle=False)
    mode = c.task.meta_mode
    flops = query = support = 0
    for _ in range(episodes):
        sample = next(it)
        flops += bench.count_flops(bench.make_step(task, model, criterion, sample, mode, steps=c.task.inner_steps,
                                                   params=c.task.inner_params))
        q, s = int(sample["query"]["ntokens"]), int(sample["support"]["ntokens"])
        # multitask trains on both batches and logs both in its wpb (as log_tokens reads it)
        query, support = (query + q + s, support) if mode == "multitask" else (query + q, support + s)
    return dict(mode=mode, episodes=episodes, flops_per_update=flops / episodes,
                query_tokens_per_update=query / episodes, support_tokens_per_update=support / episodes,
                flops_per_token=flops / (query + support))


def log_tokens(log_path: str) -> Tuple[int, Optional[float]]:
    """(updates, mean target tokens per update as logged) of a fairseq json train.log: the last
    update number of any record, and the mean ``wpb`` of the ``train_inner`` records (the query
    batch's target tokens in the meta modes; both batches in multitask), or of
    the end-of-epoch records' ``train_wpb`` when a run was shorter than --log-interval."""
    updates, wpb, epoch_wpb = 0, [], []
    for name, rec in read_json_log(log_path):
        for k in ("num_updates", "train_num_updates"):
            if rec.get(k) is not None:
                updates = max(updates, int(float(rec[k])))
        if name == "train_inner" and rec.get("wpb") is not None:
            wpb.append(float(rec["wpb"]))
        if rec.get("train_wpb") is not None:
            epoch_wpb.append(float(rec["train_wpb"]))
    wpb = wpb or epoch_wpb
    return updates, (sum(wpb) / len(wpb) if wpb else None)


def meta_compute(cfg: Config, method: str, meta_seed: int = 1) -> dict:
    """What a method's meta-training cost, its init's included (a warm start A@B adds B's):
    ``updates``, ``query_tokens`` and ``support_tokens`` (target tokens that went forward and
    backward), ``flops`` (counted arithmetic), ``seconds`` (wall, of the fairseq-train processes),
    and ``own`` (the same, this meta-training alone), ``init`` (the checkpoint it started from).

    The rule: updates from train.log; query tokens = updates x the mean logged ``wpb``; support
    tokens = query tokens x the support/query ratio of the counted episodes (0 for multitask,
    which trains on both batches and logs both in ``wpb``); flops = (query + support tokens)
    x the counted arithmetic per target token of this mode and model (``count_arithmetic``)."""
    key = cfg.meta_key(method)
    d = cfg.meta_dir(key, meta_seed)
    w = cfg.warm.get(key)
    a = (cfg.arithmetic or {}).get(cfg.meta_key(w.method) if w else key)
    updates, wpb = log_tokens(os.path.join(d, "train.log"))
    query = updates * wpb if wpb is not None else None
    support = (query * a["support_tokens_per_update"] / a["query_tokens_per_update"]
               if query is not None and a else None)
    flops = (query + support) * a["flops_per_token"] if support is not None else None
    try:
        with open(os.path.join(d, "seconds.json"), encoding="utf-8") as f:
            seconds = float(json.load(f)["seconds"])
    except (OSError, ValueError, KeyError):
        seconds = None
    own = dict(method=key, mode=cfg.base(key), updates=updates, query_tokens=query, support_tokens=support,
               flops=flops, seconds=seconds)
    rec = dict(own, own=own, init=None)
    if w is not None:
        prev = meta_compute(cfg, w.init, meta_seed)
        rec["init"] = cfg.meta_key(w.init) + (f"-ms{meta_seed}" if meta_seed > 1 else "")
        for k in ("updates", "query_tokens", "support_tokens", "flops", "seconds"):
            rec[k] = None if rec[k] is None or prev[k] is None else rec[k] + prev[k]
    return rec


def bootstrap_interval(cells: Dict[Tuple[int, int], float], n_boot: int = 10000, seed: int = 0,
                       level: float = 0.95) -> Tuple[float, float]:
    """Percentile interval of the mean paired difference over ``cells`` {(meta_seed, set): diff},
    resampling meta-training seeds and fine-tuning sets independently (two-way bootstrap: each
    draw takes meta seeds with replacement and sets with replacement, and averages the cells of
    every drawn meta seed x drawn set that exist). With one meta seed: the bootstrap over sets."""
    import random

    rng = random.Random(seed)
    mss = sorted({k[0] for k in cells})
    sets = sorted({k[1] for k in cells})
    means = []
    for _ in range(n_boot):
        ms = [rng.choice(mss) for _ in mss]
        ss = [rng.choice(sets) for _ in sets]
        vals = [cells[(m, s)] for m in ms for s in ss if (m, s) in cells]
        if vals:
            means.append(sum(vals) / len(vals))
    means.sort()
    lo = means[int(math.floor((1 - level) / 2 * (len(means) - 1)))]
    hi = means[int(math.ceil((1 + level) / 2 * (len(means) - 1)))]
    return lo, hi


def paired_stats(records: Sequence[dict], method: str, baseline: str, target: str, budget: int,
                 metric: str = "test_bleu", n_boot: int = 10000) -> Optional[dict]:
    """``method`` - ``baseline`` on the same fine-tuning sets (target, budget, set seed) and meta
    seed: n pairs, the mean difference, its 95% bootstrap interval (``bootstrap_interval``), and
    how many pairs each side won (ties apart). None when no pair has both values."""
    def table(m):
        return {(int(r.get("meta_seed", 1)), int(r["seed"])): float(r[metric]) for r in records
                if r["method"] == m and r["target"] == target and int(r["budget"]) == budget
                and r.get(metric) is not None}
    a, b = table(method), table(baseline)
    # a baseline without meta seeds (scratch) pairs with every meta seed of the method
    cells = {k: a[k] - (b[k] if k in b else b[(1, k[1])]) for k in a if k in b or (1, k[1]) in b
             and not any(x[0] > 1 for x in b)}
    if not cells:
        return None
    diffs = list(cells.values())
    lo, hi = bootstrap_interval(cells, n_boot=n_boot)
    return dict(method=method, baseline=baseline, target=target, budget=budget, n=len(diffs),
                mean=sum(diffs) / len(diffs), lo=lo, hi=hi, wins=sum(x > 0 for x in diffs),
                losses=sum(x < 0 for x in diffs), ties=sum(x == 0 for x in diffs))


def estimate_seconds(cfg: Config, runs: Sequence[Run]) -> Dict[str, float]:
    c = COST
    scale = 1.0 if "tiny" in cfg.arch else 4.0
    tok = cfg.meta_max_tokens / 1200.0
    n_lang = len(cfg.meta_pairs) + len(cfg.targets)
    est = {"prepare": c["prepare_per_pair"] * n_lang,
           "vectors": c["vectors_per_lang"] * n_lang if cfg.vectors else 0.0}
    metas = [c["startup"] + meta_updates_of(cfg, m) * c["meta_update"].get(cfg.base(m), 0.3) * tok * scale
             for m in cfg.meta_keys()] * cfg.meta_seeds
    est["meta"] = sum(metas)
    n_valid_sent, n_test_sent = 200, 500
    ft = [r for r in runs if r.budget > 0]
    zs = [r for r in runs if r.budget == 0]
    per_ft = (c["startup"] + cfg.ft_updates * c["ft_update"] * scale * cfg.ft_max_tokens / 1200.0
              + (cfg.ft_updates / max(1, cfg.ft_validate)) * c["valid"]
              + 2 * c["startup"] + (n_valid_sent + n_test_sent) * c["decode_sentence"] * cfg.beam / 5)
    if cfg.curve:  # the curve's trainings (segments and the lr-0 point), then one process decoding every point
        per_ft += (len(cfg.curve) * (c["startup"] + n_test_sent * c["decode_sentence"] * cfg.beam / 5) + c["startup"]
                   + (max(cfg.curve) + (0 in cfg.curve)) * c["ft_update"] * scale * cfg.ft_max_tokens / 1200.0)
    est["finetune+decode"] = len(ft) * per_ft
    est["subsample"] = len({(r.target, r.budget, r.seed) for r in ft}) * (c["startup"] + 2)
    est["zero-shot"] = len(zs) * (c["startup"] + n_test_sent * c["decode_sentence"] * cfg.beam / 5)
    # the parallel phases (meta-training + subsampling; fine-tuning + decoding) with --jobs
    # single-thread commands at once, one per core at most
    j = max(1, min(cfg.jobs, os.cpu_count() or 1))
    est["total"] = (est["prepare"] + est["vectors"] + max((est["meta"] + est["subsample"]) / j, max(metas, default=0))
                    + (est["finetune+decode"] + est["zero-shot"]) / j)
    return est


# ------------------------------------------------------------------------------------------------
# running


class Runner:
    def __init__(self, cfg: Config, total_steps: int):
        self.cfg, self.total, self.i = cfg, total_steps, 0
        self.lock = threading.Lock()
        self.bindir = os.path.dirname(os.path.abspath(sys.executable))
        self.env = dict(os.environ)
        # the plugin from this checkout (also for the console scripts), whatever is pip-installed
        if os.path.abspath(cfg.user_dir) == os.path.join(REPO, "fairseq_maml"):
            self.env["PYTHONPATH"] = REPO + (os.pathsep + self.env["PYTHONPATH"] if self.env.get("PYTHONPATH") else "")
        self.env["PATH"] = self.bindir + os.pathsep + self.env.get("PATH", "")
        self.env.setdefault("PYTHONWARNINGS", "ignore")
        if cfg.threads:
            for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                self.env[k] = str(cfg.threads)
        self.commands = os.path.join(cfg.out, "commands.sh")

    def which(self, name: str) -> Optional[str]:
        return shutil.which(name, path=self.env["PATH"])

    def step(self, label: str):
        with self.lock:
            self.i += 1
            return _Step(self, label, self.i)

    def parallel(self, jobs: Sequence, n: int) -> None:
        """Run the callables ``jobs`` on ``n`` threads (each mostly waits on its subprocess); the
        first failure stops the rest from starting and is raised."""
        if n <= 1 or len(jobs) <= 1:
            for job in jobs:
                job()
            return
        with ThreadPoolExecutor(max_workers=n) as ex:
            futures = [ex.submit(job) for job in jobs]
            done, pending = wait(futures, return_when=FIRST_EXCEPTION)
            for f in pending:
                f.cancel()
            for f in futures:
                if f.done() and not f.cancelled() and f.exception() is not None:
                    raise f.exception()

    def run(self, cmd: List[str], log: str, stdout: Optional[str] = None, check: bool = True) -> int:
        exe = self.which(cmd[0]) if not os.path.sep in cmd[0] else cmd[0]
        full = [exe or cmd[0]] + list(cmd[1:])
        line = shlex.join(cmd)
        print(f"    $ {line}", flush=True)
        with self.lock, open(self.commands, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        with open(log, "w", encoding="utf-8") as lf:
            out = open(stdout, "w", encoding="utf-8") if stdout else lf
            try:
                rc = subprocess.run(full, stdout=out, stderr=lf, env=self.env, cwd=os.getcwd()).returncode
            finally:
                if stdout:
                    out.close()
        if rc != 0 and check:
            raise RuntimeError(f"command failed (exit {rc}): {line}\n--- last lines of {log} ---\n"
                               + "".join(open(log, encoding="utf-8", errors="replace").readlines()[-25:]))
        return rc


class _Step:
    def __init__(self, runner: Runner, label: str, index: int):
        self.r, self.label, self.i = runner, label, index

    def __enter__(self):
        self.t0 = time.time()
        print(f"[{self.i}/{self.r.total}] {self.label} ...", flush=True)
        return self

    def skip(self, why: str = "done"):
        self.skipped = True
        print(f"[{self.i}/{self.r.total}] {self.label} ... skipped ({why})", flush=True)

    def __exit__(self, et, ev, tb):
        if et is None and not getattr(self, "skipped", False):
            print(f"[{self.i}/{self.r.total}] {self.label} ... {time.time() - self.t0:.0f} s", flush=True)
        return False


def _add_seconds(folder: str, seconds: float) -> None:
    """Adds a process's wall seconds to folder/seconds.json (a resumed meta-training sums its parts;
    the part an interruption cut off is not counted)."""
    path = os.path.join(folder, "seconds.json")
    try:
        with open(path, encoding="utf-8") as f:
            prev = json.load(f)
    except (OSError, ValueError):
        prev = {"seconds": 0.0, "parts": 0}
    _touch(path, {"seconds": prev["seconds"] + seconds, "parts": prev["parts"] + 1})


def _touch(path: str, payload: Optional[dict] = None) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(payload or {}, f, indent=1)
    os.replace(path + ".tmp", path)


def _read_lines(path: str) -> List[str]:
    from fairseq_maml.data.raw_text import normalize_space, read_lines

    return [normalize_space(x) for x in read_lines(path)]


def _decode_and_score(runner: Runner, cfg: Config, data_dir: str, target: str, ckpt: str,
                      subset: str, out_dir: str, zero_shot: bool = False) -> Optional[Tuple[float, float]]:
    refs = _read_lines(os.path.join(cfg.data, "target", f"{subset}.{target}-{TGT}.{TGT}"))
    gen = os.path.join(out_dir, f"{subset}.gen")
    rc = runner.run(generate_cmd(cfg, data_dir, target, ckpt, subset, zero_shot), os.path.join(out_dir, f"{subset}.gen.log"),
                    stdout=gen, check=not zero_shot)
    if rc != 0:
        err = open(os.path.join(out_dir, f"{subset}.gen.log"), encoding="utf-8", errors="replace").read()
        why = "--zero-shot not supported yet" if "unrecognized arguments" in err else f"exit {rc}"
        print(f"    zero-shot decoding failed ({why}): recorded n/a", flush=True)
        return None
    hyps = parse_hypotheses(open(gen, encoding="utf-8").read(), len(refs))
    with open(os.path.join(out_dir, f"{subset}.hyp"), "w", encoding="utf-8") as f:
        f.write("".join(h + "\n" for h in hyps))
    return score(hyps, refs)


def make_ftdata(runner: Runner, cfg: Config, target: str, budget: int, seed: int) -> dict:
    from fairseq_maml.data.subsample import subsample_by_tokens
    import sentencepiece as spm

    d = cfg.ftdata_dir(target, budget, seed)
    pool = os.path.join(cfg.data, "target", f"train.{target}-{TGT}")
    src, tgt = _read_lines(f"{pool}.{target}"), _read_lines(f"{pool}.{TGT}")
    s_src, s_tgt, n_tok = subsample_by_tokens(src, tgt, budget, seed)
    text_dir, bin_dir = os.path.join(d, "text"), os.path.join(d, "bin")
    shutil.rmtree(bin_dir, ignore_errors=True)
    os.makedirs(text_dir, exist_ok=True)
    for lang, lines in ((target, s_src), (TGT, s_tgt)):
        proc = spm.SentencePieceProcessor(model_file=os.path.join(cfg.out, "data", "spm", f"{lang}.model"))
        with open(os.path.join(text_dir, f"train.{target}-{TGT}.{lang}"), "w", encoding="utf-8") as f:
            for pieces in proc.encode(list(lines), out_type=str):
                f.write(" ".join(pieces) + "\n")
        with open(os.path.join(text_dir, f"train.{target}-{TGT}.raw.{lang}"), "w", encoding="utf-8") as f:
            f.write("".join(x + "\n" for x in lines))
    runner.run([
        "fairseq-preprocess", "--source-lang", target, "--target-lang", TGT,
        "--trainpref", os.path.join(text_dir, f"train.{target}-{TGT}"),
        "--srcdict", os.path.join(cfg.bin_dir, f"dict.{target}.txt"),
        "--tgtdict", os.path.join(cfg.bin_dir, f"dict.{TGT}.txt"),
        "--destdir", bin_dir, "--workers", "1", "--dataset-impl", "mmap",
    ], os.path.join(d, "preprocess.log"))
    for split in ("valid", "test"):  # for decoding; fine-tuning reads only train and valid
        for lang in (target, TGT):
            for ext in ("bin", "idx"):
                name = f"{split}.{target}-{TGT}.{lang}.{ext}"
                link = os.path.join(bin_dir, name)
                if os.path.lexists(link):
                    os.remove(link)
                os.symlink(os.path.abspath(os.path.join(cfg.bin_dir, name)), link)
    info = dict(target=target, budget=budget, seed=seed, sentences=len(s_src), tokens=n_tok,
                pool_sentences=len(src), pool_tokens=sum(len(x.split()) for x in tgt))
    _touch(os.path.join(d, "subsample.json"), info)
    return info


def plot_results(cfg: Config, records: Sequence[dict]) -> None:
    try:
        import logging

        import matplotlib

        logging.getLogger("matplotlib").setLevel(logging.WARNING)  # its font search logs at DEBUG
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install 'fairseq_maml[experiment]'): no plots", flush=True)
        return
    agg = aggregate(records)
    n = len(cfg.targets)
    fig, axes = plt.subplots(1, n, figsize=(4 * n, 3.5), squeeze=False)
    for ax, t in zip(axes[0], cfg.targets):
        for m in cfg.methods:
            pts = []
            for b in cfg.budgets:
                a = agg.get((m, t, int(b)))
                if a and a["bleu_mean"] is not None:
                    x = a["tokens_mean"] if (b > 0 and a["tokens_mean"] is not None) else 0
                    pts.append((x, a["bleu_mean"], a["bleu_std"] or 0.0))
            if pts:
                pts.sort()
                ax.errorbar([p[0] for p in pts], [p[1] for p in pts], yerr=[p[2] for p in pts],
                            marker="o", capsize=3, label=m)
        ax.set_title(f"{t}->{TGT}")
        ax.set_xlabel("fine-tuning English tokens")
        ax.set_ylabel("test BLEU")
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(cfg.out, "bleu_vs_tokens.png"), dpi=120)
    plt.close(fig)

    metas = [m for m in cfg.meta_methods if cfg.meta_key(m) == m]
    if metas:
        fig, axes = plt.subplots(1, len(metas), figsize=(4 * len(metas), 3.5), squeeze=False)
        for ax, m in zip(axes[0], metas):
            curves = meta_curves(os.path.join(cfg.meta_dir(m), "train.log"))
            for label in ("query_before", "query_after", "loss"):
                if label == "loss" and cfg.base(m) != "multitask":
                    continue
                ys = curves.get(label, [])
                if ys:
                    ax.plot([p[0] for p in ys], [p[1] for p in ys], label=label)
            ax.set_title(f"meta-training: {m}")
            ax.set_xlabel("update")
            ax.set_ylabel("loss (base 2, per token)")
            ax.legend(fontsize=8)
            ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(os.path.join(cfg.out, "meta_curves.png"), dpi=120)
        plt.close(fig)


def plot_compute(cfg: Config, records: Sequence[dict]) -> None:
    """bleu_vs_compute.png (mean test BLEU against counted meta-training arithmetic, one panel per
    target x budget) and, with --curve, bleu_vs_updates.png (mean test BLEU against fine-tuning
    updates)."""
    try:
        import logging

        import matplotlib

        logging.getLogger("matplotlib").setLevel(logging.WARNING)

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    budgets = [b for b in cfg.budgets if b > 0]
    if not budgets:
        return
    shape = (len(budgets), len(cfg.targets))
    fig, axes = plt.subplots(*shape, figsize=(3.6 * shape[1], 3.0 * shape[0]), squeeze=False)
    for i, b in enumerate(budgets):
        for j, t in enumerate(cfg.targets):
            ax = axes[i][j]
            for m in cfg.methods:
                rs = [r for r in records if r["method"] == m and r["target"] == t and int(r["budget"]) == b
                      and r.get("test_bleu") is not None and r.get("meta_flops") is not None]
                if rs:
                    x = sum(r["meta_flops"] for r in rs) / len(rs) / 1e12
                    y = [r["test_bleu"] for r in rs]
                    _, sd = _mean_std(y)
                    ax.errorbar([x], [sum(y) / len(y)], yerr=[sd or 0.0], marker="o", capsize=3, label=m)
            ax.set_title(f"{t}->{TGT}, {b} tokens", fontsize=9)
            ax.set_xlabel("meta-training arithmetic (TFLOP)", fontsize=8)
            ax.set_ylabel("test BLEU", fontsize=8)
            ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(os.path.join(cfg.out, "bleu_vs_compute.png"), dpi=110)
    plt.close(fig)
    if not cfg.curve:
        return
    fig, axes = plt.subplots(*shape, figsize=(3.6 * shape[1], 3.0 * shape[0]), squeeze=False)
    for i, b in enumerate(budgets):
        for j, t in enumerate(cfg.targets):
            ax = axes[i][j]
            for m in cfg.methods:
                rs = [r for r in records if r["method"] == m and r["target"] == t and int(r["budget"]) == b
                      and r.get("bleu_at_updates")]
                pts = []
                for u in cfg.curve:
                    xs = [r["bleu_at_updates"][str(u)] for r in rs if str(u) in r["bleu_at_updates"]]
                    if xs:
                        pts.append((u, sum(xs) / len(xs)))
                if pts:
                    ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=m)
            ax.set_title(f"{t}->{TGT}, {b} tokens", fontsize=9)
            ax.set_xlabel("fine-tuning updates", fontsize=8)
            ax.set_ylabel("test BLEU", fontsize=8)
            ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(os.path.join(cfg.out, "bleu_vs_updates.png"), dpi=110)
    plt.close(fig)


# ------------------------------------------------------------------------------------------------
# main


def _langs_in(folder: str, split: str = "train") -> List[str]:
    langs = []
    for p in sorted(glob.glob(os.path.join(folder, f"{split}.*-{TGT}.{TGT}"))):
        m = re.match(rf"{split}\.([A-Za-z0-9_]+)-{TGT}\.{TGT}$", os.path.basename(p))
        if m:
            langs.append(m.group(1))
    return langs


def _csv(text: Optional[str]) -> Optional[List[str]]:
    if text is None:
        return None
    return [x.strip() for x in text.split(",") if x.strip()]


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="raw text folder with meta/ and target/ (tatoeba-mt layout)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--preset", choices=sorted(PRESETS), default="cpu")
    p.add_argument("--targets", help="target source languages, e.g. ro,fi (default: all in DATA/target)")
    p.add_argument("--methods", help="comma-separated subset of " + ",".join(ALL_METHODS)
                   + " and --variant names")
    p.add_argument("--variant", action="append", default=[], metavar="NAME=BASE[;meta=ARGS][;ft=ARGS][;vec=mono|set][;select=loss|bleu]",
                   help="a named method variant: BASE's commands plus fairseq-train ARGS for meta-training "
                   "(meta=) and/or fine-tuning (ft=; {meta_ckpt} stands for the meta checkpoint), and the "
                   "target vectors its fine-tuning reads (vec=mono|set, see --target-vectors), e.g. "
                   "'maml-ilr1=maml;meta=--inner-lr 1.0' or "
                   "'maml-l2=maml;ft=--finetune-params embeddings_encoder --finetune-l2 0.01 --finetune-l2-anchor {meta_ckpt}'. "
                   "Repeatable; name it in --methods (it is added to the preset's methods when --methods is not given)")
    p.add_argument("--budgets", help="English-token budgets of the fine-tuning sets, 0 = zero-shot")
    p.add_argument("--seeds", type=int, help="fine-tuning sets (and training seeds) per budget")
    p.add_argument("--meta-pairs", help="meta-training source languages, e.g. de,fr (default: preset)")
    p.add_argument("--meta-updates", type=int)
    p.add_argument("--ft-updates", type=int)
    p.add_argument("--arch")
    p.add_argument("--no-vectors", action="store_true", help="skip fairseq-maml-vectors (hashed ULR queries)")
    p.add_argument("--vectors-projection", type=int, default=0, metavar="K",
                   help="fairseq-maml-vectors --projection K: every language's pieces seen in its aligned "
                   "text (the meta pairs' training text; with --target-vectors set, the fine-tuning set) take "
                   "the Dice-weighted mean of the English vectors of their K best co-occurring pieces (0: off, "
                   "the default; orthogonal mapping only). Fixed per --out")
    p.add_argument("--target-vectors", choices=TARGET_VECTORS, default="mono",
                   help="the target language's vectors for fine-tuning: mono = OUT/vectors, aligned without "
                   "any of the target's parallel text (default); set = aligned per fine-tuning set with that "
                   "set's own sentence pairs (OUT/ftdata/*/vectors, fairseq-maml-vectors --parallel-text). "
                   "A --variant's vec= overrides it. Zero-shot always uses mono")
    p.add_argument("--finetune-params", choices=["all", "embeddings", "embeddings_encoder", "all_but_universal"],
                   help="forwarded to fine-tuning when set (the task's default: all)")
    p.add_argument("--finetune-l2", type=float,
                   help="forwarded when set, with --finetune-l2-anchor = the meta checkpoint")
    p.add_argument("--threads", type=int,
                   help="torch/OpenMP threads of every command (OMP_NUM_THREADS, MKL_NUM_THREADS); "
                   "default 1 for the smoke and cpu presets (much faster than 2 when the cores are shared), "
                   "unset (torch's default) for gpu")
    p.add_argument("--jobs", type=int,
                   help="commands run at once (meta-trainings, fine-tuning+decoding of different runs); "
                   "default: the number of CPUs for the smoke and cpu presets (one thread each), 1 for gpu")
    p.add_argument("--warm-updates", type=int,
                   help="updates of a warm-started meta-training METHOD@INIT after its init (default: "
                   "--meta-updates); METHOD@INIT~MATCH runs for the counted arithmetic of MATCH@INIT's")
    p.add_argument("--meta-seeds", type=int, default=1,
                   help="meta-trainings per meta method (--seed 1..N; every fine-tuning set is fine-tuned "
                   "from each); default 1")
    p.add_argument("--curve", help="adaptation curve: test BLEU after these fixed numbers of fine-tuning updates "
                   "(e.g. 0,10,25,50,100), besides the dev-selected checkpoint; default none")
    p.add_argument("--ft-select", choices=FT_SELECT, default="bleu",
                   help="what picks the fine-tuned checkpoint at each validation: dev BLEU (the default: on "
                   "small sets dev loss stops at the first validation, well before test BLEU peaks, "
                   "docs/reports/experiment.md; fairseq's --eval-bleu, greedy, the generation length cap; "
                   "the test split is never read), or dev loss")
    p.add_argument("--baselines", default="multitask",
                   help="methods the paired statistics of results.md compare every other method with "
                   "(default multitask)")
    p.add_argument("--user-dir", default=os.path.join(REPO, "fairseq_maml"))
    p.add_argument("--dry-run", action="store_true", help="print the plan and estimate, run nothing")
    p.add_argument("--report-only", action="store_true",
                   help="run nothing: write results.md/json and the plots from the planned runs that have results")
    return p


def build_config(a: argparse.Namespace) -> Config:
    pr = dict(PRESETS[a.preset])
    meta_avail = _langs_in(os.path.join(a.data, "meta"))
    tgt_avail = _langs_in(os.path.join(a.data, "target"))
    meta = _csv(a.meta_pairs)
    if meta is None:
        meta = meta_avail
        if pr["n_meta_pairs"]:
            pref = [x for x in ("de", "fr") if x in meta_avail]
            meta = (pref + [x for x in meta_avail if x not in pref])[: pr["n_meta_pairs"]]
    meta = [x.split("-")[0] for x in meta]
    targets = _csv(a.targets) or tgt_avail
    variants: Dict[str, Variant] = {}
    for text in a.variant:
        v = parse_variant(text, variants)
        if v.name in variants:
            raise SystemExit(f"--variant: {v.name!r} is defined twice")
        variants[v.name] = v
    methods = _csv(a.methods) or (pr["methods"] + list(variants))
    meta_names = list(META_METHODS) + [v for v in variants if variants[v].base in META_METHODS]
    warm = {}
    for m in methods:
        w = parse_warm(m, meta_names)
        if w is not None:
            warm[m] = w
        elif m not in ALL_METHODS and m not in variants:
            raise SystemExit(f"--methods: unknown method {m!r} (choose from {','.join(ALL_METHODS)}, "
                             f"a --variant name or METHOD@INIT[~MATCH])")
    for w in list(warm.values()):  # a fine-tuning variant's warm start shares its base's continuation
        v = variants.get(w.method)
        if v is not None and v.meta_from != v.name:
            shared = warm_name(v.meta_from, w.init, w.match)
            warm.setdefault(shared, Warm(shared, v.meta_from, w.init, w.match))
    budgets = [int(x) for x in _csv(a.budgets)] if a.budgets else pr["budgets"]
    for lang in meta:
        if lang not in meta_avail:
            raise SystemExit(f"meta pair {lang}-{TGT} not found in {a.data}/meta")
    for lang in targets:
        if lang not in tgt_avail:
            raise SystemExit(f"target pair {lang}-{TGT} not found in {a.data}/target")
    if not meta and any(m in warm or (variants[m].base if m in variants else m) in META_METHODS for m in methods):
        raise SystemExit("no meta-training pairs")
    return Config(
        data=a.data, out=a.out, preset=a.preset, arch=a.arch or pr["arch"], meta_pairs=meta,
        targets=targets, methods=methods, budgets=budgets,
        seeds=a.seeds if a.seeds is not None else pr["seeds"],
        meta_updates=a.meta_updates or pr["meta_updates"], meta_max_tokens=pr["meta_max_tokens"],
        meta_lr=pr["meta_lr"], meta_warmup=pr["meta_warmup"], meta_log_interval=pr["meta_log_interval"],
        meta_validate=pr["meta_validate"], ft_updates=a.ft_updates or pr["ft_updates"],
        ft_validate=pr["ft_validate"], patience=pr["patience"], ft_max_tokens=pr["ft_max_tokens"],
        ft_lr=pr["ft_lr"], ft_warmup=pr["ft_warmup"], beam=pr["beam"], vec_dim=pr["vec_dim"],
        vectors=not a.no_vectors, target_vectors=a.target_vectors,
        projection=a.vectors_projection, finetune_params=a.finetune_params, finetune_l2=a.finetune_l2,
        user_dir=os.path.abspath(a.user_dir),
        threads=a.threads if a.threads is not None else pr.get("threads"), variants=variants,
        warm=warm, warm_updates=a.warm_updates, meta_seeds=max(1, a.meta_seeds), baselines=_csv(a.baselines) or [],
        curve=sorted({int(x) for x in _csv(a.curve)}) if a.curve else [],
        ft_select=a.ft_select,
        jobs=a.jobs if a.jobs is not None else ((os.cpu_count() or 1) if pr.get("threads") == 1 else 1),
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    t_start = time.time()
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--count-arithmetic"]:  # internal: run by the "count arithmetic" step
        return _count_arithmetic_main(args[1])
    if args[:1] == ["--generate-many"]:  # internal: the adaptation curve's decodes
        return _generate_many_main(args[1])
    a = get_parser().parse_args(argv)
    cfg = build_config(a)
    runs = plan_runs(cfg.methods, cfg.targets, cfg.budgets, cfg.seeds, cfg.meta_methods, cfg.meta_seeds)
    # one meta-training per distinct meta folder (a variant that changes only fine-tuning shares its
    # base's), inits of warm starts first
    metas = cfg.meta_keys()
    cfg.arithmetic = load_arithmetic(cfg)
    ft_runs = [r for r in runs if r.budget > 0]
    zs_runs = [r for r in runs if r.budget == 0]
    sets = sorted({(r.target, r.budget, r.seed) for r in ft_runs})
    est = estimate_seconds(cfg, runs)
    print(f"plan ({cfg.preset}): arch {cfg.arch}; meta pairs {','.join(cfg.meta_pairs)} -> {TGT}; "
          f"targets {','.join(cfg.targets)}; methods {','.join(cfg.methods)}; budgets "
          f"{','.join(map(str, cfg.budgets))}; seeds {cfg.seeds}", flush=True)
    print(f"  {len(metas) * cfg.meta_seeds} meta-trainings ({', '.join(f'{m} {meta_updates_of(cfg, m)}' for m in metas)} updates"
          f"{f' x {cfg.meta_seeds} seeds' if cfg.meta_seeds > 1 else ''}, "
          f"--max-tokens {cfg.meta_max_tokens}); "
          f"{len(sets)} fine-tuning sets; {len(ft_runs)} fine-tunings (<= {cfg.ft_updates} updates, "
          f"validate every {cfg.ft_validate}, patience {cfg.patience}) + {2 * len(ft_runs)} decodes "
          f"(beam {cfg.beam}); {len(zs_runs)} zero-shot decodes"
          + (f"; adaptation curve at {','.join(map(str, cfg.curve))} updates" if cfg.curve else ""), flush=True)
    print(f"  estimated time on 2 CPU cores, {cfg.jobs} commands at once: " + ", ".join(f"{k} {v / 60:.1f} min" for k, v in est.items()),
          flush=True)
    if a.dry_run:
        return 0
    done = lambda *p: os.path.join(cfg.out, ".done", *p)
    if a.report_only:
        records = [json.load(open(p)) for p in (os.path.join(cfg.run_dir(r), "result.json") for r in runs)
                   if os.path.exists(p)]
        print(f"--report-only: {len(records)} of {len(runs)} planned runs have results", flush=True)
        use_vectors = os.path.exists(done("vectors")) and json.load(open(done("vectors")))["used"]
        runner = Runner(cfg, 1)
    else:
        records, use_vectors, runner = run_all(cfg, runs, metas, ft_runs, zs_runs, sets, argv)
    write_results(cfg, runs, records, use_vectors, runner, argv, None if a.report_only else t_start)
    print(open(os.path.join(cfg.out, "results.md"), encoding="utf-8").read())
    print(f"total {time.time() - t_start:.0f} s; outputs in {cfg.out}", flush=True)
    return 0


def arithmetic_path(cfg: Config) -> str:
    return os.path.join(cfg.out, "compute", "arithmetic.json")


def load_arithmetic(cfg: Config) -> Optional[Dict[str, dict]]:
    try:
        with open(arithmetic_path(cfg), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def arithmetic_keys(cfg: Config) -> List[str]:
    """The meta-trainings whose arithmetic per update is counted: every non-warm one, and the
    METHOD and MATCH of every warm start (a warm start's update is its METHOD's)."""
    keys = []
    for k in cfg.meta_keys():
        w = cfg.warm.get(k)
        keys += [cfg.meta_key(w.method)] + ([cfg.meta_key(w.match)] if w.match else []) if w else [k]
    return list(dict.fromkeys(keys))


def _generate_many_main(spec_path: str) -> int:
    """``metanmt_experiment.py --generate-many SPEC``: SPEC = {"jobs": [{"args": fairseq-generate
    arguments, "out": path}]}; runs fairseq-generate's main for each in this one process, its
    stdout (the hypotheses) to ``out``."""
    import contextlib

    from fairseq import options
    from fairseq_cli import generate

    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    for job in spec["jobs"]:
        parser = options.get_generation_parser()
        parser.add_argument("--arch", "-a", metavar="ARCH", default="wav2vec2")  # as fairseq_cli.generate.cli_main
        args = options.parse_args_and_arch(parser, job["args"])
        with open(job["out"], "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            generate.main(args)
    return 0


def _count_arithmetic_main(spec_path: str) -> int:
    """``metanmt_experiment.py --count-arithmetic SPEC``: SPEC = {"out": path, "commands":
    {key: fairseq-train arguments}}; writes {key: count_arithmetic(arguments)} to out."""
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    res = {}
    for key, args in spec["commands"].items():
        res[key] = dict(count_arithmetic(args), command=args)
        print(f"{key}: {res[key]['flops_per_update'] / 1e9:.3f} GFLOP per update, "
              f"{res[key]['flops_per_token'] / 1e6:.3f} MFLOP per target token", flush=True)
    _touch(spec["out"], res)
    return 0


def run_all(cfg: Config, runs: List[Run], metas: List[str], ft_runs: List[Run], zs_runs: List[Run],
            sets: List[Tuple[str, int, int]], argv: Optional[Sequence[str]]) -> Tuple[List[dict], bool, "Runner"]:
    """Steps 1-7 (each skipped when its marker says it is done): the result records, whether
    aligned vectors were used, and the runner."""
    set_vec_sets = {(r.target, r.budget, r.seed) for r in ft_runs if cfg.vec_mode(r.method) == "set"}
    total = (1 + len(cfg.targets) + 1 + 1 + len(metas) * cfg.meta_seeds + len(sets) + 2 * len(ft_runs) + len(zs_runs) + 1
             + (len(set_vec_sets) if cfg.vectors else 0) + (len(ft_runs) if cfg.curve else 0))
    runner = Runner(cfg, total)
    missing = [t for t in ("fairseq-maml-prepare", "fairseq-train", "fairseq-generate") if not runner.which(t)]
    if missing:  # before anything is written
        raise SystemExit(
            f"{', '.join(missing)} not found next to {sys.executable} or on PATH: run this script with "
            "the Python of the environment where the plugin is pip-installed (e.g. .venv/bin/python "
            "after `pip install .`)")
    os.makedirs(cfg.out, exist_ok=True)
    with open(runner.commands, "a", encoding="utf-8") as f:
        f.write(f"# {datetime.datetime.now().isoformat(timespec='seconds')}: {shlex.join([sys.argv[0]] + list(argv if argv is not None else sys.argv[1:]))}\n")
    done = lambda *p: os.path.join(cfg.out, ".done", *p)

    # 1. prepare
    with runner.step("prepare meta") as st:
        if os.path.exists(done("prepare-meta")):
            st.skip()
        else:
            runner.run(["fairseq-maml-prepare", "--raw", cfg.data, "--raw-subdir", "meta", "--out",
                        os.path.join(cfg.out, "data"), "--pairs", ",".join(f"{x}-{TGT}" for x in cfg.meta_pairs),
                        "--splits", "train,valid"], os.path.join(cfg.out, "logs", "prepare-meta.log"))
            _touch(done("prepare-meta"))
    for t in cfg.targets:
        with runner.step(f"prepare target {t}") as st:
            if os.path.exists(done(f"prepare-{t}")):
                st.skip()
                continue
            runner.run(["fairseq-maml-prepare", "--raw", cfg.data, "--raw-subdir", "target", "--out",
                        os.path.join(cfg.out, "data"), "--pairs", f"{t}-{TGT}", "--splits", "train,valid,test"],
                       os.path.join(cfg.out, "logs", f"prepare-{t}.log"))
            _touch(done(f"prepare-{t}"))

    # 2. aligned vectors
    use_vectors = False
    with runner.step("aligned vectors") as st:
        marker = json.load(open(done("vectors"))) if os.path.exists(done("vectors")) else None
        if marker is not None and not marker["used"]:
            st.skip()
        elif marker is None and not cfg.vectors:
            print("    --no-vectors: hashed ULR queries", flush=True)
        elif marker is None and not runner.which("fairseq-maml-vectors"):
            print("    fairseq-maml-vectors is not available: hashed ULR queries (no --ulr-vectors-dir)", flush=True)
            _touch(done("vectors"), {"used": False})
        else:
            cmd, marker = vectors_plan(cfg, marker)
            if cmd is None:
                st.skip()
            else:
                log = ("vectors-add-" + option_value(cmd, "--langs").replace(",", "-") + ".log"
                       if "--target-vec" in cmd else "vectors.log")
                runner.run(cmd, os.path.join(cfg.out, "logs", log))
                _touch(done("vectors"), marker)
            use_vectors = True

    # 2b. the counted arithmetic per update of each meta-training's mode, on this model and data
    with runner.step("count arithmetic") as st:
        keys = arithmetic_keys(cfg)
        have = load_arithmetic(cfg) or {}
        # counted again only when an option that shapes the update changed (not its number, seed or folder)
        shape = lambda c: merge_args(c, ["--max-update", "0", "--seed", "1", "--save-dir", "-", "--log-file", "-"])
        todo = {k: meta_train_cmd(cfg, k, use_vectors)[1:] for k in keys
                if k not in have or shape(have[k].get("command") or []) != shape(meta_train_cmd(cfg, k, use_vectors)[1:])}
        if not todo:
            st.skip()
        else:
            spec = os.path.join(cfg.out, "compute", "arithmetic-todo.json")
            part = os.path.join(cfg.out, "compute", "arithmetic-new.json")
            _touch(spec, {"out": part, "commands": todo})
            runner.run([sys.executable, os.path.abspath(__file__), "--count-arithmetic", spec],
                       os.path.join(cfg.out, "logs", "count-arithmetic.log"))
            have.update(json.load(open(part, encoding="utf-8")))
            _touch(arithmetic_path(cfg), have)
        cfg.arithmetic = have

    # 3.-4. meta-training and the fine-tuning sets (independent of each other: run together;
    # warm starts after, since they start from the others' checkpoints)
    def meta_job(m: str, ms: int = 1):
        def job():
            tag = m + (f"-ms{ms}" if ms > 1 else "")
            d = cfg.meta_dir(m, ms)
            with runner.step(f"meta-train {tag}") as st:
                if os.path.exists(done(f"meta-{tag}")):
                    st.skip()
                    return
                cmd = meta_train_cmd(cfg, m, use_vectors, ms)
                if can_resume_meta(d, cmd):
                    print(f"    resuming the interrupted meta-training from {cfg.meta_ckpt(m, ms)}", flush=True)
                else:
                    shutil.rmtree(d, ignore_errors=True)
                    os.makedirs(d)
                    with open(os.path.join(d, "command.json"), "w", encoding="utf-8") as f:
                        json.dump(cmd, f)
                t0 = time.time()
                runner.run(cmd, os.path.join(d, "stdout.log"))
                _add_seconds(d, time.time() - t0)
                if not keeps_interval_checkpoints(cmd):  # one interval checkpoint = checkpoint_last.pt
                    for p in glob.glob(os.path.join(d, "checkpoint_*_*.pt")):
                        os.remove(p)
                _touch(os.path.join(d, "compute.json"), meta_compute(cfg, m, ms))
                _touch(done(f"meta-{tag}"))
        return job

    set_info = {}

    def set_job(t: str, b: int, s: int):
        def job():
            d = cfg.ftdata_dir(t, b, s)
            with runner.step(f"subsample {t} {b} seed{s}") as st:
                info_path = os.path.join(d, "subsample.json")
                if os.path.exists(info_path):
                    st.skip()
                    set_info[(t, b, s)] = json.load(open(info_path))
                    return
                set_info[(t, b, s)] = info = make_ftdata(runner, cfg, t, b, s)
                print(f"    {info['sentences']} pairs, {info['tokens']} English tokens (pool {info['pool_tokens']})", flush=True)
            if use_vectors and (t, b, s) in set_vec_sets:
                with runner.step(f"vectors aligned with the set {t} {b} seed{s}") as st:
                    vd = cfg.set_vectors_dir(t, b, s)
                    if os.path.exists(os.path.join(vd, "report.json")):
                        st.skip()
                        return
                    shutil.rmtree(vd, ignore_errors=True)
                    os.makedirs(vd)
                    # the universal keys' language: the shared English space, as a link
                    os.symlink(os.path.abspath(os.path.join(cfg.vectors_dir, f"{TGT}.vec")), os.path.join(vd, f"{TGT}.vec"))
                    runner.run(set_vectors_cmd(cfg, t, b, s), os.path.join(d, "vectors.log"))
        return job

    seeds = range(1, cfg.meta_seeds + 1)
    runner.parallel([meta_job(m, ms) for ms in seeds for m in metas if m not in cfg.warm]
                    + [set_job(*x) for x in sets], cfg.jobs)
    runner.parallel([meta_job(m, ms) for ms in seeds for m in metas if m in cfg.warm], cfg.jobs)

    # 5.-7. fine-tuning and decoding, and zero-shot decoding (each run independent: run together)
    records = []

    def meta_fields(r: Run) -> dict:
        """The record's meta-training fields: its cost (its init's included) and init."""
        if not cfg.is_meta(r.method):
            return dict(meta_seed=r.meta_seed, init=None, meta_updates=0, meta_tokens=0, meta_flops=0.0,
                        meta_seconds=0.0)
        c = meta_compute(cfg, r.method, r.meta_seed)
        tok = None if c["query_tokens"] is None or c["support_tokens"] is None else c["query_tokens"] + c["support_tokens"]
        return dict(meta_seed=r.meta_seed, init=c["init"], meta_updates=c["updates"], meta_tokens=tok,
                    meta_query_tokens=c["query_tokens"], meta_support_tokens=c["support_tokens"],
                    meta_flops=c["flops"], meta_seconds=c["seconds"], meta_own=c["own"])

    def curve_job(r: Run) -> Dict[str, float]:
        """Test BLEU after each of --curve's fixed numbers of fine-tuning updates (curve.json). The
        trainings of curve_cmds run (two fairseq-train processes), then one process decodes every
        point's checkpoint (``--generate-many``: one fairseq start-up, not one per point)."""
        d = cfg.run_dir(r)
        path = os.path.join(d, "curve.json")
        with runner.step(f"curve {r.method} {r.target} {r.budget} seed{r.seed}") as st:
            if os.path.exists(path):
                have = json.load(open(path))
                if all(str(u) in have for u in cfg.curve):
                    st.skip()
                    return {str(u): have[str(u)] for u in cfg.curve}
            cd = os.path.join(d, "curve")
            shutil.rmtree(cd, ignore_errors=True)  # the segments run in order, from the start
            os.makedirs(cd)
            data_dir = os.path.join(cfg.ftdata_dir(r.target, r.budget, r.seed), "bin")
            jobs = []
            for points, cmd in curve_cmds(cfg, r, use_vectors):
                os.makedirs(option_value(cmd, "--save-dir"), exist_ok=True)
                out = os.path.join(cd, f"train-{points[-1]}.log")
                runner.run(cmd, out)
                for u in points:
                    jobs.append(dict(args=generate_cmd(cfg, data_dir, r.target, curve_checkpoint(cmd, u, out), "test")[1:],
                                     out=os.path.join(cd, f"test-u{u}.gen"), updates=u))
            spec = os.path.join(cd, "generate.json")
            _touch(spec, {"jobs": jobs})
            runner.run([sys.executable, os.path.abspath(__file__), "--generate-many", spec],
                       os.path.join(cd, "generate.log"))
            refs = _read_lines(os.path.join(cfg.data, "target", f"test.{r.target}-{TGT}.{TGT}"))
            have = {}
            for j in jobs:
                hyps = parse_hypotheses(open(j["out"], encoding="utf-8").read(), len(refs))
                have[str(j["updates"])] = score(hyps, refs)[0]
            _touch(path, have)
            for p in glob.glob(os.path.join(cd, "**", "*.pt"), recursive=True):
                os.remove(p)
            print(f"    {r.name}: test BLEU after " + ", ".join(f"{u}: {have[str(u)]:.2f}" for u in cfg.curve)
                  + " updates", flush=True)
            return have

    def finetune_job(r: Run):
        def job():
            d = cfg.run_dir(r)
            with runner.step(f"finetune {r.method} {r.target} {r.budget} seed{r.seed}") as st:
                if os.path.exists(os.path.join(d, ".trained")):
                    st.skip()
                else:
                    shutil.rmtree(d, ignore_errors=True)
                    os.makedirs(d)
                    runner.run(finetune_cmd(cfg, r, use_vectors), os.path.join(d, "stdout.log"))
                    for p in glob.glob(os.path.join(d, "checkpoint_*_*.pt")) + [os.path.join(d, "checkpoint_last.pt")]:
                        if os.path.exists(p):
                            os.remove(p)
                    _touch(os.path.join(d, ".trained"))
            with runner.step(f"decode {r.method} {r.target} {r.budget} seed{r.seed}") as st:
                res_path = os.path.join(d, "result.json")
                if os.path.exists(res_path):
                    st.skip()
                    records.append(json.load(open(res_path)))
                    return
                data_dir = os.path.join(cfg.ftdata_dir(r.target, r.budget, r.seed), "bin")
                ckpt = os.path.join(d, "checkpoint_best.pt")
                dev = _decode_and_score(runner, cfg, data_dir, r.target, ckpt, "valid", d)
                test = _decode_and_score(runner, cfg, data_dir, r.target, ckpt, "test", d)
                info = set_info[(r.target, r.budget, r.seed)]
                rec = dict(method=r.method, target=r.target, budget=r.budget, seed=r.seed,
                           tokens=info["tokens"], sentences=info["sentences"],
                           dev_bleu=dev[0], test_bleu=test[0], test_chrf=test[1],
                           best_update=best_update(os.path.join(d, "train.log"), option_value(
                               finetune_cmd(cfg, r, use_vectors), "--best-checkpoint-metric") or "loss"))
                rec.update(meta_fields(r))
                rec["ft_updates"] = rec["best_update"]
                rec["last_update"] = log_tokens(os.path.join(d, "train.log"))[0]
                if cfg.curve:
                    rec["bleu_at_updates"] = curve_job(r)
                if use_vectors:
                    rec["vectors"] = cfg.vec_mode(r.method)
                    if rec["vectors"] == "set":
                        with open(os.path.join(cfg.set_vectors_dir(r.target, r.budget, r.seed), "report.json")) as f:
                            lang = json.load(f)["languages"][r.target]
                        rec["align"] = dict(parallel_seeds=lang["seed_pairs"]["parallel"],
                                            train_seeds=lang["seed_pairs"]["train_total"],
                                            p_at_1_parallel=lang["p_at_1"]["parallel_heldout_nn"],
                                            p_at_1_parallel_n=lang["p_at_1"]["parallel_heldout_n"],
                                            projected=(lang.get("projected") or {}).get("token_share"))
                print(f"    {r.name}: dev BLEU {dev[0]:.2f}, test BLEU {test[0]:.2f}, chrF {test[1]:.2f}, "
                      f"best update {rec['best_update']}", flush=True)
                _touch(res_path, rec)
                records.append(rec)
        return job

    def zero_shot_job(r: Run):
        def job():
            d = cfg.run_dir(r)
            with runner.step(f"zero-shot {r.method} {r.target}") as st:
                res_path = os.path.join(d, "result.json")
                if os.path.exists(res_path):
                    st.skip()
                    records.append(json.load(open(res_path)))
                    return
                os.makedirs(d, exist_ok=True)
                test = _decode_and_score(runner, cfg, cfg.bin_dir, r.target, cfg.meta_ckpt(r.method, r.meta_seed),
                                         "test", d, zero_shot=True)
                rec = dict(method=r.method, target=r.target, budget=0, seed=r.seed, tokens=0, sentences=0,
                           dev_bleu=None, test_bleu=test[0] if test else None,
                           test_chrf=test[1] if test else None, best_update=None)
                rec.update(meta_fields(r), ft_updates=0)
                if test:
                    print(f"    {r.name}: test BLEU {test[0]:.2f}, chrF {test[1]:.2f}", flush=True)
                    _touch(res_path, rec)  # n/a results are retried on the next run
                records.append(rec)
        return job

    runner.parallel([finetune_job(r) for r in ft_runs] + [zero_shot_job(r) for r in zs_runs], cfg.jobs)

    return records, use_vectors, runner


def write_results(cfg: Config, runs: List[Run], records: List[dict], use_vectors: bool, runner: "Runner",
                  argv: Optional[Sequence[str]], t_start: Optional[float]) -> None:
    """Step 8: results.json, results.md and the plots (``t_start`` None: --report-only, nothing ran)."""
    with runner.step("results"):
        order = {(r.method, r.target, r.budget, r.seed): i for i, r in enumerate(runs)}
        records.sort(key=lambda x: order.get((x["method"], x["target"], x["budget"], x["seed"]), 0))
        with open(os.path.join(cfg.out, "results.json"), "w", encoding="utf-8") as f:
            json.dump(records, f, indent=1)
        cmd = shlex.join(["python"] + [sys.argv[0]] + list(argv if argv is not None else sys.argv[1:]))
        header = [
            f"Command: `{cmd}`",
            f"Hardware: {platform.platform()}, {platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} CPUs; date {datetime.date.today().isoformat()}; "
            + (f"this invocation took {(time.time() - t_start) / 60:.1f} min (steps done earlier were skipped)"
             if t_start is not None else "written by --report-only from the runs' records (nothing ran)"),
            f"Preset {cfg.preset}: arch {cfg.arch}; meta pairs {','.join(cfg.meta_pairs)}; "
            f"{cfg.meta_updates} meta-updates (--max-tokens {cfg.meta_max_tokens}); fine-tuning <= "
            f"{cfg.ft_updates} updates, dev {cfg.ft_select} every {cfg.ft_validate}, patience {cfg.patience}; beam {cfg.beam}; "
            f"aligned vectors: {'yes' if use_vectors else 'no (hashed)'}"
            + (f"; --finetune-params {cfg.finetune_params}" if cfg.finetune_params else "")
            + (f"; --finetune-l2 {cfg.finetune_l2}" if cfg.finetune_l2 is not None else ""),
        ] + [f"Variant {v.name}: {v.base}" + (f"; meta-training + `{shlex.join(v.meta_args)}`" if v.meta_args else "")
             + (f"; fine-tuning + `{shlex.join(v.ft_args)}`" if v.ft_args else "")
             for v in cfg.variants.values() if v.name in cfg.methods]
        with open(os.path.join(cfg.out, "results.md"), "w", encoding="utf-8") as f:
            f.write(results_markdown(records, cfg.methods, cfg.targets, cfg.budgets, header))
            f.write(compute_markdown(records, cfg.methods, cfg.targets, cfg.budgets,
                                     [b for b in cfg.baselines if b in cfg.methods],
                                     cfg.curve))
        plot_results(cfg, records)
        plot_compute(cfg, records)


if __name__ == "__main__":
    sys.exit(main())
