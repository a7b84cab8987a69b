#!/usr/bin/env bash
# End-to-end meta-training time with glibc's default allocator and with its mmap threshold fixed
# (docs/performance.md, "The allocator"). A measurement, not a CI test.
#
#   bash benchmarks/allocator.sh            # 2 rounds x (default, tuned), 150 maml updates each, ~20 min on 2 cores
#
# Knobs (environment): ROUNDS (2), UPDATES (150), ARCH (ulr_transformer_small), WORK (runs/allocator).
# Needs the plugin's tools on PATH (source .venv/bin/activate).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}; UPDATES=${UPDATES:-150}; ARCH=${ARCH:-ulr_transformer_small}; WORK=${WORK:-runs/allocator}
PAIRS=de-en,fr-en,es-en,it-en
TUNED=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=268435456)
if [ ! -d "$WORK/data/bin" ]; then
  fairseq-maml-prepare --raw examples/data/tatoeba-slice --raw-subdir meta --out "$WORK/data" \
    --pairs $PAIRS --splits train,valid
fi
train() {  # the quickstart's meta-training command, without validation and checkpoints
  fairseq-train "$WORK/data/bin" --user-dir fairseq_maml --arch "$ARCH" \
    --criterion meta_label_smoothed_cross_entropy --label-smoothing 0.1 --optimizer adam \
    --adam-betas '(0.9,0.98)' --clip-norm 1.0 --lr-scheduler inverse_sqrt --warmup-updates 200 \
    --log-format simple --seed 1 --num-workers 0 --task meta_translation --lang-pairs $PAIRS \
    --meta-mode maml --inner-lr 0.1 --inner-steps 1 --inner-params all --max-tokens 1200 \
    --lr 0.002 --max-update "$UPDATES" --log-interval 50 --disable-validation --no-save \
    --save-dir "$WORK/unused"
}
for round in $(seq "$ROUNDS"); do
  for setting in default tuned; do
    start=$SECONDS
    if [ $setting = tuned ]; then (export "${TUNED[@]}"; train) > "$WORK/$setting-$round.log" 2>&1
    else train > "$WORK/$setting-$round.log" 2>&1; fi
    printf 'round %s %-8s %5d s   train_wall of each 50 updates: %s\n' "$round" "$setting" \
      $((SECONDS - start)) "$(grep -o 'train_wall=[0-9]*' "$WORK/$setting-$round.log" | cut -d= -f2 | tr '\n' ' ')"
  done
done
