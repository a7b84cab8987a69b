"""Tiny binarized data and in-process fairseq setup for component tests (no CLI, no files
beyond a temporary folder)."""

import argparse
import functools
import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, Iterable, List, Sequence

import numpy as np
import torch
from fairseq import options, tasks
from fairseq.data import Dictionary, indexed_dataset
from fairseq.dataclass.utils import convert_namespace_to_omegaconf

from fairseq_maml.models.ulr_transformer import ULRTransformerModel, ulr_transformer_tiny

PLUGIN = str(Path(__file__).resolve().parents[1] / "fairseq_maml")


@functools.lru_cache(maxsize=None)
def load_benchmark():
    """benchmarks/bench_meta_step.py as a module (it is a script, not part of the package)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_meta_step.py"
    spec = importlib.util.spec_from_file_location("bench_meta_step", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_dictionary(path: Path, symbols: Sequence[str]) -> Dictionary:
    d = Dictionary()
    for i, s in enumerate(symbols):
        d.add_symbol(s, n=1000 - i)
    d.save(str(path))
    return d


def write_split(prefix: Path, rows: Iterable[List[int]], dictionary: Dictionary) -> None:
    builder = indexed_dataset.make_builder(str(prefix) + ".bin", impl="mmap", vocab_size=len(dictionary))
    for ids in rows:
        builder.add_item(torch.IntTensor(list(ids) + [dictionary.eos()]))
    builder.finalize(str(prefix) + ".idx")


def make_toy_data(
    root: Path,
    src_langs: Sequence[str] = ("de", "fr"),
    tgt: str = "en",
    n: Dict[str, int] = None,
    vocab: int = 12,
    seed: int = 0,
    splits: Sequence[str] = ("train", "valid"),
) -> Path:
    """Random sentences over per-language vocabularies; the target copies a permutation of the
    source so there is something to learn. Some symbols are shared across languages (digits)."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    shared = [str(i) for i in range(4)]
    dicts = {lang: write_dictionary(root / f"dict.{lang}.txt", shared + [f"{lang}{i}" for i in range(vocab)])
             for lang in list(src_langs) + [tgt]}
    for src in src_langs:
        for split in splits:
            count = (n or {}).get(split, 48 if split == "train" else 12)
            srcs, tgts = [], []
            for _ in range(count):
                length = int(rng.integers(2, 7))
                ids = rng.integers(dicts[src].nspecial, len(dicts[src]), size=length)
                srcs.append(ids.tolist())
                tgts.append([min(int(i), len(dicts[tgt]) - 1) for i in ids[::-1]])
            write_split(root / f"{split}.{src}-{tgt}.{src}", srcs, dicts[src])
            write_split(root / f"{split}.{src}-{tgt}.{tgt}", tgts, dicts[tgt])
    return root


def parse(data: Path, extra: Sequence[str]):
    parser = options.get_training_parser()
    args = options.parse_args_and_arch(parser, [str(data), "--user-dir", PLUGIN, *extra])
    return convert_namespace_to_omegaconf(args)


def build(data: Path, extra: Sequence[str]):
    """(cfg, task, model, criterion) as fairseq-train would build them."""
    cfg = parse(data, extra)
    task = tasks.setup_task(cfg.task)
    model = task.build_model(cfg.model)
    criterion = task.build_criterion(cfg.criterion)
    return cfg, task, model, criterion


class BackwardOnly:
    """The part of fairseq's optimizer interface that task.train_step uses."""

    def backward(self, loss):
        loss.backward()


TINY = [
    "--task", "meta_translation",
    "--arch", "ulr_transformer_tiny",
    "--criterion", "meta_label_smoothed_cross_entropy",
    "--dropout", "0", "--attention-dropout", "0", "--activation-dropout", "0",
    "--max-tokens", "40",
    "--seed", "3",
]


# -- ULR models built from a fake task (no data files) -------------------------------------------
def make_dict(words):
    d = Dictionary()
    for w in words:
        d.add_symbol(w)
    return d


DE = ["\u2581der", "\u2581Haus", "\u2581Paris", "\u25812018", ",", "en"]
FR = ["\u2581la", "\u2581maison", "\u2581Paris", "\u25812018", ",", "s", "\u2581et"]
RO = ["\u2581casa", "\u2581Paris", "\u25812018", ","]
EN = ["\u2581the", "\u2581house", "\u2581Paris", "\u25812018", ",", "s", "\u2581and"]


def fake_task(langs, building_from_checkpoint=False, extra_words=None):
    words = {"de": DE, "fr": FR, "ro": RO}
    src_dicts = {lang: make_dict(words[lang] + (extra_words or {}).get(lang, [])) for lang in langs}
    return SimpleNamespace(
        source_langs=list(langs),
        src_dicts=src_dicts,
        target_dictionary=make_dict(EN),
        cfg=SimpleNamespace(target_lang="en"),
        building_from_checkpoint=building_from_checkpoint,
    )


def tiny_args(**overrides):
    args = argparse.Namespace(
        share_decoder_input_output_embed=True, dropout=0.0, max_source_positions=32,
        max_target_positions=32, encoder_embed_dim=16, decoder_embed_dim=16, ulr_query_dim=8,
        **overrides,
    )
    ulr_transformer_tiny(args)
    return args


def build_ulr_model(langs, seed=0, **kw):
    torch.manual_seed(seed)
    return ULRTransformerModel.build_model(tiny_args(), fake_task(langs, **kw))
