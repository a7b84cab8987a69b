"""Label-smoothed cross-entropy that also reports what the inner loop achieved.

The loss itself is fairseq's ``label_smoothed_cross_entropy`` (summed over tokens). The meta
task's ``train_step`` adds these sums to the logging output of each episode, and this class
turns them into per-token metrics (base 2, like fairseq's ``loss``):

- ``support_loss``: support-batch loss at theta (before the first inner step);
- ``query_before`` / ``query_after``: query-batch loss at theta and at the adapted theta';
- ``adapt_gain`` = ``query_before - query_after``: positive when one simulated SGD step on
  the support batch helps on unseen sentences of the same language pair, the quantity MAML
  optimises. ``query_before`` costs one extra forward pass, so it is measured every
  ``--adaptation-log-interval`` updates; ``query_after`` is reported on those same episodes.
"""

import math
from dataclasses import dataclass

from fairseq import metrics
from fairseq.criterions import register_criterion
from fairseq.criterions.label_smoothed_cross_entropy import (
    LabelSmoothedCrossEntropyCriterion,
    LabelSmoothedCrossEntropyCriterionConfig,
)

# (metric name, summed-loss key, normaliser key) as written by MetaTranslationTask.train_step
ADAPTATION_KEYS = (
    ("support_loss", "support_loss_sum", "support_size"),
    ("query_before", "query_before_sum", "query_before_size"),
    ("query_after", "query_after_sum", "query_before_size"),
)


@dataclass
class MetaLabelSmoothedCrossEntropyCriterionConfig(LabelSmoothedCrossEntropyCriterionConfig):
    pass


@register_criterion(
    "meta_label_smoothed_cross_entropy", dataclass=MetaLabelSmoothedCrossEntropyCriterionConfig
)
class MetaLabelSmoothedCrossEntropyCriterion(LabelSmoothedCrossEntropyCriterion):
    @classmethod
    def reduce_metrics(cls, logging_outputs) -> None:
        # an update whose episodes were all skipped (NaN/Inf) has nothing to average
        if sum(log.get("sample_size", 0) for log in logging_outputs) > 0:
            super().reduce_metrics(logging_outputs)
        sums = {}
        for name, loss_key, size_key in ADAPTATION_KEYS:
            loss = sum(log.get(loss_key, 0.0) for log in logging_outputs)
            size = sum(log.get(size_key, 0.0) for log in logging_outputs)
            if size > 0:
                sums[name] = loss / size / math.log(2)
                metrics.log_scalar(name, sums[name], size, round=3)
        skipped = sum(log.get("skipped_episodes", 0.0) for log in logging_outputs)
        if skipped:
            metrics.log_scalar_sum("skipped_episodes", skipped)
        if "query_before" in sums:
            size = sum(log.get("query_before_size", 0.0) for log in logging_outputs)
            metrics.log_scalar(
                "adapt_gain", sums["query_before"] - sums["query_after"], size, round=3
            )

    @staticmethod
    def logging_outputs_can_be_summed() -> bool:
        return True
