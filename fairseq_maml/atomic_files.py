"""Writes that a kill cannot leave half done: write a temporary file in the destination folder,
then ``os.replace`` it onto the destination (atomic on POSIX and Windows)."""

import os
import shutil
import tempfile
from typing import Callable, IO

__all__ = ["atomic_copy", "atomic_write_bytes", "atomic_write_text"]


def _atomic(path: str, mode: str, write: Callable[[IO], None], **open_kwargs) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **open_kwargs) as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def atomic_write_text(path: str, text: str) -> None:
    _atomic(path, "w", lambda f: f.write(text), encoding="utf-8", newline="\n")


def atomic_write_bytes(path: str, data: bytes) -> None:
    _atomic(path, "wb", lambda f: f.write(data))


def atomic_copy(src_path: str, dst_path: str, overwrite: bool = False) -> bool:
    """Copy ``src_path`` to ``dst_path``; False (nothing done) if it exists and not ``overwrite``."""
    if not overwrite and os.path.exists(dst_path):
        return False
    with open(src_path, "rb") as src:
        _atomic(dst_path, "wb", lambda f: shutil.copyfileobj(src, f))
    return True
