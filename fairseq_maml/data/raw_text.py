"""Raw text as ``fairseq-maml-prepare`` reads it: one sentence a line, whitespace normalized."""

from typing import List

__all__ = ["NotUTF8Error", "decode_utf8", "read_lines", "normalize_space"]


class NotUTF8Error(ValueError):
    """A text file that is not valid UTF-8; the message names the file and the first bad line."""


def decode_utf8(data: bytes, path: str) -> str:
    """``data`` (the bytes of ``path``) as text, or :class:`NotUTF8Error` naming the file, the
    1-based line of the first invalid byte and how many lines are not UTF-8, and what to do."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first = data.count(b"\n", 0, e.start) + 1
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start:e.start].decode("utf-8", errors="replace")) + 1
        bad = sum(1 for line in data.split(b"\n") if not _is_utf8(line))
        s = "s" if bad > 1 else ""
        more = "" if bad == 1 else (f"; {bad - 1} more line{'s' if bad > 2 else ''} after it "
                                    f"{'are' if bad > 2 else 'is'} not UTF-8 either")
        recode = f"{path} > {path}.utf8 && mv {path}.utf8 {path}"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            fix = f"it looks like UTF-16: re-encode it (iconv -f UTF-16 -t UTF-8 {recode})"
        else:
            fix = (f"re-encode it from its real encoding (for Latin-1: iconv -f LATIN1 -t UTF-8 {recode}), "
                   f"or drop the line{s} (and the same line{s} of the other side of a pair)")
        raise NotUTF8Error(
            f"{path}, line {first}: not UTF-8 (byte 0x{data[e.start]:02x} at character {column}{more}). "
            f"Text must be UTF-8: {fix}"
        ) from None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def read_lines(path: str) -> List[str]:
    """Lines of a UTF-8 file split on '\\n' only (like ``wc -l``; a last line without '\\n' counts).
    A file that is not UTF-8 raises :class:`NotUTF8Error`."""
    with open(path, "rb") as f:
        text = decode_utf8(f.read(), path)
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
