"""Warm-started meta-training (docs/guide/warm-start.md): meta-training that starts from a trained
checkpoint of the plugin with fairseq's stock ``--finetune-from-model`` (model weights only; a
fresh optimizer, schedule, meters and data iterator).

- the starting weights are exactly the checkpoint's, every tensor (ULR tables and language
  embeddings included): one update at learning rate 0 leaves them bit-identical;
- the run then trains in the chosen meta mode (maml's adaptation metrics in its log, the
  parameters move) with its own update counter, from 0;
- an interrupted warm-started run resumes exactly: killed after its first checkpoint and run
  again with the same command (fairseq then resumes from checkpoint_last.pt and ignores
  --finetune-from-model), it ends with the parameters of an uninterrupted run;
- the experiment's adaptation curve trains in segments (the same fine-tuning command with a
  growing --max-update, each resuming from the last one's checkpoint): the parameters after the
  segments equal those of one straight run.
"""

import re
import json
import os
import subprocess
import sys
from pathlib import Path

import torch

import fairseq_maml  # noqa: F401  (safe loading of the checkpoints it writes)
from toy import PLUGIN, make_toy_data

BIN = Path(sys.executable).parent
ENV = dict(os.environ, PYTHONPATH=str(Path(PLUGIN).parent), OMP_NUM_THREADS="1")


def meta_command(data, save, mode, max_update, *extra):
    return [str(c) for c in [
        BIN / "fairseq-train", data, "--user-dir", PLUGIN, "--task", "meta_translation",
        "--lang-pairs", "de-en,fr-en", "--meta-mode", mode, "--arch", "ulr_transformer_tiny",
        "--criterion", "meta_label_smoothed_cross_entropy", "--label-smoothing", "0.1",
        "--dropout", "0.1", "--optimizer", "adam", "--lr", "0.002", "--max-tokens", "40",
        "--max-update", str(max_update), "--save-interval-updates", "3", "--no-epoch-checkpoints",
        "--disable-validation", "--seed", "5", "--num-workers", "0", "--episodes-per-epoch", "7",
        "--log-format", "json", "--log-interval", "1", "--adaptation-log-interval", "1",
        "--save-dir", save, "--log-file", Path(save) / "train.log", *extra,
    ]]


def train(cmd):
    Path(cmd[cmd.index("--save-dir") + 1]).mkdir(parents=True, exist_ok=True)  # for --log-file
    p = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    return p.stdout + p.stderr


def json_records(log):
    out = []
    for line in Path(log).read_text().splitlines():
        if "{" in line:
            try:
                out.append(json.loads(line[line.index("{"):]))
            except ValueError:  # the config dump
                pass
    return out


def checkpoint(save):
    state = torch.load(Path(save) / "checkpoint_last.pt", map_location="cpu", weights_only=True)
    return state["model"], state["optimizer_history"][-1]["num_updates"], state


def assert_same(a, b):
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), name


def test_warm_start_loads_exactly_trains_in_its_mode_and_resumes_exactly(tmp_path):
    data = make_toy_data(tmp_path / "data", n={"train": 120, "valid": 12})
    init_dir = tmp_path / "multitask"
    train(meta_command(data, init_dir, "multitask", 4))
    init, n_init, _ = checkpoint(init_dir)
    assert n_init == 4
    assert any("ulr" in k or "universal" in k for k in init), "a ULR model: its tables are part of the weights"
    ckpt = str(init_dir / "checkpoint_last.pt")

    # 1. the starting weights are exactly the checkpoint's: one update at lr 0 changes nothing
    out = train(meta_command(data, tmp_path / "lr0", "maml", 1, "--lr", "0", "--finetune-from-model", ckpt))
    assert "loading pretrained model from" in out and "will be reset" in out
    start, n, _ = checkpoint(tmp_path / "lr0")
    assert n == 1  # its own counter, from 0
    assert_same(start, init)

    # 2. it trains in the chosen mode: maml's adaptation metrics, moving parameters, fresh counter
    warm = tmp_path / "warm"
    train(meta_command(data, warm, "maml", 6, "--finetune-from-model", ckpt))
    after, n, state = checkpoint(warm)
    assert n == 6
    assert state["cfg"]["task"]["meta_mode"] == "maml"
    inner = [r for r in json_records(warm / "train.log") if "num_updates" in r]
    assert [int(r["num_updates"]) for r in inner][:3] == [1, 2, 3]
    assert any(r.get("query_before") is not None and r.get("query_after") is not None for r in inner)
    assert not all(torch.equal(after[k], init[k]) for k in init)

    # 3. interrupted after its first interval checkpoint (3 updates), run again with the same
    # command: it resumes from checkpoint_last.pt (not from --finetune-from-model) and ends with
    # the uninterrupted run's parameters, bit for bit
    part = tmp_path / "part"
    train(meta_command(data, part, "maml", 3, "--finetune-from-model", ckpt))
    assert checkpoint(part)[1] == 3
    out = train(meta_command(data, part, "maml", 6, "--finetune-from-model", ckpt))
    assert "loading pretrained model from" not in out
    resumed, n, _ = checkpoint(part)
    assert n == 6
    assert_same(resumed, after)


def finetune_command(data, save, init, max_update):
    return [str(c) for c in [
        BIN / "fairseq-train", data, "--user-dir", PLUGIN, "--task", "meta_translation", "-s", "de", "-t", "en",
        "--arch", "ulr_transformer_tiny", "--criterion", "meta_label_smoothed_cross_entropy",
        "--label-smoothing", "0.1", "--dropout", "0.1", "--optimizer", "adam", "--lr", "0.001",
        "--lr-scheduler", "inverse_sqrt", "--warmup-updates", "3", "--max-tokens", "40",
        "--max-update", str(max_update), "--no-epoch-checkpoints", "--disable-validation",
        "--save-interval-updates", "0", "--save-interval", "1000000", "--seed", "2", "--num-workers", "0",
        "--log-format", "json", "--finetune-from-model", init, "--save-dir", save,
    ]]


def test_adaptation_curve_points_equal_runs_that_stop_there(tmp_path):
    """examples/metanmt_experiment.py's curve_cmds: one training to the last point saving every
    gcd(points) updates; its checkpoint after 2 updates holds the parameters of a run that stops
    at 2, and its last one those of a straight 5-update run."""
    data = make_toy_data(tmp_path / "data", n={"train": 60, "valid": 12})
    init_dir = tmp_path / "multitask"
    train(meta_command(data, init_dir, "multitask", 3))
    init = str(init_dir / "checkpoint_last.pt")
    curve = tmp_path / "curve"
    cmd = [x for x in finetune_command(data, curve, init, 5) if x != "--no-epoch-checkpoints"]
    log = train(cmd + ["--save-interval-updates", "1", "--save-interval", "1", "--keep-interval-updates", "-1",
                       "--no-save-optimizer-state"])
    # an update that ends an epoch is saved only as checkpoint{E}.pt: the log says which file holds which update
    saved = {int(u): p for p, u in re.findall(r"Saved checkpoint (\S+) \(epoch \d+ @ (\d+) updates", log)}
    assert sorted(saved) == [1, 2, 3, 4, 5]
    points = {}
    for u in (2, 5):
        state = torch.load(saved[u], map_location="cpu", weights_only=True)
        assert state["optimizer_history"][-1]["num_updates"] == u
        points[u] = state["model"]
    for u in (2, 5):
        stop = tmp_path / f"stop{u}"
        train(finetune_command(data, stop, init, u))
        assert_same(points[u], checkpoint(stop)[0])
