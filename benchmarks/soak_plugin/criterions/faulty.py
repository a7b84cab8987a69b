import hashlib
import os
from dataclasses import dataclass, field

import torch
from fairseq.criterions import register_criterion

from fairseq_maml.criterions.meta_label_smoothed_cross_entropy import (
    MetaLabelSmoothedCrossEntropyCriterion,
    MetaLabelSmoothedCrossEntropyCriterionConfig,
)


@dataclass
class FaultyConfig(MetaLabelSmoothedCrossEntropyCriterionConfig):
    fault_rate: float = field(default=0.05, metadata={"help": "probability of a fault per batch"})
    fault_log: str = field(default="", metadata={"help": "file to append one line per injected fault"})


def _draw(sample) -> float:
    ids = sample["id"].cpu().numpy().tobytes()
    return int.from_bytes(hashlib.sha256(ids).digest()[:8], "little") / 2**64


@register_criterion("faulty_meta_label_smoothed_cross_entropy", dataclass=FaultyConfig)
class FaultyCriterion(MetaLabelSmoothedCrossEntropyCriterion):
    def __init__(self, task, sentence_avg, label_smoothing, ignore_prefix_size=0,
                 report_accuracy=False, fault_rate=0.05, fault_log=""):
        super().__init__(task, sentence_avg, label_smoothing, ignore_prefix_size, report_accuracy)
        self.fault_rate, self.fault_log = fault_rate, fault_log

    def forward(self, model, sample, reduce=True):
        u = _draw(sample) if model.training else 1.0
        kind = None
        if u < self.fault_rate / 2:  # corrupt batch: every target token is padding
            sample = {**sample, "target": torch.full_like(sample["target"], self.padding_idx)}
            kind = "corrupt_batch"
        elif u < self.fault_rate:
            kind = "nan_loss"
        loss, n, log = super().forward(model, sample, reduce)
        if kind == "nan_loss":
            loss = loss * float("nan")
        if kind == "corrupt_batch":
            loss, n = loss / 0.0, 0  # no target tokens: the per-token loss is 0/0
        if kind and self.fault_log:
            with open(self.fault_log, "a") as f:
                f.write(f"{os.getpid()} {kind} {u:.6f}\n")
        return loss, n, log
