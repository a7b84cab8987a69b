"""Task ``meta_translation``: episodes over many language pairs, and the meta step as train_step.

With ``--lang-pairs`` it meta-trains: every training step (every ``--update-freq`` micro-batch
on every worker) is one episode of one language pair (``fairseq_maml.data.episodes``), run by
``fairseq_maml.training.episode.EpisodeStep``. Without ``--lang-pairs`` it is fairseq's
``translation`` task on one pair (``-s``/``-t``): fine-tuning on a new language
(``fairseq_maml.training.finetune``), fairseq-generate, fairseq-interactive.

This file is the fairseq adapter: config, dictionaries, datasets, batch iterators, and hooks
that delegate. What is refused lives in ``fairseq_maml.validate``, fairseq workarounds in
``fairseq_maml.patches``.
"""

import logging
import math
from typing import Dict

from fairseq import metrics, utils
from fairseq.data import Dictionary, data_utils, iterators
from fairseq.tasks import register_task
from fairseq.tasks.translation import TranslationTask, load_langpair_dataset

from .. import patches
from ..data import checks
from ..data.episodes import EpisodeDataset, TaggedPairDataset
from ..data.lang_pairs import parse_lang_pairs
from ..meta import InnerLearningRates
from ..training.episode import EpisodeStep
from ..training.fairseq_glue import for_model, unwrap_model
from ..training.finetune import FineTuneStep, freeze_all_but
from ..training.precision import Precision
from ..validate import validate
from .config import MetaTranslationConfig

logger = logging.getLogger(__name__)

__all__ = ["MetaTranslationConfig", "MetaTranslationTask"]


@register_task("meta_translation", dataclass=MetaTranslationConfig)
class MetaTranslationTask(TranslationTask):
    cfg: MetaTranslationConfig

    def __init__(self, cfg, src_dicts: Dict[str, Dictionary], tgt_dict, pairs):
        super().__init__(cfg, next(iter(src_dicts.values())), tgt_dict)
        self.src_dicts = src_dicts
        self.source_langs = list(src_dicts)
        self.pairs = pairs
        self._episodes = None
        self._validated = None  # what validate() last saw at a training step
        precision = Precision(cfg)
        self.episode_step = EpisodeStep(cfg, precision)
        self.finetune_step = FineTuneStep(cfg, precision)

    @property
    def is_meta(self) -> bool:
        return bool(self.cfg.lang_pairs)

    # -- setup --------------------------------------------------------------------------
    @classmethod
    def setup_task(cls, cfg: MetaTranslationConfig, **kwargs):
        data = utils.split_paths(cfg.data)[0]
        checks.check_data_dir(data)
        validate(cfg)
        if cfg.lang_pairs:
            pairs = parse_lang_pairs(cfg.lang_pairs)
            cfg.target_lang = pairs[0][1]
        else:
            if cfg.source_lang is None or cfg.target_lang is None:
                cfg.source_lang, cfg.target_lang = data_utils.infer_language_pair(data)
            if cfg.source_lang is None or cfg.target_lang is None:
                raise ValueError(f"give -s/-t (or --lang-pairs): could not infer a language pair in {data}")
            pairs = [(cfg.source_lang, cfg.target_lang)]
        tgt = pairs[0][1]
        src_dicts = {s: checks.load_dictionary(data, s) for s, _ in pairs}
        tgt_dict = checks.load_dictionary(data, tgt)
        checks.check_special_symbols(src_dicts, tgt, tgt_dict)
        task = cls(cfg, src_dicts, tgt_dict, pairs)
        if cfg.lang_pairs:  # refuse missing or broken training data before anything runs
            for src, tgt in pairs:
                task.check_split(data, cfg.train_subset, src, tgt)
        return task

    def check_split(self, data, split, src, tgt, evaluating=False) -> None:
        """Refuse a missing or broken split, with advice that fits the command: meta-training
        (--lang-pairs) can leave the pair out; single-pair use (fine-tuning; fairseq-generate,
        ``evaluating``: it passes the checkpoint's task config) can binarize the split or name
        another one, or another pair with -s/-t."""
        dicts = {src: self.src_dicts[src], tgt: self.tgt_dict}
        if self.is_meta:
            checks.check_split(data, split, src, tgt, dicts, self.cfg.dataset_impl,
                               remedy=f" or remove {src}-{tgt} from --lang-pairs")
            return
        have = [s for s in checks.binarized_splits(data, src, tgt, self.cfg.dataset_impl) if s != split]
        flag, verb, also = (("--gen-subset", "decode", "") if evaluating else
                            ("--train-subset", "fine-tune on", "") if split == self.cfg.train_subset else
                            ("--valid-subset", "validate on", ", or pass --disable-validation"))
        if have:
            remedy = f", or {verb} a split that is binarized with {flag} ({src}-{tgt} in {data} has: {', '.join(have)})"
        else:
            remedy = f" ({data} has no other split of {src}-{tgt})"
        remedy += f"{also}, or give another pair with -s/-t"
        checks.check_split(data, split, src, tgt, dicts, self.cfg.dataset_impl, remedy=remedy,
                           prepare=f"fairseq-maml-prepare --pairs {src}-{tgt} --splits {split}")

    def build_model(self, cfg, from_checkpoint=False):
        validate(self.cfg, model_cfg=cfg)
        model = super().build_model(cfg, from_checkpoint)
        validate(self.cfg, model=model)
        if self.is_meta and self.cfg.learn_inner_lr:  # the outer optimizer and checkpoints see them
            names = [n for n, p in model.named_parameters() if p.requires_grad]
            model.inner_lrs = InnerLearningRates(names, self.cfg.inner_steps, self.cfg.inner_lr)
        if self.is_meta:
            replaced = patches.replace_apex_layer_norms(model)
            if replaced:
                logger.info(f"meta-training: {replaced} apex FusedLayerNorm modules replaced by torch.nn.LayerNorm "
                            "(same parameters): apex's backward cannot be differentiated again")
        elif not from_checkpoint:
            freeze_all_but(model, self.cfg.finetune_params, self.pairs[0][0])
        return model

    # -- data -----------------------------------------------------------------------------
    def load_dataset(self, split, epoch=1, combine=False, **kwargs):
        data = utils.split_paths(self.cfg.data)[0]
        if not self.is_meta:  # fairseq-generate passes the checkpoint's task_cfg
            self.check_split(data, split, *self.pairs[0], evaluating="task_cfg" in kwargs)
            return super().load_dataset(split, epoch=epoch, combine=combine, **kwargs)
        datasets, src_langs = {}, {}
        for src, tgt in self.pairs:
            self.check_split(data, split, src, tgt)
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
        multiple = required_batch_size_multiple  # honoured as 1 (fairseq_maml.patches)
        if not isinstance(dataset, TaggedPairDataset):
            return super().get_batch_iterator(
                dataset, max_tokens, max_sentences, max_positions, ignore_invalid_inputs,
                multiple, seed, num_shards, shard_id, num_workers, epoch,
                data_buffer_size, disable_iterator_cache, skip_remainder_batch, grouped_shuffling,
                update_epoch_batch_itr,
            )
        common = dict(seed=seed, num_shards=num_shards, shard_id=shard_id, num_workers=num_workers,
                      epoch=epoch, buffer_size=data_buffer_size)
        if dataset is self.datasets.get(self.cfg.train_subset):
            # one item per episode: the iterator shards whole episodes across workers
            episodes = self.episodes(dataset, max_tokens, max_positions, seed, multiple)
            return iterators.EpochBatchIterator(
                dataset=episodes, collate_fn=episodes.collater, batch_sampler=episodes.batch_sampler, **common,
            )
        batches = dataset.batches(max_tokens, max_sentences, max_positions, multiple)
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
                required_batch_size_multiple=multiple,
                new_language_fraction=self.cfg.new_language_fraction if self.cfg.episode_new_language else 0.0,
            )
        return self._episodes

    # -- training: delegated ----------------------------------------------------------------
    def train_step(self, sample, model, criterion, optimizer, update_num, ignore_grad=False):
        self._validate_training(model, optimizer)
        if not self.is_meta:
            patches.refuse_after_nan_detector(unwrap_model(model), update_num)
            return self.finetune_step(sample, model, criterion, optimizer, update_num, ignore_grad)
        return self.episode_step(sample, model, criterion, optimizer, update_num, ignore_grad)

    def optimizer_step(self, optimizer, model, update_num):
        if self.is_meta and self.episode_step.update_was_skipped(model):
            logger.warning(f"update {update_num}: every episode was skipped; parameters unchanged")
            return
        super().optimizer_step(optimizer, model, update_num)

    def _validate_training(self, model, optimizer) -> None:
        """validate() with the optimizer and the distributed wrapper, which fairseq builds after
        the model: at the first step, and again if a flag it reads or the objects change."""
        cfg = self.cfg
        seen = (id(model), id(optimizer), next(model.parameters()).dtype, cfg.meta_mode,
                cfg.bf16_autocast, cfg.inner_params, cfg.episode_new_language)
        if seen != self._validated:
            validate(cfg, model=model, optimizer=optimizer)
            self._validated = seen

    # -- validation: loss per language pair --------------------------------------------------
    def valid_step(self, sample, model, criterion):
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
