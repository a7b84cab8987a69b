"""examples/metanmt_experiment.py end to end on the shipped slice (preset smoke): every step
runs through the real CLIs with two commands at once, writes the tables and plots, never lets the
test split reach training or model selection, and a second invocation resumes with nothing left to do."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(out, methods="maml,multitask,scratch", *extra):
    cmd = [sys.executable, str(REPO / "examples" / "metanmt_experiment.py"), "--data",
           str(REPO / "examples" / "data" / "tatoeba-slice"), "--out", str(out), "--preset", "smoke",
           "--no-vectors", "--methods", methods, "--jobs", "2", *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                       env=dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]))
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p.stdout


def test_smoke_preset_end_to_end(tmp_path):
    out = tmp_path / "exp"
    first = run(out)
    records = json.loads((out / "results.json").read_text())
    got = {(r["method"], r["budget"]) for r in records}
    assert got == {("maml", 0), ("multitask", 0), ("maml", 1000), ("multitask", 1000), ("scratch", 1000)}
    for r in records:
        if r["budget"]:
            assert r["tokens"] == 1000 and r["test_bleu"] is not None and r["dev_bleu"] is not None
    for f in ("results.md", "bleu_vs_tokens.png", "meta_curves.png", "commands.sh"):
        assert (out / f).stat().st_size > 0
    md = (out / "results.md").read_text()
    assert "| maml | 1000 |" in md and "| scratch | 1000 |" in md
    # the test split reaches only fairseq-generate, never fairseq-train (training, model selection)
    commands = (out / "commands.sh").read_text().splitlines()
    train = [c.replace(str(out), "OUT").replace(str(REPO), "REPO") for c in commands if c.startswith("fairseq-train")]
    assert len(train) == 2 + 3 and not any("test" in c for c in train)
    assert any(c.startswith("fairseq-generate") and "--gen-subset test" in c for c in commands)
    # fairseq adds a --log-file handler per progress bar; the task drops the extra ones
    log = (out / "runs" / "scratch" / "ro" / "b1000" / "s1" / "train.log").read_text().splitlines()
    valid = [x for x in log if '"valid_loss"' in x]
    assert valid and len(valid) == len(set(valid))
    assert "meta-train maml" in first and "finetune scratch ro 1000 seed1" in first
    # resume: everything is marked done, nothing runs again
    second = run(out)
    assert "$ fairseq" not in second and second.count("skipped (done)") >= 2 + 1 + 3 + 3 + 2
    assert json.loads((out / "results.json").read_text()) == records
    # --report-only: tables from the runs that have results, nothing run
    third = run(out, "maml,fomaml", "--report-only")
    assert "$ fairseq" not in third and "2 of 4 planned runs have results" in third
    assert {r["method"] for r in json.loads((out / "results.json").read_text())} == {"maml"}
