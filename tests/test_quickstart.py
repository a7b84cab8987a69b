"""examples/quickstart.sh end to end at smoke size (a few lines of each file of the shipped slice,
a few updates, SETUP=0 with this environment's tools on PATH) and the block it ends with; the
command it prints and the README's hub snippet, run as written; the torch install options."""

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "examples" / "quickstart.sh"
SLICE = REPO / "examples" / "data" / "tatoeba-slice"
BIN = Path(sys.executable).parent
SIZES = {"train": 100, "valid": 10, "test": 6}
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def env(**extra):
    e = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", OMP_NUM_THREADS="1")
    for k in ("TORCH_PIP_ARGS", "TORCH_REQUIREMENT", "DRY_RUN", "SETUP", "WORK", "RAW", "TRAIN_FLAGS"):
        e.pop(k, None)
    e.update(extra)
    return e


def load_report():
    spec = importlib.util.spec_from_file_location("quickstart_report", REPO / "examples" / "quickstart_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- setup options: what pip is asked for, without running it --------------------------------
def test_script_parses():
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)


def dry_run(**knobs):
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env(DRY_RUN="1", **knobs),
                          cwd=REPO, timeout=60)


def torch_command(out: str) -> list[str]:
    line = next(l for l in out.splitlines() if "when .venv has no torch" in l)
    return shlex.split(line.split("#")[0])


@pytest.mark.parametrize("knobs, expected", [
    ({}, ["torch"]),
    ({"TORCH_REQUIREMENT": "torch==2.13.0"}, ["torch==2.13.0"]),
    ({"TORCH_REQUIREMENT": "torch>=2.1,<3"}, ["torch>=2.1,<3"]),  # one string, not split
    ({"TORCH_PIP_ARGS": f"torch --index-url {CPU_INDEX}"}, ["torch", "--index-url", CPU_INDEX]),
    ({"TORCH_PIP_ARGS": f"  torch==2.13.0   --extra-index-url {CPU_INDEX} "},
     ["torch==2.13.0", "--extra-index-url", CPU_INDEX]),
])
def test_dry_run_builds_the_torch_pip_command(knobs, expected):
    out = dry_run(**knobs)
    assert out.returncode == 0, out.stderr
    assert torch_command(out.stdout) == [".venv/bin/pip", "install", "-q", *expected]
    assert ".venv/bin/pip install -q .\\[test\\]" in out.stdout or ".venv/bin/pip install -q '.[test]'" in out.stdout


def test_both_torch_knobs_are_refused():
    out = dry_run(TORCH_REQUIREMENT="torch", TORCH_PIP_ARGS=f"torch --index-url {CPU_INDEX}")
    assert out.returncode == 2
    assert "set TORCH_PIP_ARGS or TORCH_REQUIREMENT, not both" in out.stderr


# --- the report's parts --------------------------------------------------------------------
def test_scores_are_what_the_sacrebleu_command_prints(tmp_path):
    report = load_report()
    refs = ["I will not object to your plan.", "That's MY line!", "It's a nice country to visit."]
    hyps = ["I will not go to your plan.", "That is my line!", "It is a country."]
    (tmp_path / "ref").write_text("\n".join(refs) + "\n", encoding="utf-8")
    (tmp_path / "hyp").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    out = subprocess.run([BIN / "sacrebleu", tmp_path / "ref", "-i", tmp_path / "hyp", "-m", "bleu", "chrf",
                          "-b", "-w", "4"], capture_output=True, text=True, check=True).stdout
    cli = [float(x) for x in re.findall(r"-?\d+\.\d+", out)]
    assert [round(x, 4) for x in report.scores(hyps, refs)] == cli


def test_missing_hypotheses_are_named(tmp_path):
    report = load_report()
    gen = tmp_path / "test.gen"
    gen.write_text("S-1\tx\nH-1\t-0.5\tone\nH-0\t-0.2\t\n", encoding="utf-8")
    assert report.read_hypotheses(gen, 2) == ["", "one"]  # in test-set order; an empty one kept
    with pytest.raises(SystemExit, match=r"hypotheses for 2 of the 3 test sentences \(missing ids \[2\]\)"):
        report.read_hypotheses(gen, 3)


# --- the quickstart at smoke size -----------------------------------------------------------
@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    root = tmp_path_factory.mktemp("quickstart")
    raw = root / "raw"
    for src in sorted(SLICE.glob("*/*.*-en.*")):
        lines = src.read_text(encoding="utf-8").splitlines(keepends=True)[: SIZES[src.name.split(".")[0]]]
        dst = raw / src.parent.name / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text("".join(lines), encoding="utf-8")
    work = root / "work"
    out = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, cwd=root, timeout=900,
                         env=env(SETUP="0", WORK=str(work), RAW=str(raw), META_UPDATES="2", FT_UPDATES="2"))
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert "\n== quickstart:" in out.stdout, out.stdout[-3000:]
    block = out.stdout[out.stdout.index("\n== quickstart:") + 1:]
    return raw, work, block


def test_final_block_names_the_metrics(quickstart):
    raw, work, block = quickstart
    assert f"test set: {SIZES['test']} sentences" in block
    assert f"fine-tuned on the same {SIZES['train']} ro-en sentence pairs" in block
    number = r"[+-]?\d+\.\d\d"
    assert re.search(rf"from multitask meta-training +BLEU +{number} +chrF +{number}", block), block
    assert re.search(rf"from scratch \(random init\) +BLEU +{number} +chrF +{number}", block), block
    assert re.search(rf"what meta-training bought +BLEU +{number} +chrF +{number}", block), block
    assert "not usable translations" in block
    assert re.search(rf"quickstart finished in \d+ s; every output in {re.escape(str(work))}$", block.rstrip())


def test_final_block_shows_three_samples(quickstart):
    raw, work, block = quickstart
    sources = (raw / "target" / "test.ro-en.ro").read_text(encoding="utf-8").splitlines()
    refs = (raw / "target" / "test.ro-en.en").read_text(encoding="utf-8").splitlines()
    samples = re.findall(r"^ +(\d)\. source +(.*)\n +reference +(.*)\n +output +(.*)\n +scratch +(.*)$",
                         block, re.M)
    assert [s[0] for s in samples] == ["1", "2", "3"], block
    for (_, source, ref, output, _), want_source, want_ref in zip(samples, sources, refs):
        assert (source, ref) == (want_source[:90], want_ref[:90])  # the shipped lines are short
        assert output.strip()


def test_printed_checkpoint_and_interactive_command_translate(quickstart):
    raw, work, block = quickstart
    checkpoint = Path(re.search(r"^checkpoint: (.*)$", block, re.M).group(1))
    assert checkpoint == work / "finetune" / "checkpoint_best.pt" and checkpoint.exists()
    lines = block.splitlines()
    command = lines[lines.index("translate a sentence of your own (from the root of this checkout):") + 1].strip()
    assert command.startswith("echo 'Mulțumesc foarte mult.' | fairseq-interactive ")
    assert "--task" not in command  # fairseq's own translation task decodes it
    out = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=REPO, env=env(), timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert re.search(r"^S-0\t", out.stdout, re.M) and re.search(r"^H-0\t\S+\t", out.stdout, re.M), out.stdout


def test_readme_hub_snippet_runs_as_written(quickstart):
    """The README's Python example with the quickstart's default WORK replaced by this run's."""
    raw, work, block = quickstart
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert "runs/quickstart/finetune" in snippet and "runs/quickstart/data/bin" in snippet
    snippet = snippet.replace("runs/quickstart", str(work))
    out = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, cwd=REPO, env=env(),
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip(), out.stderr[-3000:]  # a translation, whatever a 2-update model makes of it
