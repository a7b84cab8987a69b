"""Raw text as ``fairseq-maml-prepare`` reads it: one sentence a line, whitespace normalized."""

from typing import List

__all__ = ["read_lines", "normalize_space"]


def read_lines(path: str) -> List[str]:
    """Lines of a UTF-8 file split on '\\n' only (like ``wc -l``; a last line without '\\n' counts)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def normalize_space(line: str) -> str:
    """Collapse every kind of Unicode whitespace (incl. line/paragraph separators) to one space,
    so no piece can contain a character that fairseq's tokenizer or line reader splits on."""
    return " ".join(line.split())
