"""fairseq-maml-flags lists the plugin's own flags with their defaults, read from the dataclasses."""

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

from fairseq.tasks.translation import TranslationConfig

from fairseq_maml.cli import flags as F
from fairseq_maml.models.ulr_transformer import ULRTransformerConfig, ulr_transformer_tiny
from fairseq_maml.tasks.config import MetaTranslationConfig

SCRIPT = Path(sys.executable).parent / "fairseq-maml-flags"


def _own_fields():
    """The fields of MetaTranslationConfig that fairseq's TranslationConfig does not have, with
    their defaults, straight from the dataclass."""
    base = {f.name for f in dataclasses.fields(TranslationConfig)}
    own = [f for f in dataclasses.fields(MetaTranslationConfig) if f.name not in base]
    assert len(own) >= 20  # lang_pairs, meta_mode, inner_lr, ...
    return [(f.name, f.default_factory() if f.default is dataclasses.MISSING else f.default) for f in own]


def _expected_default(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return "unset" if value is None else str(getattr(value, "value", value))


def _entries(text):
    """{flag: the text after '(default: ' up to its closing ')'} of the plain output."""
    out = {}
    for line in text.splitlines():
        if line.startswith("    --") and "(default: " in line:
            out[line.split()[0].rstrip(",")] = line.split("(default: ", 1)[1][:-1]
    return out


def test_console_script_lists_every_own_task_flag_with_its_default():
    out = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=300,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.returncode == 0, out.stderr
    entries = _entries(out.stdout)
    for name, default in _own_fields():
        flag = "--" + name.replace("_", "-")
        assert flag in entries, f"{flag} missing from fairseq-maml-flags"
        assert entries[flag] == _expected_default(default), (flag, entries[flag], default)
    for name in {f.name for f in dataclasses.fields(TranslationConfig)}:  # fairseq's: only with --all
        assert "--" + name.replace("_", "-") not in entries
    # the model's own flags (those fairseq's transformer lacks), with the tiny architecture's default
    ulr = {f.name: f.default for f in dataclasses.fields(ULRTransformerConfig) if f.name.startswith("ulr_")}
    tiny = type("Args", (), {})()
    ulr_transformer_tiny(tiny)
    assert entries["--ulr-query-dim"] == f"{ulr['ulr_query_dim']}; ulr_transformer_tiny: {tiny.ulr_query_dim}"
    assert entries["--ulr-temperature"] == str(ulr["ulr_temperature"])
    assert {f for f in entries if f.startswith("--ulr-")} == {"--" + n.replace("_", "-") for n in ulr}
    assert "--encoder-embed-dim" not in entries  # fairseq's transformer flag: only with --all
    assert "meta_label_smoothed_cross_entropy" in out.stdout and "--label-smoothing" in out.stdout


def test_all_and_markdown():
    everything = _entries(F.format_text(F.sections(), everything=True))
    assert everything["--source-lang"] == "unset"  # fairseq's translation flags too
    assert everything["--left-pad-source"] == "on; the flag turns it off"
    assert everything["--encoder-embed-dim"] == "512; ulr_transformer_small: 256; ulr_transformer_tiny: 64"
    assert everything["--label-smoothing"] == "0.0"
    md = F.format_markdown(F.sections())
    for name, default in _own_fields():
        row = [line for line in md.splitlines() if line.startswith(f"| `--{name.replace('_', '-')}` |")]
        assert len(row) == 1 and row[0].split(" | ")[1] == f"`{_expected_default(default)}`"
    out = subprocess.run([str(SCRIPT), "--markdown"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout == md
