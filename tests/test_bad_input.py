"""Bad input is refused before anything trains or is written, with a message that names the
file, flag or language and says what to do. One test per case; docs/guide/robustness.md lists them."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from fairseq_maml.modules.word_vectors import read_vec
from toy import PLUGIN, TINY, BackwardOnly, build, build_ulr_model, make_toy_data, parse, write_dictionary, write_split

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


def test_missing_split_advice_fits_meta_training(data):
    """With --lang-pairs a pair can be left out: today's advice, word for word."""
    write_dictionary(data / "dict.it.txt", ["a", "b"])
    with pytest.raises(FileNotFoundError) as e:
        build(data, [*TINY, "--lang-pairs", "de-en,it-en"])
    assert str(e.value) == (
        f"language pair it-en: no binarized train data for 'it', expected {data}/train.it-en.it.bin/.idx. "
        f"Binarize it (fairseq-maml-prepare --pairs it-en) or remove it-en from --lang-pairs")


def test_missing_split_advice_fits_generate(data):
    """fairseq-generate -s de -t en (no --lang-pairs) on a split DATA lacks: no --lang-pairs advice.
    load_dataset is called as fairseq_cli/generate.py calls it (with the checkpoint's task config)."""
    cfg, task, _, _ = build(data, [*TINY, "-s", "de", "-t", "en"])
    with pytest.raises(FileNotFoundError) as e:
        task.load_dataset("test", task_cfg=cfg.task)
    assert str(e.value) == (
        f"language pair de-en: no binarized test data for 'de', expected {data}/test.de-en.de.bin/.idx. "
        f"Binarize it (fairseq-maml-prepare --pairs de-en --splits test), or decode a split that is "
        f"binarized with --gen-subset (de-en in {data} has: train, valid), or give another pair with -s/-t")
    assert "--lang-pairs" not in str(e.value)


def test_missing_split_advice_fits_fine_tuning(tmp_path):
    """Fine-tuning (fairseq-train -s ro -t en, no --lang-pairs): the training split and the
    validation split each get the flag that picks them; a pair with no other split says so."""
    data = make_toy_data(tmp_path / "data", src_langs=("ro",), splits=("valid", "test"))
    cfg, task, _, _ = build(data, [*TINY, "-s", "ro", "-t", "en"])
    with pytest.raises(FileNotFoundError) as e:
        task.load_dataset("train", combine=True, epoch=1)
    assert str(e.value).endswith(
        "Binarize it (fairseq-maml-prepare --pairs ro-en --splits train), or fine-tune on a split that is "
        f"binarized with --train-subset (ro-en in {data} has: test, valid), or give another pair with -s/-t")
    with pytest.raises(FileNotFoundError) as e:
        task.load_dataset("dev", combine=False, epoch=1)
    assert str(e.value) == (
        f"language pair ro-en: no binarized dev data for 'ro', expected {data}/dev.ro-en.ro.bin/.idx. "
        f"Binarize it (fairseq-maml-prepare --pairs ro-en --splits dev), or validate on a split that is "
        f"binarized with --valid-subset (ro-en in {data} has: test, valid), or pass --disable-validation, "
        f"or give another pair with -s/-t")
    for split in ("valid", "test"):
        for side in ("ro", "en"):
            for ext in ("bin", "idx"):
                (data / f"{split}.ro-en.{side}.{ext}").unlink()
    with pytest.raises(FileNotFoundError) as e:
        task.load_dataset("valid", combine=False, epoch=1)
    assert str(e.value).endswith(
        f"Binarize it (fairseq-maml-prepare --pairs ro-en --splits valid) ({data} has no other split of "
        f"ro-en), or pass --disable-validation, or give another pair with -s/-t")


def test_empty_split_advice_fits_generate(data):
    d = write_dictionary(data / "dict.de.txt", [str(i) for i in range(4)] + [f"de{i}" for i in range(12)])
    write_split(data / "test.de-en.de", [], d)
    write_split(data / "test.de-en.en", [], d)
    cfg, task, _, _ = build(data, [*TINY, "-s", "de", "-t", "en"])
    with pytest.raises(ValueError) as e:
        task.load_dataset("test", task_cfg=cfg.task)
    assert str(e.value) == (
        f"language pair de-en: split test is empty ({data}/test.de-en.de.bin). Give it sentences, or decode "
        f"a split that is binarized with --gen-subset (de-en in {data} has: train, valid), or give another "
        f"pair with -s/-t")


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


@pytest.mark.parametrize("lr", ["0", "-0.1"])
def test_non_positive_inner_lr(data, lr):
    with pytest.raises(ValueError, match=rf"--inner-lr must be > 0, got {lr}"):
        build(data, [*TINY, *PAIRS, "--inner-lr", lr])


def test_hfmaml_refuses_relu_several_inner_steps_and_a_bad_radius(data):
    hf = [*TINY, *PAIRS, "--meta-mode", "hfmaml"]
    with pytest.raises(ValueError, match=r"hfmaml needs a smooth activation.*relu.*--activation-fn gelu"):
        build(data, hf)  # relu is the default
    plain = [a if a != "ulr_transformer_tiny" else "transformer" for a in hf]
    with pytest.raises(ValueError, match=r"hfmaml needs a smooth activation.*relu"):
        build(data, plain)  # fairseq's own transformer too
    with pytest.raises(ValueError, match=r"hfmaml takes one inner step, got --inner-steps 2"):
        build(data, [*hf, "--activation-fn", "gelu", "--inner-steps", "2"])
    with pytest.raises(ValueError, match=r"--hfmaml-radius must be > 0, got 0.0"):
        build(data, [*hf, "--activation-fn", "gelu", "--hfmaml-radius", "0"])
    for flag in ("--bf16-autocast", "--tf32"):
        with pytest.raises(ValueError, match=rf"hfmaml needs float32 matrix products, not {flag}"):
            build(data, [*hf, "--activation-fn", "gelu", flag])
    build(data, [*hf, "--activation-fn", "gelu"])  # accepted


@pytest.mark.parametrize("mode", ["multitask", "reptile"])
def test_episode_new_language_needs_an_inner_loop(data, mode):
    with pytest.raises(ValueError, match=rf"--episode-new-language needs --meta-mode maml or fomaml.*{mode}"):
        build(data, [*TINY, *PAIRS, "--meta-mode", mode, "--episode-new-language"])


@pytest.mark.parametrize("fraction", ["-0.1", "1.5"])
def test_new_language_fraction_outside_0_1(data, fraction):
    with pytest.raises(ValueError, match=rf"--new-language-fraction must be in \[0, 1\], got {fraction}"):
        build(data, [*TINY, *PAIRS, "--episode-new-language", "--new-language-fraction", fraction])


def test_episode_new_language_needs_ulr(data):
    plain = [a if a != "ulr_transformer_tiny" else "transformer" for a in TINY]
    assert plain != TINY
    with pytest.raises(ValueError, match=r"--episode-new-language needs a model with language-specific ULR"):
        build(data, [*plain, *PAIRS, "--episode-new-language"])


def test_unknown_inner_params(data, capsys):
    with pytest.raises(SystemExit):
        parse(data, [*TINY, *PAIRS, "--inner-params", "decoder"])
    err = capsys.readouterr().err
    assert "--inner-params" in err and "decoder" in err


def test_vec_file_with_wrong_dimension(data, tmp_path):
    vecs = tmp_path / "vecs"
    vecs.mkdir()
    for lang in ("de", "fr", "en"):
        (vecs / f"{lang}.vec").write_text("2 5\n0 1 2 3 4 5\n1 1 1 1 1 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"de\.vec has 5-dim.*--ulr-query-dim is \d+: pass --ulr-query-dim 5"):
        build(data, [*TINY, *PAIRS, "--ulr-vectors-dir", str(vecs)])


@pytest.mark.parametrize("text, pattern", [
    ("2 2\nhaus 1 2\nkatze 1\n", r"de\.vec, line 3: .*2 numbers"),
    ("2 2\nhaus 1 2\nkatze 1 x\n", r"de\.vec, line 3: .*not all numbers"),
    ("haus 1 2\n", r"de\.vec, line 1: .*header 'N D'"),
    ("", r"de\.vec is empty"),
    ("3 2\n", r"de\.vec has a header but no vectors"),
])
def test_malformed_vec_file(tmp_path, text, pattern):
    path = tmp_path / "de.vec"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=pattern):
        read_vec(str(path), 2)


def test_token_budget_smaller_than_longest_sentence(data):
    _, task, _, _ = build(data, [*TINY, *PAIRS, "--support-max-tokens", "3"])
    task.load_dataset("train")
    with pytest.raises(ValueError, match=r"sentence of \d+ tokens but --support-max-tokens.*is 3"):
        task.get_batch_iterator(task.dataset("train"), max_tokens=40, max_positions=(64, 64))


def test_checkpoint_dictionary_mismatch():
    """Fine-tuning or generation with dictionaries other than the checkpoint's."""
    meta = build_ulr_model(["de", "fr"])
    bigger = build_ulr_model(["de", "fr"], extra_words={"de": ["\u2581neu"]})
    with pytest.raises(ValueError, match=r"source language 'de'.*has 10 entries.*has 11.*--srcdict/--tgtdict"):
        bigger.load_state_dict(meta.state_dict())
    state = meta.state_dict()
    state["decoder.embed_tokens.weight"] = state["decoder.embed_tokens.weight"][:-1]
    with pytest.raises(ValueError, match=r"target language.*10 entries.*has 11"):
        build_ulr_model(["de", "fr"]).load_state_dict(state)


def test_generation_language_without_embeddings():
    """Generating from a language the checkpoint has no embeddings for (the CLI path, with and
    without --zero-shot, is tests/test_cli_end_to_end.py::test_generate_refuses_unseen_language_unless_zero_shot)."""
    meta = build_ulr_model(["de", "fr"])
    gen = build_ulr_model(["ro"], building_from_checkpoint=True)
    with pytest.raises(ValueError, match=r"no embeddings for source language 'ro' \(it knows: de, fr\)"
                                         r": fine-tune on ro-en first"):
        gen.load_state_dict(meta.state_dict())
    de = build_ulr_model(["de"], building_from_checkpoint=True)
    de.load_state_dict(meta.state_dict())  # a language it knows loads
    assert torch.equal(de.ulr.lang_query.de, meta.ulr.lang_query.de)


def test_finetune_l2_without_anchor(data):
    with pytest.raises(ValueError, match="--finetune-l2 needs --finetune-l2-anchor"):
        build(data, [*TINY, "-s", "de", "-t", "en", "--finetune-l2", "0.1"])


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
    from fairseq_maml.validate import check_precision

    _, task, model, _ = build(data, [*TINY, *PAIRS])
    check_precision(model, "maml")  # float32: fine
    model.half()
    check_precision(model, "fomaml")  # first order in fp16: allowed
    with pytest.raises(ValueError, match=r"--fp16.*--meta-mode maml.*--amp"):
        check_precision(model, "maml")
    with pytest.raises(ValueError, match=r"--fp16.*--meta-mode hfmaml"):
        check_precision(model, "hfmaml")
    model.float()
    check_precision(model, "hfmaml")  # float32: fine
    with pytest.raises(ValueError, match=r"--amp cannot train --meta-mode hfmaml"):
        check_precision(model, "hfmaml", amp=True)
    check_precision(model, "maml", amp=True)  # maml under --amp: fine


def test_bf16_autocast_with_another_mixed_precision_refused(data):
    from fairseq.optim.amp_optimizer import AMPOptimizer

    class Amp(AMPOptimizer):  # what train_step sees of fairseq's --amp optimizer
        def __init__(self):
            pass

    _, task, model, criterion = build(data, [*TINY, *PAIRS, "--bf16-autocast", "--meta-mode", "fomaml"])
    task.load_dataset("train")
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=400, max_positions=(64, 64))
    sample = next(itr.next_epoch_itr(shuffle=False))
    with pytest.raises(ValueError, match=r"--bf16-autocast.*--amp, --fp16"):
        task.train_step(sample, model, criterion, Amp(), update_num=1)
    model.half()  # --fp16: float16 weights
    with pytest.raises(ValueError, match=r"--bf16-autocast.*--amp, --fp16"):
        task.train_step(sample, model, criterion, BackwardOnly(), update_num=1)
    assert all(p.grad is None for p in model.parameters())  # refused before any backward


def test_unsupported_ddp_wrappers():
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel

    from fairseq_maml.validate import check_ddp

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=0, world_size=1)
    try:
        model = torch.nn.Linear(2, 2)
        check_ddp(model)  # not distributed: fine
        check_ddp(DistributedDataParallel(model, find_unused_parameters=True))
        with pytest.raises(ValueError, match="--find-unused-parameters.*legacy_ddp"):
            check_ddp(DistributedDataParallel(model))

        class FullyShardedDataParallel(torch.nn.Module):  # stands in for fairscale's wrapper
            def __init__(self, module):
                super().__init__()
                self.module = module

        with pytest.raises(ValueError, match="FullyShardedDataParallel.*--ddp-backend legacy_ddp"):
            check_ddp(FullyShardedDataParallel(model))
    finally:
        dist.destroy_process_group()
