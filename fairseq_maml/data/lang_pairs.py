"""Language pairs as the command line gives them: ``de-en,fr-en,es-en``.

The one parser of ``--lang-pairs`` (fairseq-train) and ``--pairs`` (fairseq-maml-prepare).
"""

import re
from typing import List, Tuple

__all__ = ["parse_lang_pairs"]

_LANG = re.compile(r"^[A-Za-z0-9_]+$")


def parse_lang_pairs(text: str, flag: str = "--lang-pairs") -> List[Tuple[str, str]]:
    """``"de-en,fr-en"`` -> ``[("de", "en"), ("fr", "en")]``.

    Rules, each refused with a ValueError that names ``flag``: every entry is SRC-TGT of letters,
    digits or ``_``; no pair twice and none into its own language; at least one pair; one target
    language for all (the decoder and its vocabulary are shared).
    """
    pairs: List[Tuple[str, str]] = []
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        parts = item.split("-")
        if len(parts) != 2 or not all(_LANG.match(p) for p in parts):
            raise ValueError(f"{flag}: {item!r} is not of the form SRC-TGT (e.g. de-en)")
        src, tgt = parts
        if src == tgt:
            raise ValueError(f"{flag}: {item!r} has the same language on both sides")
        if (src, tgt) in pairs:
            raise ValueError(f"{flag} lists {item} twice: list each pair once")
        pairs.append((src, tgt))
    if not pairs:
        raise ValueError(f"{flag}: no language pair given (e.g. {flag} de-en,fr-en)")
    targets = sorted({t for _, t in pairs})
    if len(targets) > 1:
        by_tgt = "; ".join(f"{t}: " + ",".join(f"{s}-{t}" for s, tt in pairs if tt == t) for t in targets)
        raise ValueError(
            f"{flag}: all pairs must translate into one target language (the decoder and its "
            f"vocabulary are shared), but it mixes {', '.join(targets)} ({by_tgt})"
        )
    return pairs
