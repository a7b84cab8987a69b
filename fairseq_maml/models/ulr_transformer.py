"""Model ``ulr_transformer``: a fairseq Transformer whose source embedding is the Universal
Lexical Representation of Gu et al. 2018 (Sec. 3.1), shared by all source languages.

Only the source side differs from fairseq's ``transformer``: the encoder's ``embed_tokens`` is a
:class:`~fairseq_maml.modules.universal_lexical_embedding.UniversalLexicalEmbedding` and the
encoder takes a ``src_lang`` argument, which reaches it from ``sample["net_input"]["src_lang"]``
(fairseq's ``forward_non_torchscript`` passes every ``net_input`` key but ``prev_output_tokens``
to the encoder, in training and in fairseq-generate's SequenceGenerator). The decoder is
fairseq's own ``TransformerDecoderBase`` over the single target dictionary.

Architectures: ``ulr_transformer`` (dataclass defaults, transformer-base sizes),
``ulr_transformer_small`` and ``ulr_transformer_tiny``.
"""

import argparse
import logging
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import torch
import torch.nn.functional as F
from fairseq import utils
from fairseq.data import Dictionary
from fairseq.dataclass import ChoiceEnum, FairseqDataclass
from fairseq.dataclass.utils import gen_parser_from_dataclass
from fairseq.models import register_model, register_model_architecture
from fairseq.models.transformer import (
    TransformerConfig,
    TransformerEncoderBase,
    TransformerModelBase,
)
from fairseq.models.transformer.transformer_base import Embedding
from omegaconf import II, OmegaConf
from torch import Tensor, nn

from ..modules.universal_lexical_embedding import UniversalLexicalEmbedding
from ..modules.word_vectors import SP_SPACE, query_matrix, read_vec

logger = logging.getLogger(__name__)

# the named parameter groups of parameter_group(): what the inner loop may adapt (--inner-params)
# and what fine-tuning may train (--finetune-params)
INNER_PARAMS = ("all", "embeddings_encoder", "embeddings")
FINETUNE_PARAMS = ("all", "embeddings", "embeddings_encoder", "all_but_universal")
PARAMETER_GROUPS = ("all", "embeddings_encoder", "embeddings", "all_but_universal", "language")
ULR_PREFIX = "encoder.embed_tokens."


@dataclass
class ULRTransformerConfig(FairseqDataclass):
    """Flat configuration (fairseq flag names); converted to fairseq's ``TransformerConfig``."""

    activation_fn: ChoiceEnum(utils.get_available_activation_fns()) = field(
        default="relu", metadata={"help": "activation function to use"}
    )
    dropout: float = field(default=0.1, metadata={"help": "dropout probability"})
    attention_dropout: float = field(
        default=0.0, metadata={"help": "dropout probability for attention weights"}
    )
    activation_dropout: float = field(
        default=0.0, metadata={"help": "dropout probability after activation in FFN"}
    )
    encoder_embed_dim: int = field(default=512, metadata={"help": "encoder embedding dimension"})
    encoder_ffn_embed_dim: int = field(
        default=2048, metadata={"help": "encoder embedding dimension for FFN"}
    )
    encoder_layers: int = field(default=6, metadata={"help": "number of encoder layers"})
    encoder_attention_heads: int = field(
        default=8, metadata={"help": "number of encoder attention heads"}
    )
    encoder_normalize_before: bool = field(
        default=False, metadata={"help": "apply layernorm before each encoder block"}
    )
    encoder_learned_pos: bool = field(
        default=False, metadata={"help": "use learned positional embeddings in the encoder"}
    )
    encoder_layerdrop: float = field(default=0.0, metadata={"help": "LayerDrop probability for encoder"})
    decoder_embed_dim: int = field(default=512, metadata={"help": "decoder embedding dimension"})
    decoder_ffn_embed_dim: int = field(
        default=2048, metadata={"help": "decoder embedding dimension for FFN"}
    )
    decoder_layers: int = field(default=6, metadata={"help": "number of decoder layers"})
    decoder_attention_heads: int = field(
        default=8, metadata={"help": "number of decoder attention heads"}
    )
    decoder_normalize_before: bool = field(
        default=False, metadata={"help": "apply layernorm before each decoder block"}
    )
    decoder_learned_pos: bool = field(
        default=False, metadata={"help": "use learned positional embeddings in the decoder"}
    )
    decoder_layerdrop: float = field(default=0.0, metadata={"help": "LayerDrop probability for decoder"})
    share_decoder_input_output_embed: bool = field(
        default=False, metadata={"help": "share decoder input and output embeddings"}
    )
    share_all_embeddings: bool = field(
        default=False,
        metadata={"help": "not supported by ulr_transformer (the source side is a ULR over one "
                  "vocabulary per language); use --share-decoder-input-output-embed"},
    )
    no_token_positional_embeddings: bool = field(
        default=False, metadata={"help": "if set, disables positional embeddings (outside self attention)"}
    )
    layernorm_embedding: bool = field(default=False, metadata={"help": "add layernorm to embedding"})
    no_scale_embedding: bool = field(default=False, metadata={"help": "if set, don't scale embeddings"})
    no_decoder_final_norm: bool = field(
        default=False, metadata={"help": "don't add an extra layernorm after the last decoder block"}
    )
    checkpoint_activations: bool = field(
        default=False,
        metadata={"help": "checkpoint activations at each layer (saves memory; incompatible with "
                  "the inner step of maml/fomaml/reptile)"},
    )
    max_source_positions: int = II("task.max_source_positions")
    max_target_positions: int = II("task.max_target_positions")
    # -- Universal Lexical Representation (Gu et al. 2018, Sec. 3.1) --
    ulr_query_dim: int = field(
        default=64,
        metadata={"help": "dimension dq of the fixed ULR query/key vectors (the dimension of the "
                  ".vec files in --ulr-vectors-dir, e.g. 300 for MUSE)"},
    )
    ulr_universal_size: int = field(
        default=0,
        metadata={"help": "number M of universal tokens: the first M entries of the target "
                  "dictionary (0: all of them)"},
    )
    ulr_temperature: float = field(
        default=0.05, metadata={"help": "temperature tau of the ULR attention softmax"}
    )
    ulr_vectors_dir: Optional[str] = field(
        default=None,
        metadata={"help": "folder with aligned word vectors {lang}.vec (fastText/MUSE text format): "
                  "each source language's file gives its queries, the target language's file gives "
                  "the universal keys. Unset: string-identity (hashed) vectors, so only identical "
                  "strings across languages share universal entries"},
    )


def _as_namespace(cfg) -> argparse.Namespace:
    """A flat copy of the model config (DictConfig from fairseq, or an argparse Namespace)."""
    if OmegaConf.is_config(cfg):
        return argparse.Namespace(**OmegaConf.to_container(cfg, resolve=True))
    return argparse.Namespace(**vars(cfg))


class ULRTransformerEncoder(TransformerEncoderBase):
    """fairseq's Transformer encoder, embedding tokens with the ULR of their language."""

    def resolve_lang(self, src_lang: Optional[str]) -> str:
        langs = self.embed_tokens.languages
        if src_lang is not None:
            return src_lang
        if len(langs) == 1:
            return langs[0]
        raise ValueError(
            f"ulr_transformer has several source languages ({', '.join(langs)}): the batch must "
            f"say which one it is in (sample['net_input']['src_lang'], set by --task meta_translation)"
        )

    def forward(
        self,
        src_tokens: Tensor,
        src_lengths: Optional[Tensor] = None,
        return_all_hiddens: bool = False,
        token_embeddings: Optional[Tensor] = None,
        src_lang: Optional[str] = None,
    ):
        """As ``TransformerEncoderBase.forward``, with the source language of the batch."""
        if token_embeddings is None:
            token_embeddings = self.embed_tokens(src_tokens, self.resolve_lang(src_lang))  # [B, T, d]
        return self.forward_scriptable(src_tokens, src_lengths, return_all_hiddens, token_embeddings)


@register_model("ulr_transformer", dataclass=ULRTransformerConfig)
class ULRTransformerModel(TransformerModelBase):
    """Transformer with a Universal Lexical Representation source embedding (Gu et al. 2018)."""

    def __init__(
        self, cfg, encoder, decoder, building_from_checkpoint: bool = False, target_lang: str = "en"
    ):
        super().__init__(cfg, encoder, decoder)
        self.building_from_checkpoint = building_from_checkpoint  # for load_state_dict's errors
        self.target_lang = target_lang

    @classmethod
    def add_args(cls, parser):
        # TransformerModelBase adds fairseq's TransformerConfig flags with defaults; use ours,
        # without defaults, so that architecture functions can fill them
        gen_parser_from_dataclass(parser, ULRTransformerConfig(), delete_default=True)

    @classmethod
    def from_pretrained(cls, model_name_or_path, checkpoint_file="model.pt", data_name_or_path=".", **kwargs):
        """fairseq's hub interface (``.translate(...)``) for a checkpoint of this plugin, after
        checking the paths it is given: fairseq's own loader takes a missing local path for the
        name of a model to download and fails with a ``TypeError`` about ``None`` instead.
        ``model_name_or_path``: the checkpoint's folder; ``checkpoint_file``: its file name there
        (``:``-separated for an ensemble); ``data_name_or_path``: the binarized data folder with
        the dictionaries (``.``: the checkpoint's folder)."""
        def need(path, what, fix):
            if not os.path.exists(path):
                raise FileNotFoundError(f"ULRTransformerModel.from_pretrained: {what} {path} does not exist. {fix}")

        need(model_name_or_path, "checkpoint folder", "Give the folder that holds the checkpoint "
             "(e.g. runs/quickstart/finetune after examples/quickstart.sh)")
        for name in checkpoint_file.split(":"):
            need(os.path.join(model_name_or_path, name), "checkpoint", "Pass its file name as checkpoint_file "
                 "(fairseq-train writes checkpoint_best.pt and checkpoint_last.pt)")
        if not data_name_or_path.startswith("."):
            need(data_name_or_path, "data folder", "Pass the folder of dict.*.txt the model was trained with "
                 "as data_name_or_path (e.g. runs/quickstart/data/bin)")
        if kwargs.get("sentencepiece_model"):
            need(kwargs["sentencepiece_model"], "SentencePiece model", "Pass the source language's "
                 "model (fairseq-maml-prepare writes DATA/spm/LANG.model)")
        return super().from_pretrained(model_name_or_path, checkpoint_file, data_name_or_path, **kwargs)

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def build_model(cls, cfg, task):
        args = _as_namespace(cfg)
        ulr_base_architecture(args)
        if args.share_all_embeddings:
            raise ValueError(
                "--share-all-embeddings is impossible with --arch ulr_transformer: the source "
                "side is a Universal Lexical Representation over one vocabulary per language, not "
                "the target embedding. Use --share-decoder-input-output-embed instead"
            )
        tcfg = TransformerConfig.from_namespace(args)
        tcfg.decoder.input_dim = tcfg.decoder.output_dim = tcfg.decoder.embed_dim
        # Built for a checkpoint (set by fairseq_maml.patches: fairseq does not pass it on), the
        # tables are the checkpoint's and a source language it lacks is refused; with --zero-shot
        # such a language is built from its vectors instead, as for training.
        from_checkpoint = bool(getattr(task, "building_from_checkpoint", False))
        from_checkpoint = from_checkpoint and not getattr(task.cfg, "zero_shot", False)
        src_dicts = source_dictionaries(task)
        tgt_dict = task.target_dictionary
        ulr = cls.build_ulr(args, src_dicts, tgt_dict, task.cfg.target_lang or "en", from_checkpoint)
        encoder = cls.build_encoder(tcfg, next(iter(src_dicts.values())), ulr)
        decoder_embed = Embedding(len(tgt_dict), tcfg.decoder.embed_dim, tgt_dict.pad())
        decoder = cls.build_decoder(tcfg, tgt_dict, decoder_embed)
        return cls(tcfg, encoder, decoder, building_from_checkpoint=from_checkpoint,
                   target_lang=task.cfg.target_lang or "en")

    @classmethod
    def build_ulr(cls, args, src_dicts, tgt_dict, tgt_lang: str, from_checkpoint: bool) -> UniversalLexicalEmbedding:
        """Query tables of the source languages (``src_dicts``: language -> dictionary) and keys
        from the target dictionary.

        From a checkpoint, tables are zeros (the checkpoint overwrites them) and no vector
        file is read. Otherwise from ``{--ulr-vectors-dir}/{lang}.vec`` or hashed vectors.
        """
        langs: List[str] = list(src_dicts)
        if not langs:
            raise ValueError("ulr_transformer needs at least one source language")
        pads = {lang: src_dicts[lang].pad() for lang in langs}
        if len(set(pads.values())) != 1:
            raise ValueError(f"source dictionaries disagree on the padding index: {pads}")
        dq, num_universal = args.ulr_query_dim, args.ulr_universal_size or len(tgt_dict)
        if not 0 < num_universal <= len(tgt_dict):
            raise ValueError(
                f"--ulr-universal-size {args.ulr_universal_size} must be between 0 (all) and the "
                f"size of the target dictionary ({len(tgt_dict)})"
            )

        def table(lang: str, symbols: List[str]) -> Tensor:
            if from_checkpoint:
                return torch.zeros(len(symbols), dq)
            vectors = None
            if args.ulr_vectors_dir:
                path = os.path.join(args.ulr_vectors_dir, f"{lang}.vec")
                if not os.path.isfile(path):
                    raise FileNotFoundError(
                        f"--ulr-vectors-dir {args.ulr_vectors_dir} has no {lang}.vec: every source "
                        f"language and the target language ({tgt_lang}) need a file of aligned word "
                        f"vectors there; leave --ulr-vectors-dir unset for hashed string-identity vectors"
                    )
                wanted = set(symbols) | {s[1:] for s in symbols if s.startswith(SP_SPACE)}
                vectors = read_vec(path, dq, keep=wanted)
            return torch.from_numpy(query_matrix(symbols, vectors, dq))

        queries = {lang: table(lang, src_dicts[lang].symbols) for lang in langs}  # [V_k, dq]
        keys = table(tgt_lang, tgt_dict.symbols[:num_universal])  # [M, dq]
        return UniversalLexicalEmbedding(
            queries, keys, args.encoder_embed_dim, pads[langs[0]], args.ulr_temperature
        )

    @classmethod
    def build_encoder(cls, cfg, src_dict, embed_tokens):
        return ULRTransformerEncoder(cfg, src_dict, embed_tokens)

    # -- forward --------------------------------------------------------------------------------
    def forward(
        self,
        src_tokens,
        src_lengths,
        prev_output_tokens,
        src_lang: Optional[str] = None,
        return_all_hiddens: bool = True,
        features_only: bool = False,
        alignment_layer: Optional[int] = None,
        alignment_heads: Optional[int] = None,
    ):
        encoder_out = self.encoder(
            src_tokens, src_lengths=src_lengths, return_all_hiddens=return_all_hiddens,
            src_lang=src_lang,
        )
        return self.decoder(
            prev_output_tokens,
            encoder_out=encoder_out,
            features_only=features_only,
            alignment_layer=alignment_layer,
            alignment_heads=alignment_heads,
            src_lengths=src_lengths,
            return_all_hiddens=return_all_hiddens,
        )

    def get_normalized_probs(self, net_output, log_probs: bool, sample=None):
        """As fairseq's, except that float64 logits stay float64.

        fairseq's ``utils.log_softmax`` casts to float32 (meant to upcast fp16), which would make
        float64 checks of (meta-)gradients against finite differences meaningless.
        """
        logits = net_output[0]
        if logits.dtype == torch.float64 and getattr(self.decoder, "adaptive_softmax", None) is None:
            return F.log_softmax(logits, dim=-1) if log_probs else F.softmax(logits, dim=-1)
        return super().get_normalized_probs(net_output, log_probs, sample)

    # -- meta-learning ---------------------------------------------------------------------------
    @property
    def ulr(self) -> UniversalLexicalEmbedding:
        return self.encoder.embed_tokens

    def parameter_group(self, name: str, lang: Optional[str] = None) -> List[nn.Parameter]:
        """The trainable parameters of group ``name`` for source language ``lang``, each once, in
        model order. The inner loop adapts one of them (``--inner-params``), fine-tuning trains one
        (``--finetune-params``), and ``--episode-new-language`` restarts ``language``.

        * ``language``: the language-specific embedding ``E_lang`` alone;
        * ``embeddings``: ``E_lang`` and the mapping ``A``, the parts of the ULR that specialise to
          a language (Gu et al. 2018, Sec. 3);
        * ``embeddings_encoder``: those and every other encoder parameter except the ULR's
          (layers, final/embedding layer norms, learned positions; not ``U``, not other languages);
        * ``all_but_universal``: everything except the universal embeddings ``U``;
        * ``all``: every trainable parameter of the model.
        """
        if name not in PARAMETER_GROUPS:
            raise ValueError(f"unknown parameter group: --inner-params {name!r} / --finetune-params "
                             f"{name!r} is not one of {', '.join(PARAMETER_GROUPS)}")
        if name == "all":
            chosen = list(self.parameters())
        elif name == "all_but_universal":
            universal = {id(p) for p in self.ulr.universal_parameters()}
            chosen = [p for p in self.parameters() if id(p) not in universal]
        else:
            chosen = self.ulr.language_parameters(self.encoder.resolve_lang(lang))
            if name != "language":
                chosen += self.ulr.mapping_parameters()
            if name == "embeddings_encoder":
                in_ulr = {id(p) for p in self.ulr.parameters()}
                chosen += [p for p in self.encoder.parameters() if id(p) not in in_ulr]
        order = {id(p): i for i, p in enumerate(self.parameters())}
        unique = {id(p): p for p in chosen if p.requires_grad}
        return sorted(unique.values(), key=lambda p: order[id(p)])

    # -- checkpoints -------------------------------------------------------------------------------
    def load_state_dict(self, state_dict, strict=True, model_cfg=None, args=None):
        """fairseq's loading, after matching the checkpoint's source languages to the model's.

        * languages only the checkpoint has are dropped (e.g. fine-tuning ro-en, or generating
          de-en, from a de/fr/es meta-trained checkpoint);
        * languages only the model has keep their fresh initialisation at fine-tuning (with a
          warning), and are an error when building for generation (``building_from_checkpoint``);
        * a vocabulary-size mismatch is reported with the language and the fix;
        * learned inner rates (``inner_lrs.*``, ``--learn-inner-lr``) follow the model: dropped when
          it has none (fine-tuning, decoding), its own starting values where the checkpoint has none
          (meta-training warm-started from a checkpoint trained without them).
        """
        state_dict = dict(state_dict)
        own = self.state_dict()
        rates = {k for k in set(state_dict) | set(own) if k.startswith("inner_lrs.")}
        for key in rates:
            if key not in own:
                state_dict.pop(key)
            elif key not in state_dict:
                state_dict[key] = own[key]
        mine = set(self.ulr.languages)
        theirs = _checkpoint_languages(state_dict)
        for lang in sorted(theirs - mine):
            for group in ("lang_embed", "lang_query"):
                state_dict.pop(f"{ULR_PREFIX}{group}.{lang}", None)
        if theirs - mine:
            logger.info(f"checkpoint: ignoring ULR tables of {', '.join(sorted(theirs - mine))}")
        new = [lang for lang in self.ulr.languages if lang not in theirs]
        if new and self.building_from_checkpoint:
            lang = new[0]
            raise ValueError(
                f"the checkpoint has no embeddings for source language '{lang}' (it knows: "
                f"{', '.join(sorted(theirs)) or 'none'}): fine-tune on {lang}-"
                f"{self.target_lang} first, or translate zero-shot through the ULR with "
                f"--task meta_translation --zero-shot"
            )
        for lang in new:
            logger.warning(
                f"the checkpoint has no embeddings for source language '{lang}': starting it from "
                f"its fresh initialisation (zero language-specific embedding)"
            )
            for group in ("lang_embed", "lang_query"):
                key = f"{ULR_PREFIX}{group}.{lang}"
                state_dict[key] = own[key]
        self._check_sizes(state_dict, own)
        return super().load_state_dict(state_dict, strict=strict, model_cfg=model_cfg, args=args)

    def _check_sizes(self, state_dict: Dict[str, Tensor], own: Dict[str, Tensor]) -> None:
        fix = ("binarize the data with the dictionary the checkpoint was trained with "
               "(fairseq-preprocess --srcdict/--tgtdict)")
        for lang in self.ulr.languages:
            for group in ("lang_embed", "lang_query"):
                key = f"{ULR_PREFIX}{group}.{lang}"
                if key in state_dict and state_dict[key].shape[0] != own[key].shape[0]:
                    raise ValueError(
                        f"source language '{lang}': the checkpoint's dictionary has "
                        f"{state_dict[key].shape[0]} entries but the current dict.{lang}.txt has "
                        f"{own[key].shape[0]}: {fix}"
                    )
        for key in ("decoder.embed_tokens.weight", "decoder.output_projection.weight"):
            if key in state_dict and key in own and state_dict[key].shape[0] != own[key].shape[0]:
                raise ValueError(
                    f"target language: the checkpoint's dictionary has {state_dict[key].shape[0]} "
                    f"entries but the current target dictionary has {own[key].shape[0]}: {fix}"
                )
        key = f"{ULR_PREFIX}universal_embed"
        if key in state_dict and state_dict[key].shape[0] != own[key].shape[0]:
            raise ValueError(
                f"the checkpoint has {state_dict[key].shape[0]} universal tokens but this model "
                f"{own[key].shape[0]}: use the checkpoint's --ulr-universal-size and target dictionary"
            )


def source_dictionaries(task) -> Dict[str, Dictionary]:
    """The source languages to build the model for, with their dictionaries: every pair's under
    ``--task meta_translation``; ``-s``'s under fairseq's own ``translation`` task, which is how
    fairseq-generate, fairseq-interactive and the hub interface build a checkpoint's model when
    no ``--task`` is given (the checkpoint's other languages are then dropped on loading)."""
    if getattr(task, "src_dicts", None):
        return dict(task.src_dicts)
    lang = getattr(task.cfg, "source_lang", None)
    if lang is None:
        raise ValueError("ulr_transformer embeds each source language with its own table: give the "
                         "source language with -s (--source-lang)")
    return {lang: task.source_dictionary}


def _checkpoint_languages(state_dict) -> set:
    prefix = f"{ULR_PREFIX}lang_embed."
    return {k[len(prefix):] for k in state_dict if k.startswith(prefix)}


# -- architectures ---------------------------------------------------------------------------------
def ulr_base_architecture(args):
    """Fill every field of :class:`ULRTransformerConfig` that ``args`` lacks (never overwrite)."""
    args.activation_fn = getattr(args, "activation_fn", "relu")
    args.dropout = getattr(args, "dropout", 0.1)
    args.attention_dropout = getattr(args, "attention_dropout", 0.0)
    args.activation_dropout = getattr(args, "activation_dropout", 0.0)
    args.encoder_embed_dim = getattr(args, "encoder_embed_dim", 512)
    args.encoder_ffn_embed_dim = getattr(args, "encoder_ffn_embed_dim", 2048)
    args.encoder_layers = getattr(args, "encoder_layers", 6)
    args.encoder_attention_heads = getattr(args, "encoder_attention_heads", 8)
    args.encoder_normalize_before = getattr(args, "encoder_normalize_before", False)
    args.encoder_learned_pos = getattr(args, "encoder_learned_pos", False)
    args.encoder_layerdrop = getattr(args, "encoder_layerdrop", 0.0)
    args.decoder_embed_dim = getattr(args, "decoder_embed_dim", args.encoder_embed_dim)
    args.decoder_ffn_embed_dim = getattr(args, "decoder_ffn_embed_dim", args.encoder_ffn_embed_dim)
    args.decoder_layers = getattr(args, "decoder_layers", 6)
    args.decoder_attention_heads = getattr(args, "decoder_attention_heads", 8)
    args.decoder_normalize_before = getattr(args, "decoder_normalize_before", False)
    args.decoder_learned_pos = getattr(args, "decoder_learned_pos", False)
    args.decoder_layerdrop = getattr(args, "decoder_layerdrop", 0.0)
    args.share_decoder_input_output_embed = getattr(args, "share_decoder_input_output_embed", False)
    args.share_all_embeddings = getattr(args, "share_all_embeddings", False)
    args.no_token_positional_embeddings = getattr(args, "no_token_positional_embeddings", False)
    args.layernorm_embedding = getattr(args, "layernorm_embedding", False)
    args.no_scale_embedding = getattr(args, "no_scale_embedding", False)
    args.no_decoder_final_norm = getattr(args, "no_decoder_final_norm", False)
    args.checkpoint_activations = getattr(args, "checkpoint_activations", False)
    args.max_source_positions = getattr(args, "max_source_positions", 1024)
    args.max_target_positions = getattr(args, "max_target_positions", 1024)
    args.ulr_query_dim = getattr(args, "ulr_query_dim", 64)
    args.ulr_universal_size = getattr(args, "ulr_universal_size", 0)
    args.ulr_temperature = getattr(args, "ulr_temperature", 0.05)
    args.ulr_vectors_dir = getattr(args, "ulr_vectors_dir", None)


@register_model_architecture("ulr_transformer", "ulr_transformer_small")
def ulr_transformer_small(args):
    args.encoder_embed_dim = getattr(args, "encoder_embed_dim", 256)
    args.encoder_ffn_embed_dim = getattr(args, "encoder_ffn_embed_dim", 1024)
    args.encoder_layers = getattr(args, "encoder_layers", 3)
    args.encoder_attention_heads = getattr(args, "encoder_attention_heads", 4)
    args.decoder_embed_dim = getattr(args, "decoder_embed_dim", 256)
    args.decoder_ffn_embed_dim = getattr(args, "decoder_ffn_embed_dim", 1024)
    args.decoder_layers = getattr(args, "decoder_layers", 3)
    args.decoder_attention_heads = getattr(args, "decoder_attention_heads", 4)
    ulr_base_architecture(args)


@register_model_architecture("ulr_transformer", "ulr_transformer_tiny")
def ulr_transformer_tiny(args):
    args.encoder_embed_dim = getattr(args, "encoder_embed_dim", 64)
    args.encoder_ffn_embed_dim = getattr(args, "encoder_ffn_embed_dim", 128)
    args.encoder_layers = getattr(args, "encoder_layers", 2)
    args.encoder_attention_heads = getattr(args, "encoder_attention_heads", 4)
    args.decoder_embed_dim = getattr(args, "decoder_embed_dim", 64)
    args.decoder_ffn_embed_dim = getattr(args, "decoder_ffn_embed_dim", 128)
    args.decoder_layers = getattr(args, "decoder_layers", 2)
    args.decoder_attention_heads = getattr(args, "decoder_attention_heads", 4)
    args.ulr_query_dim = getattr(args, "ulr_query_dim", 32)
    ulr_base_architecture(args)
