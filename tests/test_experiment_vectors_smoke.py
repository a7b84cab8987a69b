"""examples/metanmt_experiment.py with aligned vectors per fine-tuning set, end to end on the
shipped slice (preset smoke). Its own file so that it runs beside tests/test_experiment_smoke.py
under pytest-xdist (one file per worker)."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_smoke_with_vectors_aligned_per_fine_tuning_set(tmp_path):
    """--vectors-projection / vec=set through the real CLIs: the fine-tuning set gets its own
    vectors folder (the target mapped onto OUT/vectors/en.vec with seeds from the set's sentence
    pairs, projected through them), fine-tuning reads it, the record carries its alignment."""
    out = tmp_path / "exp"
    cmd = [sys.executable, str(REPO / "examples" / "metanmt_experiment.py"), "--data",
           str(REPO / "examples" / "data" / "tatoeba-slice"), "--out", str(out), "--preset", "smoke",
           "--methods", "mt-set", "--variant", "mt-set=multitask;vec=set", "--vectors-projection", "3",
           "--budgets", "1000", "--jobs", "2"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                       env=dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]))
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    setdir = out / "ftdata" / "ro-b1000-s1" / "vectors"
    rep = json.loads((setdir / "report.json").read_text())
    ro = rep["languages"]["ro"]
    assert ro["seed_pairs"]["parallel_files"][0].endswith(os.path.join("ro-b1000-s1", "text", "train.ro-en.ro"))
    assert ro["projected"]["pieces"] > 0 and rep["monolingual_only"] == ["ro"]
    assert (setdir / "en.vec").resolve() == (out / "vectors" / "en.vec").resolve()
    main = json.loads((out / "vectors" / "report.json").read_text())
    assert all(main["languages"][l]["projected"]["pieces"] > 0 for l in ("de", "fr"))
    assert main["languages"]["ro"]["projected"] is None  # the target's pool is monolingual text only
    commands = (out / "commands.sh").read_text().splitlines()
    ft = [c for c in commands if c.startswith("fairseq-train") and "--finetune-from-model" in c]
    assert len(ft) == 1 and f"--ulr-vectors-dir {setdir}" in ft[0]
    rec = [r for r in json.loads((out / "results.json").read_text()) if r["budget"] == 1000]
    assert len(rec) == 1 and rec[0]["vectors"] == "set" and rec[0]["align"]["projected"] > 0
