"""torch's safe loading (weights_only=True) reads what the plugin writes, and refuses a pickle
that would run code, without the plugin ever turning it off."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from omegaconf import OmegaConf

import fairseq_maml  # noqa: F401  (registers the safe globals)
from fairseq import checkpoint_utils
from fairseq.distributed import utils as dist_utils

PACKAGE = Path(fairseq_maml.__file__).parent


class RunsCode:
    def __reduce__(self):
        return (print, ("this ran while unpickling",))


def test_multi_process_broadcast_state_loads_safely(tmp_path):
    """What non-zero ranks unpickle when rank 0 broadcasts a checkpoint (distributed/utils.py):
    refused by plain torch, read once the plugin is imported."""
    state = {
        "cfg": OmegaConf.create({"model": {"_name": "ulr_transformer_tiny", "dropout": 0.1, "l": [1, 2], "x": None},
                                 "task": {"_name": "meta_translation", "lang_pairs": "de-en,fr-en"}}),
        "model": {"w": torch.ones(2)},
        "extra_state": {"train_iterator": {"epoch": 1, "iterations_in_epoch": 3}},
    }
    tensors = []
    path = tmp_path / "broadcast.pt"
    torch.save(dist_utils._split_tensors_from_obj(state, tensors), path)
    load = (f"import torch; s = torch.load(r'{path}', map_location='cpu', weights_only=True); "
            "print(s['cfg'].model['_name'], type(s['model']['w']).__name__)")
    without = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True)
    assert without.returncode != 0 and "Unsupported global" in without.stderr
    with_plugin = subprocess.run([sys.executable, "-c", "import fairseq_maml; " + load],
                                 capture_output=True, text=True, cwd=PACKAGE.parent)
    assert with_plugin.returncode == 0, with_plugin.stderr[-2000:]
    assert with_plugin.stdout.split()[-2:] == ["ulr_transformer_tiny", "_TensorPlaceholder"]


def test_checkpoint_that_runs_code_is_refused(tmp_path):
    path = tmp_path / "evil.pt"
    torch.save({"model": {}, "payload": RunsCode()}, path)
    with pytest.raises(Exception, match="Weights only load failed|Unsupported global"):
        checkpoint_utils.load_checkpoint_to_cpu(str(path))


def test_plugin_never_turns_safe_loading_off():
    offenders = []
    for f in PACKAGE.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        if re.search(r"weights_only\s*=\s*False|TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", text):
            offenders.append(str(f))
    assert not offenders


def test_interrupted_checkpoint_copy_leaves_the_old_checkpoint_last(tmp_path, monkeypatch):
    """fairseq copies checkpoint_last.pt from the first checkpoint it wrote; the plugin makes
    that copy atomic, so a crash mid-copy keeps the previous, complete file."""
    import shutil

    from fairseq.file_io import PathManager

    last = tmp_path / "checkpoint_last.pt"
    torch.save({"model": {"w": torch.zeros(3)}}, last)
    new = tmp_path / "checkpoint_best.pt"
    torch.save({"model": {"w": torch.ones(3)}}, new)

    def crash_midway(src, dst):
        with open(src, "rb") as f, open(dst, "wb") as g:
            g.write(f.read(10))
        raise KeyboardInterrupt("killed during the copy")

    monkeypatch.setattr(shutil, "copyfile", crash_midway)
    with pytest.raises(KeyboardInterrupt):
        PathManager.copy(str(new), str(last), overwrite=True)
    assert torch.load(last, weights_only=True)["model"]["w"].sum() == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint_best.pt", "checkpoint_last.pt"]
    monkeypatch.undo()
    assert PathManager.copy(str(new), str(last), overwrite=True)
    assert torch.load(last, weights_only=True)["model"]["w"].sum() == 3


class TouchesFile:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


@pytest.mark.parametrize("entry", ["resume", "finetune", "l2_anchor", "generate", "interactive"])
def test_every_entry_point_refuses_a_code_running_checkpoint(tmp_path, entry):
    import os

    from toy import PLUGIN, TINY, make_toy_data

    data = make_toy_data(tmp_path / "data", splits=("train", "valid", "test"))
    marker = tmp_path / "PWNED"
    evil = tmp_path / "evil.pt"
    torch.save({"model": {}, "cfg": None, "payload": TouchesFile(marker)}, evil)
    bin_dir = Path(sys.executable).parent
    train = [bin_dir / "fairseq-train", data, "--user-dir", PLUGIN, *TINY, "--optimizer", "adam",
             "--lr", "1e-3", "--max-update", "1", "--save-dir", tmp_path / "save"]
    pair = ["-s", "de", "-t", "en"]
    commands = {
        "resume": train + ["--lang-pairs", "de-en,fr-en", "--restore-file", evil],
        "finetune": train + pair + ["--finetune-from-model", evil],
        "l2_anchor": train + pair + ["--finetune-l2", "0.1", "--finetune-l2-anchor", evil],
        "generate": [bin_dir / "fairseq-generate", data, "--user-dir", PLUGIN, "--task",
                     "meta_translation", *pair, "--path", evil, "--gen-subset", "test"],
        "interactive": [bin_dir / "fairseq-interactive", data, "--user-dir", PLUGIN, "--task",
                        "meta_translation", *pair, "--path", evil],
    }
    out = subprocess.run([str(c) for c in commands[entry]], capture_output=True, text=True, input="1 2\n",
                         env=dict(os.environ, PYTHONPATH=str(PACKAGE.parent)), timeout=300)
    assert out.returncode != 0
    assert "Weights only load failed" in out.stderr or "Unsupported global" in out.stderr, out.stderr[-2000:]
    assert not marker.exists()
