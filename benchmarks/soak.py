"""Soak test (a benchmark, not a CI test): meta-training for thousands of episodes on CPU with
faults injected, then a report of what was survived.

Faults:
- corrupt batches (every target token padding, so the per-token loss is 0/0) and NaN losses,
  injected by ``benchmarks/soak_plugin`` as a deterministic function of each batch's sentence
  ids (``--fault-rate``);
- SIGKILL of the training process at random moments (``--kill-after``), followed by a restart
  that resumes from ``checkpoint_last.pt``.

Report: episodes run, faults injected by kind, faults survived, kills, updates lost (target
updates minus updates reached; must be 0), and with ``--verify`` whether the final parameters
are bit-identical to an uninterrupted run that met the same faults.

    python benchmarks/soak.py --updates 3000 --out runs/soak --verify
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO))
import fairseq_maml  # noqa: E402,F401  (safe loading of the checkpoints)


def prepare(out: Path) -> Path:
    data = out / "data"
    if not (data / "bin" / "dict.en.txt").exists():
        subprocess.run([BIN / "fairseq-maml-prepare", "--raw", REPO / "examples/data/tatoeba-slice",
                        "--raw-subdir", "meta", "--out", data, "--pairs", "de-en,fr-en",
                        "--splits", "train,valid", "--vocab-size", "1000", "--quiet"], check=True)
    return data / "bin"


def command(data: Path, save: Path, args, fault_log: Path):
    return [str(c) for c in [
        BIN / "fairseq-train", data, "--user-dir", REPO / "benchmarks" / "soak_plugin",
        "--task", "meta_translation", "--lang-pairs", "de-en,fr-en", "--meta-mode", "maml",
        "--arch", "ulr_transformer_tiny", "--criterion", "faulty_meta_label_smoothed_cross_entropy",
        "--fault-rate", args.fault_rate, "--fault-log", fault_log, "--label-smoothing", "0.1",
        "--optimizer", "adam", "--lr", "0.001", "--clip-norm", "1.0", "--max-tokens", "300",
        "--max-update", args.updates, "--save-interval-updates", args.save_every,
        "--no-epoch-checkpoints", "--disable-validation", "--adaptation-log-interval", "0",
        "--seed", "3", "--num-workers", "0", "--log-format", "simple", "--log-interval", "100",
        "--max-skipped-episodes", "50", "--save-dir", save,
    ]]


def num_updates(save: Path) -> int:
    path = save / "checkpoint_last.pt"
    if not path.exists():
        return 0
    return torch.load(path, map_location="cpu", weights_only=True)["optimizer_history"][-1]["num_updates"]


def soak(data: Path, save: Path, args, rng: random.Random, kill: bool):
    fault_log = save.parent / f"{save.name}.faults"
    kills, restarts, regressions, stalls = 0, 0, 0, 0
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS=str(args.threads))
    with open(save.parent / f"{save.name}.log", "w") as log:
        while True:
            before = num_updates(save)
            proc = subprocess.Popen(command(data, save, args, fault_log), env=env, stdout=log, stderr=log)
            restarts += 1
            # a kill may land anywhere; after a restart that saved nothing new, wait longer, so a
            # slow (loaded) machine still makes progress
            delay = rng.uniform(*args.kill_after) * 2 ** stalls if kill else None
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
                after = num_updates(save)
                regressions += after < before
                stalls = stalls + 1 if after <= before else 0
                print(f"  killed at ~{delay:.0f} s; checkpoint_last at {after} updates", flush=True)
                continue
            if proc.returncode != 0:
                raise SystemExit(f"training failed (exit {proc.returncode}); see {log.name}")
            break
    faults = Counter(line.split()[1] for line in open(fault_log)) if fault_log.exists() else Counter()
    return {"kills": kills, "starts": restarts, "checkpoint_regressions": regressions,
            "faults": dict(faults), "updates": num_updates(save)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--updates", type=int, default=3000, help="meta-updates (= episodes) to reach")
    p.add_argument("--fault-rate", type=float, default=0.05, help="probability of a fault per batch")
    p.add_argument("--kill-after", type=float, nargs=2, default=[20, 60], metavar=("MIN", "MAX"),
                   help="seconds after each (re)start at which the process is killed")
    p.add_argument("--save-every", type=int, default=100, help="--save-interval-updates")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--verify", action="store_true", help="also run uninterrupted and compare parameters")
    p.add_argument("--out", type=Path, default=Path("runs/soak"))
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("killed", "killed.faults", "straight", "straight.faults"):
        path = args.out / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    data = prepare(args.out)
    start = time.time()
    report = soak(data, args.out / "killed", args, random.Random(args.seed), kill=True)
    report["seconds"] = round(time.time() - start)
    report["episodes"] = report["updates"]  # one episode per update (update_freq 1, 1 worker)
    report["faults_injected"] = sum(report["faults"].values()) + report["kills"]
    report["faults_survived"] = report["faults_injected"] if report["updates"] == args.updates else 0
    report["updates_lost"] = args.updates - report["updates"]
    if args.verify:
        straight = soak(data, args.out / "straight", args, random.Random(args.seed), kill=False)
        a = torch.load(args.out / "killed" / "checkpoint_last.pt", map_location="cpu", weights_only=True)["model"]
        b = torch.load(args.out / "straight" / "checkpoint_last.pt", map_location="cpu", weights_only=True)["model"]
        report["identical_to_uninterrupted"] = all(torch.equal(a[k], b[k]) for k in b)
        report["uninterrupted_faults"] = straight["faults"]
    print(json.dumps(report, indent=2))
    (args.out / "report.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
