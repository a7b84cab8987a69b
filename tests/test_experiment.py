"""Pure-function tests of examples/metanmt_experiment.py (no training, no subprocess)."""

import importlib.util
import json
import math
import os
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "examples" / "metanmt_experiment.py"
_spec = importlib.util.spec_from_file_location("metanmt_experiment", _PATH)
exp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exp)


def _raw(tmp_path, meta=("de", "fr", "es"), targets=("ro", "lv")):
    root = tmp_path / "raw"
    for sub, langs, splits in (("meta", meta, ("train", "valid")), ("target", targets, ("train", "valid", "test"))):
        (root / sub).mkdir(parents=True)
        for lang in langs:
            for split in splits:
                for side in (lang, "en"):
                    (root / sub / f"{split}.{lang}-en.{side}").write_text("a b\n", encoding="utf-8")
    return str(root)


def _cfg(tmp_path, *argv):
    a = exp.get_parser().parse_args(["--data", _raw(tmp_path), "--out", "/o/runs", *argv])
    return exp.build_config(a)


# --- aggregation -------------------------------------------------------------------------------


def _rec(method, target, budget, seed, bleu, chrf=None, tokens=100):
    return dict(method=method, target=target, budget=budget, seed=seed, tokens=tokens,
                dev_bleu=bleu, test_bleu=bleu, test_chrf=chrf if chrf is not None or bleu is None else bleu * 2,
                best_update=50)


def test_aggregate_mean_std_and_na():
    recs = [
        _rec("maml", "ro", 4000, 1, 10.0, tokens=3990),
        _rec("maml", "ro", 4000, 2, 14.0, tokens=4000),
        _rec("scratch", "ro", 4000, 1, 2.0),
        _rec("scratch", "ro", 4000, 2, None),         # a failed run: n/a
        _rec("maml", "ro", 0, 1, None, tokens=0),     # zero-shot not available
        _rec("fomaml", "ro", 0, 1, 3.5, tokens=0),
    ]
    agg = exp.aggregate(recs)
    a = agg[("maml", "ro", 4000)]
    assert (a["n"], a["n_ok"]) == (2, 2)
    assert a["bleu_mean"] == pytest.approx(12.0)
    assert a["bleu_std"] == pytest.approx(math.sqrt(8.0))  # sample std of 10, 14
    assert a["chrf_mean"] == pytest.approx(24.0)
    assert a["tokens_mean"] == pytest.approx(3995)
    s = agg[("scratch", "ro", 4000)]
    assert (s["n"], s["n_ok"], s["bleu_mean"], s["bleu_std"]) == (2, 1, 2.0, None)
    z = agg[("maml", "ro", 0)]
    assert (z["n_ok"], z["bleu_mean"], z["chrf_mean"]) == (0, None, None)
    assert agg[("fomaml", "ro", 0)]["bleu_mean"] == 3.5

    assert exp.format_cell(None, None) == "n/a"
    assert exp.format_cell(2.0, None) == "2.00"
    assert exp.format_cell(12.0, 2.8284) == "12.00 ± 2.83"

    md = exp.results_markdown(recs, ["maml", "fomaml", "scratch"], ["ro"], [0, 4000])
    assert "| maml | 4000 | 12.00 ± 2.83 |" in md
    assert "| scratch | 4000 | 2.00 (1/2) |" in md
    assert "| maml | 0 | n/a (0/1) |" in md
    assert "| scratch | 0 | n/a |" in md  # never planned
    assert "| fomaml | 0 | 3.50 |" in md


# --- commands ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", exp.ALL_METHODS)
@pytest.mark.parametrize("vectors", [False, True])
def test_finetune_cmd_selects_on_dev_only(tmp_path, method, vectors):
    cfg = _cfg(tmp_path, "--preset", "cpu")
    run = exp.Run(method, "ro", 4000, 2)
    cmd = exp.finetune_cmd(cfg, run, vectors)
    assert not any("test" in x for x in cmd), cmd
    i = cmd.index("--valid-subset")
    assert cmd[i + 1] == "valid"
    assert cmd[cmd.index("--patience") + 1] == "3"
    assert cmd[cmd.index("--validate-interval-updates") + 1] == "50"
    assert cmd[cmd.index("--max-update") + 1] == "300"
    assert cmd[cmd.index("-s") + 1] == "ro" and cmd[cmd.index("-t") + 1] == "en"
    assert cmd[cmd.index("--seed") + 1] == "2"
    assert ("--finetune-from-model" in cmd) == (method != "scratch")
    if method != "scratch":
        assert cmd[cmd.index("--finetune-from-model") + 1] == os.path.join("/o/runs", "meta", method, "checkpoint_last.pt")
    assert ("--ulr-vectors-dir" in cmd) == vectors
    # flags that the task may not have yet are forwarded only when asked for
    assert "--finetune-params" not in cmd and "--finetune-l2" not in cmd
    # the data dir is the run's own fine-tuning set
    assert cmd[1] == os.path.join("/o/runs", "ftdata", "ro-b4000-s2", "bin")


def test_finetune_cmd_forwards_protocol_flags(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu", "--finetune-params", "embeddings", "--finetune-l2", "0.01")
    cmd = exp.finetune_cmd(cfg, exp.Run("maml", "lv", 16000, 1), False)
    assert cmd[cmd.index("--finetune-params") + 1] == "embeddings"
    assert cmd[cmd.index("--finetune-l2") + 1] == "0.01"
    assert cmd[cmd.index("--finetune-l2-anchor") + 1] == cmd[cmd.index("--finetune-from-model") + 1]
    scratch = exp.finetune_cmd(cfg, exp.Run("scratch", "lv", 16000, 1), False)
    assert "--finetune-l2-anchor" not in scratch and "--finetune-from-model" not in scratch
    assert not any("test" in x for x in cmd + scratch)


def test_meta_cmds_share_budget(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu")
    cmds = {m: exp.meta_train_cmd(cfg, m, True) for m in exp.META_METHODS}
    for m, cmd in cmds.items():
        assert cmd[cmd.index("--meta-mode") + 1] == m
        assert cmd[cmd.index("--lang-pairs") + 1] == "de-en,es-en,fr-en"
        assert "--log-file" in cmd and cmd[cmd.index("--log-format") + 1] == "json"
        rest = [x for x in cmd if x not in exp.META_METHODS and f"/{m}" not in x]
        assert rest == [x for x in cmds["maml"] if x != "maml" and "/maml" not in x]


def test_vectors_plan_keeps_target_parallel_text_out(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu", "--targets", "ro")
    cmd, marker = exp.vectors_plan(cfg, None)
    assert exp.option_value(cmd, "--langs") == "de,es,fr,ro"
    # the target's pair is monolingual text only: its parallel text is the budgeted fine-tuning pool
    assert exp.option_value(cmd, "--monolingual-only") == "ro" and "--target-vec" not in cmd
    assert marker == {"used": True, "langs": ["de", "es", "fr", "ro"], "monolingual_only": ["ro"], "projection": 0}
    assert "--projection" not in cmd
    # nothing to do when every target has its vectors
    assert exp.vectors_plan(cfg, marker) == (None, marker)
    # a later run with a new target maps only it onto the existing English space
    more = _cfg(tmp_path / "b", "--preset", "cpu", "--targets", "ro,lv")
    cmd2, marker2 = exp.vectors_plan(more, marker)
    assert exp.option_value(cmd2, "--langs") == "lv" == exp.option_value(cmd2, "--monolingual-only")
    assert exp.option_value(cmd2, "--target-vec") == os.path.join("/o/runs", "vectors", "en.vec")
    assert exp.option_value(cmd2, "--out") == os.path.join("/o/runs", "vectors")
    assert exp.option_value(cmd2, "--report") == os.path.join("/o/runs", "vectors", "report-lv.json")
    assert marker2["langs"] == ["de", "es", "fr", "ro", "lv"] and marker2["monolingual_only"] == ["ro", "lv"]


def test_target_vectors_aligned_per_fine_tuning_set(tmp_path):
    """--target-vectors set / vec=set: each fine-tuning set gets the target's vectors aligned with
    that set's own sentence pairs (never the pool, dev or test), on the meta checkpoints' en.vec;
    only those methods' fine-tuning reads them."""
    cfg = _cfg(tmp_path, "--preset", "cpu", "--methods", "maml,multitask,mt-set",
               "--variant", "mt-set=multitask;vec=set", "--vectors-projection", "3")
    assert [cfg.vec_mode(m) for m in cfg.methods] == ["mono", "mono", "set"]
    run = exp.Run("mt-set", "ro", 4000, 2)
    setdir = os.path.join("/o/runs", "ftdata", "ro-b4000-s2", "vectors")
    assert cfg.set_vectors_dir("ro", 4000, 2) == setdir
    ft = exp.finetune_cmd(cfg, run, True)
    assert ft.count("--ulr-vectors-dir") == 1 and exp.option_value(ft, "--ulr-vectors-dir") == setdir
    assert ft[ft.index("--finetune-from-model") + 1] == cfg.meta_ckpt("multitask")
    mono = exp.finetune_cmd(cfg, exp.Run("multitask", "ro", 4000, 2), True)
    assert exp.option_value(mono, "--ulr-vectors-dir") == os.path.join("/o/runs", "vectors")
    assert "--ulr-vectors-dir" not in exp.finetune_cmd(cfg, run, False)  # --no-vectors wins
    vec = exp.set_vectors_cmd(cfg, "ro", 4000, 2)
    text = os.path.join("/o/runs", "ftdata", "ro-b4000-s2", "text", "train.ro-en")
    assert exp.option_value(vec, "--parallel-text") == f"ro={text}.ro,{text}.en"
    assert exp.option_value(vec, "--langs") == "ro" == exp.option_value(vec, "--monolingual-only")
    assert exp.option_value(vec, "--target-vec") == os.path.join("/o/runs", "vectors", "en.vec")
    assert exp.option_value(vec, "--out") == setdir and exp.option_value(vec, "--projection") == "3"
    assert not any("test" in x or "valid" in x for x in vec) and not any("test" in x for x in ft)
    # the global flag, and vec= overriding it either way; a child variant inherits its parent's
    g = _cfg(tmp_path / "g", "--preset", "cpu", "--target-vectors", "set", "--methods", "maml,m-mono,m-mono2",
             "--variant", "m-mono=maml;vec=mono", "--variant", "m-mono2=m-mono;ft=--lr 0.001")
    assert [g.vec_mode(m) for m in g.methods] == ["set", "mono", "mono"]
    assert "--projection" not in exp.set_vectors_cmd(g, "ro", 4000, 1)
    with pytest.raises(SystemExit, match="vec='x', expected one of mono,set"):
        exp.parse_variant("a=maml;vec=x")
    # the main vectors step projects too, and refuses an --out built with other vectors
    cmd, marker = exp.vectors_plan(cfg, None)
    assert exp.option_value(cmd, "--projection") == "3" and marker["projection"] == 3
    with pytest.raises(SystemExit, match="built with --projection 0; use another --out"):
        exp.vectors_plan(cfg, dict(marker, projection=0))


def test_variants(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu", "--methods", "maml-ilr1,mt-l2,scratch",
               "--variant", "maml-ilr1=maml;meta=--inner-lr 1.0 --max-update 7",
               "--variant", "mt-l2=multitask;ft=--finetune-l2 0.01 --finetune-l2-anchor {meta_ckpt}")
    # a variant with meta arguments trains its own initialisation, with the base mode and its arguments last
    meta = exp.meta_train_cmd(cfg, "maml-ilr1", False)
    assert meta[meta.index("--meta-mode") + 1] == "maml" and meta[-4:] == ["--inner-lr", "1.0", "--max-update", "7"]
    assert cfg.meta_dir("maml-ilr1").endswith(os.path.join("meta", "maml-ilr1"))
    # a variant with fine-tuning arguments only reuses its base's meta checkpoint
    assert cfg.meta_dir("mt-l2") == cfg.meta_dir("multitask")
    ft = exp.finetune_cmd(cfg, exp.Run("mt-l2", "ro", 4000, 1), False)
    assert ft[-4:] == ["--finetune-l2", "0.01", "--finetune-l2-anchor", cfg.meta_ckpt("multitask")]
    assert ft[ft.index("--finetune-from-model") + 1] == cfg.meta_ckpt("multitask")
    runs = exp.plan_runs(cfg.methods, cfg.targets, cfg.budgets, cfg.seeds, cfg.meta_methods)
    assert {r.method for r in runs if r.budget == 0} == {"maml-ilr1", "mt-l2"}
    # an option of a variant replaces the base command's; another optimizer drops --adam-betas
    sgd = _cfg(tmp_path / "z", "--methods", "m1-sgd", "--variant", "m1=maml;meta=--inner-lr 1.0",
               "--variant", "m1-sgd=m1;ft=--optimizer sgd --lr 1.0 --clip-norm 0")
    v = sgd.variants["m1-sgd"]
    assert v.base == "maml" and v.meta_from == "m1" and v.meta_args == ("--inner-lr", "1.0")
    ft = exp.finetune_cmd(sgd, exp.Run("m1-sgd", "ro", 4000, 1), False)
    assert ft[ft.index("--finetune-from-model") + 1] == sgd.meta_ckpt("m1") == os.path.join("/o/runs", "meta", "m1", "checkpoint_last.pt")
    assert "--adam-betas" not in ft and "(0.9,0.98)" not in ft
    for flag, value in (("--optimizer", "sgd"), ("--lr", "1.0"), ("--clip-norm", "0")):
        assert ft.count(flag) == 1 and ft[ft.index(flag) + 1] == value
    meta = exp.meta_train_cmd(sgd, "m1", False)
    assert meta.count("--inner-lr") == 1 and meta[meta.index("--inner-lr") + 1] == "1.0"
    assert exp.merge_args(["a", "--x", "1", "--flag", "--y", "-0.5", "z"], ["--y", "2"]) == \
        ["a", "--x", "1", "--flag", "--y", "2"]
    for bad in ("maml=maml", "x=nope", "x=scratch;meta=--inner-lr 1", "x=maml;foo=1", "a b=maml"):
        with pytest.raises(SystemExit):
            exp.parse_variant(bad)
    with pytest.raises(SystemExit, match="unknown method 'y'"):
        _cfg(tmp_path / "y", "--methods", "maml,y", "--variant", "x=maml")


def test_generate_cmd(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu")
    cmd = exp.generate_cmd(cfg, "/d", "ro", "/c.pt", "test", zero_shot=True)
    assert cmd[cmd.index("--gen-subset") + 1] == "test" and "--zero-shot" in cmd
    assert cmd[cmd.index("--beam") + 1] == "5"
    assert cmd[cmd.index("--remove-bpe") + 1] == "sentencepiece"


# --- the plan ----------------------------------------------------------------------------------


def test_plan_cpu_preset(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu")
    assert cfg.arch == "ulr_transformer_tiny"
    assert cfg.meta_pairs == ["de", "es", "fr"] and cfg.targets == ["lv", "ro"]
    # the verdict's comparison (docs/reports/experiment.md) at the budgets
    assert cfg.budgets == [0, 1000, 2000, 4000, 16000] and cfg.seeds == 2
    assert cfg.methods == list(exp.VERDICT_METHODS)
    runs = exp.plan_runs(cfg.methods, cfg.targets, cfg.budgets, cfg.seeds, cfg.meta_methods)
    zs = [r for r in runs if r.budget == 0]
    ft = [r for r in runs if r.budget > 0]
    assert len(zs) == 3 * 2 and all(r.method != "scratch" and r.seed == 1 for r in zs)
    assert len(ft) == 4 * 2 * 4 * 2
    assert {(r.method, r.target, r.budget, r.seed) for r in ft} == {
        (m, t, b, s) for m in exp.VERDICT_METHODS for t in ("lv", "ro") for b in (1000, 2000, 4000, 16000)
        for s in (1, 2)}
    assert len(set(runs)) == len(runs)
    assert exp.estimate_seconds(cfg, runs)["total"] > 0


def test_plan_follows_flags(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "gpu", "--targets", "ro", "--methods", "maml,scratch",
               "--budgets", "0,16000", "--seeds", "3", "--meta-pairs", "de,fr")
    assert cfg.arch == "ulr_transformer_small" and cfg.meta_pairs == ["de", "fr"]
    runs = exp.plan_runs(cfg.methods, cfg.targets, cfg.budgets, cfg.seeds)
    assert [r.name for r in runs] == ["maml-ro-b0-s1"] + [
        f"{m}-ro-b16000-s{s}" for m in ("maml", "scratch") for s in (1, 2, 3)]


def test_smoke_preset_two_meta_pairs(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "smoke")
    assert cfg.meta_pairs == ["de", "fr"]
    with pytest.raises(SystemExit):
        _cfg(tmp_path / "x", "--targets", "ko")


def test_parse_hypotheses_sorted_by_id():
    text = "S-1\tb\nH-1\t-0.5\tsecond\nD-1\t-0.5\tsecond\nH-0\t-0.1\tfirst\n"
    assert exp.parse_hypotheses(text, 3) == ["first", "second", ""]


def test_best_update_from_json_log(tmp_path):
    log = tmp_path / "train.log"
    log.write_text(
        '2026-01-01 | INFO | train_inner | {"epoch": 1, "train_inner_loss": "9.1", "train_inner_num_updates": "10"}\n'
        '2026-01-01 | INFO | valid | {"epoch": 1, "valid_loss": "8.5", "valid_num_updates": "50"}\n'
        '2026-01-01 | INFO | valid | {"epoch": 2, "valid_loss": "7.9", "valid_num_updates": "100"}\n'
        '2026-01-01 | INFO | valid | {"epoch": 3, "valid_loss": "8.0", "valid_num_updates": "150"}\n', encoding="utf-8")
    assert exp.best_update(str(log)) == 100
    assert [n for n, _ in exp.read_json_log(str(log))] == ["train_inner", "valid", "valid", "valid"]
    # --ft-select bleu: the highest dev BLEU, the first of ties (what fairseq keeps as best)
    log.write_text(
        '{"epoch": 1, "valid_loss": "8.5", "valid_bleu": "1.2", "valid_num_updates": "50"}\n'
        '{"epoch": 2, "valid_loss": "7.9", "valid_bleu": "2.5", "valid_num_updates": "100"}\n'
        '{"epoch": 3, "valid_loss": "8.0", "valid_bleu": "2.5", "valid_num_updates": "150"}\n', encoding="utf-8")
    assert exp.best_update(str(log), "bleu") == 100 and exp.best_update(str(log)) == 100


def test_finetune_cmd_selects_on_dev_bleu_when_asked(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu", "--ft-select", "bleu", "--curve", "0,10")
    for method in ("multitask", "scratch"):
        cmd = exp.finetune_cmd(cfg, exp.Run(method, "ro", 1000, 1), True)
        assert not any("test" in x for x in cmd), cmd  # selection reads the dev split only
        v = lambda o: exp.option_value(cmd, o)
        assert "--eval-bleu" in cmd and "--maximize-best-checkpoint-metric" in cmd
        assert (v("--best-checkpoint-metric"), v("--valid-subset"), v("--eval-bleu-remove-bpe")) == ("bleu", "valid", "sentencepiece")
        assert json.loads(v("--eval-bleu-args")) == {"beam": 1, "max_len_a": 1.5, "max_len_b": 10}
        assert cmd.count("--best-checkpoint-metric") == 1
        # the adaptation curve does not validate, so it never decodes either
        curve = exp.curve_cmds(cfg, exp.Run(method, "ro", 1000, 1), True)
        assert len(curve) == 2 and all("--disable-validation" in c for _, c in curve)
    # dev BLEU is the default (the second screen's verdict); --ft-select loss restores dev loss
    assert exp.option_value(exp.finetune_cmd(_cfg(tmp_path / "d", "--preset", "cpu"), exp.Run("multitask", "ro", 1000, 1), True),
                            "--best-checkpoint-metric") == "bleu"
    loss = exp.finetune_cmd(_cfg(tmp_path / "l", "--preset", "cpu", "--ft-select", "loss"), exp.Run("multitask", "ro", 1000, 1), True)
    assert exp.option_value(loss, "--best-checkpoint-metric") == "loss" and "--eval-bleu" not in loss


def test_meta_curves_from_json_log(tmp_path):
    log = tmp_path / "train.log"
    log.write_text(
        '2026-01-01 | INFO | train_inner | {"epoch": 1, "loss": "9.1", "query_before": "9.3", "query_after": "9.1", "num_updates": "10"}\n'
        '2026-01-01 | INFO | train_inner | {"epoch": 1, "loss": "8.1", "query_before": "8.2", "query_after": "8.1", "num_updates": "20"}\n'
        '2026-01-01 | INFO | valid | {"epoch": 1, "valid_loss": "8.5", "valid_num_updates": "20"}\n', encoding="utf-8")
    c = exp.meta_curves(str(log))
    assert c["query_before"] == [(10, 9.3), (20, 8.2)] and c["loss"] == [(10, 9.1), (20, 8.1)]
    # what fairseq really writes to --log-file: bare messages, the config dump first
    bare = tmp_path / "bare.log"
    bare.write_text(
        "{'_name': None, 'common': {'log_format': 'json'}}\n"
        'begin validation on "valid" subset\n'
        '{"epoch": 1, "update": 0.1, "loss": "9.1", "query_before": "9.3", "query_after": "9.1", "num_updates": "10"}\n'
        '{"epoch": 1, "valid_loss": "8.5", "valid_num_updates": "10"}\n'
        '{"epoch": 1, "valid_loss": "8.5", "valid_num_updates": "10"}\n'
        '{"epoch": 1, "train_loss": "9.0", "train_num_updates": "12"}\n', encoding="utf-8")
    assert [n for n, _ in exp.read_json_log(str(bare))] == ["train_inner", "valid", "valid", "train"]
    assert exp.meta_curves(str(bare))["query_after"] == [(10, 9.1)]
    assert exp.best_update(str(bare)) == 10


def test_missing_console_scripts_refused_before_writing(tmp_path, monkeypatch):
    """Run with a Python whose environment lacks the plugin's console scripts: a clear error
    naming them, and no output folder."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(exp.sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    with pytest.raises(SystemExit, match=r"fairseq-maml-prepare, fairseq-train, fairseq-generate not found"):
        exp.main(["--data", _raw(tmp_path), "--out", str(out), "--preset", "smoke"])
    assert not out.exists()


def test_interval_checkpoints_kept_only_when_asked(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu",
               "--variant", "maml-6k=maml;meta=--max-update 6000 --keep-interval-updates 3")
    assert not exp.keeps_interval_checkpoints(exp.meta_train_cmd(cfg, "maml", True))
    assert exp.keeps_interval_checkpoints(exp.meta_train_cmd(cfg, "maml-6k", True))
    assert exp.keeps_interval_checkpoints(["fairseq-train", "--keep-interval-updates", "-1"])


def test_interrupted_meta_training_resumes_only_with_the_same_command(tmp_path):
    cfg = _cfg(tmp_path, "--preset", "cpu")
    cmd = exp.meta_train_cmd(cfg, "maml", True)
    d = tmp_path / "meta"
    assert not exp.can_resume_meta(str(d), cmd)  # nothing there
    d.mkdir()
    (d / "command.json").write_text(json.dumps(cmd))
    assert not exp.can_resume_meta(str(d), cmd)  # no checkpoint yet
    (d / "checkpoint_last.pt").write_bytes(b"")
    assert exp.can_resume_meta(str(d), cmd)
    assert not exp.can_resume_meta(str(d), exp.meta_train_cmd(cfg, "multitask", True))  # another command
    (d / "command.json").write_text("{not json")
    assert not exp.can_resume_meta(str(d), cmd)
