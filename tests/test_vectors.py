"""fairseq_maml.vectors: Procrustes, held-out P@1, .vec output, and the CLI end to end on a tiny
whitespace-tokenised copy of the shipped Tatoeba slice.

vectors.py and modules/word_vectors.py are loaded from their files, so these tests do not import
fairseq (``import fairseq_maml`` would)."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLICE = os.path.join(REPO, "examples", "data", "tatoeba-slice", "meta")


def _load(name, rel):
    spec = importlib.util.spec_from_file_location(name, os.path.join(REPO, *rel.split("/")))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


V = _load("_fairseq_maml_vectors", "fairseq_maml/vectors.py")
WV = _load("_fairseq_maml_word_vectors", "fairseq_maml/modules/word_vectors.py")


def _synthetic(n=400, d=16, seed=0):
    rng = np.random.default_rng(seed)
    X = V.normalize(rng.standard_normal((n, d)))
    Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    words = [f"w{i}" for i in range(n)]
    src = V.Embeddings(words, X.astype(np.float32))
    tgt = V.Embeddings(words, (X @ Q).astype(np.float32))
    return src, tgt, Q


@pytest.mark.parametrize("refine", [0, 2])
def test_procrustes_recovers_rotation(refine):
    src, tgt, Q = _synthetic()
    train, test = V.split_pairs(V.identity_pairs(src, tgt), 0.2, seed=1)
    W, _ = V.fit_mapping(src, tgt, train, refine, {s for s, _ in test}, {t for _, t in test})
    assert V.orthogonality_error(W) < 1e-5
    np.testing.assert_allclose(W.T @ W, np.eye(W.shape[0]), atol=1e-5)
    np.testing.assert_allclose(W, Q, atol=1e-4)
    p = V.precision_at_1(src.vectors @ W, tgt, src.index, test)
    assert p["n"] == len(test) == 80 and p["nn"] == 1.0 and p["csls"] == 1.0


def test_split_is_deterministic_disjoint_and_grouped_by_source():
    pairs = [(f"s{i}", f"t{i}") for i in range(100)] + [("s0", "t_alt"), ("s1", "t_alt2")]
    train, test = V.split_pairs(pairs, 0.2, seed=3)
    assert (train, test) == V.split_pairs(pairs, 0.2, seed=3)
    assert set(train).isdisjoint(test) and len(train) + len(test) == len(pairs)
    assert {s for s, _ in train}.isdisjoint({s for s, _ in test})
    assert len({s for s, _ in test}) == 20
    assert V.split_pairs(pairs, 0.2, seed=4) != (train, test)


def test_fit_never_sees_test_pairs():
    src, tgt, _ = _synthetic(seed=5)
    train, test = V.split_pairs(V.identity_pairs(src, tgt), 0.2, seed=1)
    ex_s, ex_t = {s for s, _ in test}, {t for _, t in test}
    W, _ = V.fit_mapping(src, tgt, train, 2, ex_s, ex_t)
    p = V.precision_at_1(src.vectors @ W, tgt, src.index, test)
    # corrupt the vectors of the held-out words on both sides
    rng = np.random.default_rng(9)
    for emb, words in ((src, ex_s), (tgt, ex_t)):
        idx = [emb.index[w] for w in words]
        emb.vectors[idx] = V.normalize(rng.standard_normal((len(idx), emb.vectors.shape[1]))).astype(np.float32)
    W2, _ = V.fit_mapping(src, tgt, train, 2, ex_s, ex_t)
    np.testing.assert_array_equal(W, W2)  # the fit is blind to the test words...
    p2 = V.precision_at_1(src.vectors @ W2, tgt, src.index, test)
    assert p["nn"] == 1.0 and p2["nn"] < 0.2  # ...only the score changes


def test_write_vec_read_back(tmp_path):
    rng = np.random.default_rng(0)
    words = ["\u2581Haus", "s", "\u2581123", ".", "\u00e9t\u00e9"]
    X = rng.standard_normal((5, 7)).astype(np.float32)
    path = str(tmp_path / "xx.vec")
    V.write_vec(path, V.Embeddings(words, X))
    back = WV.read_vec(path, 7)
    assert list(back) == words
    for w, row in zip(words, X):
        np.testing.assert_allclose(back[w], row, atol=1e-5)
    with pytest.raises(ValueError, match="--ulr-query-dim"):
        WV.read_vec(path, 8)


def _tiny_data(root, n=300):
    """spm_text/ with whitespace-tokenised lines of the slice (words instead of spm pieces)."""
    out = root / "data" / "spm_text"
    out.mkdir(parents=True)
    for pair in ("de-en", "fr-en"):
        for lang in pair.split("-"):
            with open(os.path.join(SLICE, f"train.{pair}.{lang}"), encoding="utf-8") as f:
                lines = [" ".join(line.replace(".", " .").replace(",", " ,").replace("?", " ?").split())
                         for line in f][:n]
            (out / f"train.{pair}.{lang}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(root / "data")


def test_end_to_end(tmp_path, capsys):
    data = _tiny_data(tmp_path)
    dicts = tmp_path / "dicts"
    dicts.mkdir()
    (dicts / "de-en.txt").write_text(
        "ich I\nist is\nnicht not\nTom Tom\ndu you\nnotaword word\nein a\nwir we\nsie she\nhat has\nzu to\n",
        encoding="utf-8")
    out = str(tmp_path / "vecs")
    report = V.main(["--data", data, "--langs", "de,fr", "--target", "en", "--dim", "8", "--out", out,
                     "--refine", "1", "--dict-dir", str(dicts), "--quiet"])
    assert sorted(os.listdir(out)) == ["de.vec", "en.vec", "fr.vec", "report.json"]
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        assert json.load(f) == json.loads(json.dumps(report))
    for lang in ("en", "de", "fr"):
        vecs = WV.read_vec(os.path.join(out, f"{lang}.vec"), 8)
        assert len(vecs) == report["languages"][lang]["vocab"] > 100
        assert "." in vecs and all(v.shape == (8,) for v in vecs.values())
    for lang in ("de", "fr"):
        r = report["languages"][lang]
        assert r["orthogonality_error"] < 1e-5
        sp = r["seed_pairs"]
        assert sp["identity_test"] > 0 and sp["identity_train"] + sp["identity_test"] == sp["identity"]
        assert 0.0 <= r["p_at_1"]["identity_heldout_nn"] <= 1.0
    de = report["languages"]["de"]["seed_pairs"]
    assert de["dictionary_pairs"] == 10 and de["dictionary_lines_skipped"] == 1
    assert de["dictionary_train"] + de["dictionary_test"] == 10 and de["dictionary_test"] == 2
    assert report["languages"]["de"]["p_at_1"]["dictionary_heldout_nn"] is not None
    assert report["languages"]["fr"]["p_at_1"]["dictionary_heldout_nn"] is None
    # a query table built from the files finds the pieces
    q = WV.query_matrix(["<s>", "\u2581Tom", "."], WV.read_vec(os.path.join(out, "de.vec"), 8), 8)
    assert q.shape == (3, 8)


def test_errors(tmp_path, capsys):
    data = _tiny_data(tmp_path, n=60)
    out = str(tmp_path / "vecs")
    with pytest.raises(SystemExit) as e:
        V.cli_main(["--data", data, "--langs", "de,ro", "--dim", "8", "--out", out])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "no training text for language 'ro'" in err and "train.ro-*.ro" in err and "de, en, fr" in err
    assert not os.path.exists(out)  # checked before anything is written
    with pytest.raises(V.VectorsError, match=r"--dim 5000 exceeds what the data supports for 'en'"):
        V.main(["--data", data, "--langs", "de", "--dim", "5000", "--out", out, "--quiet"])
    with pytest.raises(V.VectorsError, match="spm_text does not exist"):
        V.main(["--data", str(tmp_path), "--langs", "de", "--out", out])


def test_python_dash_m(tmp_path):
    data = _tiny_data(tmp_path, n=60)
    r = subprocess.run([sys.executable, "-m", "fairseq_maml.vectors", "--data", data, "--langs", "xx",
                        "--out", str(tmp_path / "v")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "no training text for language 'xx'" in r.stderr
