"""fairseq_maml plus a fault-injecting criterion, for benchmarks/soak.py only.

``--user-dir benchmarks/soak_plugin --criterion faulty_meta_label_smoothed_cross_entropy``.
Faults are a deterministic function of the sentence ids of a batch, so a run that is killed
and resumed meets exactly the faults of an uninterrupted run.
"""

import fairseq_maml  # noqa: F401  (registers the task, model, criterion; safe loading)

from .criterions import faulty  # noqa: F401
