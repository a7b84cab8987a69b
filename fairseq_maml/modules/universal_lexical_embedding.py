"""Universal Lexical Representation (ULR), Gu et al. 2018, Sec. 3.1 (a plain ``nn.Module``).

For a token ``x`` of source language ``k`` (the paper's ULR equations, with the
language-specific term of the same section)::

    alpha(x) = softmax_i( q_k(x) A K_i^T / tau )            # attention over M universal tokens
    e(x)     = sum_i alpha_i(x) U_i  +  E_k(x)

* ``q_k`` [V_k, dq]  fixed query table of language k (buffer ``lang_query.<k>``)
* ``K``   [M, dq]    fixed keys of the universal tokens (buffer ``universal_keys``)
* ``A``   [dq, dq]   trainable mapping shared by all languages, initialised to the identity
  (parameter ``mapping``)
* ``U``   [M, d]     trainable universal embeddings, N(0, d^-1/2) (parameter ``universal_embed``)
* ``E_k`` [V_k, d]   trainable language-specific embedding (parameter ``lang_embed.<k>``),
  initialised to **zero**: a token starts out as its universal mixture, so a language added at
  fine-tuning time (:meth:`add_language`) begins from what meta-training learnt, and ``E_k``
  only learns the correction that the universal tokens cannot express.
* ``tau`` temperature (``--ulr-temperature``).

Padding tokens embed to zero. The attention is computed once per distinct token of the batch
(``torch.unique``) and then gathered; this matters because the layer runs inside second-order
MAML and is differentiated twice.
"""

from typing import List, Mapping

import torch
import torch.nn.functional as F
from torch import Tensor, nn

__all__ = ["UniversalLexicalEmbedding", "UnknownLanguageError"]


class UnknownLanguageError(KeyError):
    """A language the ULR layer has no tables for."""

    def __str__(self):  # KeyError would print the message quoted, as a repr
        return str(self.args[0])


class QueryTables(nn.Module):
    """Holds the fixed query table of each language as a persistent buffer (``lang_query.<k>``).

    A named class rather than a bare ``nn.Module()``: libraries that patch a model by subclassing
    each module's type (``higher``) cannot build a class over ``nn.Module`` itself.
    """


class UniversalLexicalEmbedding(nn.Module):
    """Source embedding shared by several languages through universal tokens.

    Args:
        langs: language code -> fixed query table ``[V_k, dq]`` (e.g. from
            :func:`fairseq_maml.modules.word_vectors.query_matrix`).
        keys: fixed universal keys ``[M, dq]``.
        embed_dim: ``d``, the encoder's embedding dimension.
        padding_idx: the padding index (the same in every language's dictionary).
        temperature: softmax temperature ``tau`` (> 0).
    """

    def __init__(
        self,
        langs: Mapping[str, Tensor],
        keys: Tensor,
        embed_dim: int,
        padding_idx: int,
        temperature: float,
    ):
        super().__init__()
        if keys.dim() != 2:
            raise ValueError(f"ULR keys must be a matrix [M, dq], got shape {tuple(keys.shape)}")
        if not temperature > 0:
            raise ValueError(f"--ulr-temperature must be > 0, got {temperature}")
        num_universal, query_dim = keys.shape
        self.embedding_dim = embed_dim  # read by fairseq's TransformerEncoderBase
        self.padding_idx = padding_idx  # read by fairseq's TransformerEncoderBase
        self.query_dim = query_dim
        self.num_universal = num_universal
        self.temperature = float(temperature)

        self.register_buffer("universal_keys", torch.as_tensor(keys, dtype=torch.float).clone())
        self.mapping = nn.Parameter(torch.eye(query_dim))  # A [dq, dq]
        self.universal_embed = nn.Parameter(torch.empty(num_universal, embed_dim))  # U [M, d]
        nn.init.normal_(self.universal_embed, mean=0.0, std=embed_dim**-0.5)
        self.lang_query = QueryTables()  # holds one persistent buffer [V_k, dq] per language
        self.lang_embed = nn.ParameterDict()  # E_k [V_k, d] per language
        for lang, table in langs.items():
            self.add_language(lang, table)

    # -- languages --------------------------------------------------------------------------
    @property
    def languages(self) -> List[str]:
        """Known language codes, in the order they were added."""
        return list(self.lang_embed.keys())

    def add_language(self, lang: str, query_table: Tensor) -> None:
        """Add a language with its fixed queries ``[V, dq]`` and a fresh, zero ``E_lang [V, d]``."""
        if not isinstance(lang, str) or not lang or "." in lang:
            raise ValueError(f"invalid language code {lang!r} (non-empty, no '.')")
        if lang in self.lang_embed:
            raise ValueError(f"language {lang!r} already has ULR tables")
        if query_table.dim() != 2 or query_table.shape[1] != self.query_dim:
            raise ValueError(
                f"query table of {lang!r} has shape {tuple(query_table.shape)}, expected "
                f"[vocabulary size, {self.query_dim}] (--ulr-query-dim)"
            )
        ref = self.universal_embed
        self.lang_query.register_buffer(
            lang, torch.as_tensor(query_table).to(ref.device, ref.dtype).clone(), persistent=True
        )
        self.lang_embed[lang] = nn.Parameter(
            torch.zeros(query_table.shape[0], self.embedding_dim, device=ref.device, dtype=ref.dtype)
        )

    def _check_lang(self, lang: str) -> None:
        if lang not in self.lang_embed:
            raise UnknownLanguageError(
                f"the ULR embedding has no source language {lang!r}; it knows: "
                f"{', '.join(self.languages) or '(none)'}"
            )

    def vocab_size(self, lang: str) -> int:
        self._check_lang(lang)
        return self.lang_embed[lang].shape[0]

    # -- parameter groups (for inner-loop selection) ----------------------------------------
    def language_parameters(self, lang: str) -> List[nn.Parameter]:
        """``[E_lang]``."""
        self._check_lang(lang)
        return [self.lang_embed[lang]]

    def universal_parameters(self) -> List[nn.Parameter]:
        """``[U]``."""
        return [self.universal_embed]

    def mapping_parameters(self) -> List[nn.Parameter]:
        """``[A]``."""
        return [self.mapping]

    # -- forward ------------------------------------------------------------------------------
    def forward(self, tokens: Tensor, lang: str) -> Tensor:
        """Embed ``tokens`` [B, T] (LongTensor) of language ``lang``; returns [B, T, d]."""
        self._check_lang(lang)
        queries = getattr(self.lang_query, lang)  # [V, dq]
        specific = self.lang_embed[lang]  # [V, d]
        uniq, inverse = torch.unique(tokens, return_inverse=True)  # [n], [B, T]
        q = queries.index_select(0, uniq)  # [n, dq]
        scores = (q @ self.mapping) @ self.universal_keys.t()  # [n, M]
        alpha = F.softmax(scores / self.temperature, dim=-1)  # [n, M]
        emb = alpha @ self.universal_embed + specific.index_select(0, uniq)  # [n, d]
        emb = emb * uniq.ne(self.padding_idx).unsqueeze(-1).to(emb.dtype)  # padding -> 0
        return emb.index_select(0, inverse.reshape(-1)).view(*tokens.shape, -1)  # [B, T, d]

    def extra_repr(self) -> str:
        return (
            f"languages={self.languages}, universal={self.num_universal}, query_dim={self.query_dim}, "
            f"embed_dim={self.embedding_dim}, temperature={self.temperature}, "
            f"padding_idx={self.padding_idx}"
        )
