#!/usr/bin/env bash
# P@1 of ULR vectors against dictionaries induced from sentence pairs the vectors never saw
# (benchmarks/vectors_quality.py), for docs/reports/experiment.md "Target vectors aligned with the fine-tuning set".
# Needs runs/vec-mono and runs/vec-proj from docs/experiment/set-vectors/commands.sh (their data/ and vectors/),
# and their fine-tuning sets (ftdata/) for the targets. Prints one line per case; JSON lines in $OUT.
set -euo pipefail
OUT=${OUT:-runs/vq}; mkdir -p $OUT
M=runs/vec-mono; T=$M/data/spm_text; EN=$M/vectors/en.vec
# the summary line to stdout, the JSON line to $OUT/quality.jsonl
q() { r=$(python benchmarks/vectors_quality.py "$@" 2>/dev/null | tail -2); echo "$r" | head -1; echo "$r" | tail -1 >> $OUT/quality.jsonl; }
# meta languages: vectors from the first half of the training pair, reference from the second half
for l in de hu ru; do
  n=$(( $(wc -l < $T/train.$l-en.$l) / 2 ))
  head -n $n $T/train.$l-en.$l > $OUT/half.$l; head -n $n $T/train.$l-en.en > $OUT/half.$l.en
  for proj in 0 3; do
    fairseq-maml-vectors --data $M/data --langs $l --target en --dim 32 --target-vec $EN --monolingual-only $l \
      --parallel-text $l=$OUT/half.$l,$OUT/half.$l.en --projection $proj --out $OUT/$l-p$proj --quiet 2>/dev/null
    echo "meta $l projection $proj:"; q --vec $OUT/$l-p$proj/$l.vec --en-vec $EN --pool $T/train.$l-en.$l,$T/train.$l-en.en \
      --exclude $OUT/half.$l,$OUT/half.$l.en
  done
done
# targets: monolingual-only vectors, and per fine-tuning set (seeds + projection) vs the pool minus the set
for t in ko ro fi; do for b in 4000 16000; do
  S=runs/vec-proj/ftdata/$t-b$b-s1
  for v in $M/vectors/$t.vec $S/vectors/$t.vec; do
    echo "target $t $b s1 $v:"; q --vec $v --en-vec $EN --pool $T/train.$t-en.$t,$T/train.$t-en.en \
      --exclude $S/text/train.$t-en.$t,$S/text/train.$t-en.en
  done
done; done
