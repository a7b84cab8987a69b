"""Atomic checkpoint copies.

fairseq writes the first checkpoint of a save atomically (``.tmp`` then rename, in
``checkpoint_utils.torch_persistent_save``), but produces the others, ``checkpoint_last.pt``
included whenever an epoch, interval or best checkpoint is written first, with
``PathManager.copy`` (``shutil.copyfile`` or iopath's copy) straight onto the destination: a
kill during that copy leaves a truncated ``checkpoint_last.pt``, and the next run fails to
resume. :func:`make_checkpoint_copies_atomic` (applied on plugin import) makes local copies
go to a temporary file in the destination folder first and then replace the destination with
``os.replace``, which is atomic on POSIX and Windows. Remote (iopath-handled) paths keep
fairseq's behaviour.
"""

import os
import shutil
import tempfile

from fairseq.file_io import PathManager

__all__ = ["atomic_copy", "make_checkpoint_copies_atomic"]


def atomic_copy(src_path: str, dst_path: str, overwrite: bool = False) -> bool:
    if not overwrite and os.path.exists(dst_path):
        return False
    folder = os.path.dirname(os.path.abspath(dst_path))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(dst_path) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        shutil.copyfile(src_path, tmp)
        os.replace(tmp, dst_path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return True


def make_checkpoint_copies_atomic() -> None:
    original = PathManager.copy
    if getattr(original, "_fairseq_maml_atomic", False):
        return

    def copy(src_path: str, dst_path: str, overwrite: bool = False) -> bool:
        if PathManager.path_requires_pathmanager(src_path) or PathManager.path_requires_pathmanager(dst_path):
            return original(src_path, dst_path, overwrite)
        return atomic_copy(src_path, dst_path, overwrite)

    copy._fairseq_maml_atomic = True
    PathManager.copy = staticmethod(copy)
