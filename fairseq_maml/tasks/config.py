"""The flags of the task ``meta_translation`` (fairseq's ``translation`` flags and these).

Each list of choices is defined where its meaning is: meta modes in ``fairseq_maml.meta``,
parameter groups in the model, pair sampling in the episodes.
"""

from dataclasses import dataclass, field
from typing import Optional

from fairseq.dataclass import ChoiceEnum
from fairseq.tasks.translation import TranslationConfig

from ..data.episodes import SAMPLING
from ..meta import HFMAML_RADIUS, MODES
from ..models.ulr_transformer import FINETUNE_PARAMS, INNER_PARAMS

__all__ = ["MetaTranslationConfig"]


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
    learn_inner_lr: bool = field(
        default=False,
        metadata={"help": "learn one inner learning rate per adapted parameter tensor and inner step in "
                  "the outer loop, each starting at --inner-lr (MAML++'s LSLR, Antoniou et al. 2019). "
                  "The rates are part of the meta checkpoint (model.inner_lrs) and are dropped when it "
                  "is fine-tuned or decoded. maml and fomaml; needs --arch ulr_transformer*"},
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
    pair_sampling: ChoiceEnum(SAMPLING) = field(
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
