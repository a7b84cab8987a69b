"""Writes that a kill cannot leave half done: write a temporary file in the destination folder,
then ``os.replace`` it onto the destination (atomic on POSIX and Windows).

The temporary file is named ``.tmp-<name>-<random>`` and created with the mode an ordinary
``open`` would give it (0666 less the umask), so the result has the usual permissions.
"""

import os
import secrets
import shutil
from typing import Callable

__all__ = ["atomic_copy", "atomic_write_bytes", "atomic_write_text"]


def _temporary_next_to(path: str) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    while True:
        tmp = os.path.join(folder, f".tmp-{os.path.basename(path)}-{secrets.token_hex(4)}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue


def _replace_with(path: str, fill: Callable[[str], None]) -> None:
    """Create a temporary file, ``fill(its path)``, then move it onto ``path``."""
    tmp = _temporary_next_to(path)
    try:
        fill(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _write(mode: str, data, **open_kwargs) -> Callable[[str], None]:
    def fill(tmp: str) -> None:
        with open(tmp, mode, **open_kwargs) as f:
            f.write(data)
    return fill


def atomic_write_text(path: str, text: str) -> None:
    _replace_with(path, _write("w", text, encoding="utf-8", newline="\n"))


def atomic_write_bytes(path: str, data: bytes) -> None:
    _replace_with(path, _write("wb", data))


def atomic_copy(src_path: str, dst_path: str, overwrite: bool = False) -> bool:
    """Copy ``src_path`` to ``dst_path``; False (nothing done) if it exists and not ``overwrite``."""
    if not overwrite and os.path.exists(dst_path):
        return False
    _replace_with(dst_path, lambda tmp: shutil.copyfile(src_path, tmp))
    return True
