"""The block that ends examples/quickstart.sh: BLEU and chrF (sacreBLEU) of the model fine-tuned
from meta-training and of the same fine-tuning from scratch, on the whole ro->en test set; three
sample translations; the checkpoint and the fairseq-interactive command that translates with it.

    python examples/quickstart_report.py --raw examples/data/tatoeba-slice --work runs/quickstart

reads WORK/test.finetune.gen and WORK/test.scratch.gen (fairseq-generate's output with
--remove-bpe sentencepiece) and RAW/target/{test,train}.ro-en.*; writes nothing.
"""

import argparse
import re
import shlex
import sys
from pathlib import Path

import sacrebleu

SRC, TGT = "ro", "en"
SAMPLES = 3
EXAMPLE = "Mulțumesc foarte mult."  # "Thank you very much."


def read_lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def read_hypotheses(gen: Path, n: int) -> list[str]:
    """The best hypothesis of every sentence in fairseq-generate's output (``H-<id>\\t<score>\\t<text>``),
    in the order of the test set; every one of the ``n`` sentences must be there."""
    hyps = {}
    for line in read_lines(gen):
        m = re.match(r"H-(\d+)\t[^\t]*\t?(.*)$", line)
        if m:
            hyps[int(m.group(1))] = m.group(2)
    missing = [i for i in range(n) if i not in hyps]
    if missing or len(hyps) != n:
        sys.exit(f"quickstart_report.py: {gen} has hypotheses for {len(hyps)} of the {n} test sentences "
                 f"(missing ids {missing[:10]}); see fairseq-generate's output there")
    return [hyps[i] for i in range(n)]


def scores(hyps: list[str], refs: list[str]) -> tuple[float, float]:
    """Corpus BLEU and chrF with sacreBLEU's defaults (what ``sacrebleu REF -m bleu chrf`` prints)."""
    return sacrebleu.corpus_bleu(hyps, [refs]).score, sacrebleu.corpus_chrf(hyps, [refs]).score


def short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def report(raw: Path, work: Path, mode: str, arch: str, interactive: str, decode: str,
           seconds: int | None = None) -> str:
    target = raw / "target"
    sources = read_lines(target / f"test.{SRC}-{TGT}.{SRC}")
    refs = read_lines(target / f"test.{SRC}-{TGT}.{TGT}")
    n = len(refs)
    n_train = len(read_lines(target / f"train.{SRC}-{TGT}.{SRC}"))
    n_meta = sum(len(read_lines(p)) for p in sorted((raw / "meta").glob(f"train.*-{TGT}.{TGT}")))
    meta = read_hypotheses(work / "test.finetune.gen", n)
    scratch = read_hypotheses(work / "test.scratch.gen", n)
    (b_meta, c_meta), (b_scratch, c_scratch) = scores(meta, refs), scores(scratch, refs)

    checkpoint = work / "finetune" / "checkpoint_best.pt"
    command = " ".join([
        "echo", shlex.quote(EXAMPLE), "|", interactive, shlex.quote(str(work / "data" / "bin")),
        "--user-dir", "fairseq_maml", "-s", SRC, "-t", TGT, "--path", shlex.quote(str(checkpoint)),
        decode, "--bpe", "sentencepiece",
        "--sentencepiece-model", shlex.quote(str(work / "data" / "spm" / f"{SRC}.model")),
    ])
    out = [
        "",
        f"== quickstart: {SRC}->{TGT}, a language never seen in meta-training ==",
        f"test set: {n} sentences ({target}/test.{SRC}-{TGT}.*), sacreBLEU {sacrebleu.__version__}",
        f"fine-tuned on the same {n_train} {SRC}-{TGT} sentence pairs:",
        f"  {'from ' + mode + ' meta-training':<31}BLEU {b_meta:6.2f}   chrF {c_meta:6.2f}",
        f"  {'from scratch (random init)':<31}BLEU {b_scratch:6.2f}   chrF {c_scratch:6.2f}",
        f"  {'what meta-training bought':<31}BLEU {b_meta - b_scratch:+6.2f}   chrF {c_meta - c_scratch:+6.2f}",
        f"This shows the pipeline and the gain over scratch, not usable translations: a {arch}",
        f"model trained for minutes on {n_meta:,} pairs does not translate well (docs/reports/quickstart.md).",
        "",
        f"the first {SAMPLES} test sentences:",
    ]
    for i in range(min(SAMPLES, n)):
        out += [
            f"  {i + 1}. source     {short(sources[i])}",
            f"     reference  {short(refs[i])}",
            f"     output     {short(meta[i])}",
            f"     scratch    {short(scratch[i])}",
        ]
    out += [
        "",
        f"checkpoint: {checkpoint}",
        "translate a sentence of your own (from the root of this checkout):",
        f"  {command}",
    ]
    if seconds is not None:
        out.append(f"quickstart finished in {seconds} s; every output in {work}")
    return "\n".join(out)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--raw", type=Path, required=True, help="the raw text the quickstart read (meta/, target/)")
    p.add_argument("--work", type=Path, required=True, help="the quickstart's WORK folder")
    p.add_argument("--mode", default="multitask", help="the meta mode the fine-tuned model started from")
    p.add_argument("--arch", default="ulr_transformer_tiny")
    p.add_argument("--interactive", default="fairseq-interactive", help="how the user runs fairseq-interactive")
    p.add_argument("--decode", default="--beam 5", help="the decoding flags fairseq-generate had")
    p.add_argument("--seconds", type=int, help="the quickstart's wall time")
    a = p.parse_args(argv)
    print(report(a.raw, a.work, a.mode, a.arch, a.interactive, a.decode, a.seconds))


if __name__ == "__main__":
    main()
