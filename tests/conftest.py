import os
import sys
from pathlib import Path

import pytest

# test the checkout, not an installed copy (fairseq refuses two packages named fairseq_maml)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MAX_WORKERS = 4  # each worker holds torch + fairseq (~0.5 GB) and starts fairseq CLIs of its own


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: unknown where it is not installed
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pytest.ini): one worker per core, at most MAX_WORKERS."""
    return min(MAX_WORKERS, cores())


if "PYTEST_XDIST_WORKER_COUNT" in os.environ:
    # the cores shared out among the workers, for their torch and the processes they start
    # (before torch is imported: OpenMP reads it once); more threads than cores only wait
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, cores() // int(os.environ["PYTEST_XDIST_WORKER_COUNT"]))))

# Files in the order their tests start: the longest first (seconds in one process on 2 cores,
# 2026-12-04), so that under `--dist loadfile` no long file starts last while the other workers
# sit idle. Files not listed follow in their usual order.
LONGEST_FIRST = (
    "test_experiment_smoke.py",          # ~200: the smoke experiment, then the tmse baseline on it
    "test_cli_end_to_end.py",            # ~190
    "test_distributed.py",               # ~125 (hfmaml added ~40, 2026-12-04 evening)
    "test_quickstart.py",                # ~100: examples/quickstart.sh at smoke size (2026-12-07, other core busy)
    "test_experiment_vectors_smoke.py",  # ~85
    "test_safe_loading.py",              # ~60
    "test_resume.py",                    # ~35
)


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: order within a file kept
