#!/usr/bin/env python
"""External baseline for the MetaNMT experiment: fairseq's own multilingual model
(``--task translation_multi_simple_epoch``), trained on the same meta pairs, fine-tuned on the same
fine-tuning sets, decoded and scored the same way.

    python examples/tmse_baseline.py --data ../shared/data/tatoeba-mt --experiment runs/metanmt \\
        --out runs/tmse --targets ro,fi,tr,lv,ko --budgets 4000,16000 --seeds 3

It reads the fine-tuning sets that ``examples/metanmt_experiment.py`` drew into
``EXPERIMENT/ftdata/T-bB-sS/text/`` (run that first with the same targets, budgets and seeds), so
each difference to the plugin's methods is paired: same sentences, same seed. What differs is what
the baseline is: no meta-learning and no ULR, but one SentencePiece model and one vocabulary for
every language (trained on the meta pairs' both sides plus the targets' source side of their
training pools as monolingual text, the text the experiment's vectors read too), a language tag
on the encoder input and on the decoder's first token, and batches that mix language pairs
(temperature sampling, T = 5, as the plugin's default pair sampling). The Transformer body is
the ``cpu`` preset's (64-d, 2+2 layers, FFN 128, 4 heads, dropout 0.1), as are the optimiser,
schedule and fine-tuning recipe; a multilingual update has ``--max-tokens`` 2x the preset's, the
tokens of a multitask episode (support + query batch).

Steps (each skipped when its output exists; rerun the command to resume): SentencePiece + the
joint dictionary, binarisation, multilingual training, zero-shot decoding of each target's test
set, then per fine-tuning set: fine-tuning (dev loss selects ``checkpoint_best.pt``, patience 3;
the test split is not in the fine-tuning folder's training or validation subsets), beam-5 decoding
of dev and test, sacreBLEU (``--ft-updates`` and ``--beam`` change the recipe's 300 updates and
beam 5, for tests only). Writes ``OUT/results.json`` (the experiment's record format, method
``tmse``) and ``OUT/results.md``.
"""

import argparse
import json
import os
import random
import shutil
import sys
import time
import types
from typing import List, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metanmt_experiment as X  # noqa: E402  (the experiment's runner, parsing and scoring)

TGT = X.TGT
METHOD = "tmse"
CPU = X.PRESETS["cpu"]  # the recipe the plugin's methods ran with: the baseline reads it, never copies it


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="raw text folder with meta/ and target/ (tatoeba-mt layout)")
    p.add_argument("--experiment", required=True,
                   help="the --out of examples/metanmt_experiment.py whose fine-tuning sets (ftdata/) to use")
    p.add_argument("--out", required=True)
    p.add_argument("--targets", default="ro,fi,tr,lv,ko")
    p.add_argument("--budgets", default="4000,16000", help="English-token budgets (0 = zero-shot only)")
    p.add_argument("--seeds", type=int, default=3, help="fine-tuning sets per budget: seeds 1..N")
    p.add_argument("--meta-pairs", default=None, help="source languages of the multilingual training "
                   "(default: every pair in DATA/meta)")
    p.add_argument("--updates", type=int, default=4000, help="multilingual training updates")
    p.add_argument("--max-tokens", type=int, default=2 * CPU["meta_max_tokens"],
                   help="tokens per multilingual update (default: a multitask episode's support + query)")
    p.add_argument("--vocab-size", type=int, default=16000, help="joint SentencePiece vocabulary")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="fine-tunings at once")
    p.add_argument("--ft-updates", type=int, default=CPU["ft_updates"],
                   help="most fine-tuning updates per set (default: the cpu preset's, as the plugin's methods)")
    p.add_argument("--beam", type=int, default=CPU["beam"], help="beam size of dev and test decoding")
    return p


def check_inputs(a, metas: List[str], targets: List[str], budgets: List[int]) -> None:
    """Refuse before anything is written: missing raw text or fine-tuning sets."""
    need = [os.path.join(a.data, "meta", f"{s}.{p}-{TGT}.{lang}") for p in metas for s in ("train", "valid")
            for lang in (p, TGT)]
    need += [os.path.join(a.data, "target", f"{s}.{t}-{TGT}.{lang}") for t in targets
             for s in ("train", "valid", "test") for lang in (t, TGT)]
    missing = [x for x in need if not os.path.exists(x)]
    if missing:
        raise SystemExit(f"--data {a.data}: missing {missing[0]}" + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
                         + "; it needs the tatoeba-mt layout (meta/{train,valid}.XX-en.*, target/{train,valid,test}.YY-en.*)")
    for t in targets:
        for b in budgets:
            for s in range(1, a.seeds + 1):
                d = os.path.join(a.experiment, "ftdata", f"{t}-b{b}-s{s}", "text")
                if not os.path.exists(os.path.join(d, f"train.{t}-{TGT}.raw.{t}")):
                    raise SystemExit(
                        f"--experiment {a.experiment}: no fine-tuning set {t} budget {b} seed {s} ({d}); "
                        f"run examples/metanmt_experiment.py --out {a.experiment} with --targets including {t}, "
                        f"--budgets including {b} and --seeds >= {s} first")


def body_args() -> List[str]:
    """The cpu preset's Transformer body (read from its ULR architecture) and optimiser, on
    fairseq's own ``transformer``."""
    from fairseq_maml.models import ulr_transformer

    body = argparse.Namespace()
    getattr(ulr_transformer, CPU["arch"])(body)  # fills the architecture's defaults
    dims = [x for side in ("encoder", "decoder") for name in ("embed_dim", "ffn_embed_dim", "layers", "attention_heads")
            for x in (f"--{side}-{name.replace('_', '-')}", str(getattr(body, f"{side}_{name}")))]
    return ["--arch", "transformer", *dims, "--dropout", str(body.dropout),
            "--criterion", "label_smoothed_cross_entropy", "--label-smoothing", "0.1",
            "--optimizer", "adam", "--adam-betas", "(0.9,0.98)", "--clip-norm", "1.0",
            "--lr-scheduler", "inverse_sqrt", "--log-format", "json", "--no-epoch-checkpoints", "--num-workers", "0"]


def task_args(langs_file: str, pairs: Sequence[str]) -> List[str]:
    """Given identically to fairseq-train and fairseq-generate (the language tags must match).
    ``--user-dir`` only for the plugin's safe loading: fairseq's legacy-registered task pickles an
    ``argparse.Namespace``, which torch's ``weights_only`` loading refuses unless the plugin is
    imported (fairseq_maml/safe_loading.py)."""
    return ["--user-dir", os.path.join(X.REPO, "fairseq_maml"), "--task", "translation_multi_simple_epoch", "--lang-dict", langs_file,
            "--lang-pairs", ",".join(f"{p}-{TGT}" for p in pairs), "--encoder-langtok", "src",
            "--decoder-langtok", "--sampling-method", "temperature", "--sampling-temperature", "5"]


def encode(spm_model, lines: Sequence[str], path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for pieces in spm_model.encode(list(lines), out_type=str):
            f.write(" ".join(pieces) + "\n")


def binarize(runner, src: str, text_prefix: dict, dest: str, dict_file: str, log: str) -> None:
    runner.run(["fairseq-preprocess", "--source-lang", src, "--target-lang", TGT, "--srcdict", dict_file,
                "--tgtdict", dict_file, "--destdir", dest, "--workers", "1"]
               + [x for split, pre in text_prefix.items() for x in (f"--{split}pref", pre)], log)


def decode(runner, data_dir: str, langs_file: str, target: str, ckpt: str, subset: str, out_dir: str,
           data: str, beam: int = CPU["beam"]):
    refs = X._read_lines(os.path.join(data, "target", f"{subset}.{target}-{TGT}.{TGT}"))
    gen = os.path.join(out_dir, f"{subset}.gen")
    runner.run(["fairseq-generate", data_dir, *task_args(langs_file, [target]), "-s", target, "-t", TGT,
                "--path", ckpt, "--gen-subset", subset, "--beam", str(beam), "--batch-size", "128",
                "--remove-bpe", "sentencepiece", "--num-workers", "0", "--max-len-a", "1.5", "--max-len-b", "10"],
               os.path.join(out_dir, f"{subset}.gen.log"), stdout=gen)
    hyps = X.parse_hypotheses(open(gen, encoding="utf-8").read(), len(refs))
    with open(os.path.join(out_dir, f"{subset}.hyp"), "w", encoding="utf-8") as f:
        f.write("".join(h + "\n" for h in hyps))
    return X.score(hyps, refs)


def main(argv=None) -> int:
    parser = get_parser()
    a = parser.parse_args(argv)
    for flag in ("updates", "ft_updates", "beam", "seeds", "jobs"):
        if getattr(a, flag) < 1:
            parser.error(f"--{flag.replace('_', '-')} {getattr(a, flag)}: must be at least 1")
    targets = X._csv(a.targets)
    budgets = [int(b) for b in X._csv(a.budgets)]
    metas = X._csv(a.meta_pairs) or [p for p in X._langs_in(os.path.join(a.data, "meta")) if p != TGT]
    check_inputs(a, metas, targets, budgets)
    t0 = time.time()
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    cfg = types.SimpleNamespace(out=out, threads=1, user_dir="")  # what X.Runner reads
    fts = [(t, b, s) for t in targets for b in budgets if b > 0 for s in range(1, a.seeds + 1)]
    runner = X.Runner(cfg, 5 + len(targets) + len(fts) + 1)
    spm_dir, text_dir, bin_dir = (os.path.join(out, x) for x in ("spm", "text", "bin"))
    langs_file, dict_file = os.path.join(out, "langs.txt"), os.path.join(spm_dir, "dict.txt")
    meta_dir = os.path.join(out, "meta")
    meta_ckpt = os.path.join(meta_dir, "checkpoint_last.pt")
    import sentencepiece as spm
    from fairseq_maml.atomic_files import atomic_write_text
    from fairseq_maml.data.spm_dictionary import spm_dictionary_text, train_spm

    with runner.step("joint SentencePiece + dictionary") as st:
        if os.path.exists(dict_file):
            st.skip()
        else:
            lines = []
            for p in metas:
                for lang in (p, TGT):
                    lines += X._read_lines(os.path.join(a.data, "meta", f"train.{p}-{TGT}.{lang}"))
            for t in targets:  # the source side of the pool only, as monolingual text
                lines += X._read_lines(os.path.join(a.data, "target", f"train.{t}-{TGT}.{t}"))
            random.Random(1).shuffle(lines)
            os.makedirs(spm_dir, exist_ok=True)
            train_spm(lines, os.path.join(spm_dir, "joint.model"), a.vocab_size)
            with open(langs_file, "w", encoding="utf-8") as f:
                f.write("".join(x + "\n" for x in metas + targets + [TGT]))
            proc = spm.SentencePieceProcessor(model_file=os.path.join(spm_dir, "joint.model"))
            atomic_write_text(dict_file, spm_dictionary_text(proc))  # the plugin's spm -> dict.txt layout
    sp = spm.SentencePieceProcessor(model_file=os.path.join(spm_dir, "joint.model"))

    with runner.step(f"binarize {len(metas)} meta pairs and {len(targets)} targets' dev/test") as st:
        marker = os.path.join(bin_dir, ".done")
        if os.path.exists(marker):
            st.skip()
        else:
            shutil.rmtree(bin_dir, ignore_errors=True)
            os.makedirs(text_dir, exist_ok=True)
            for kind, pairs, splits in (("meta", metas, ("train", "valid")), ("target", targets, ("valid", "test"))):
                for p in pairs:
                    pre = {}
                    for split in splits:
                        for lang in (p, TGT):
                            encode(sp, X._read_lines(os.path.join(a.data, kind, f"{split}.{p}-{TGT}.{lang}")),
                                   os.path.join(text_dir, f"{split}.{p}-{TGT}.{lang}"))
                        pre[split] = os.path.join(text_dir, f"{split}.{p}-{TGT}")
                    if kind == "target":  # dev as "valid", test as "test"; the pair's train = its fine-tuning set
                        pre = {"valid": pre["valid"], "test": pre["test"]}
                    binarize(runner, p, pre, bin_dir, dict_file, os.path.join(out, "logs", f"preprocess-{p}.log"))
            X._touch(marker)

    train = ["fairseq-train", bin_dir, *task_args(langs_file, metas), *body_args(),
             "--max-tokens", str(a.max_tokens), "--lr", str(CPU["meta_lr"]), "--warmup-updates", str(CPU["meta_warmup"]),
             "--max-update", str(a.updates), "--log-interval", str(CPU["meta_log_interval"]),
             "--validate-interval-updates", str(CPU["meta_validate"]), "--save-interval-updates", str(CPU["meta_validate"]),
             "--keep-interval-updates", "1", "--seed", "1",
             "--save-dir", meta_dir, "--log-file", os.path.join(meta_dir, "train.log")]
    with runner.step(f"multilingual training, {a.updates} updates") as st:
        if os.path.exists(os.path.join(meta_dir, ".done")):
            st.skip()
        else:  # fairseq-train goes on from checkpoint_last.pt if an earlier run was interrupted
            os.makedirs(meta_dir, exist_ok=True)
            runner.run(train, os.path.join(meta_dir, "stdout.log"))
            X._touch(os.path.join(meta_dir, ".done"))

    records = []
    for t in targets:
        d = os.path.join(out, "runs", t, "b0")
        with runner.step(f"zero-shot {t}") as st:
            res = os.path.join(d, "result.json")
            if os.path.exists(res):
                st.skip()
            else:
                os.makedirs(d, exist_ok=True)
                bleu, chrf = decode(runner, bin_dir, langs_file, t, meta_ckpt, "test", d, a.data, a.beam)
                X._touch(res, dict(method=METHOD, target=t, budget=0, seed=1, tokens=0, sentences=0,
                                   dev_bleu=None, test_bleu=bleu, test_chrf=chrf, best_update=None))
        records.append(json.load(open(res, encoding="utf-8")))

    def ft_job(t: str, b: int, s: int):
        def job():
            d = os.path.join(out, "runs", t, f"b{b}", f"s{s}")
            res = os.path.join(d, "result.json")
            with runner.step(f"fine-tune {t} {b} seed{s}") as st:
                if os.path.exists(res):
                    st.skip()
                    return
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                src = os.path.join(a.experiment, "ftdata", f"{t}-b{b}-s{s}", "text", f"train.{t}-{TGT}.raw")
                lines = {lang: X._read_lines(f"{src}.{lang}") for lang in (t, TGT)}
                for lang in (t, TGT):
                    encode(sp, lines[lang], os.path.join(d, f"train.{t}-{TGT}.{lang}"))
                fbin = os.path.join(d, "bin")
                binarize(runner, t, {"train": os.path.join(d, f"train.{t}-{TGT}")}, fbin, dict_file,
                         os.path.join(d, "preprocess.log"))
                for split in ("valid", "test"):  # the experiment's dev and test, binarised once
                    for lang in (t, TGT):
                        for ext in ("bin", "idx"):
                            os.symlink(os.path.join(bin_dir, f"{split}.{t}-{TGT}.{lang}.{ext}"),
                                       os.path.join(fbin, f"{split}.{t}-{TGT}.{lang}.{ext}"))
                runner.run([
                    "fairseq-train", fbin, *task_args(langs_file, [t]), *body_args(),
                    "--finetune-from-model", meta_ckpt, "--max-tokens", str(CPU["ft_max_tokens"]),
                    "--lr", str(CPU["ft_lr"]), "--warmup-updates", str(CPU["ft_warmup"]),
                    "--max-update", str(a.ft_updates), "--valid-subset", "valid",
                    "--validate-interval-updates", str(CPU["ft_validate"]), "--save-interval-updates", str(CPU["ft_validate"]),
                    "--keep-interval-updates", "1", "--validate-interval", "1000000", "--save-interval", "1000000",
                    "--patience", str(CPU["patience"]), "--best-checkpoint-metric", "loss", "--no-save-optimizer-state",
                    "--log-interval", str(max(1, CPU["ft_validate"] // 2)),
                    "--seed", str(s), "--save-dir", d, "--log-file", os.path.join(d, "train.log"),
                ], os.path.join(d, "stdout.log"))
                ckpt = os.path.join(d, "checkpoint_best.pt")
                dev_bleu, _ = decode(runner, fbin, langs_file, t, ckpt, "valid", d, a.data, a.beam)
                test_bleu, test_chrf = decode(runner, fbin, langs_file, t, ckpt, "test", d, a.data, a.beam)
                for p in [x for x in os.listdir(d) if x.startswith("checkpoint")]:
                    os.remove(os.path.join(d, p))
                with open(os.path.join(a.experiment, "ftdata", f"{t}-b{b}-s{s}", "subsample.json"), encoding="utf-8") as f:
                    info = json.load(f)
                X._touch(res, dict(method=METHOD, target=t, budget=b, seed=s, tokens=info["tokens"],
                                   sentences=info["sentences"], dev_bleu=dev_bleu, test_bleu=test_bleu,
                                   test_chrf=test_chrf, best_update=X.best_update(os.path.join(d, "train.log"))))
        return job

    runner.parallel([ft_job(*x) for x in fts], a.jobs)
    for t, b, s in fts:
        records.append(json.load(open(os.path.join(out, "runs", t, f"b{b}", f"s{s}", "result.json"), encoding="utf-8")))
    with runner.step("results"):
        with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
            json.dump(records, f, indent=1)
        header = [f"Command: `python {' '.join(sys.argv)}`",
                  f"fairseq translation_multi_simple_epoch, {a.updates} updates of --max-tokens {a.max_tokens}, "
                  f"joint SentencePiece {a.vocab_size}; this invocation took {(time.time() - t0) / 60:.1f} min"]
        with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
            f.write(X.results_markdown(records, [METHOD], targets, [0] + [b for b in budgets if b > 0], header))
    print(open(os.path.join(out, "results.md"), encoding="utf-8").read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
