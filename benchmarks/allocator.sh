#!/usr/bin/env bash
# End-to-end meta-training time with glibc's default allocator and with its mmap threshold fixed
# (docs/reports/performance.md, "The allocator"). A measurement, not a CI test.
#
#   bash benchmarks/allocator.sh            # 2 rounds x (default, tuned), 150 maml updates each, ~20 min on 2 cores
#
# Knobs (environment): ROUNDS (2), UPDATES (150), ARCH (ulr_transformer_small), WORK (runs/allocator).
# Needs the plugin's tools on PATH (source .venv/bin/activate).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}; UPDATES=${UPDATES:-150}; ARCH=${ARCH:-ulr_transformer_small}; WORK=${WORK:-runs/allocator}
TUNED=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=268435456)
source benchmarks/meta_train.sh  # train(): the quickstart's meta-training command
prepare_meta_data
for round in $(seq "$ROUNDS"); do
  for setting in default tuned; do
    start=$SECONDS
    if [ $setting = tuned ]; then (export "${TUNED[@]}"; train) > "$WORK/$setting-$round.log" 2>&1
    else train > "$WORK/$setting-$round.log" 2>&1; fi
    printf 'round %s %-8s %5d s   train_wall of each 50 updates: %s\n' "$round" "$setting" \
      $((SECONDS - start)) "$(grep -o 'train_wall=[0-9]*' "$WORK/$setting-$round.log" | cut -d= -f2 | tr '\n' ' ')"
  done
done
