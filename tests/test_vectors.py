"""fairseq_maml.aligned_vectors (V) and its command line fairseq_maml.cli.vectors (CLI): Procrustes,
held-out P@1, .vec output, and the CLI end to end on a tiny whitespace-tokenised copy of the
shipped Tatoeba slice."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import fairseq_maml.aligned_vectors as V
from fairseq_maml.cli import vectors as CLI
from fairseq_maml.modules import word_vectors as WV

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLICE = os.path.join(REPO, "examples", "data", "tatoeba-slice", "meta")


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


def _parallel_corpus(n_sent=400, n_words=30, seed=0):
    """Aligned sentences over a known word mapping src{i} -> tgt{i}: each target sentence is the
    translation of its source sentence, shuffled, plus a frequent function word on both sides and
    some unaligned noise words on the target side."""
    rng = np.random.default_rng(seed)
    freq = 1.0 / np.arange(1, n_words + 1)
    freq /= freq.sum()
    sents = []
    for _ in range(n_sent):
        ids = rng.choice(n_words, size=rng.integers(3, 7), replace=False, p=freq)
        s = ["the_s"] + [f"src{i}" for i in ids]
        t = [f"tgt{i}" for i in ids] + ["the_t"] + [f"noise{j}" for j in rng.integers(0, 50, size=2)]
        rng.shuffle(t)
        sents.append((s, t))
    return sents


def _emb(words):
    return V.Embeddings(words, np.zeros((len(words), 2), dtype=np.float32))


def test_parallel_pairs_recover_known_mapping():
    sents = _parallel_corpus()
    src = _emb(sorted({w for s, _ in sents for w in s}))
    tgt = _emb(sorted({w for _, t in sents for w in t}))
    pairs = V.parallel_pairs(sents, src, tgt, max_pairs=1000, min_count=3)
    got = {a: b for a, b, _, _ in pairs}
    # every source word seen often enough is induced, to its true translation, and nothing else
    expected = {f"src{i}": f"tgt{i}" for i in range(30)}
    expected["the_s"] = "the_t"
    r, c, n, n_s, n_t = V.sentence_cooccurrence(sents, src.index, tgt.index)
    seen = {src.words[i] for i in range(len(src)) if n_s[i] >= 3}
    assert got == {k: v for k, v in expected.items() if k in seen} and len(got) >= 25
    assert all(dice == 1.0 for _, _, dice, _ in pairs)  # perfect co-occurrence: Dice 1
    assert len(set(got.values())) == len(got)  # one-to-one (mutual best)
    # highest Dice, then co-occurrence count, first; max_pairs keeps the top ones
    assert [p[3] for p in pairs] == sorted((p[3] for p in pairs), reverse=True)
    assert V.parallel_pairs(sents, src, tgt, max_pairs=5) == pairs[:5]
    assert V.parallel_pairs(sents, src, tgt, max_pairs=0) == []
    # min_count: pairs seen together in fewer sentences are not induced
    few = V.parallel_pairs(sents, src, tgt, max_pairs=1000, min_count=10**6)
    assert few == []
    # counts are per sentence (a piece repeated in a sentence counts once)
    r2, c2, n2, ns2, nt2 = V.sentence_cooccurrence([(["a", "a"], ["x", "x", "y"])], {"a": 0}, {"x": 0, "y": 1})
    assert list(zip(r2, c2, n2)) == [(0, 0, 1), (0, 1, 1)] and list(ns2) == [1] and list(nt2) == [1, 1]


def test_parallel_pairs_with_noisy_alignment():
    """A translation that is sometimes missing, and a target word that co-occurs with everything,
    still give the right mapping (Dice penalises the frequent word)."""
    sents = _parallel_corpus(seed=3)
    rng = np.random.default_rng(1)
    noisy = []
    for s, t in sents:
        t = [w for w in t if rng.random() > 0.15]  # drop 15 % of the target words
        noisy.append((s, t + ["always"]))
    src = _emb(sorted({w for s, _ in noisy for w in s}))
    tgt = _emb(sorted({w for _, t in noisy for w in t}))
    got = {a: b for a, b, _, _ in V.parallel_pairs(noisy, src, tgt, 1000, min_count=3)}
    wrong = {a: b for a, b in got.items() if a.startswith("src") and b != "tgt" + a[3:]}
    assert not wrong and sum(a.startswith("src") for a in got) >= 25


def test_read_parallel(tmp_path):
    a, b = tmp_path / "x.de", tmp_path / "x.en"
    a.write_text("\u2581ich bin\n\n\u2581gut\n", encoding="utf-8")
    b.write_text("\u2581I am\n\u2581empty\n\n", encoding="utf-8")
    # line-aligned: a pair with an empty side is dropped, the rest keep their alignment
    assert V.read_parallel([(str(a), str(b))]) == [(["\u2581ich", "bin"], ["\u2581I", "am"])]
    b.write_text("\u2581I am\n", encoding="utf-8")
    with pytest.raises(V.VectorsError, match="not line-aligned"):
        V.read_parallel([(str(a), str(b))])


def test_seed_split_disjoint_across_sources():
    ident = [(f"w{i}", f"w{i}") for i in range(200)]
    par = [(f"w{i}", f"e{i}") for i in range(0, 300, 2)]  # overlaps identity source words
    dic = [(f"w{i}", f"d{i}") for i in range(0, 300, 5)] + [("w0", "d_alt")]
    groups = [("dict", dic), ("parallel", par), ("identity", ident)]
    test_src = V.split_seed_sources(groups, 0.2, seed=1, salt="de")
    assert test_src == V.split_seed_sources(groups, 0.2, seed=1, salt="de")
    assert test_src != V.split_seed_sources(groups, 0.2, seed=2, salt="de")
    train = [p for _, g in groups for p in g if p[0] not in test_src]
    test = [p for _, g in groups for p in g if p[0] in test_src]
    assert test and train and {s for s, _ in train}.isdisjoint({s for s, _ in test})
    assert {s for s, _ in test} == test_src
    # the first list is split exactly; every list gets about the test fraction
    assert len({s for s, _ in dic} & test_src) == 12
    for _, g in groups:
        words = {s for s, _ in g}
        assert 0.1 < len(words & test_src) / len(words) < 0.3
    # with one list, the split is split_pairs' (so --parallel-seeds 0 reproduces the old split)
    _, te = V.split_pairs(ident, 0.2, seed=1, salt="de:identity")
    assert V.split_seed_sources([("dict", []), ("parallel", []), ("identity", ident)], 0.2, 1, "de") == \
        {s for s, _ in te}


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
    report = CLI.main(["--data", data, "--langs", "de,fr", "--target", "en", "--dim", "8", "--out", out,
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
        # parallel-induced seeds from the aligned sentences, held out like the others
        assert sp["parallel"] > 20 and sp["parallel_train"] + sp["parallel_test"] == sp["parallel"]
        assert sp["parallel_test"] > 0 and sp["parallel_files"] == [f"train.{lang}-en.{lang}", f"train.{lang}-en.en"]
        assert 0.0 <= r["p_at_1"]["parallel_heldout_nn"] <= 1.0 and r["p_at_1"]["parallel_heldout_n"] > 0
    ex = dict((a, b) for a, b, _, _ in report["languages"]["de"]["seed_pairs"]["parallel_examples"])
    assert ex  # the induced pairs are listed
    de = report["languages"]["de"]["seed_pairs"]
    assert de["dictionary_pairs"] == 10 and de["dictionary_lines_skipped"] == 1
    assert de["dictionary_train"] + de["dictionary_test"] == 10 and de["dictionary_test"] == 2
    assert report["languages"]["de"]["p_at_1"]["dictionary_heldout_nn"] is not None
    assert report["languages"]["fr"]["p_at_1"]["dictionary_heldout_nn"] is None
    # a query table built from the files finds the pieces
    q = WV.query_matrix(["<s>", "\u2581Tom", "."], WV.read_vec(os.path.join(out, "de.vec"), 8), 8)
    assert q.shape == (3, 8)


def test_end_to_end_parallel_off_and_split_disjoint(tmp_path):
    data = _tiny_data(tmp_path, n=200)
    out = str(tmp_path / "v0")
    r0 = CLI.main(["--data", data, "--langs", "de", "--dim", "8", "--out", out, "--refine", "0",
                   "--parallel-seeds", "0", "--quiet"])
    sp = r0["languages"]["de"]["seed_pairs"]
    assert sp["parallel"] == 0 and sp["parallel_files"] == [] and r0["languages"]["de"]["p_at_1"]["parallel_heldout_nn"] is None
    assert sp["train_total"] == sp["identity_train"]
    # held-out source words never reach the fit, whichever seed list they came from
    seen = {}

    def spy(src, tgt, train, refine, ex_s, ex_t, *a, **k):
        seen["train"], seen["ex_s"], seen["ex_t"] = list(train), set(ex_s), set(ex_t)
        return fit(src, tgt, train, refine, ex_s, ex_t, *a, **k)

    fit = CLI.fit_mapping
    CLI.fit_mapping = spy
    try:
        r1 = CLI.main(["--data", data, "--langs", "de", "--dim", "8", "--out", str(tmp_path / "v1"),
                       "--refine", "1", "--parallel-seeds", "50", "--parallel-min-count", "2", "--quiet"])
    finally:
        CLI.fit_mapping = fit
    sp = r1["languages"]["de"]["seed_pairs"]
    assert 0 < sp["parallel"] <= 50 and sp["parallel_test"] > 0
    assert seen["ex_s"] and {s for s, _ in seen["train"]}.isdisjoint(seen["ex_s"])
    assert len(seen["train"]) == sp["train_total"]


def test_monolingual_only_and_adding_a_language_later(tmp_path):
    data = _tiny_data(tmp_path, n=200)
    joint = str(tmp_path / "joint")
    r = CLI.main(["--data", data, "--langs", "de,fr", "--dim", "8", "--out", joint, "--refine", "1",
                  "--monolingual-only", "fr", "--quiet"])
    # fr-en is monolingual fr text only: no seeds from its alignment, its English side not in en.vec
    assert r["languages"]["en"]["files"] == ["train.de-en.en"]
    assert r["languages"]["fr"]["seed_pairs"]["parallel"] == 0 and r["languages"]["fr"]["seed_pairs"]["parallel_files"] == []
    assert r["languages"]["de"]["seed_pairs"]["parallel"] > 20
    assert r["monolingual_only"] == ["fr"]
    # fr alone (English from de-en only, as above), then de added onto its en.vec: the same de
    # vectors as built together (de has enough seed pairs for a well-posed map; fr's 6 are not)
    sep = str(tmp_path / "sep")
    CLI.main(["--data", data, "--langs", "fr", "--dim", "8", "--out", sep, "--refine", "1",
              "--monolingual-only", "fr", "--quiet"])
    en_before = open(os.path.join(sep, "en.vec"), "rb").read()
    assert en_before == open(os.path.join(joint, "en.vec"), "rb").read()
    r2 = CLI.main(["--data", data, "--langs", "de", "--dim", "8", "--out", sep, "--refine", "1",
                   "--target-vec", os.path.join(sep, "en.vec"), "--report", os.path.join(sep, "report-de.json"), "--quiet"])
    assert open(os.path.join(sep, "en.vec"), "rb").read() == en_before
    assert r2["languages"]["en"]["read_from"] == os.path.join(sep, "en.vec")
    assert os.path.exists(os.path.join(sep, "report-de.json")) and os.path.exists(os.path.join(sep, "report.json"))
    assert r2["languages"]["de"]["seed_pairs"] == r["languages"]["de"]["seed_pairs"]
    a = WV.read_vec(os.path.join(joint, "de.vec"), 8)
    b = WV.read_vec(os.path.join(sep, "de.vec"), 8)
    assert list(a) == list(b)
    # en.vec read back is rounded to 5 decimals: the map agrees to that precision
    np.testing.assert_allclose(np.stack(list(a.values())), np.stack(list(b.values())), atol=1e-3)
    assert r2["languages"]["de"]["orthogonality_error"] < 1e-5
    with pytest.raises(V.VectorsError, match=r"--monolingual-only xx: not in --langs"):
        CLI.main(["--data", data, "--langs", "de", "--out", str(tmp_path / "e"), "--monolingual-only", "xx", "--quiet"])
    with pytest.raises(V.VectorsError, match=r"--target-vec .*nope.vec does not exist"):
        CLI.main(["--data", data, "--langs", "fr", "--out", str(tmp_path / "e"), "--target-vec", str(tmp_path / "nope.vec"), "--quiet"])
    with pytest.raises(V.VectorsError, match=r"--target-vec: .* has 8-dim vectors but --dim is 16"):
        CLI.main(["--data", data, "--langs", "fr", "--dim", "16", "--out", str(tmp_path / "e"),
                  "--target-vec", os.path.join(sep, "en.vec"), "--quiet"])
    with pytest.raises(V.VectorsError, match="no en training text left"):
        CLI.main(["--data", data, "--langs", "de,fr", "--out", str(tmp_path / "e"), "--monolingual-only", "de,fr", "--quiet"])
    assert not os.path.exists(str(tmp_path / "e"))


def test_errors(tmp_path, capsys):
    data = _tiny_data(tmp_path, n=60)
    out = str(tmp_path / "vecs")
    with pytest.raises(SystemExit) as e:
        CLI.cli_main(["--data", data, "--langs", "de,ro", "--dim", "8", "--out", out])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "no training text for language 'ro'" in err and "train.ro-*.ro" in err and "de, en, fr" in err
    assert not os.path.exists(out)  # checked before anything is written
    with pytest.raises(V.VectorsError, match=r"--dim 5000 exceeds what the data supports for 'en'"):
        CLI.main(["--data", data, "--langs", "de", "--dim", "5000", "--out", out, "--quiet"])
    with pytest.raises(V.VectorsError, match="--parallel-seeds must be >= 0"):
        CLI.main(["--data", data, "--langs", "de", "--out", out, "--parallel-seeds", "-1", "--quiet"])
    with pytest.raises(V.VectorsError, match="spm_text does not exist"):
        CLI.main(["--data", str(tmp_path), "--langs", "de", "--out", out])


def test_text_not_utf8(tmp_path, capsys):
    """A Latin-1 byte in DATA's text or in --parallel-text: one line naming the file and the
    1-based line and what to do; DATA's text is checked before anything is written."""
    data = _tiny_data(tmp_path, n=60)
    bad = os.path.join(data, "spm_text", "train.fr-en.fr")
    with open(bad, "rb") as f:
        lines = f.read().split(b"\n")
    lines[4] = "\u2581".encode("utf-8") + b"caf\xe9 !"  # a UTF-8 piece marker, then a Latin-1 byte
    with open(bad, "wb") as f:
        f.write(b"\n".join(lines))
    out = str(tmp_path / "vecs")
    with pytest.raises(SystemExit) as e:
        CLI.cli_main(["--data", data, "--langs", "de,fr", "--dim", "8", "--out", out])
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"fairseq-maml-vectors: error: {bad}, line 5: not UTF-8 (byte 0xe9 at character 5). "
                          f"Text must be UTF-8: re-encode it from its real encoding (for Latin-1: iconv -f LATIN1 "
                          f"-t UTF-8 {bad} > {bad}.utf8 && mv {bad}.utf8 {bad}), or drop the line")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not os.path.exists(out)  # not even the target's en.vec
    good = os.path.join(data, "spm_text", "train.fr-en.en")
    with pytest.raises(V.VectorsError, match=rf"{bad}, line 5: not UTF-8"):
        V.read_parallel([(bad, good)])
    with pytest.raises(V.VectorsError, match=rf"{bad}, line 5: not UTF-8"):
        V.read_pieces([good, bad])


def test_python_dash_m(tmp_path):
    data = _tiny_data(tmp_path, n=60)
    r = subprocess.run([sys.executable, "-m", "fairseq_maml.cli.vectors", "--data", data, "--langs", "xx",
                        "--out", str(tmp_path / "v")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "no training text for language 'xx'" in r.stderr


def test_project_from_parallel_recovers_translations():
    """Projection through aligned sentences: each source word's vector becomes (close to) its
    translation's target vector; words below min_count stay uncovered (zero rows)."""
    sents = _parallel_corpus(seed=4)
    src = _emb(sorted({w for s, _ in sents for w in s} | {"never_seen"}))
    tgt_words = sorted({w for _, t in sents for w in t})
    rng = np.random.default_rng(2)
    tgt = V.Embeddings(tgt_words, V.normalize(rng.standard_normal((len(tgt_words), 24))).astype(np.float32))
    proj, covered = V.project_from_parallel(sents, src, tgt, k=1, min_count=3)
    assert proj.shape == (len(src), 24) and not covered[src.index["never_seen"]]
    assert not proj[~covered].any()
    np.testing.assert_allclose(np.linalg.norm(proj[covered], axis=1), 1.0, atol=1e-5)
    best = {src.words[i]: tgt.words[int(np.argmax(tgt.vectors @ proj[i]))] for i in np.flatnonzero(covered)}
    # k=1 is the Dice-best target word: the translation (the noise words and "the_t" lose on Dice)
    assert {f"src{i}": f"tgt{i}" for i in range(30) if f"src{i}" in best}.items() <= best.items()
    assert sum(w.startswith("src") for w in best) >= 25
    # k=3 mixes in the next-best pieces but the translation still dominates (Dice 1 vs < 0.5)
    proj3, covered3 = V.project_from_parallel(sents, src, tgt, k=3, min_count=3)
    assert (covered3 == covered).all()
    agree = [tgt.words[int(np.argmax(tgt.vectors @ proj3[src.index[w]]))] == best[w] for w in best if w.startswith("src")]
    assert np.mean(agree) >= 0.9 and not np.allclose(proj3, proj)
    # the weights are the Dice coefficients: a hand-computed row
    r, c, n, n_s, n_t = V.sentence_cooccurrence(sents, src.index, tgt.index)
    i = src.index["src0"]
    rows = [(2.0 * n[j] / (n_s[r[j]] + n_t[c[j]]), c[j]) for j in range(len(r)) if r[j] == i and n[j] >= 3]
    rows.sort(key=lambda x: -x[0])
    ref = sum(d * tgt.vectors[cc].astype(np.float64) for d, cc in rows[:3])
    np.testing.assert_allclose(proj3[i], ref / np.linalg.norm(ref), atol=1e-5)
    # nothing co-occurs often enough: nothing covered
    _, none = V.project_from_parallel(sents, src, tgt, k=3, min_count=10**6)
    assert not none.any()


def test_parallel_text_and_projection_end_to_end(tmp_path):
    """--parallel-text gives a --monolingual-only language seeds from the named aligned files only
    (a fine-tuning set), mapped onto an existing en.vec; --projection then rewrites the pieces seen
    in those files, after the P@1 of the map."""
    data = _tiny_data(tmp_path, n=200)
    base = str(tmp_path / "base")
    CLI.main(["--data", data, "--langs", "de,fr", "--dim", "8", "--out", base, "--refine", "1",
              "--monolingual-only", "fr", "--quiet"])
    # a "fine-tuning set": the first 80 aligned lines of fr-en
    text = os.path.join(data, "spm_text")
    for lang in ("fr", "en"):
        lines = open(os.path.join(text, f"train.fr-en.{lang}"), encoding="utf-8").read().splitlines()[:80]
        (tmp_path / f"set.{lang}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pt = f"fr={tmp_path / 'set.fr'},{tmp_path / 'set.en'}"
    common = ["--data", data, "--langs", "fr", "--dim", "8", "--refine", "1", "--monolingual-only", "fr",
              "--target-vec", os.path.join(base, "en.vec"), "--parallel-text", pt, "--parallel-min-count", "2", "--quiet"]
    r = CLI.main(common + ["--out", str(tmp_path / "set")])
    sp = r["languages"]["fr"]["seed_pairs"]
    assert sp["parallel_files"] == [str(tmp_path / "set.fr"), str(tmp_path / "set.en")]
    assert sp["parallel_sentences"] == 80 and sp["parallel"] > 0
    assert r["languages"]["fr"]["projected"] is None
    full = CLI.main(["--data", data, "--langs", "fr", "--dim", "8", "--refine", "1", "--target-vec",
                     os.path.join(base, "en.vec"), "--parallel-min-count", "2", "--out", str(tmp_path / "full"), "--quiet"])
    assert full["languages"]["fr"]["seed_pairs"]["parallel_sentences"] == 200  # DATA's pair, without --parallel-text
    rp = CLI.main(common + ["--out", str(tmp_path / "proj"), "--projection", "3"])
    pr = rp["languages"]["fr"]["projected"]
    assert 0 < pr["pieces"] < pr["of"] and 0.0 < pr["token_share"] <= 1.0 and pr["k"] == 3
    assert rp["languages"]["fr"]["p_at_1"] == r["languages"]["fr"]["p_at_1"]  # P@1 measures the map, before projection
    a = WV.read_vec(str(tmp_path / "set" / "fr.vec"), 8)
    b = WV.read_vec(str(tmp_path / "proj" / "fr.vec"), 8)
    changed = sum(not np.allclose(a[w], b[w], atol=1e-4) for w in a)
    assert changed == pr["pieces"]
    # errors, before anything is written
    bad = str(tmp_path / "bad")
    for args, msg in (
        (["--parallel-text", "fr"], r"expected LANG=SRC_FILE,EN_FILE"),
        (["--parallel-text", f"de={tmp_path / 'set.fr'},{tmp_path / 'set.en'}"], r"'de' is not in --langs \(fr\)"),
        (["--parallel-text", pt, "--parallel-text", pt], r"fr is given twice"),
        (["--parallel-text", f"fr={tmp_path / 'nope.fr'},{tmp_path / 'set.en'}"], r"--parallel-text fr: .*nope.fr does not exist"),
        (["--parallel-text", pt, "--parallel-seeds", "0"], r"--parallel-seeds is 0 and --projection is off"),
        (["--projection", "-1"], r"--projection must be >= 0"),
    ):
        with pytest.raises(V.VectorsError, match=msg):
            CLI.main(["--data", data, "--langs", "fr", "--dim", "8", "--out", bad, "--quiet"] + args)
    assert not os.path.exists(bad)


def test_vectors_quality_benchmark_scores_against_unseen_sentences(tmp_path):
    """benchmarks/vectors_quality.py: the reference dictionary comes from the pool minus the
    excluded sentences, and P@1 is a plain nearest-neighbour count (checked on vectors built so
    that exactly the known half of the pieces point at their translation)."""
    spec = importlib.util.spec_from_file_location("_vq", os.path.join(REPO, "benchmarks", "vectors_quality.py"))
    vq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vq)
    sents = _parallel_corpus(n_sent=300, seed=6)
    for name, part in (("pool", sents), ("set", sents[:100])):
        for side, k in (("src", 0), ("en", 1)):
            (tmp_path / f"{name}.{side}").write_text("".join(" ".join(p[k]) + "\n" for p in part), encoding="utf-8")
    en_words = sorted({w for _, t in sents for w in t})
    rng = np.random.default_rng(0)
    E = V.normalize(rng.standard_normal((len(en_words), 16))).astype(np.float32)
    en = V.Embeddings(en_words, E)
    src_words = [f"src{i}" for i in range(30)] + ["the_s"]
    good = {f"src{i}" for i in range(0, 30, 2)}
    X = np.stack([E[en.index[f"tgt{w[3:]}"]] if w in good else V.normalize(rng.standard_normal((1, 16)))[0]
                  for w in src_words]).astype(np.float32)
    V.write_vec(str(tmp_path / "src.vec"), V.Embeddings(src_words, X))
    V.write_vec(str(tmp_path / "en.vec"), en)
    out = vq.main(["--vec", str(tmp_path / "src.vec"), "--en-vec", str(tmp_path / "en.vec"), "--dim", "16",
                   "--pool", f"{tmp_path / 'pool.src'},{tmp_path / 'pool.en'}",
                   "--exclude", f"{tmp_path / 'set.src'},{tmp_path / 'set.en'}"])
    assert out["reference_sentences"] == 200 and out["excluded_sentences"] == 100
    ref = V.parallel_pairs(sents[100:], V.Embeddings(src_words, X), en, 10**9, 3)
    ref = [(s, t) for s, t, _, _ in ref if s != t]
    assert out["n"] == len(ref) >= 20
    assert out["p_at_1"] == pytest.approx(sum(s in good for s, _ in ref) / len(ref), abs=1e-9)
    assert out["n_covered"] + out["n_not_covered"] == out["n"]
