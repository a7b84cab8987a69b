"""End to end through the real command-line tools on a small slice of real (Tatoeba) data:
fairseq-maml-prepare, fairseq-train --user-dir (every meta mode), resume, fine-tuning on a pair
the meta-training never saw, fairseq-generate and fairseq-interactive."""

import math
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SLICE = REPO / "examples" / "data" / "tatoeba-slice"
PLUGIN = str(REPO / "fairseq_maml")
BIN = Path(sys.executable).parent
META_PAIRS = "de-en,fr-en"


def run(cmd, cwd, stdin=None):
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1")
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, input=stdin, env=env, timeout=600)
    assert out.returncode == 0, f"{' '.join(map(str, cmd))}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout + out.stderr


def head(src: Path, dst: Path, n: int):
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A raw slice of the shipped slice, prepared with the real CLI."""
    root = tmp_path_factory.mktemp("e2e")
    raw = root / "raw"
    sizes = {"train": 300, "valid": 40, "test": 20}
    for pair in META_PAIRS.split(","):
        src, tgt = pair.split("-")
        for split in ("train", "valid"):
            for lang in (src, tgt):
                name = f"{split}.{pair}.{lang}"
                head(SLICE / "meta" / name, raw / "meta" / name, sizes[split])
    for split in ("train", "valid", "test"):
        for lang in ("ro", "en"):
            name = f"{split}.ro-en.{lang}"
            head(SLICE / "target" / name, raw / "target" / name, sizes[split])
    out = root / "data"
    prepare = [BIN / "fairseq-maml-prepare", "--raw", raw, "--out", out, "--vocab-size", "300",
               "--target-vocab-size", "400"]
    run([*prepare, "--raw-subdir", "meta", "--pairs", META_PAIRS, "--splits", "train,valid"], root)
    run([*prepare, "--raw-subdir", "target", "--pairs", "ro-en", "--splits", "train,valid,test"], root)
    return root


def train_cmd(work, save_dir, *extra):
    return [
        BIN / "fairseq-train", work / "data" / "bin", "--user-dir", PLUGIN,
        "--arch", "ulr_transformer_tiny", "--criterion", "meta_label_smoothed_cross_entropy",
        "--label-smoothing", "0.1", "--optimizer", "adam", "--lr", "0.001", "--max-tokens", "400",
        "--save-dir", save_dir, "--no-epoch-checkpoints", "--log-format", "simple",
        "--log-interval", "1", "--seed", "1", "--num-workers", "0", "--task", "meta_translation",
        *extra,
    ]


@pytest.fixture(scope="module")
def meta_checkpoint(work):
    save = work / "maml"
    log = run(train_cmd(work, save, "--lang-pairs", META_PAIRS, "--meta-mode", "maml",
                        "--max-update", "4", "--inner-params", "embeddings_encoder"), work)
    assert "support_loss" in log and "adapt_gain" in log, log[-2000:]
    assert re.search(r"valid on 'valid' subset.*loss_de-en.*loss_fr-en", log), log[-2000:]
    return save / "checkpoint_last.pt", log


def test_meta_train_maml_writes_checkpoint(meta_checkpoint):
    path, _ = meta_checkpoint
    assert path.exists()


@pytest.mark.parametrize("mode", ["fomaml", "reptile", "multitask"])
def test_meta_train_other_modes(work, mode):
    save = work / mode
    log = run(train_cmd(work, save, "--lang-pairs", META_PAIRS, "--meta-mode", mode,
                        "--max-update", "3", "--disable-validation"), work)
    assert (save / "checkpoint_last.pt").exists()
    assert ("adapt_gain" in log) == (mode != "multitask")


def test_learned_inner_rates_train_and_stay_out_of_fine_tuning(work):
    """--learn-inner-lr through fairseq-train: the rates are in the meta checkpoint and moved from
    --inner-lr; fine-tuning from it drops them."""
    import torch

    save = work / "lslr"
    run(train_cmd(work, save, "--lang-pairs", META_PAIRS, "--meta-mode", "maml", "--learn-inner-lr",
                  "--inner-lr", "0.1", "--max-update", "3", "--disable-validation"), work)
    rates = {k: v for k, v in torch.load(save / "checkpoint_last.pt", map_location="cpu", weights_only=True)["model"].items()
             if k.startswith("inner_lrs.")}
    assert rates and any(abs(float(v[0]) - 0.1) > 1e-4 for v in rates.values())
    ft = work / "lslr-ft"
    run(train_cmd(work, ft, "-s", "ro", "-t", "en", "--finetune-from-model", save / "checkpoint_last.pt",
                  "--max-update", "2", "--disable-validation"), work)
    state = torch.load(ft / "checkpoint_last.pt", map_location="cpu", weights_only=True)["model"]
    assert not any(k.startswith("inner_lrs.") for k in state)


def test_meta_train_maml_bf16_autocast(work):
    """--bf16-autocast (and --tf32, a no-op on CPU) through fairseq-train: second order trains."""
    save = work / "bf16"
    log = run(train_cmd(work, save, "--lang-pairs", META_PAIRS, "--meta-mode", "maml", "--bf16-autocast",
                        "--tf32", "--max-update", "3", "--disable-validation"), work)
    assert (save / "checkpoint_last.pt").exists()
    losses = [float(x) for x in re.findall(r"\| train_inner \| .*? loss=([^,]+),", log)]
    assert len(losses) == 3 and all(math.isfinite(x) for x in losses), log[-2000:]


def test_resume_from_checkpoint_last(work, meta_checkpoint):
    path, _ = meta_checkpoint
    save = work / "resume"
    save.mkdir()
    shutil.copy(path, save / "checkpoint_last.pt")
    log = run(train_cmd(work, save, "--lang-pairs", META_PAIRS, "--meta-mode", "maml",
                        "--max-update", "6", "--inner-params", "embeddings_encoder"), work)
    assert re.search(r"loaded checkpoint .*\(epoch \d+ @ 4 updates\)", log, re.I), log[-2000:]
    assert re.search(r"num_updates 6\b|num_updates\D+6\b", log), log[-2000:]


@pytest.fixture(scope="module")
def finetuned(work, meta_checkpoint):
    path, _ = meta_checkpoint
    save = work / "ft"
    log = run(train_cmd(work, save, "-s", "ro", "-t", "en", "--finetune-from-model", path,
                        "--max-update", "3"), work)
    assert "ro" in log and (save / "checkpoint_last.pt").exists()
    return save / "checkpoint_last.pt"


def test_generate_new_language(work, finetuned):
    out = run([BIN / "fairseq-generate", work / "data" / "bin", "--user-dir", PLUGIN,
               "--task", "meta_translation", "-s", "ro", "-t", "en", "--path", finetuned,
               "--gen-subset", "test", "--beam", "2", "--max-len-b", "10",
               "--remove-bpe", "sentencepiece", "--batch-size", "8"], work)
    hyps = [l for l in out.splitlines() if l.startswith("H-")]
    assert len(hyps) == 20
    assert "BLEU" in out


def test_interactive_new_language(work, finetuned):
    out = run([BIN / "fairseq-interactive", work / "data" / "bin", "--user-dir", PLUGIN,
               "--task", "meta_translation", "-s", "ro", "-t", "en", "--path", finetuned,
               "--beam", "2", "--max-len-b", "10", "--bpe", "sentencepiece",
               "--sentencepiece-model", work / "data" / "spm" / "ro.model"],
              work, stdin="Bună ziua.\nMulțumesc!\n")
    hyps = [l for l in out.splitlines() if l.startswith("H-")]
    assert len(hyps) == 2


def run_outside(cmd, cwd, stdin=None, check=True):
    """A command as a user runs it: from a folder outside the checkout, the plugin found through
    --user-dir alone (no PYTHONPATH)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["OMP_NUM_THREADS"] = "1"
    out = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, input=stdin,
                         env=env, timeout=600)
    if check:
        assert out.returncode == 0, f"{' '.join(map(str, cmd))}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def test_generate_without_task_flag(work, finetuned, tmp_path):
    """fairseq-generate with fairseq's own translation task (no --task): the model takes its
    source language from -s and its tables from the checkpoint."""
    out = run_outside([BIN / "fairseq-generate", work / "data" / "bin", "--user-dir", PLUGIN,
                       "-s", "ro", "-t", "en", "--path", finetuned, "--gen-subset", "test",
                       "--beam", "2", "--max-len-b", "10", "--remove-bpe", "sentencepiece",
                       "--batch-size", "8"], tmp_path)
    assert len([l for l in out.stdout.splitlines() if l.startswith("H-")]) == 20
    assert "fairseq.tasks.translation:[ro] dictionary" in out.stderr  # fairseq's own task built it


def test_interactive_without_task_flag(work, finetuned, tmp_path):
    out = run_outside([BIN / "fairseq-interactive", work / "data" / "bin", "--user-dir", PLUGIN,
                       "-s", "ro", "-t", "en", "--path", finetuned, "--beam", "2", "--max-len-b", "10",
                       "--bpe", "sentencepiece", "--sentencepiece-model", work / "data" / "spm" / "ro.model"],
                      tmp_path, stdin="Bună ziua.\nMulțumesc!\n")
    assert len([l for l in out.stdout.splitlines() if l.startswith("H-")]) == 2


def test_generate_without_task_flag_from_the_meta_checkpoint(work, meta_checkpoint, tmp_path):
    """A meta checkpoint decodes one of its languages; one it lacks is refused with the way out."""
    path, _ = meta_checkpoint
    cmd = [BIN / "fairseq-generate", work / "data" / "bin", "--user-dir", PLUGIN, "--path", path,
           "--gen-subset", "valid", "--beam", "2", "--max-len-b", "10", "--batch-size", "8"]
    out = run_outside(cmd + ["-s", "de", "-t", "en"], tmp_path)
    assert len([l for l in out.stdout.splitlines() if l.startswith("H-")]) == 40
    refused = run_outside(cmd + ["-s", "ro", "-t", "en"], tmp_path, check=False)
    assert refused.returncode != 0
    assert "no embeddings for source language 'ro'" in refused.stderr
    assert "--task meta_translation --zero-shot" in refused.stderr


def test_user_dir_by_bare_name_from_any_folder(work, tmp_path):
    """fairseq resolves --user-dir fairseq_maml next to the installed fairseq package."""
    site = Path(sysconfig.get_paths()["purelib"])
    if not (site / "fairseq_maml" / "__init__.py").exists():
        pytest.skip("fairseq_maml is not pip-installed (non-editable) in this environment")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [str(c) for c in train_cmd(work, tmp_path / "ckpt", "--lang-pairs", META_PAIRS,
                                     "--max-update", "1", "--disable-validation", "--no-save")]
    cmd[cmd.index("--user-dir") + 1] = "fairseq_maml"
    out = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "support_loss" in out.stdout + out.stderr


def test_hub_interface_translates(work, finetuned):
    """The README's Python example: load a checkpoint with its SentencePiece model, translate."""
    code = f"""
import fairseq_maml  # registers the plugin's task and model
from fairseq_maml.models.ulr_transformer import ULRTransformerModel
ro_en = ULRTransformerModel.from_pretrained(
    r"{finetuned.parent}", checkpoint_file="{finetuned.name}",
    data_name_or_path=r"{work / 'data' / 'bin'}",
    bpe="sentencepiece", sentencepiece_model=r"{work / 'data' / 'spm' / 'ro.model'}")
out = ro_en.translate("Mulțumesc foarte mult.", beam=2, max_len_b=10)
assert isinstance(out, str)
print("TRANSLATION:", out)
"""
    out = run([sys.executable, "-c", code], work)
    assert "TRANSLATION:" in out


def test_checkpoints_load_with_weights_only(meta_checkpoint, finetuned):
    import torch

    for path in (meta_checkpoint[0], finetuned):
        state = torch.load(path, map_location="cpu", weights_only=True)
        assert any(k.startswith("encoder.embed_tokens.lang_embed.") for k in state["model"])


def test_generate_refuses_unseen_language_unless_zero_shot(work, meta_checkpoint):
    path, _ = meta_checkpoint
    cmd = [BIN / "fairseq-generate", work / "data" / "bin", "--user-dir", PLUGIN,
           "--task", "meta_translation", "-s", "ro", "-t", "en", "--path", path,
           "--gen-subset", "test", "--beam", "2", "--max-len-b", "10", "--batch-size", "8"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    refused = subprocess.run([str(c) for c in cmd], cwd=work, capture_output=True, text=True, env=env)
    assert refused.returncode != 0 and "'ro'" in refused.stderr and "fine-tune" in refused.stderr
    out = run(cmd + ["--zero-shot"], work)
    assert len([l for l in out.splitlines() if l.startswith("H-")]) == 20


def test_adaptation_probe_matches_first_order_taylor(work, meta_checkpoint, tmp_path):
    """examples/adaptation_probe.py on a real meta checkpoint: its query NLL before adaptation is
    the criterion's, and for a tiny inner rate its adaptation gain is the first-order prediction
    lr * <grad L_query, grad L_support> (float64, gradients taken here by plain autograd)."""
    import importlib.util
    import math

    import torch

    spec = importlib.util.spec_from_file_location("adaptation_probe", REPO / "examples" / "adaptation_probe.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    model, cfg, task = probe.load(str(meta_checkpoint[0]), str(work / "data" / "bin"))
    model = model.double()
    criterion = task.build_criterion(cfg.criterion)
    episodes = probe.draw_episodes(task, cfg, model, "valid", 3, seed=3)
    lr = 1e-4
    (row,) = probe.probe(model, criterion, episodes, "embeddings_encoder", [lr], 1)

    before = predicted = tokens = 0.0
    for (key,) in episodes.plan(1):
        sample = episodes.collater([episodes[key]])
        support, query = sample["support"], sample["query"]
        params = model.parameter_group("embeddings_encoder", query["net_input"]["src_lang"])
        support_loss, _ = criterion.compute_loss(model, model(**support["net_input"]), support)
        _, query_nll = criterion.compute_loss(model, model(**query["net_input"]), query)
        g_s = torch.autograd.grad(support_loss / support["ntokens"], params, allow_unused=True)
        g_q = torch.autograd.grad(query_nll, params, allow_unused=True)
        predicted += lr * sum(float((a * b).sum()) for a, b in zip(g_s, g_q) if a is not None and b is not None)
        before += float(query_nll.detach())
        tokens += float(query["ntokens"])
    assert row["episodes"] == 3
    assert row["query_nll_before"] == pytest.approx(before / tokens / math.log(2), rel=1e-9)
    expected_gain = predicted / tokens / math.log(2)
    assert abs(expected_gain) > 1e-7  # the check below is not vacuous
    assert row["gain"] == pytest.approx(expected_gain, rel=0.02)

    # --new-language: the episode's E_k is zero while measured, and restored bit for bit after
    state = {k: v.clone() for k, v in model.state_dict().items()}
    (new,) = probe.probe(model, criterion, episodes, "embeddings_encoder", [lr], 1, new_language=True)
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in state.items())
    before_new = 0.0
    for (key,) in episodes.plan(1):
        query = episodes.collater([episodes[key]])["query"]
        table = model.ulr.lang_embed[query["net_input"]["src_lang"]]
        saved = table.detach().clone()
        with torch.no_grad():
            table.zero_()
            before_new += float(criterion.compute_loss(model, model(**query["net_input"]), query)[1])
            table.copy_(saved)
    assert new["query_nll_before"] == pytest.approx(before_new / tokens / math.log(2), rel=1e-9)
    assert new["query_nll_before"] != pytest.approx(row["query_nll_before"], rel=1e-6)

    # the command line, with its JSON report
    import json

    report = tmp_path / "probe.json"
    probe.main([str(meta_checkpoint[0]), "--data", str(work / "data" / "bin"), "--episodes", "2",
                "--inner-lrs", "0.01,0.1", "--json", str(report)])
    (result,) = json.loads(report.read_text())
    assert result["inner_params"] == "embeddings_encoder"  # the checkpoint's --inner-params
    assert [r["inner_lr"] for r in result["rows"]] == [0.01, 0.1]


def test_hub_interface_names_a_missing_path(work, finetuned, tmp_path):
    """fairseq's loader takes a missing local path for a model name to download and fails with a
    TypeError about None; the plugin's from_pretrained names the path and what to pass."""
    from fairseq_maml.models.ulr_transformer import ULRTransformerModel

    data = str(work / "data" / "bin")
    cases = [
        (dict(model_name_or_path=str(tmp_path / "nowhere"), data_name_or_path=data), "checkpoint folder"),
        (dict(model_name_or_path=str(finetuned.parent), checkpoint_file="model.pt", data_name_or_path=data),
         "checkpoint .*model.pt does not exist.*checkpoint_file"),
        (dict(model_name_or_path=str(finetuned.parent), checkpoint_file=finetuned.name,
              data_name_or_path=str(tmp_path / "bin")), "data folder .*data_name_or_path"),
    ]
    for kwargs, message in cases:
        with pytest.raises(FileNotFoundError, match=message):
            ULRTransformerModel.from_pretrained(**kwargs)


def tensorboard_scalars(folder: Path):
    """{run: {tag: [values]}} from the event files under ``folder`` (one run per subfolder, as
    fairseq writes them: train_inner, train, valid), read as TFRecords without TensorBoard."""
    import struct

    from tensorboardX.proto import event_pb2

    runs = {}
    for path in folder.rglob("events.out.tfevents.*"):
        tags = runs.setdefault(path.parent.name, {})
        data = path.read_bytes()
        pos = 0
        while pos < len(data):
            (length,) = struct.unpack("<Q", data[pos:pos + 8])
            event = event_pb2.Event.FromString(data[pos + 12:pos + 12 + length])
            pos += 12 + length + 4
            for value in event.summary.value:
                tags.setdefault(value.tag, []).append(value.simple_value)
    return runs


def test_tensorboard_shows_the_meta_metrics(work, tmp_path):
    """fairseq's --tensorboard-logdir (the `tensorboard` extra installs tensorboardX) receives the
    meta metrics; skipped episodes come from the fault-injecting criterion of benchmarks/."""
    pytest.importorskip("tensorboardX")
    logdir = tmp_path / "tb"
    cmd = train_cmd(work, tmp_path / "ckpt", "--lang-pairs", META_PAIRS, "--meta-mode", "maml",
                    "--max-update", "6", "--adaptation-log-interval", "2", "--validate-interval-updates", "3",
                    "--tensorboard-logdir", logdir, "--no-save")
    cmd[cmd.index("--user-dir") + 1] = str(REPO / "benchmarks" / "soak_plugin")
    cmd[cmd.index("--criterion") + 1] = "faulty_meta_label_smoothed_cross_entropy"
    run(cmd + ["--fault-rate", "0.3"], work)
    runs = tensorboard_scalars(logdir)
    inner = runs["train_inner"]
    for tag in ("support_loss", "query_before", "query_after", "adapt_gain", "loss"):
        assert tag in inner and all(math.isfinite(v) for v in inner[tag]), (tag, sorted(inner))
    assert sum(inner.get("skipped_episodes", [])) + sum(runs["train"].get("skipped_episodes", [])) > 0, runs
    assert {"loss_de-en", "loss_fr-en"} <= set(runs["valid"]), sorted(runs["valid"])


def test_log_lines_show_only_measured_metrics(meta_checkpoint):
    """query_before/after and adapt_gain are measured every --adaptation-log-interval updates; a
    log line between them leaves them out instead of printing None."""
    _, log = meta_checkpoint
    lines = [l for l in log.splitlines() if "train_inner" in l and "loss=" in l]
    assert len(lines) == 4 and "adapt_gain=" in lines[0] and "adapt_gain" not in lines[1], lines
    assert "=None" not in log


def test_a_refused_flag_is_one_line_and_fairseq_noise_is_gone(work, finetuned, tmp_path):
    refused = run_outside(train_cmd(work, tmp_path / "ckpt", "--lang-pairs", META_PAIRS, "--inner-lr", "-1"),
                          tmp_path, check=False)
    assert refused.returncode == 1
    assert "fairseq-train: error: --inner-lr must be > 0, got -1.0" in refused.stderr.splitlines()
    assert "Traceback" not in refused.stderr
    out = run_outside([BIN / "fairseq-generate", work / "data" / "bin", "--user-dir", PLUGIN,
                       "-s", "ro", "-t", "en", "--path", finetuned, "--gen-subset", "test",
                       "--beam", "1", "--max-len-b", "5", "--batch-size", "8"], tmp_path)
    for noise in ("Hydra", "hydra", "ConfigStore", "version_base", "pin_memory", "DEBUG"):
        assert noise not in out.stderr, noise
