#!/usr/bin/env bash
# Does hfmaml (finite-difference Hessian-vector product) train like maml? The quickstart's
# meta-training, with GELU (hfmaml refuses ReLU), once per meta mode on the same episodes (same
# seed), with validation: the query loss after adaptation in training, the valid loss at theta,
# and the training time. A measurement, not a CI test (docs/reports/performance.md, "hfmaml").
#
#   bash benchmarks/hfmaml_training.sh      # maml, hfmaml, fomaml; 800 updates each, ~20 min on 2 cores
#   SUMMARY_ONLY=1 bash benchmarks/hfmaml_training.sh   # the table again, from the logs
#
# Knobs (environment): MODES ("maml hfmaml fomaml"), UPDATES (800), ARCH (ulr_transformer_tiny),
# WORK (runs/hfmaml-training). Needs the plugin's tools on PATH (source .venv/bin/activate).
set -euo pipefail
cd "$(dirname "$0")/.."
MODES=${MODES:-"maml hfmaml fomaml"}; UPDATES=${UPDATES:-800}; ARCH=${ARCH:-ulr_transformer_tiny}
WORK=${WORK:-runs/hfmaml-training}
source benchmarks/meta_train.sh  # prepare_meta_data, PAIRS

summary() {  # one line per mode: training loss after adaptation per 100 updates, valid loss, time
  python3 - "$WORK" $MODES <<'PY'
import re, sys
work, modes = sys.argv[1], sys.argv[2:]
print("| mode | loss after adaptation, per 100 updates | adapt_gain, last 100 | valid loss at theta (mid, end) | training s |")
print("|---|---|---|---|---|")
for mode in modes:
    text = open(f"{work}/{mode}.log").read()
    inner = re.findall(r"train_inner \| .*? loss=([0-9.]+),.*?adapt_gain=([-0-9.]+)", text)
    valid = re.findall(r"valid on 'valid' subset \| loss ([0-9.]+)", text)
    done = re.findall(r"done training in ([0-9.]+) seconds", text)
    print(f"| {mode} | {' '.join(l for l, _ in inner)} | {inner[-1][1] if inner else '-'} | "
          f"{' / '.join(valid)} | {done[-1] if done else '-'} |")
PY
}

if [ "${SUMMARY_ONLY:-0}" = 1 ]; then summary; exit 0; fi
prepare_meta_data
for mode in $MODES; do
  fairseq-train "$WORK/data/bin" --user-dir fairseq_maml --arch "$ARCH" --activation-fn gelu \
    --criterion meta_label_smoothed_cross_entropy --label-smoothing 0.1 --optimizer adam \
    --adam-betas '(0.9,0.98)' --clip-norm 1.0 --lr-scheduler inverse_sqrt --warmup-updates 200 \
    --log-format simple --seed 1 --num-workers 0 --task meta_translation --lang-pairs $PAIRS \
    --meta-mode "$mode" --inner-lr 0.1 --inner-steps 1 --inner-params all --max-tokens 1200 \
    --lr 0.002 --max-update "$UPDATES" --log-interval 100 \
    --validate-interval-updates $((UPDATES / 2)) --validate-interval 1000 --no-save \
    --save-dir "$WORK/unused" > "$WORK/$mode.log" 2>&1
  echo "$mode done"
done
summary
