"""Docs cannot drift from the code: every plugin flag is documented, every README command that
names a flag uses one that exists."""

import dataclasses
import re
from pathlib import Path

from fairseq.tasks.translation import TranslationConfig

from fairseq_maml.cli import prepare, vectors
from fairseq_maml.models.ulr_transformer import ULRTransformerConfig
from fairseq_maml.tasks.meta_translation import MetaTranslationConfig

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def flag(name):
    return "--" + name.replace("_", "-")


def plugin_flags():
    inherited = {f.name for f in dataclasses.fields(TranslationConfig)}
    task = [f.name for f in dataclasses.fields(MetaTranslationConfig) if f.name not in inherited]
    model = [f.name for f in dataclasses.fields(ULRTransformerConfig) if f.name.startswith("ulr_")]
    prep = [a.option_strings[0] for a in prepare.get_parser()._actions if a.option_strings[0] != "-h"]
    return [flag(n) for n in task + model] + prep


def test_every_plugin_flag_is_documented():
    text = (DOCS / "guide" / "flags.md").read_text(encoding="utf-8")
    flags = plugin_flags()
    assert len(flags) > 20
    missing = [f for f in flags if f"`{f}`" not in text]
    assert not missing, f"add to docs/guide/flags.md: {missing}"


def vectors_flags():
    return [a.option_strings[0] for a in vectors.get_parser()._actions if a.option_strings[0] != "-h"]


def test_every_vectors_flag_is_documented():
    text = (DOCS / "guide" / "vectors.md").read_text(encoding="utf-8")
    missing = [f for f in vectors_flags() if f not in text]
    assert len(vectors_flags()) > 15 and not missing, f"add to docs/guide/vectors.md: {missing}"


def test_readme_uses_existing_plugin_flags():
    known = set(plugin_flags()) | set(vectors_flags())
    used = set(re.findall(r"--(?:inner|meta|lang|ulr|pair|support|query|episodes|adaptation)[a-z-]*", README.read_text(encoding="utf-8")))
    unknown = sorted(used - known)
    assert not unknown, f"README names flags that do not exist: {unknown}"


def test_every_tmse_baseline_flag_is_documented():
    import importlib.util
    import sys

    examples = str(DOCS.parent / "examples")
    sys.path.insert(0, examples)
    try:
        spec = importlib.util.spec_from_file_location("tmse_baseline", DOCS.parent / "examples" / "tmse_baseline.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(examples)
    flags = [a.option_strings[0] for a in mod.get_parser()._actions if a.option_strings[0] != "-h"]
    text = (DOCS / "reports" / "experiment.md").read_text(encoding="utf-8")
    missing = [f for f in flags if f"`{f}" not in text]
    assert len(flags) >= 10 and not missing, f"add to docs/reports/experiment.md: {missing}"


def test_no_absolute_path_of_a_machine_in_committed_files():
    """Commands and records in the repository name paths relative to its root (or ../shared):
    a path under one machine's home or work folder means nothing on another."""
    import subprocess

    repo = README.parent
    listed = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True)
    if listed.returncode != 0:
        import pytest

        pytest.skip("not a git checkout")
    pattern = re.compile(r"(?<![\w.])/(work|home|root|Users)/")
    offenders = []
    for name in listed.stdout.splitlines():
        path = repo / name
        if name == ".gitignore" or path.suffix in {".png", ".pt", ".bin", ".idx"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [f"{name}:{i}" for i, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders[:20]
