"""Resume without loss: meta-training killed with SIGKILL resumes from checkpoint_last.pt and
reaches exactly the parameters of an uninterrupted run of the same length (the episode sequence,
dropout seeds, optimizer and iterator state are all part of the checkpoint or derived from it)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import torch

import fairseq_maml  # noqa: F401  (safe loading of the checkpoints it writes)
from toy import PLUGIN, make_toy_data

BIN = Path(sys.executable).parent
ENV = dict(os.environ, PYTHONPATH=str(Path(PLUGIN).parent), OMP_NUM_THREADS="1")


def command(data, save, max_update):
    return [str(c) for c in [
        BIN / "fairseq-train", data, "--user-dir", PLUGIN, "--task", "meta_translation",
        "--lang-pairs", "de-en,fr-en", "--meta-mode", "maml", "--arch", "ulr_transformer_tiny",
        "--criterion", "meta_label_smoothed_cross_entropy", "--label-smoothing", "0.1",
        "--dropout", "0.1", "--optimizer", "adam", "--lr", "0.002", "--max-tokens", "40",
        "--max-update", str(max_update), "--save-interval-updates", "3", "--no-epoch-checkpoints",
        "--disable-validation", "--seed", "5", "--num-workers", "0", "--episodes-per-epoch", "7",
        "--log-format", "simple", "--log-interval", "1", "--save-dir", save,
    ]]


def checkpoint(save):
    state = torch.load(Path(save) / "checkpoint_last.pt", map_location="cpu", weights_only=True)
    return state["model"], state["optimizer_history"][-1]["num_updates"]


def test_killed_run_resumes_to_the_same_parameters(tmp_path):
    data = make_toy_data(tmp_path / "data", n={"train": 120, "valid": 12})
    save = tmp_path / "killed"
    proc = subprocess.Popen(command(data, save, 10_000), env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not (save / "checkpoint_last.pt").exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # let it run on past the checkpoint, and maybe write more
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _, k = checkpoint(save)
    assert k >= 3 and (k % 3 == 0 or k % 7 == 0)  # saved every 3 updates and at each epoch end

    target = k + 4  # crosses an epoch boundary (7 episodes per epoch) on the way
    resumed = subprocess.run(command(data, save, target), env=ENV, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"@ {k} updates" in resumed.stdout + resumed.stderr
    straight = subprocess.run(command(data, tmp_path / "straight", target), env=ENV,
                              capture_output=True, text=True)
    assert straight.returncode == 0, straight.stderr[-3000:]

    a, na = checkpoint(save)
    b, nb = checkpoint(tmp_path / "straight")
    assert na == nb == target
    for name in b:
        assert torch.equal(a[name], b[name]), name
