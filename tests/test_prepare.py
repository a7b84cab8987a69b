"""fairseq_maml.cli.prepare on a tiny copy of the shipped Tatoeba slice (examples/data/tatoeba-slice)."""

import os
import shutil

import pytest

from fairseq_maml.cli import prepare

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLICE = os.path.join(REPO, "examples", "data", "tatoeba-slice")

META_PAIRS = ["de-en", "fr-en"]
# (subdir, split, pair, lines kept)
TINY = [(("meta", split, pair, n)) for pair in META_PAIRS for split, n in (("train", 200), ("valid", 30))] + [
    ("target", "train", "ro-en", 100),
    ("target", "valid", "ro-en", 30),
    ("target", "test", "ro-en", 30),
]
SMALL_VOCAB = dict(vocab_size=300, target_vocab_size=500)


def _copy_tiny(dest):
    for subdir, split, pair, n in TINY:
        os.makedirs(os.path.join(dest, subdir), exist_ok=True)
        for lang in pair.split("-"):
            name = f"{split}.{pair}.{lang}"
            with open(os.path.join(SLICE, subdir, name), encoding="utf-8") as f:
                lines = [next(f) for _ in range(n)]
            with open(os.path.join(dest, subdir, name), "w", encoding="utf-8") as f:
                f.writelines(lines)
    return dest


def _lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]


def _snapshot(root):
    """{relative path: (size, mtime_ns)} of every file under root."""
    snap = {}
    for d, _, files in os.walk(root):
        for name in files:
            p = os.path.join(d, name)
            st = os.stat(p)
            snap[os.path.relpath(p, root)] = (st.st_size, st.st_mtime_ns)
    return snap


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """Meta pairs first, then ro-en added to the same OUT; records dict.en.txt in between."""
    base = tmp_path_factory.mktemp("prep")
    raw = _copy_tiny(str(base / "raw"))
    out = str(base / "out")
    s1 = prepare.prepare(raw, out, ",".join(META_PAIRS), raw_subdir="meta", quiet=True, **SMALL_VOCAB)
    dict_en = os.path.join(out, "bin", "dict.en.txt")
    with open(dict_en, "rb") as f:
        en_bytes = f.read()
    en_model = os.path.join(out, "spm", "en.model")
    before = {p: os.stat(p).st_mtime_ns for p in (dict_en, en_model)}
    s2 = prepare.prepare(raw, out, "ro-en", raw_subdir="target", quiet=True, **SMALL_VOCAB)
    return dict(raw=raw, out=out, s1=s1, s2=s2, en_bytes=en_bytes, before=before)


def test_layout(prepared):
    out = prepared["out"]
    for lang in ("de", "fr", "ro", "en"):
        assert os.path.isfile(os.path.join(out, "spm", f"{lang}.model"))
        assert os.path.isfile(os.path.join(out, "bin", f"dict.{lang}.txt"))
    for subdir, split, pair, _ in TINY:
        for lang in pair.split("-"):
            assert os.path.isfile(os.path.join(out, "spm_text", f"{split}.{pair}.{lang}"))
            for ext in ("bin", "idx"):
                assert os.path.isfile(os.path.join(out, "bin", f"{split}.{pair}.{lang}.{ext}"))
    # meta pairs have no test split: nothing invented for it
    assert not os.path.exists(os.path.join(out, "bin", "test.de-en.de.bin"))
    # no scratch directories or temp files left behind
    assert not [n for n in os.listdir(os.path.join(out, "bin")) if n.startswith(".tmp")]
    assert sorted(prepared["s1"]["trained"]) == ["de", "en", "fr"]
    assert prepared["s2"]["trained"] == ["ro"]


def test_target_dictionary_shared_and_unchanged(prepared):
    out = prepared["out"]
    dict_en = os.path.join(out, "bin", "dict.en.txt")
    with open(dict_en, "rb") as f:
        assert f.read() == prepared["en_bytes"]
    for p, mtime in prepared["before"].items():
        assert os.stat(p).st_mtime_ns == mtime, f"{p} was rewritten when ro-en was added"
    # one dict.en.txt only, and the source dictionaries are separate (per-language vocabularies)
    dicts = sorted(n for n in os.listdir(os.path.join(out, "bin")) if n.startswith("dict."))
    assert dicts == ["dict.de.txt", "dict.en.txt", "dict.fr.txt", "dict.ro.txt"]


def test_dictionary_matches_spm(prepared):
    import sentencepiece as spm
    from fairseq.data import Dictionary

    for lang in ("de", "en", "ro"):
        d = Dictionary.load(os.path.join(prepared["out"], "bin", f"dict.{lang}.txt"))
        sp = spm.SentencePieceProcessor(model_file=os.path.join(prepared["out"], "spm", f"{lang}.model"))
        assert (d.bos(), d.pad(), d.eos(), d.unk()) == (0, 1, 2, 3)
        assert len(d) == sp.get_piece_size()
        assert all(d.index(sp.id_to_piece(i)) == i for i in range(4, len(d)))


@pytest.mark.parametrize("split,pair", [("train", "de-en"), ("valid", "fr-en"), ("train", "ro-en"), ("test", "ro-en")])
def test_dataset_length_and_roundtrip(prepared, split, pair):
    import sentencepiece as spm
    from fairseq.data import Dictionary, data_utils

    subdir = "target" if pair == "ro-en" else "meta"
    for lang in pair.split("-"):
        raw_lines = _lines(os.path.join(prepared["raw"], subdir, f"{split}.{pair}.{lang}"))
        d = Dictionary.load(os.path.join(prepared["out"], "bin", f"dict.{lang}.txt"))
        ds = data_utils.load_indexed_dataset(os.path.join(prepared["out"], "bin", f"{split}.{pair}.{lang}"), d)
        assert ds is not None and len(ds) == len(raw_lines)
        if split != "train":
            continue  # held-out text may hold characters the model never saw (-> <unk>)
        # the model of this side was trained on this very text (character_coverage 1.0) unless it
        # is the English side of ro-en, whose shared English model was trained on the meta pairs
        trained_here = not (pair == "ro-en" and lang == "en")
        sp = spm.SentencePieceProcessor(model_file=os.path.join(prepared["out"], "spm", f"{lang}.model"))
        checked = 0
        for i in range(0, len(raw_lines), 7):
            ids = ds[i].tolist()
            assert ids[-1] == d.eos()
            if d.unk() in ids:
                assert not trained_here, f"<unk> in {split}.{pair}.{lang} line {i}"
                continue
            checked += 1
            # fairseq index == spm id, so the spm model decodes the binarized ids directly
            assert sp.decode(ids[:-1]) == raw_lines[i]
            # and the way fairseq-generate/--bpe sentencepiece decodes gives the same
            assert d.string(ds[i]).replace(" ", "").replace("\u2581", " ").strip() == raw_lines[i]
        assert checked >= 10


def test_rerun_is_a_no_op(prepared):
    out = prepared["out"]
    snap = _snapshot(out)
    s = prepare.prepare(prepared["raw"], out, ",".join(META_PAIRS), raw_subdir="meta", quiet=True, **SMALL_VOCAB)
    assert s["trained"] == [] and s["binarized"] == []
    assert _snapshot(out) == snap


def test_cli_prints_summary(prepared, capsys):
    prepare.cli_main(["--raw", prepared["raw"], "--raw-subdir", "target", "--out", prepared["out"],
                      "--pairs", "ro-en", "--vocab-size", "300"])
    text = capsys.readouterr().out
    assert "ro-en train: 100 sentences" in text and prepared["out"] in text


# ------------------------------------------------------------------------------------------------
# errors: reported before anything is written


@pytest.fixture
def raw(tmp_path):
    return _copy_tiny(str(tmp_path / "raw"))


def _expect_error(raw, out, pairs, subdir="meta"):
    with pytest.raises(prepare.PrepareError) as e:
        prepare.prepare(raw, out, pairs, raw_subdir=subdir, quiet=True, **SMALL_VOCAB)
    return str(e.value)


def test_error_missing_raw_dir(tmp_path):
    out = str(tmp_path / "out")
    msg = _expect_error(str(tmp_path / "nope"), out, "de-en")
    assert str(tmp_path / "nope") in msg
    assert not os.path.exists(out)


def test_error_missing_train_file(raw, tmp_path):
    out = str(tmp_path / "out")
    missing = os.path.join(raw, "meta", "train.fr-en.en")
    os.remove(missing)
    msg = _expect_error(raw, out, "de-en,fr-en")
    assert missing in msg and "fr-en" in msg
    assert not os.path.exists(out)


def test_error_line_count_mismatch(raw, tmp_path):
    out = str(tmp_path / "out")
    f = os.path.join(raw, "meta", "valid.de-en.de")
    with open(f, "a", encoding="utf-8") as fh:
        fh.write("Ein Satz zu viel.\n")
    msg = _expect_error(raw, out, "de-en,fr-en")
    assert f in msg and os.path.join(raw, "meta", "valid.de-en.en") in msg
    assert "31" in msg and "30" in msg
    assert not os.path.exists(out)


def test_error_empty_train(raw, tmp_path):
    out = str(tmp_path / "out")
    for lang in ("fr", "en"):
        open(os.path.join(raw, "meta", f"train.fr-en.{lang}"), "w").close()
    msg = _expect_error(raw, out, "de-en,fr-en")
    assert "empty" in msg and os.path.join(raw, "meta", "train.fr-en.fr") in msg
    assert not os.path.exists(out)


def test_error_mixed_target_languages(raw, tmp_path):
    out = str(tmp_path / "out")
    msg = _expect_error(raw, out, "de-en,en-fr")
    assert "de-en" in msg and "en-fr" in msg
    assert not os.path.exists(out)


def test_error_leaves_existing_out_untouched(prepared, tmp_path):
    """Adding a broken pair to an existing data dir writes nothing there."""
    raw = _copy_tiny(str(tmp_path / "raw"))
    bad = os.path.join(raw, "target", "test.ro-en.en")
    with open(bad, "a", encoding="utf-8") as fh:
        fh.write("one more\n")
    out = str(tmp_path / "out")
    shutil.copytree(prepared["out"], out)
    shutil.rmtree(os.path.join(out, "spm_text"))  # would be re-created if anything ran
    snap = _snapshot(out)
    msg = _expect_error(raw, out, "ro-en", subdir="target")
    assert bad in msg
    assert _snapshot(out) == snap


def test_cli_error_exit(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        prepare.cli_main(["--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--pairs", "de-en"])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "error" in err and os.path.join(str(tmp_path), "train.de-en.de") in err
    assert not os.path.exists(tmp_path / "o")


def _latin1_line(path, line_no, text="Un caf\xe9 cr\xe8me."):
    """Replace line ``line_no`` (1-based) of ``path`` with ``text`` encoded as Latin-1."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    lines[line_no - 1] = text.encode("latin-1")
    with open(path, "wb") as f:
        f.write(b"\n".join(lines))


def test_error_not_utf8(raw, tmp_path, capsys):
    """A Latin-1 byte: the message names the file and the 1-based line and says what to do;
    nothing is written; the CLI prints it as one line (no traceback)."""
    out = str(tmp_path / "out")
    bad = os.path.join(raw, "meta", "valid.fr-en.fr")
    _latin1_line(bad, 7)
    msg = _expect_error(raw, out, "de-en,fr-en")
    assert msg == (
        f"pair fr-en, split valid: {bad}, line 7: not UTF-8 (byte 0xe9 at character 7). Text must be UTF-8: "
        f"re-encode it from its real encoding (for Latin-1: iconv -f LATIN1 -t UTF-8 {bad} > {bad}.utf8 "
        f"&& mv {bad}.utf8 {bad}), or drop the line (and the same line of the other side of a pair)")
    assert not os.path.exists(out)
    with pytest.raises(SystemExit) as e:
        prepare.cli_main(["--raw", raw, "--raw-subdir", "meta", "--out", out, "--pairs", "de-en,fr-en"])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert err == f"fairseq-maml-prepare: error: {msg}\n"
    assert not os.path.exists(out)


def test_error_not_utf8_leaves_existing_out_untouched(prepared, tmp_path):
    """Adding a pair whose text has several bad lines to an existing data dir writes nothing there."""
    raw = _copy_tiny(str(tmp_path / "raw"))
    bad = os.path.join(raw, "target", "train.ro-en.en")
    for line_no in (1, 40, 41):
        _latin1_line(bad, line_no, "na\xefve")
    out = str(tmp_path / "out")
    shutil.copytree(prepared["out"], out)
    shutil.rmtree(os.path.join(out, "spm_text"))  # would be re-created if anything ran
    snap = _snapshot(out)
    msg = _expect_error(raw, out, "ro-en", subdir="target")
    assert msg.startswith(f"pair ro-en, split train: {bad}, line 1: not UTF-8 (byte 0xef at character 3; "
                          "2 more lines after it are not UTF-8 either). Text must be UTF-8: ")
    assert "drop the lines (and the same lines of the other side of a pair)" in msg
    assert _snapshot(out) == snap


def test_not_utf8_utf16_file(tmp_path):
    from fairseq_maml.data.raw_text import NotUTF8Error, read_lines

    path = tmp_path / "train.de-en.de"
    path.write_text("ein Haus\n", encoding="utf-16")
    with pytest.raises(NotUTF8Error, match=r"train\.de-en\.de, line 1: not UTF-8 .*looks like UTF-16: "
                                           r"re-encode it \(iconv -f UTF-16 -t UTF-8 "):
        read_lines(str(path))
