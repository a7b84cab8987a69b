"""examples/metanmt_experiment.py: warm-started methods, compute records, paired statistics and the
adaptation curve (pure functions and small files; no training)."""

import importlib.util
import json
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "examples" / "metanmt_experiment.py"
_spec = importlib.util.spec_from_file_location("metanmt_experiment_stats", _PATH)
exp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exp)


def _raw(tmp_path, meta=("de", "fr"), targets=("ro", "fi")):
    root = tmp_path / "raw"
    for sub, langs, splits in (("meta", meta, ("train", "valid")), ("target", targets, ("train", "valid", "test"))):
        (root / sub).mkdir(parents=True)
        for lang in langs:
            for split in splits:
                for side in (lang, "en"):
                    (root / sub / f"{split}.{lang}-en.{side}").write_text("a b\n", encoding="utf-8")
    return str(root)


def _cfg(tmp_path, *argv, out="/o/runs"):
    a = exp.get_parser().parse_args(["--data", _raw(tmp_path), "--out", str(out), "--preset", "cpu", *argv])
    return exp.build_config(a)


# --- warm-started methods -----------------------------------------------------------------------


def test_warm_method_commands(tmp_path):
    cfg = _cfg(tmp_path, "--methods", "multitask,maml@multitask,fomaml@multitask,multitask@multitask~maml",
               "--meta-updates", "4000", "--warm-updates", "1500")
    # inits first, each meta-training once
    assert cfg.meta_keys() == ["multitask", "maml@multitask", "fomaml@multitask", "multitask@multitask~maml"]
    cmd = exp.meta_train_cmd(cfg, "maml@multitask", True)
    v = lambda c, o: exp.option_value(c, o)
    assert v(cmd, "--meta-mode") == "maml" and v(cmd, "--max-update") == "1500"
    assert v(cmd, "--finetune-from-model") == "/o/runs/meta/multitask/checkpoint_last.pt"
    assert v(cmd, "--save-dir") == "/o/runs/meta/maml@multitask"
    assert cmd.count("--save-dir") == cmd.count("--max-update") == cmd.count("--log-file") == 1
    # everything else is maml's own meta-training command (same budget, lr, episodes)
    plain = exp.meta_train_cmd(cfg, "maml", True)
    strip = lambda c: [x for x in exp.merge_args(c, ["--max-update", "0", "--save-dir", "d", "--log-file", "l",
                                                       "--finetune-from-model", "f"])]
    assert strip(cmd) == strip(plain)
    assert v(exp.meta_train_cmd(cfg, "multitask", True), "--max-update") == "4000"
    # equal compute: multitask continued for maml's counted arithmetic (dry-run ratio 2, then counted)
    assert v(exp.meta_train_cmd(cfg, "multitask@multitask~maml", True), "--max-update") == "3000"
    cfg.arithmetic = {"maml": {"flops_per_update": 14.0}, "multitask": {"flops_per_update": 11.0}}
    assert v(exp.meta_train_cmd(cfg, "multitask@multitask~maml", True), "--max-update") == str(round(1500 * 14 / 11))
    assert exp.arithmetic_keys(cfg) == ["multitask", "maml", "fomaml"]
    # fine-tuning of a warm start reads its own checkpoint
    ft = exp.finetune_cmd(cfg, exp.Run("maml@multitask", "ro", 1000, 1), True)
    assert v(ft, "--finetune-from-model") == "/o/runs/meta/maml@multitask/checkpoint_last.pt"


def test_warm_start_of_a_fine_tuning_variant_shares_the_continuation(tmp_path):
    # maml-sgd and mt-sgd change only fine-tuning: their warm starts fine-tune from the
    # continuations of maml@multitask and multitask@multitask~maml, trained once
    cfg = _cfg(tmp_path, "--methods", "maml-sgd@multitask,mt-sgd@multitask~maml,multitask@multitask~maml",
               "--variant", "maml-sgd=maml;ft=--optimizer sgd --lr 0.1",
               "--variant", "mt-sgd=multitask;ft=--optimizer sgd --lr 0.1")
    assert cfg.meta_keys() == ["multitask", "maml@multitask", "multitask@multitask~maml"]
    assert cfg.meta_dir("maml-sgd@multitask") == "/o/runs/meta/maml@multitask"
    ft = exp.finetune_cmd(cfg, exp.Run("mt-sgd@multitask~maml", "ro", 1000, 1), True)
    v = lambda o: exp.option_value(ft, o)
    assert v("--finetune-from-model") == "/o/runs/meta/multitask@multitask~maml/checkpoint_last.pt"
    assert (v("--optimizer"), v("--lr")) == ("sgd", "0.1") and "--adam-betas" not in ft
    assert exp.option_value(exp.meta_train_cmd(cfg, "maml-sgd@multitask", True), "--meta-mode") == "maml"
    # select=bleu: the same continuation, the checkpoint picked by dev BLEU
    sel = _cfg(tmp_path / "b", "--methods", "mt-bleu@multitask~maml,multitask@multitask~maml",
               "--variant", "mt-bleu=multitask;select=bleu", "--ft-select", "loss")
    a, b = (exp.finetune_cmd(sel, exp.Run(m, "ro", 1000, 1), True) for m in ("mt-bleu@multitask~maml", "multitask@multitask~maml"))
    assert exp.option_value(a, "--finetune-from-model") == exp.option_value(b, "--finetune-from-model")
    assert (exp.option_value(a, "--best-checkpoint-metric"), exp.option_value(b, "--best-checkpoint-metric")) == ("bleu", "loss")
    with pytest.raises(SystemExit, match="select='dev'"):
        exp.parse_variant("x=maml;select=dev")


def test_warm_method_of_variants_and_meta_seeds(tmp_path):
    cfg = _cfg(tmp_path, "--variant", "mt2k=multitask;meta=--max-update 2000",
               "--variant", "maml-ilr=maml;meta=--inner-lr 0.03 --max-update 700",
               "--methods", "mt2k,maml-ilr@mt2k,maml@mt2k", "--meta-seeds", "2")
    cmd = exp.meta_train_cmd(cfg, "maml-ilr@mt2k", True, meta_seed=2)
    v = lambda o: exp.option_value(cmd, o)
    assert (v("--inner-lr"), v("--max-update"), v("--seed")) == ("0.03", "700", "2")
    assert v("--finetune-from-model") == "/o/runs/meta/mt2k-ms2/checkpoint_last.pt"
    assert v("--save-dir") == "/o/runs/meta/maml-ilr@mt2k-ms2"
    assert exp.option_value(exp.meta_train_cmd(cfg, "maml@mt2k", True), "--max-update") == str(cfg.meta_updates)
    runs = exp.plan_runs(cfg.methods, ["ro"], [0, 1000], 2, cfg.meta_methods, cfg.meta_seeds)
    assert len([r for r in runs if r.budget == 1000]) == 3 * 2 * 2
    assert {r.meta_seed for r in runs} == {1, 2}
    with pytest.raises(SystemExit, match="not a meta method"):
        _cfg(tmp_path / "b", "--methods", "maml@scratch")
    with pytest.raises(SystemExit, match="METHOD@INIT"):
        _cfg(tmp_path / "c", "--methods", "maml@@multitask")


# --- compute records ----------------------------------------------------------------------------


def _log(path, updates, wpb, interval=10):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["[2026-12-07 03:00:00] config {'a': 1}"]
    for u in range(interval, updates + 1, interval):
        lines.append(json.dumps({"epoch": 1, "loss": "5.0", "wpb": str(wpb), "num_updates": str(u), "wall": "3"}))
    lines.append(json.dumps({"epoch": 1, "train_loss": "5.0", "train_wpb": str(wpb), "train_num_updates": str(updates)}))
    path.write_text("\n".join(lines) + "\n")


def test_compute_records_present_and_monotone(tmp_path):
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, "--methods", "multitask,maml@multitask,multitask@multitask~maml", "--warm-updates", "20",
               out=out)
    cfg.arithmetic = {"multitask": dict(flops_per_update=3000.0, query_tokens_per_update=300.0,
                                        support_tokens_per_update=0.0, flops_per_token=10.0),
                      "maml": dict(flops_per_update=4000.0, query_tokens_per_update=150.0,
                                   support_tokens_per_update=100.0, flops_per_token=16.0)}
    _log(out / "meta" / "multitask" / "train.log", 40, 300)
    exp._add_seconds(str(out / "meta" / "multitask"), 100.0)
    _log(out / "meta" / "maml@multitask" / "train.log", 20, 150)
    exp._add_seconds(str(out / "meta" / "maml@multitask"), 30.0)
    exp._add_seconds(str(out / "meta" / "maml@multitask"), 20.0)  # resumed once: the parts add up
    mt = exp.meta_compute(cfg, "multitask")
    assert (mt["updates"], mt["query_tokens"], mt["support_tokens"]) == (40, 40 * 300, 0)
    assert mt["flops"] == pytest.approx(40 * 300 * 10.0) and mt["seconds"] == 100 and mt["init"] is None
    w = exp.meta_compute(cfg, "maml@multitask")
    own = w["own"]
    # the rule: query tokens = updates x logged wpb; support = query x the counted support/query ratio
    assert (own["updates"], own["query_tokens"]) == (20, 20 * 150)
    assert own["support_tokens"] == pytest.approx(20 * 150 * 100 / 150)
    assert own["flops"] == pytest.approx((20 * 150 + 20 * 100) * 16.0)
    assert own["seconds"] == pytest.approx(50.0)
    # a warm start's record includes its init's: every quantity grows
    assert w["init"] == "multitask"
    for k in ("updates", "query_tokens", "support_tokens", "flops", "seconds"):
        assert w[k] == pytest.approx(mt[k] + own[k]) and w[k] >= mt[k]
    # curves of the same run are monotone in the updates recorded
    assert exp.log_tokens(str(out / "meta" / "multitask" / "train.log")) == (40, 300.0)
    # a run shorter than --log-interval has no train_inner record: the end-of-epoch train_wpb counts
    _log(out / "short" / "train.log", 4, 150, interval=10)
    assert exp.log_tokens(str(out / "short" / "train.log")) == (4, 150.0)


# --- paired statistics --------------------------------------------------------------------------


def _r(method, seed, bleu, meta_seed=1, target="ro", budget=1000):
    return dict(method=method, target=target, budget=budget, seed=seed, meta_seed=meta_seed, test_bleu=bleu)


def test_paired_stats_by_hand():
    # three sets: differences maml - multitask = +1, +2, -0.5 -> mean 2.5 / 3, 2 wins, 1 loss
    recs = [_r("multitask", 1, 10.0), _r("multitask", 2, 11.0), _r("multitask", 3, 12.0),
            _r("maml", 1, 11.0), _r("maml", 2, 13.0), _r("maml", 3, 11.5),
            _r("maml", 4, 99.0)]  # no multitask on set 4: not a pair
    st = exp.paired_stats(recs, "maml", "multitask", "ro", 1000, n_boot=2000)
    assert st["n"] == 3 and st["mean"] == pytest.approx(2.5 / 3)
    assert (st["wins"], st["losses"], st["ties"]) == (2, 1, 0)
    assert -0.5 <= st["lo"] <= st["mean"] <= st["hi"] <= 2.0
    assert exp.paired_stats(recs, "maml", "multitask", "fi", 1000) is None


def test_bootstrap_interval_by_hand():
    # equal differences: every resample has the same mean
    assert exp.bootstrap_interval({(1, 1): 0.7, (1, 2): 0.7, (1, 3): 0.7}, n_boot=500) == (pytest.approx(0.7), pytest.approx(0.7))
    # two sets, differences 0 and 2: a resample's mean is 0 (p 1/4), 1 (1/2) or 2 (1/4), so the
    # 2.5% and 97.5% percentiles are 0 and 2
    lo, hi = exp.bootstrap_interval({(1, 1): 0.0, (1, 2): 2.0}, n_boot=4000)
    assert (lo, hi) == (0.0, 2.0)
    # two meta seeds x one set: the meta seed is resampled too (0 or 2 on its own, 1 mixed)
    lo, hi = exp.bootstrap_interval({(1, 1): 0.0, (2, 1): 2.0}, n_boot=4000)
    assert (lo, hi) == (0.0, 2.0)
    # two meta seeds x two sets, meta seed 2 better by 2 everywhere and set 2 by 1:
    # cells 0, 1 / 2, 3; the full mean is 1.5 and the interval spans 0 (both draws of ms 1, set 1) to 3
    cells = {(1, 1): 0.0, (1, 2): 1.0, (2, 1): 2.0, (2, 2): 3.0}
    lo, hi = exp.bootstrap_interval(cells, n_boot=20000)
    assert lo == pytest.approx(0.0) and hi == pytest.approx(3.0)


def test_paired_stats_two_meta_seeds_and_scratch_baseline():
    recs = [_r("multitask", s, 10.0, ms) for s in (1, 2) for ms in (1, 2)]
    recs += [_r("maml", 1, 11.0, 1), _r("maml", 2, 12.0, 1), _r("maml", 1, 9.0, 2), _r("maml", 2, 10.0, 2)]
    st = exp.paired_stats(recs, "maml", "multitask", "ro", 1000, n_boot=500)
    assert st["n"] == 4 and st["mean"] == pytest.approx((1 + 2 - 1 + 0) / 4)
    assert (st["wins"], st["losses"], st["ties"]) == (2, 1, 1)
    # scratch has no meta seeds: each meta seed's run pairs with scratch's run on the same set
    recs += [_r("scratch", 1, 1.0), _r("scratch", 2, 2.0)]
    st = exp.paired_stats(recs, "maml", "scratch", "ro", 1000, n_boot=500)
    assert st["n"] == 4 and st["mean"] == pytest.approx((10 + 10 + 8 + 8) / 4)


def test_compute_markdown_tables():
    recs = [dict(_r("multitask", s, 10.0 + s), meta_updates=40, meta_tokens=1e6, meta_flops=2e12, meta_seconds=60,
                 init=None, bleu_at_updates={"0": 1.0, "10": 5.0}, ft_updates=50) for s in (1, 2)]
    recs += [dict(_r("maml@multitask", s, 11.0 + s), meta_updates=60, meta_tokens=2e6, meta_flops=5e12,
                  meta_seconds=120, init="multitask", bleu_at_updates={"0": 2.0, "10": 6.0}, ft_updates=100)
             for s in (1, 2)]
    md = exp.compute_markdown(recs, ["multitask", "maml@multitask"], ["ro"], [1000], ["multitask"], [0, 10])
    assert "| maml@multitask | multitask | 60 | 2.00M | 5.00 | 2.0 |" in md
    assert "| maml@multitask | 1000 | +1.00 [+1.00, +1.00] 2-0 (n=2) |" in md
    assert "| maml@multitask | ro | 1000 | 2.00 | 6.00 | 12.50 (100) |" in md
    # the curve paired point by point: +1 at 0 and at 10 updates on both sets
    assert "| maml@multitask | ro | 1000 | +1.00 [+1.00, +1.00] 2-0 | +1.00 [+1.00, +1.00] 2-0 |" in md


# --- the adaptation curve never reads test data for selection -------------------------------------


def test_curve_commands_fixed_updates_no_test_no_selection(tmp_path):
    cfg = _cfg(tmp_path, "--methods", "multitask,maml@multitask,scratch", "--curve", "100,0,10,25,50",
               "--target-vectors", "set")
    assert cfg.curve == [0, 10, 25, 50, 100]
    for method in ("maml@multitask", "scratch"):
        run = exp.Run(method, "ro", 1000, 2)
        main = exp.finetune_cmd(cfg, run, True)
        cmds = exp.curve_cmds(cfg, run, True)
        assert [p for p, _ in cmds] == [[0], [10, 25, 50, 100]]
        for points, cmd in cmds:
            assert "test" not in " ".join(cmd).replace(str(tmp_path), "")  # the test split is never named
            assert "--disable-validation" in cmd  # no validation: nothing is selected
            assert exp.option_value(cmd, "--max-update") == str(max(points[-1], 1))
            # the same set, seed, vectors, init and schedule as the run whose selected checkpoint it sits beside
            for opt in ("--seed", "--ulr-vectors-dir", "--finetune-from-model", "--warmup-updates", "--max-tokens"):
                assert exp.option_value(cmd, opt) == exp.option_value(main, opt), opt
            assert cmd[1] == main[1]
            if points[-1]:  # one training, the parameters kept every gcd(10, 25, 50, 100) = 5 updates
                assert exp.option_value(cmd, "--lr") == exp.option_value(main, "--lr")
                assert (exp.option_value(cmd, "--save-interval-updates"), exp.option_value(cmd, "--keep-interval-updates")) == ("5", "-1")
                save = exp.option_value(cmd, "--save-dir")
                assert save.endswith("/curve")
                assert exp.option_value(cmd, "--save-interval") == "1" and "--no-epoch-checkpoints" not in cmd
                # each point's file as fairseq's log names it: an interval checkpoint mid-epoch, an
                # epoch checkpoint where the update ends an epoch
                c = tmp_path / f"saved-{method}"
                c.mkdir()
                at, out = exp.merge_args(cmd, ["--save-dir", str(c)]), str(c / "stdout.log")
                with pytest.raises(RuntimeError, match="after 25 updates"):
                    exp.curve_checkpoint(at, 25, out)
                for name in ("checkpoint_7_25.pt", "checkpoint9.pt", "checkpoint_last.pt"):
                    (c / name).write_bytes(b"")
                (c / "stdout.log").write_text(
                    f"2026-12-07 | INFO | fairseq.checkpoint_utils | Saved checkpoint {c}/checkpoint_7_25.pt (epoch 7 @ 25 updates, score None) (writing took 0.1 seconds)\n"
                    f"Saved checkpoint {c}/checkpoint9.pt (epoch 9 @ 30 updates, score None) (writing took 0.1 seconds)\n", encoding="utf-8")
                assert exp.curve_checkpoint(at, 25, out) == str(c / "checkpoint_7_25.pt")
                assert exp.curve_checkpoint(at, 30, out) == str(c / "checkpoint9.pt")
                assert exp.curve_checkpoint(at, 0, out) == str(c / "checkpoint_last.pt")
            else:
                assert exp.option_value(cmd, "--lr") == "0"  # the parameters fine-tuning starts from


def test_pooled_script_pairs_within_experiment_and_target(tmp_path, capsys):
    """docs/experiment/compute/pooled.py, the reports' pooled rows: pairs only within one experiment
    (and, with --target / --budget, one target / budget), the mean and wins-losses by hand."""
    path = Path(__file__).resolve().parents[1] / "docs" / "experiment" / "compute" / "pooled.py"
    spec = importlib.util.spec_from_file_location("pooled_rows", path)
    pooled = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pooled)

    def rec(method, target, seed, bleu, experiment="e1", budget=1000):
        return {"method": method, "target": target, "budget": budget, "seed": seed, "test_bleu": bleu,
                "experiment": experiment, "bleu_at_updates": {"0": bleu - 1.0}}

    recs = [rec("multitask", "ro", 1, 10.0), rec("maml", "ro", 1, 11.0),   # +1
            rec("multitask", "fi", 1, 10.0), rec("maml", "fi", 1, 8.0),    # -2
            rec("maml", "ro", 2, 50.0, "e2"), rec("multitask", "ro", 2, 0.0),  # other experiment: no pair
            rec("multitask", "ro", 1, 10.0, budget=4000), rec("maml", "ro", 1, 13.0, budget=4000)]  # +3
    assert pooled.pooled(recs, "maml", "multitask", "sel").startswith("+0.67 [")
    assert pooled.pooled(recs, "maml", "multitask", "sel").endswith(" 2-1 (n=3)")
    assert pooled.pooled(recs, "maml", "multitask", "0").startswith("+0.67 [")
    (tmp_path / "results.json").write_text(json.dumps(recs), encoding="utf-8")
    pooled.HERE = str(tmp_path)
    assert pooled.main(["--experiment", "e1", "--target", "ro", "maml", "multitask"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "| maml - multitask | +2.00 [+1.00, +3.00] 2-0 (n=2) | +2.00 [+1.00, +3.00] 2-0 (n=2) |"
    assert pooled.main(["--experiment", "e1", "--budget", "1000", "maml", "multitask"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "| maml - multitask | -0.50 [-2.00, +1.00] 1-1 (n=2) | -0.50 [-2.00, +1.00] 1-1 (n=2) |"
    assert pooled.main(["--experiment", "e1", "--target", "ro", "--budget", "4000", "maml", "multitask"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "| maml - multitask | +3.00 [+3.00, +3.00] 1-0 (n=1) | +3.00 [+3.00, +3.00] 1-0 (n=1) |"
