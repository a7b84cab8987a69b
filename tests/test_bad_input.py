"""Bad input is refused before anything trains or is written, with a message that names the
file, flag or language and says what to do. One test per case."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toy import PLUGIN, TINY, build, make_toy_data, parse, write_dictionary, write_split

PAIRS = ["--lang-pairs", "de-en,fr-en"]


@pytest.fixture
def data(tmp_path):
    return make_toy_data(tmp_path / "data")


def test_lang_pair_without_dictionary(data):
    with pytest.raises(FileNotFoundError, match=r"language 'it'.*dict\.it\.txt.*fairseq-maml-prepare"):
        build(data, [*TINY, "--lang-pairs", "de-en,it-en"])


def test_lang_pair_without_binarized_files(data):
    write_dictionary(data / "dict.it.txt", ["a", "b"])
    with pytest.raises(FileNotFoundError, match=r"it-en.*train\.it-en\.it.*--lang-pairs"):
        build(data, [*TINY, "--lang-pairs", "de-en,it-en"])


def test_dictionary_mismatch(data):
    small = write_dictionary(data / "dict.fr.txt", ["0", "1"])  # fewer entries than the data uses
    with pytest.raises(ValueError, match=r"train\.fr-en\.fr\.bin.*dict\.fr\.txt.*another dictionary"):
        build(data, [*TINY, *PAIRS])
    assert len(small) < 10


def test_empty_split(data):
    d = write_dictionary(data / "dict.it.txt", ["a", "b"])
    write_split(data / "train.it-en.it", [], d)
    write_split(data / "train.it-en.en", [], d)
    with pytest.raises(ValueError, match=r"it-en: split train is empty"):
        build(data, [*TINY, "--lang-pairs", "de-en,it-en"])


def test_misaligned_pair(data):
    d = write_dictionary(data / "dict.it.txt", ["a", "b"])
    write_split(data / "train.it-en.it", [[4], [5]], d)
    write_split(data / "train.it-en.en", [[4]], d)
    with pytest.raises(ValueError, match=r"it-en.*2 it sentences but 1 en"):
        build(data, [*TINY, "--lang-pairs", "de-en,it-en"])


def test_pair_listed_twice(data):
    with pytest.raises(ValueError, match=r"--lang-pairs lists de-en twice"):
        build(data, [*TINY, "--lang-pairs", "de-en,fr-en,de-en"])


def test_pairs_with_different_targets(data):
    with pytest.raises(ValueError, match=r"one target language"):
        build(data, [*TINY, "--lang-pairs", "de-en,fr-de"])


def test_unknown_meta_mode(data, capsys):
    with pytest.raises(SystemExit):
        parse(data, [*TINY, *PAIRS, "--meta-mode", "mamll"])
    err = capsys.readouterr().err
    assert "--meta-mode" in err and "mamll" in err


def test_zero_inner_steps(data):
    with pytest.raises(ValueError, match=r"--inner-steps must be >= 1"):
        build(data, [*TINY, *PAIRS, "--inner-steps", "0"])


def test_vec_file_with_wrong_dimension(data, tmp_path):
    vecs = tmp_path / "vecs"
    vecs.mkdir()
    for lang in ("de", "fr", "en"):
        (vecs / f"{lang}.vec").write_text("2 5\n0 1 2 3 4 5\n1 1 1 1 1 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"de\.vec.*5.*--ulr-query-dim"):
        build(data, [*TINY, *PAIRS, "--ulr-vectors-dir", str(vecs)])


def test_checkpoint_activations_refused_for_meta_modes(data):
    with pytest.raises(ValueError, match=r"--checkpoint-activations"):
        build(data, [*TINY, *PAIRS, "--checkpoint-activations"])


def test_cli_refuses_before_writing_a_checkpoint(data, tmp_path):
    save = tmp_path / "ckpt"
    out = subprocess.run(
        [Path(sys.executable).parent / "fairseq-train", data, "--user-dir", PLUGIN, *TINY,
         "--lang-pairs", "de-en,xx-en", "--save-dir", save, "--optimizer", "adam", "--lr", "1e-3"],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=str(Path(PLUGIN).parent)),
    )
    assert out.returncode != 0
    assert "dict.xx.txt" in out.stderr
    assert not save.exists() or not any(save.iterdir())


def test_fp16_second_order_refused(data):
    from fairseq_maml.tasks.meta_translation import check_precision

    _, task, model, _ = build(data, [*TINY, *PAIRS])
    check_precision(model, "maml")  # float32: fine
    model.half()
    check_precision(model, "fomaml")  # first order in fp16: allowed
    with pytest.raises(ValueError, match=r"--fp16.*--meta-mode maml.*--amp"):
        check_precision(model, "maml")
