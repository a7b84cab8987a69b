"""examples/metanmt_experiment.py end to end on the shipped slice (preset smoke): every step
runs through the real CLIs with two commands at once, writes the tables and plots, never lets the
test split reach training or model selection, and a second invocation resumes with nothing left to do."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(out, methods="maml,multitask,maml@multitask,scratch", *extra):
    cmd = [sys.executable, str(REPO / "examples" / "metanmt_experiment.py"), "--data",
           str(REPO / "examples" / "data" / "tatoeba-slice"), "--out", str(out), "--preset", "smoke",
           "--no-vectors", "--methods", methods, "--jobs", "2", "--warm-updates", "4", "--curve", "5", *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800,
                       env=dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]))
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p.stdout


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """One smoke-preset run shared by the tests of this module: (its --out, its stdout)."""
    out = tmp_path_factory.mktemp("smoke") / "exp"
    return out, run(out)


def test_smoke_preset_end_to_end(smoke):
    out, first = smoke
    records = json.loads((out / "results.json").read_text())
    got = {(r["method"], r["budget"]) for r in records}
    assert got == {("maml", 0), ("multitask", 0), ("maml@multitask", 0), ("maml", 1000), ("multitask", 1000),
                   ("maml@multitask", 1000), ("scratch", 1000)}
    for r in records:
        if r["budget"]:
            assert r["tokens"] == 1000 and r["test_bleu"] is not None and r["dev_bleu"] is not None
            assert set(r["bleu_at_updates"]) == {"5"}  # the adaptation curve (one point: the smoke test stays short)
    # compute records: present, and a warm start's includes its init's
    rec = {r["method"]: r for r in records if r["budget"] == 1000}
    for m in ("maml", "multitask", "maml@multitask"):
        assert rec[m]["meta_flops"] > 0 and rec[m]["meta_tokens"] > 0 and rec[m]["meta_seconds"] > 0
    assert rec["scratch"]["meta_flops"] == 0 and rec["scratch"]["init"] is None
    assert rec["maml@multitask"]["init"] == "multitask" and rec["multitask"]["init"] is None
    assert rec["maml@multitask"]["meta_updates"] == rec["multitask"]["meta_updates"] + 4 == 14
    for k in ("meta_tokens", "meta_flops", "meta_seconds"):
        assert rec["maml@multitask"][k] > rec["multitask"][k]
    arith = json.loads((out / "compute" / "arithmetic.json").read_text())
    assert set(arith) == {"maml", "multitask"} and arith["maml"]["flops_per_update"] > 0
    for f in ("results.md", "bleu_vs_tokens.png", "meta_curves.png", "commands.sh"):
        assert (out / f).stat().st_size > 0
    md = (out / "results.md").read_text()
    assert "| maml | 1000 |" in md and "| scratch | 1000 |" in md
    assert "paired test BLEU difference against multitask" in md and "adaptation curve" in md
    for f in ("bleu_vs_compute.png", "bleu_vs_updates.png"):
        assert (out / f).stat().st_size > 0
    # the test split reaches only fairseq-generate, never fairseq-train (training, model selection)
    commands = (out / "commands.sh").read_text().splitlines()
    train = [c.replace(str(out), "OUT").replace(str(REPO), "REPO") for c in commands if c.startswith("fairseq-train")]
    # 3 meta-trainings, 4 fine-tunings, each with the curve's training (5 updates)
    assert len(train) == 3 + 4 + 4 and not any("test" in c for c in train)
    assert any(c.startswith("fairseq-generate") and "--gen-subset test" in c for c in commands)
    # fairseq adds a --log-file handler per progress bar; the task drops the extra ones
    log = (out / "runs" / "scratch" / "ro" / "b1000" / "s1" / "train.log").read_text().splitlines()
    valid = [x for x in log if '"valid_loss"' in x]
    assert valid and len(valid) == len(set(valid))
    assert "meta-train maml" in first and "finetune scratch ro 1000 seed1" in first
    # resume: everything is marked done, nothing runs again
    second = run(out)
    assert "$ fairseq" not in second and second.count("skipped (done)") >= 2 + 1 + 3 + 4 + 4 + 3
    assert json.loads((out / "results.json").read_text()) == records
    # --report-only: tables from the runs that have results, nothing run
    third = run(out, "maml,fomaml", "--report-only")
    assert "$ fairseq" not in third and "2 of 4 planned runs have results" in third
    assert {r["method"] for r in json.loads((out / "results.json").read_text())} == {"maml"}
    assert "written by --report-only" in (out / "results.md").read_text()


def run_tmse(out, experiment, *extra):
    cmd = [sys.executable, str(REPO / "examples" / "tmse_baseline.py"), "--data",
           str(REPO / "examples" / "data" / "tatoeba-slice"), "--experiment", str(experiment), "--out", str(out),
           "--targets", "ro", "--budgets", "1000", "--seeds", "1", "--meta-pairs", "de,fr", "--updates", "5", "--vocab-size", "1500",
           "--ft-updates", "10", "--beam", "2", "--jobs", "1", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]))


def test_tmse_baseline_on_the_experiments_fine_tuning_sets(smoke, tmp_path):
    """examples/tmse_baseline.py: fairseq's translation_multi_simple_epoch trained on the meta pairs,
    fine-tuned on the very sentences of the experiment's fine-tuning set, scored on test; the test
    split never reaches fairseq-train; a rerun does nothing; a missing set is refused before any write."""
    exp, _ = smoke
    bad = run_tmse(tmp_path / "bad", exp, "--seeds", "2")
    assert bad.returncode != 0 and "no fine-tuning set ro budget 1000 seed 2" in bad.stderr
    assert not (tmp_path / "bad").exists()
    bad = run_tmse(tmp_path / "bad", exp, "--ft-updates", "0")
    assert bad.returncode != 0 and "--ft-updates 0: must be at least 1" in bad.stderr and not (tmp_path / "bad").exists()
    out = tmp_path / "tmse"
    p = run_tmse(out, exp)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    recs = {(r["method"], r["budget"]): r for r in json.loads((out / "results.json").read_text())}
    assert set(recs) == {("tmse", 0), ("tmse", 1000)}
    ft = recs[("tmse", 1000)]
    info = json.loads((exp / "ftdata" / "ro-b1000-s1" / "subsample.json").read_text())
    assert ft["tokens"] == info["tokens"] == 1000 and ft["test_bleu"] is not None and ft["dev_bleu"] is not None
    # the same sentences as the experiment's set, in the baseline's joint vocabulary
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_file=str(out / "spm" / "joint.model"))
    for lang in ("ro", "en"):
        raw = (exp / "ftdata" / "ro-b1000-s1" / "text" / f"train.ro-en.raw.{lang}").read_text().splitlines()
        enc = (out / "runs" / "ro" / "b1000" / "s1" / f"train.ro-en.{lang}").read_text().splitlines()
        assert len(enc) == len(raw) == info["sentences"]
        assert [sp.decode(x.split()) for x in enc] == raw
    commands = (out / "commands.sh").read_text().splitlines()
    train = [c for c in commands if c.startswith("fairseq-train")]
    assert len(train) == 2 and "--task translation_multi_simple_epoch" in train[1] and "--max-update 10 " in train[1]
    assert "--finetune-from-model" in train[1] and not any("test" in c.replace(str(tmp_path), "") for c in train)
    again = run_tmse(out, exp)
    assert again.returncode == 0 and "$ fairseq" not in again.stdout
