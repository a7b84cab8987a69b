"""Task ``meta_translation``: episodes over many language pairs, and the meta step as train_step.

With ``--lang-pairs`` it meta-trains: every training step (every ``--update-freq`` micro-batch
on every worker) is one episode of one language pair (``fairseq_maml.data.episodes``), and
``train_step`` runs the inner update and the outer (meta) update of Gu et al. 2018, Algorithm 1,
through ``fairseq_maml.meta``. Without ``--lang-pairs`` it is fairseq's ``translation`` task on
one pair (``-s``/``-t``): fine-tuning on a new language, fairseq-generate, fairseq-interactive.
"""

import functools
import inspect
import logging
import math
import os
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
from fairseq import metrics, utils
from fairseq.data import Dictionary, data_utils, iterators
from fairseq.data.indexed_dataset import dataset_exists, make_dataset
from fairseq.dataclass import ChoiceEnum
from fairseq.optim.amp_optimizer import AMPOptimizer
from fairseq.tasks import register_task
from fairseq.tasks.translation import TranslationConfig, TranslationTask, load_langpair_dataset

from ..data.episodes import EpisodeDataset, TaggedPairDataset
from ..meta import HFMAML_RADIUS, MODES, double_backward_attention, meta_objective
from ..meta.params import substitute_parameters

logger = logging.getLogger(__name__)

# --bf16-autocast on CPU warns when a bfloat16 product is more than this many times slower than
# float32's: below 1x where bfloat16 is native (AVX512-BF16/AMX: whole plain updates took
# 0.46-0.71x float32's time), 13-93x on an AVX2-only AMD EPYC (docs/performance.md)
BF16_SLOW = 4.0


def bf16_matmul_slowdown(n: int = 192, repeats: int = 3) -> float:
    """Time of an n x n bfloat16 matrix product on this CPU over that of a float32 one (best of
    ``repeats`` each, after one warm-up). CPUs without native bfloat16 fall back to a slow
    reference kernel."""

    def best(dtype):
        a, b = torch.randn(n, n).to(dtype), torch.randn(n, n).to(dtype)
        a @ b
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - start)
        return min(times)

    return best(torch.bfloat16) / max(best(torch.float32), 1e-9)

INNER_PARAMS = ("all", "embeddings_encoder", "embeddings")
FINETUNE_PARAMS = ("all", "embeddings", "embeddings_encoder", "all_but_universal")


@dataclass
class MetaTranslationConfig(TranslationConfig):
    lang_pairs: Optional[str] = field(
        default=None,
        metadata={
            "help": "comma-separated pairs to meta-train on, e.g. de-en,fr-en,es-en (all into one "
            "target language). DATA must hold dict.{lang}.txt and {split}.{src}-{tgt}.{lang}.bin/.idx "
            "for each (fairseq-preprocess / fairseq-maml-prepare). Unset: one pair from -s/-t, "
            "trained as plain translation (fine-tuning, generation)"
        },
    )
    meta_mode: ChoiceEnum(MODES) = field(
        default="maml",
        metadata={
            "help": "maml: exact second-order meta-gradient through the inner step; hfmaml: maml's "
            "meta-gradient with the Hessian-vector product by a finite difference of two support "
            "gradients (approximate; 3x a plain update's arithmetic instead of 4x, no graph of "
            "gradients in memory; one inner step, a smooth activation, float32); fomaml: first-order; "
            "reptile: Reptile direction; multitask: no inner step (multilingual transfer baseline)"
        },
    )
    hfmaml_radius: float = field(
        default=HFMAML_RADIUS,
        metadata={"help": "--meta-mode hfmaml: length r of the parameter shift of the finite difference, "
                  "theta + r v/||v||; smaller is closer to maml in exact arithmetic, larger is less "
                  "sensitive to rounding"},
    )
    inner_lr: float = field(
        default=0.1, metadata={"help": "learning rate alpha of the simulated inner SGD step(s)"}
    )
    inner_steps: int = field(
        default=1, metadata={"help": "number of inner SGD steps on the support batch (>= 1)"}
    )
    inner_params: ChoiceEnum(INNER_PARAMS) = field(
        default="all",
        metadata={
            "help": "parameters adapted in the inner loop: all; embeddings_encoder (the language's "
            "embedding, the ULR mapping A and the encoder); embeddings (the language's embedding and A)"
        },
    )
    episode_new_language: bool = field(
        default=False,
        metadata={"help": "each episode treats its source language as new: the inner loop starts the "
                  "language's own ULR embedding E_k from zero, as a language added for fine-tuning "
                  "starts, and adapts it on the support batch (E_k of the meta languages is then not "
                  "trained). maml and fomaml; needs --arch ulr_transformer*"},
    )
    new_language_fraction: float = field(
        default=1.0,
        metadata={"help": "with --episode-new-language: the share of episodes that treat their language "
                  "as new (drawn per episode, reproducibly from --seed); the others are ordinary "
                  "episodes, which keep training the meta languages' E_k"},
    )
    support_max_tokens: int = field(
        default=0, metadata={"help": "token budget of the support batch (0: --max-tokens)"}
    )
    query_max_tokens: int = field(
        default=0, metadata={"help": "token budget of the query batch (0: --max-tokens)"}
    )
    pair_sampling: ChoiceEnum(["uniform", "proportional", "temperature"]) = field(
        default="temperature",
        metadata={"help": "how an episode's language pair is drawn: uniform, proportional to its "
                  "number of sentences, or proportional to size^(1/T)"},
    )
    pair_sampling_temperature: float = field(
        default=5.0, metadata={"help": "T of --pair-sampling temperature"}
    )
    episodes_per_epoch: int = field(
        default=0,
        metadata={"help": "episodes per epoch (0: the number of support batches over all pairs)"},
    )
    finetune_params: ChoiceEnum(FINETUNE_PARAMS) = field(
        default="all",
        metadata={"help": "single-pair training (fine-tuning) updates only: all; embeddings (the "
                  "language's embedding and the ULR mapping A); embeddings_encoder (those and the "
                  "encoder); all_but_universal (everything except the universal embeddings U)"},
    )
    finetune_l2: float = field(
        default=0.0,
        metadata={"help": "single-pair training: add finetune_l2/2 * ||theta - theta_0||^2 per "
                  "token, pulling the model towards --finetune-l2-anchor (the meta-learned point)"},
    )
    finetune_l2_anchor: Optional[str] = field(
        default=None,
        metadata={"help": "checkpoint whose parameters are theta_0 for --finetune-l2 (usually the "
                  "--finetune-from-model checkpoint); parameters it lacks are not pulled"},
    )
    zero_shot: bool = field(
        default=False,
        metadata={"help": "generation: allow a source language the checkpoint has no embeddings "
                  "for (zero-shot through the ULR: its language-specific embedding is zero)"},
    )
    max_skipped_episodes: int = field(
        default=20,
        metadata={"help": "stop with an error after this many consecutive episodes with a NaN/Inf "
                  "loss (each is skipped and counted in the log as skipped_episodes)"},
    )
    adaptation_log_interval: int = field(
        default=10,
        metadata={"help": "every N updates also measure the query loss before adaptation (one extra "
                  "forward pass) to log adapt_gain; 0 disables"},
    )
    bf16_autocast: bool = field(
        default=False,
        metadata={"help": "train (every mode, and single-pair fine-tuning) under bfloat16 autocast on "
                  "the model's device: float32 weights and optimizer, no loss scale; matrix products "
                  "in bfloat16, LayerNorm, softmax and the loss in float32. Works with second-order "
                  "maml. Not with --amp or --fp16 (fairseq's own --bf16 is a TPU mode)"},
    )
    tf32: bool = field(
        default=False,
        metadata={"help": "CUDA: allow TensorFloat-32 matrix products and convolutions (Ampere or newer "
                  "GPUs): float32 tensors, products with a 10-bit mantissa. No effect on CPU"},
    )


def parse_lang_pairs(text: str) -> List[Tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        item = item.strip()
        parts = item.split("-")
        if len(parts) != 2 or not all(parts):
            raise ValueError(f"--lang-pairs entry {item!r} is not of the form src-tgt (e.g. de-en)")
        if tuple(parts) in pairs:
            raise ValueError(f"--lang-pairs lists {item} twice: list each pair once")
        pairs.append(tuple(parts))
    targets = sorted({t for _, t in pairs})
    if len(targets) != 1:
        raise ValueError(
            f"--lang-pairs must share one target language (the decoder's), got {', '.join(targets)}"
        )
    return pairs


def distributed_wrappers(model: torch.nn.Module):
    """The wrappers around the fairseq model (ModuleProxyWrapper, DistributedDataParallel, ...),
    outermost first."""
    from fairseq.models import BaseFairseqModel

    while not isinstance(model, BaseFairseqModel) and hasattr(model, "module"):
        yield model
        model = model.module


def unwrap_model(model: torch.nn.Module) -> torch.nn.Module:
    """The model inside fairseq's ModuleProxyWrapper / DistributedDataParallel wrappers."""
    for wrapper in distributed_wrappers(model):
        model = wrapper.module
    return model


@register_task("meta_translation", dataclass=MetaTranslationConfig)
class MetaTranslationTask(TranslationTask):
    cfg: MetaTranslationConfig

    def __init__(self, cfg, src_dicts: Dict[str, Dictionary], tgt_dict, pairs):
        super().__init__(cfg, next(iter(src_dicts.values())), tgt_dict)
        self.src_dicts = src_dicts
        self.source_langs = list(src_dicts)
        self.pairs = pairs
        self.building_from_checkpoint = False
        self._episodes = None
        self._bf16_cpu_checked = False

    @property
    def is_meta(self) -> bool:
        return bool(self.cfg.lang_pairs)

    # -- setup --------------------------------------------------------------------------
    @classmethod
    def setup_task(cls, cfg: MetaTranslationConfig, **kwargs):
        data = utils.split_paths(cfg.data)[0]
        if not os.path.isdir(data):
            raise FileNotFoundError(f"data directory {data} does not exist (the DATA argument)")
        if cfg.inner_steps < 1:
            raise ValueError(f"--inner-steps must be >= 1, got {cfg.inner_steps} (use --meta-mode multitask for none)")
        if not cfg.inner_lr > 0:
            raise ValueError(f"--inner-lr must be > 0, got {cfg.inner_lr}")
        if not cfg.hfmaml_radius > 0:
            raise ValueError(f"--hfmaml-radius must be > 0, got {cfg.hfmaml_radius}")
        if cfg.lang_pairs and cfg.meta_mode == "hfmaml" and (cfg.bf16_autocast or cfg.tf32):
            flag = "--bf16-autocast" if cfg.bf16_autocast else "--tf32"
            raise ValueError(f"--meta-mode hfmaml needs float32 matrix products, not {flag}: {HFMAML_PRECISION}. "
                             f"Drop {flag}, or use --meta-mode maml with it")
        if cfg.lang_pairs and cfg.meta_mode == "hfmaml" and cfg.inner_steps != 1:
            raise ValueError(f"--meta-mode hfmaml takes one inner step, got --inner-steps {cfg.inner_steps}: "
                             "use --inner-steps 1, or --meta-mode maml for several")
        if not 0.0 <= cfg.new_language_fraction <= 1.0:
            raise ValueError(f"--new-language-fraction must be in [0, 1], got {cfg.new_language_fraction}")
        if cfg.episode_new_language and cfg.lang_pairs and cfg.meta_mode not in ("maml", "fomaml"):
            raise ValueError(f"--episode-new-language needs --meta-mode maml or fomaml (an inner loop that "
                             f"adapts the fresh embedding, differentiated through), not {cfg.meta_mode}")
        if cfg.finetune_l2 < 0:
            raise ValueError(f"--finetune-l2 must be >= 0, got {cfg.finetune_l2}")
        if cfg.finetune_l2 > 0:
            if not cfg.finetune_l2_anchor:
                raise ValueError("--finetune-l2 needs --finetune-l2-anchor: the checkpoint to stay "
                                 "close to (usually the one given to --finetune-from-model)")
            if not os.path.exists(cfg.finetune_l2_anchor):
                raise FileNotFoundError(f"--finetune-l2-anchor {cfg.finetune_l2_anchor} does not exist")
        if cfg.tf32:
            torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
        if cfg.lang_pairs:
            pairs = parse_lang_pairs(cfg.lang_pairs)
            cfg.target_lang = pairs[0][1]
        else:
            if cfg.source_lang is None or cfg.target_lang is None:
                cfg.source_lang, cfg.target_lang = data_utils.infer_language_pair(data)
            if cfg.source_lang is None or cfg.target_lang is None:
                raise ValueError(f"give -s/-t (or --lang-pairs): could not infer a language pair in {data}")
            pairs = [(cfg.source_lang, cfg.target_lang)]
        src_dicts = {s: cls._dictionary(data, s) for s, _ in pairs}
        tgt_dict = cls._dictionary(data, pairs[0][1])
        for lang, d in src_dicts.items():
            if (d.pad(), d.eos(), d.unk()) != (tgt_dict.pad(), tgt_dict.eos(), tgt_dict.unk()):
                raise ValueError(f"dict.{lang}.txt and dict.{pairs[0][1]}.txt disagree on special symbols")
        task = cls(cfg, src_dicts, tgt_dict, pairs)
        if cfg.lang_pairs:  # refuse missing or broken training data before anything runs
            for src, tgt in pairs:
                task._check_split(data, cfg.train_subset, src, tgt)
        return task

    @classmethod
    def _dictionary(cls, data, lang):
        path = os.path.join(data, f"dict.{lang}.txt")
        if not os.path.exists(path):
            raise FileNotFoundError(
                f"no dictionary for language {lang!r}: {path} is missing. Binarize the data with "
                f"fairseq-maml-prepare (or fairseq-preprocess) into {data}"
            )
        d = cls.load_dictionary(path)
        logger.info(f"[{lang}] dictionary: {len(d)} types")
        return d

    def _split_prefix(self, data, split, src, tgt, lang) -> Optional[str]:
        for a, b in ((src, tgt), (tgt, src)):
            prefix = os.path.join(data, f"{split}.{a}-{b}.{lang}")
            if dataset_exists(prefix, impl=self.cfg.dataset_impl):
                return prefix
        return None

    def _check_split(self, data, split, src, tgt) -> None:
        """Clear errors for missing, empty, misaligned or foreign-dictionary data."""
        sizes = {}
        for lang, d in ((src, self.src_dicts[src]), (tgt, self.tgt_dict)):
            prefix = self._split_prefix(data, split, src, tgt, lang)
            if prefix is None:
                raise FileNotFoundError(
                    f"language pair {src}-{tgt}: no binarized {split} data for {lang!r}, expected "
                    f"{os.path.join(data, f'{split}.{src}-{tgt}.{lang}')}.bin/.idx. Binarize it "
                    f"(fairseq-maml-prepare --pairs {src}-{tgt}) or remove {src}-{tgt} from --lang-pairs"
                )
            ds = None if os.path.getsize(prefix + ".bin") == 0 else make_dataset(prefix, impl=self.cfg.dataset_impl or "mmap")
            if ds is None or len(ds) == 0:
                raise ValueError(
                    f"language pair {src}-{tgt}: split {split} is empty ({prefix}.bin). Give it "
                    f"sentences or remove {src}-{tgt} from --lang-pairs"
                )
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

    def build_model(self, cfg, from_checkpoint=False):
        if getattr(cfg, "checkpoint_activations", False) and self.is_meta and self.cfg.meta_mode != "multitask":
            raise ValueError(
                "--checkpoint-activations cannot be combined with --meta-mode "
                f"{self.cfg.meta_mode}: activation checkpointing does not support torch.autograd.grad, "
                "which the inner step needs. Drop --checkpoint-activations or use --meta-mode multitask"
            )
        # generation refuses a source language the checkpoint lacks, unless --zero-shot
        self.building_from_checkpoint = from_checkpoint and not self.cfg.zero_shot
        try:
            model = super().build_model(cfg, from_checkpoint)
        finally:
            self.building_from_checkpoint = False
        if self.is_meta:
            replaced = replace_apex_layer_norms(model)
            if replaced:
                logger.info(f"meta-training: {replaced} apex FusedLayerNorm modules replaced by torch.nn.LayerNorm "
                            "(same parameters): apex's backward cannot be differentiated again")
        if self.is_meta and self.cfg.meta_mode == "hfmaml":
            kinked = kinked_activation(model)
            if kinked:
                raise ValueError(
                    f"--meta-mode hfmaml needs a smooth activation, but the model uses {kinked}: its "
                    "finite difference crosses the kinks, and the meta-gradient comes out 72-140% "
                    "wrong at the default radius (docs/performance.md). Add --activation-fn gelu, or use "
                    "--meta-mode maml"
                )
        if self.is_meta and self.cfg.episode_new_language and not hasattr(model, "ulr"):
            raise ValueError(f"--episode-new-language needs a model with language-specific ULR embeddings "
                             f"(--arch ulr_transformer, _small or _tiny), not {type(model).__name__}")
        if not self.is_meta and not from_checkpoint and self.cfg.finetune_params != "all":
            trained = {id(p) for p in finetune_parameters(model, self.cfg.finetune_params, self.pairs[0][0])}
            for p in model.parameters():
                p.requires_grad_(id(p) in trained)
            logger.info(
                f"--finetune-params {self.cfg.finetune_params}: training "
                f"{sum(p.numel() for p in model.parameters() if p.requires_grad)} of "
                f"{sum(p.numel() for p in model.parameters())} parameters"
            )
        return model

    # -- data -----------------------------------------------------------------------------
    def load_dataset(self, split, epoch=1, combine=False, **kwargs):
        data = utils.split_paths(self.cfg.data)[0]
        if not self.is_meta:
            src, tgt = self.pairs[0]
            self._check_split(data, split, src, tgt)
            return super().load_dataset(split, epoch=epoch, combine=combine, **kwargs)
        datasets, src_langs = {}, {}
        for src, tgt in self.pairs:
            self._check_split(data, split, src, tgt)
            name = f"{src}-{tgt}"
            datasets[name] = load_langpair_dataset(
                data, split, src, self.src_dicts[src], tgt, self.tgt_dict,
                combine=combine,
                dataset_impl=self.cfg.dataset_impl,
                upsample_primary=self.cfg.upsample_primary,
                left_pad_source=self.cfg.left_pad_source,
                left_pad_target=self.cfg.left_pad_target,
                max_source_positions=self.cfg.max_source_positions,
                max_target_positions=self.cfg.max_target_positions,
                load_alignments=self.cfg.load_alignments,
                truncate_source=self.cfg.truncate_source,
                num_buckets=self.cfg.num_batch_buckets,
                shuffle=(split != "test"),
                pad_to_multiple=self.cfg.required_seq_len_multiple,
            )
            src_langs[name] = src
        self.datasets[split] = TaggedPairDataset(datasets, src_langs)
        if split == self.cfg.train_subset:
            self._episodes = None

    def get_batch_iterator(self, dataset, max_tokens=None, max_sentences=None, max_positions=None,
                           ignore_invalid_inputs=False, required_batch_size_multiple=1, seed=1,
                           num_shards=1, shard_id=0, num_workers=0, epoch=1, data_buffer_size=0,
                           disable_iterator_cache=False, skip_remainder_batch=False,
                           grouped_shuffling=False, update_epoch_batch_itr=False):
        # fairseq's compiled batch_by_size (ve-fairseq 0.12.3) silently drops sentences when
        # --required-batch-size-multiple > 1 (16 of 20 test sentences in tests/test_cli_end_to_end.py):
        # never pass it on, so fairseq-generate translates every sentence.
        required_batch_size_multiple = 1
        if not isinstance(dataset, TaggedPairDataset):
            return super().get_batch_iterator(
                dataset, max_tokens, max_sentences, max_positions, ignore_invalid_inputs,
                required_batch_size_multiple, seed, num_shards, shard_id, num_workers, epoch,
                data_buffer_size, disable_iterator_cache, skip_remainder_batch, grouped_shuffling,
                update_epoch_batch_itr,
            )
        common = dict(seed=seed, num_shards=num_shards, shard_id=shard_id, num_workers=num_workers,
                      epoch=epoch, buffer_size=data_buffer_size)
        if dataset is self.datasets.get(self.cfg.train_subset):
            episodes = self.episodes(dataset, max_tokens, max_positions, seed, required_batch_size_multiple)
            return iterators.EpochBatchIterator(
                dataset=episodes, collate_fn=episodes.collater,
                batch_sampler=episodes.batch_sampler, **common,
            )
        batches = dataset.batches(max_tokens, max_sentences, max_positions, required_batch_size_multiple)
        return iterators.EpochBatchIterator(
            dataset=dataset, collate_fn=dataset.collater, batch_sampler=batches, **common,
        )

    def episodes(self, dataset, max_tokens, max_positions, seed, multiple=1) -> EpisodeDataset:
        if self._episodes is None:
            support = self.cfg.support_max_tokens or max_tokens
            query = self.cfg.query_max_tokens or max_tokens
            if not support or not query:
                raise ValueError("meta-training needs token budgets: set --max-tokens "
                                 "(or --support-max-tokens and --query-max-tokens)")
            self._episodes = EpisodeDataset(
                dict(zip(dataset.names, dataset.datasets)),
                dict(zip(dataset.names, dataset.src_langs)),
                support_max_tokens=support,
                query_max_tokens=query,
                max_positions=max_positions,
                sampling=self.cfg.pair_sampling,
                temperature=self.cfg.pair_sampling_temperature,
                episodes_per_epoch=self.cfg.episodes_per_epoch,
                seed=seed,
                merge_support_query=(self.cfg.meta_mode == "multitask"),
                required_batch_size_multiple=multiple,
                new_language_fraction=self.cfg.new_language_fraction if self.cfg.episode_new_language else 0.0,
            )
        return self._episodes

    # -- the meta step ---------------------------------------------------------------------
    def train_step(self, sample, model, criterion, optimizer, update_num, ignore_grad=False):
        if not self.is_meta:
            if unwrap_model(model)._backward_hooks:
                # fairseq re-runs a step whose gradients were NaN/Inf under its NanDetector, which
                # hooks every module, the model itself included; its non-full backward hooks crash
                # (StopIteration) on encoders returning dicts. One dict lookup per step.
                raise FloatingPointError(
                    f"training diverged at update {update_num}: the loss or gradients became NaN/Inf. "
                    "Lower --lr, keep --clip-norm > 0, or warm up longer (--warmup-updates)")
            return self._train_step_single(sample, model, criterion, optimizer, update_num, ignore_grad)
        model.train()
        model.set_num_updates(update_num)
        inner = unwrap_model(model)  # the inner pass must not fire DDP's reduction hooks
        src_lang = sample["query"]["net_input"]["src_lang"]
        sample = for_model(sample, inner)
        mode = self.cfg.meta_mode
        check_precision(inner, mode, amp=isinstance(optimizer, AMPOptimizer))
        check_ddp(model)
        query = sample["query"]
        support = sample["support"]
        log: Dict[str, float] = {}
        query_log: Dict = {}

        def support_loss():
            # only the support pass is differentiated twice: the query pass keeps fused attention
            with double_backward_attention(mode == "maml"):
                loss, n, _ = criterion(inner, support)
            if not log:
                log["support_loss_sum"], log["support_size"] = float(loss.detach()), float(n)
            return loss / n

        def query_loss():
            loss, n, out = criterion(model, query)  # through the wrapper: DDP all-reduces this
            query_log.update(out)
            return loss, n

        params = inner_parameters(inner, self.cfg.inner_params, src_lang)
        start = fresh_language_start(inner, params, src_lang) if sample.get("new_language") else {}
        interval = self.cfg.adaptation_log_interval
        measure_before = mode != "multitask" and interval > 0 and update_num % interval == 0
        with self.autocast(inner, optimizer):
            if measure_before:
                with torch.no_grad(), substitute_parameters(inner, start):
                    before, n_before, _ = criterion(inner, query)
            objective = meta_objective(
                inner,
                params,
                support_loss,
                query_loss,
                mode=mode,
                inner_lr=self.cfg.inner_lr,
                inner_steps=self.cfg.inner_steps,
                outer_module=model,
                inner_loss_scale=loss_scale(optimizer),
                start=start,
                hvp_radius=self.cfg.hfmaml_radius,
            )
        if not ignore_grad and not self._finite(objective):
            return self._skip_episode(inner, optimizer, sample["lang_pair"])
        self._consecutive_skips = 0
        loss = objective.loss * 0 if ignore_grad else objective.loss
        optimizer.backward(loss)
        if measure_before:
            log["query_before_sum"] = float(before)
            log["query_before_size"] = float(n_before)
            log["query_after_sum"] = float(objective.query_loss)
        if ignore_grad:
            log = {k: 0.0 for k in log}
        query_log.update(log)
        return loss.detach(), objective.sample_size, query_log

    # -- numerical faults: a NaN/Inf episode never reaches the parameters ---------------------
    @staticmethod
    def _finite(objective) -> bool:
        values = torch.stack([objective.loss.detach().float(), *[l.float() for l in objective.support_losses]])
        return bool(torch.isfinite(values).all())  # one device sync per episode

    def _skip_episode(self, inner, optimizer, lang_pair):
        """Drop the episode: backward an exact zero (no NaN in any gradient, and distributed
        workers still run their backward), count it, and give up after too many in a row."""
        self._consecutive_skips = getattr(self, "_consecutive_skips", 0) + 1
        self._skipped_in_update = getattr(self, "_skipped_in_update", 0) + 1
        logger.warning(f"skipping episode of {lang_pair}: non-finite support or query loss "
                       f"({self._consecutive_skips} in a row)")
        if self._consecutive_skips > self.cfg.max_skipped_episodes:
            raise FloatingPointError(
                f"{self._consecutive_skips} episodes in a row had a NaN/Inf loss (limit "
                f"--max-skipped-episodes {self.cfg.max_skipped_episodes}): training diverged. Lower "
                "--lr or --inner-lr, add --clip-norm, or check the data"
            )
        zero = sum((p * 0).sum() for p in inner.parameters() if p.requires_grad)
        optimizer.backward(zero)
        return zero.detach(), 0, {"skipped_episodes": 1.0}

    def optimizer_step(self, optimizer, model, update_num):
        """Skip the parameter update when every episode of it (on every worker) was skipped, so
        the parameters stay bit-identical; momentum-based optimizers would move them even with
        zero gradients."""
        skipped, self._skipped_in_update = getattr(self, "_skipped_in_update", 0), 0
        if skipped and all_gradients_zero(model):
            logger.warning(f"update {update_num}: every episode was skipped; parameters unchanged")
            return
        super().optimizer_step(optimizer, model, update_num)

    def autocast(self, model, optimizer):
        """The precision of a training forward: bfloat16 autocast on the model's device with
        --bf16-autocast, float16 autocast with --amp (fairseq's AMPOptimizer), else none."""
        amp = isinstance(optimizer, AMPOptimizer)
        if not self.cfg.bf16_autocast:
            return torch.autocast("cuda", enabled=amp)
        param = next(model.parameters())
        if amp or param.dtype != torch.float32:
            raise ValueError(
                "--bf16-autocast cannot be combined with --amp, --fp16 or --memory-efficient-fp16: "
                "they are two mixed precisions. Keep one (--bf16-autocast needs float32 weights and "
                "no loss scale)"
            )
        if param.device.type == "cpu" and not self._bf16_cpu_checked:
            self._bf16_cpu_checked = True
            slowdown = bf16_matmul_slowdown()
            if slowdown > BF16_SLOW:
                logger.warning(
                    f"--bf16-autocast on a CPU without fast bfloat16 products (torch reports "
                    f"{torch.backends.cpu.get_cpu_capability()}): a bfloat16 matrix product runs "
                    f"{slowdown:.0f}x slower than a float32 one here, so training will be many times "
                    f"slower than in float32. Drop --bf16-autocast on this machine, or train on a CPU "
                    f"with AVX512-BF16/AMX or on a GPU"
                )
        return torch.autocast(param.device.type, dtype=torch.bfloat16)

    def _train_step_single(self, sample, model, criterion, optimizer, update_num, ignore_grad):
        """fairseq's training step on one pair (``FairseqTask.train_step``) in this task's
        precision (``autocast``), plus with --finetune-l2 the pull towards theta_0:
        finetune_l2/2 * ||theta - theta_0||^2 per token (scaled by the sample size, as fairseq
        divides the gradient by it)."""
        model.train()
        model.set_num_updates(update_num)
        inner = unwrap_model(model)
        with self.autocast(inner, optimizer):
            loss, sample_size, log = criterion(model, sample)
        if self.cfg.finetune_l2 > 0:
            if getattr(self, "_anchor", None) is None:
                self._anchor = load_anchor(self.cfg.finetune_l2_anchor, inner)
            params = dict(inner.named_parameters())
            pull = sum(((params[n] - a) ** 2).sum() for n, a in self._anchor.items() if params[n].requires_grad)
            loss = loss + 0.5 * self.cfg.finetune_l2 * sample_size * pull
            # logging outputs are summed over micro-batches and workers: a sum and a count
            log["l2_sq_distance_sum"], log["l2_count"] = float(pull.detach()), 1.0
        if ignore_grad:
            loss = loss * 0
        optimizer.backward(loss)
        return loss.detach(), sample_size, log

    # -- validation: loss per language pair --------------------------------------------------
    def begin_epoch(self, epoch, model):
        super().begin_epoch(epoch, model)
        dedupe_log_file_handlers()

    def valid_step(self, sample, model, criterion):
        dedupe_log_file_handlers()
        sample = for_model(sample, unwrap_model(model))
        loss, sample_size, log = super().valid_step(sample, model, criterion)
        pair = sample.get("lang_pair") if isinstance(sample, dict) else None
        if pair is not None:
            log[f"pair_loss_sum:{pair}"] = float(loss)
            log[f"pair_size:{pair}"] = float(sample_size)
        return loss, sample_size, log

    def reduce_metrics(self, logging_outputs, criterion):
        super().reduce_metrics(logging_outputs, criterion)
        pairs = sorted({k.split(":", 1)[1] for log in logging_outputs for k in log if k.startswith("pair_size:")})
        for pair in pairs:
            loss = sum(log.get(f"pair_loss_sum:{pair}", 0.0) for log in logging_outputs)
            size = sum(log.get(f"pair_size:{pair}", 0.0) for log in logging_outputs)
            if size > 0:
                metrics.log_scalar(f"loss_{pair}", loss / size / math.log(2), size, round=3)
        count = sum(log.get("l2_count", 0.0) for log in logging_outputs)
        if count > 0:  # --finetune-l2: ||theta - theta_0||^2, how far fine-tuning has drifted
            dist = sum(log.get("l2_sq_distance_sum", 0.0) for log in logging_outputs) / count
            metrics.log_scalar("l2_sq_distance", dist, count, round=5)


def dedupe_log_file_handlers() -> None:
    """fairseq's progress_bar() adds a FileHandler for --log-file to its module logger every time
    it is called (every epoch and every validation), so each line of train.log is written once
    per bar created so far: 50 times after 50 short fine-tuning epochs. Keep the first handler per
    file and close the rest; fairseq calls this hook after creating each bar."""
    from fairseq.logging import progress_bar

    seen = set()
    for h in list(progress_bar.logger.handlers):
        path = getattr(h, "baseFilename", None)
        if isinstance(h, logging.FileHandler) and path is not None:
            if path in seen:
                progress_bar.logger.removeHandler(h)
                h.close()
            seen.add(path)


def finetune_parameters(model, choice: str, src_lang: str) -> List[torch.nn.Parameter]:
    """Parameters trained at fine-tuning (``--finetune-params``)."""
    if choice == "all":
        return list(model.parameters())
    if not hasattr(model, "inner_loop_parameters"):
        raise ValueError(f"--finetune-params {choice} needs --arch ulr_transformer (or a variant)")
    if choice == "all_but_universal":
        universal = {id(p) for p in model.ulr.universal_parameters()}
        return [p for p in model.parameters() if id(p) not in universal]
    return model.inner_loop_parameters(choice, src_lang)


def load_anchor(path: str, model) -> Dict[str, torch.Tensor]:
    """theta_0 for --finetune-l2: the anchor checkpoint's tensors for the model's parameters
    of the same name and shape (a new language's tables have none and are not pulled)."""
    state = torch.load(path, map_location="cpu", weights_only=True)["model"]
    anchor = {}
    for name, p in model.named_parameters():
        if name in state and state[name].shape == p.shape:
            anchor[name] = state[name].to(device=p.device, dtype=p.dtype)
    if not anchor:
        raise ValueError(f"--finetune-l2-anchor {path} shares no parameter with this model")
    logger.info(f"--finetune-l2: pulling {len(anchor)} parameter tensors towards {path}")
    return anchor


def all_gradients_zero(model) -> bool:
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    return not grads or not bool(torch.stack([g.abs().sum().float() for g in grads]).sum() > 0)


@functools.lru_cache(maxsize=None)
def _takes_src_lang(model_class) -> bool:
    """Whether the model's forward accepts ``src_lang`` (looked up once per class, not per step)."""
    return "src_lang" in inspect.signature(model_class.forward).parameters


def for_model(sample, model):
    """The sample as ``model`` takes it: models without a ``src_lang`` argument (e.g. fairseq's
    ``transformer`` on a joint vocabulary) get batches without it. Never modifies ``sample``
    (fairseq reuses the first batch as its dummy batch)."""
    if not sample or _takes_src_lang(type(model)):
        return sample

    def strip(batch):
        if not batch or "net_input" not in batch:
            return batch
        net_input = {k: v for k, v in batch["net_input"].items() if k != "src_lang"}
        return {**batch, "net_input": net_input}

    out = strip(sample)
    for key in ("support", "query"):
        if key in out:
            out = {**out, key: strip(out[key])}
    return out


def inner_parameters(model, choice: str, src_lang: Optional[str]) -> List[torch.nn.Parameter]:
    """Parameters adapted in the inner loop (``--inner-params``)."""
    if hasattr(model, "inner_loop_parameters"):
        params = model.inner_loop_parameters(choice, src_lang)
    elif choice == "all":
        params = list(model.parameters())
    else:
        raise ValueError(f"--inner-params {choice} needs --arch ulr_transformer (or a variant); "
                         f"{type(model).__name__} only supports --inner-params all")
    return [p for p in params if p.requires_grad]


def fresh_language_start(model, params, src_lang: str) -> Dict[torch.nn.Parameter, torch.Tensor]:
    """--episode-new-language: the inner loop starts E_{src_lang} from zero (a language the model
    has never seen starts there, ULRTransformer.add_language), a leaf the meta-gradient ignores."""
    (table,) = model.ulr.language_parameters(model.encoder.resolve_lang(src_lang))
    if not any(p is table for p in params):
        raise ValueError(f"--episode-new-language: --inner-params must adapt the language embedding of {src_lang}")
    return {table: torch.zeros_like(table, requires_grad=True)}


def kinked_activation(model) -> Optional[str]:
    """The name of a piecewise-linear activation (ReLU) the model computes with, if any: its
    gradient jumps, so ``hfmaml``'s finite difference of gradients is meaningless there."""
    for m in model.modules():
        if isinstance(m, torch.nn.ReLU) or getattr(m, "activation_fn", None) is torch.nn.functional.relu:
            return "relu (--activation-fn relu, fairseq's default)"
    return None


# why hfmaml refuses reduced precision (--bf16-autocast, --tf32, --amp, --fp16)
HFMAML_PRECISION = ("its Hessian-vector product is the difference of two gradients, which reduced precision "
                    "rounds away (docs/performance.md, \"hfmaml\": bf16 autocast 60% and float16 products 11% "
                    "from maml's meta-gradient at the default radius)")
# the meta modes --fp16 (float16 weights) cannot train, and why
FP16_REFUSED = {
    "maml": "the double backward through LayerNorm in float16 overflows to NaN. Use --amp or --bf16-autocast "
            "(mixed precision that keeps float32 weights), or --meta-mode fomaml/reptile with --fp16",
    "hfmaml": f"{HFMAML_PRECISION}. Train hfmaml in float32, or use --meta-mode fomaml/reptile with --fp16 "
              "(or maml with --amp)",
}


def replace_apex_layer_norms(model: torch.nn.Module) -> int:
    """Replace every apex ``FusedLayerNorm`` of ``model`` (what fairseq's ``LayerNorm`` builds on a
    machine with CUDA and apex) by a ``torch.nn.LayerNorm`` holding the same parameters, so the
    state dict is unchanged; returns how many. apex computes LayerNorm's backward in its CUDA
    extension, which autograd cannot differentiate: maml's double backward would lose every
    second-order term through LayerNorm (apex's ``autograd.Function`` raises no error; its newer
    custom ops register no derivative of the backward either), and every gradient to the lower
    layers passes through one. torch's LayerNorm has a double backward on every device. Done for
    every meta mode, so a mode switched later cannot meet apex either."""
    done: Dict[int, torch.nn.Module] = {}
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if not any(c.__module__.startswith("apex.") and c.__name__.endswith("LayerNorm")
                       for c in type(child).__mro__):
                continue
            if id(child) not in done:
                norm = torch.nn.LayerNorm(child.normalized_shape, eps=child.eps,
                                          elementwise_affine=child.elementwise_affine)
                if child.elementwise_affine:
                    norm.weight, norm.bias = child.weight, child.bias
                norm.train(child.training)
                done[id(child)] = norm
            setattr(parent, name, done[id(child)])
    return len(done)


def check_precision(model, mode: str, amp: bool = False) -> None:
    if mode == "hfmaml" and amp:
        raise ValueError(f"--amp cannot train --meta-mode hfmaml: {HFMAML_PRECISION}. Train hfmaml in float32, "
                         "or use --meta-mode maml with --amp")
    if mode in FP16_REFUSED and next(model.parameters()).dtype == torch.float16:
        raise ValueError(f"--fp16 cannot train --meta-mode {mode}: {FP16_REFUSED[mode]}")


def check_ddp(model) -> None:
    """The distributed wrappers meta-training supports, refused before the first update otherwise.

    legacy_ddp/no_c10d all-reduce the gradients after the backward; c10d/pytorch_ddp (torch's
    DistributedDataParallel) waits during the backward for a gradient of every parameter, but an
    episode uses the embedding of one source language only: without --find-unused-parameters the
    ranks would hang. Others (fully_sharded, slowmo) reshape or re-own the parameters that the
    inner loop substitutes, and are not supported."""
    from fairseq.distributed import LegacyDistributedDataParallel, ModuleProxyWrapper
    from torch.nn.parallel import DistributedDataParallel

    for m in distributed_wrappers(model):
        if not isinstance(m, (ModuleProxyWrapper, DistributedDataParallel, LegacyDistributedDataParallel)):
            raise ValueError(
                f"meta-training does not support a model wrapped in {type(m).__name__} "
                "(--ddp-backend fully_sharded or slowmo): use --ddp-backend legacy_ddp, or c10d "
                "with --find-unused-parameters"
            )
        if isinstance(m, DistributedDataParallel) and not m.find_unused_parameters:
            raise ValueError(
                "meta-training with --ddp-backend c10d/pytorch_ddp needs --find-unused-parameters "
                "(each episode leaves the other languages' embeddings unused); or use "
                "--ddp-backend legacy_ddp"
            )


def loss_scale(optimizer) -> float:
    """The optimizer's current loss scale (fp16/AMP), so inner gradients do not underflow."""
    scaler = getattr(optimizer, "scaler", None)  # FP16Optimizer / MemoryEfficientFP16Optimizer
    if scaler is not None and hasattr(scaler, "loss_scale"):
        return float(scaler.loss_scale)
    grad_scaler = getattr(optimizer, "_grad_scaler", None)  # AMPOptimizer
    if grad_scaler is not None:
        return float(grad_scaler.get_scale())
    return 1.0


def max_token_id(ds) -> int:
    """Largest token id of a binarized dataset, read straight from the .bin buffer."""
    buffer = getattr(ds, "_bin_buffer", None)
    index = getattr(ds, "_index", None)
    if buffer is not None and index is not None:
        return int(np.frombuffer(buffer, dtype=index.dtype).max())
    return max(int(ds[i].max()) for i in range(len(ds)))
