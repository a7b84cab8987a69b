"""What one training step does, apart from fairseq's task API: a meta-training episode
(``episode.py``), a fine-tuning step (``finetune.py``), their precision (``precision.py``), and
what they need to know of fairseq's wrappers, batches and optimizers (``fairseq_glue.py``)."""
