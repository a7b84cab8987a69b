#!/usr/bin/env bash
# GPU checks and the meta-step benchmark in one call (a few minutes on one GPU).
#
#   bash benchmarks/gpu_check.sh                 # CUDA: checks + benchmark, short preset
#   bash benchmarks/gpu_check.sh --device cpu    # the same script on CPU (smoke preset), to test it
#
# What it runs (benchmarks/bench_meta_step.py --device cuda --preset short --amp):
#   - the maml meta-gradient on CUDA vs CPU, float64 and float32 (relative L2 error);
#   - the peers (second-order MAML through `higher`, and the textbook torch.func loop) vs the
#     plugin's meta-gradient;
#   - time/update, tokens/s, CUDA max allocated for plain, multitask, fomaml, reptile, maml, peers,
#     on ulr_transformer_small and fairseq's transformer of the same size, 1k and 4k tokens/batch;
#   - plain/fomaml with the math SDPA kernel (what maml is forced to use) vs the default kernel;
#   - fp32 vs TF32 vs bf16 autocast (the task's --bf16-autocast) vs fairseq --amp (fp16 autocast +
#     loss scale) for plain/fomaml/maml, and each one's maml meta-gradient error against float32;
# then hfmaml vs maml on GELU models (bench_meta_step.py --activation-fn gelu, ~1 min);
# then tests/test_distributed.py -k maml on the device (2 workers over gloo, legacy_ddp and c10d:
# identical parameters on both after every update, equal to 1 worker accumulating), if pytest is there.
#   bash benchmarks/gpu_check.sh --e2e           # then fairseq-train per precision and mode, and
#                                                # examples/quickstart.sh on the GPU (SETUP=0: the
#                                                # tools already on PATH), timed
# Writes ${OUT_DIR:-runs}/gpu_check-<device>-<time>.json (and $OUT/ too when $OUT is set, as on
# a lent device machine), and with --e2e quickstart-<device>-<time>.log and train-runs-<time>.log. Extra arguments go to
# bench_meta_step.py.
# Needs a Python with torch (CUDA build), ve-fairseq, sentencepiece and this checkout importable:
# $PYTHON, else .venv/bin/python, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICE=cuda
ARGS=()
E2E=0
while [ $# -gt 0 ]; do
  case "$1" in
    --e2e) E2E=1; shift ;;
    --device) DEVICE="$2"; shift 2 ;;
    --device=*) DEVICE="${1#--device=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
"$PY" -c "import torch, fairseq, sentencepiece" 2>/dev/null || {
  echo "gpu_check.sh: $PY cannot import torch, fairseq and sentencepiece; set PYTHON=/path/to/python" >&2
  exit 3
}

case "$DEVICE" in
  cuda*)
    if ! "$PY" -c "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)"; then
      echo "gpu_check.sh: CUDA is not available to $PY (torch $("$PY" -c 'import torch; print(torch.__version__)'))." >&2
      echo "gpu_check.sh: run it on a GPU machine with a CUDA build of torch, or test it with --device cpu." >&2
      exit 2
    fi
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
    PRESET=(--preset short --amp)
    ;;
  cpu)
    PRESET=(--preset smoke)
    ;;
  *)
    echo "gpu_check.sh: --device must be cuda[:N] or cpu, got $DEVICE" >&2
    exit 2
    ;;
esac

to_out() {  # copy files to $OUT when it is set (a lent device machine brings it back)
  if [ -n "${OUT:-}" ] && [ -d "$OUT" ]; then cp "$@" "$OUT/"; fi
}

STAMP=$(date +%Y%m%d-%H%M%S)
OUT_DIR="${OUT_DIR:-runs}"
mkdir -p "$OUT_DIR"
JSON="$OUT_DIR/gpu_check-${DEVICE%%:*}-$STAMP.json"
BENCH_RC=0
"$PY" -W ignore benchmarks/bench_meta_step.py --device "$DEVICE" "${PRESET[@]}" --out "$JSON" "${ARGS[@]}" \
  2> >(grep -v -E "USDT|CPUAllocator|profiler results" >&2) || BENCH_RC=$?
[ "$BENCH_RC" = 0 ] || echo "gpu_check.sh: the benchmark failed (exit $BENCH_RC); going on" >&2
if [ -f "$JSON" ]; then to_out "$JSON"; fi
[ "$BENCH_RC" = 0 ] && echo "gpu_check.sh: benchmark done, results in $JSON"

# hfmaml (finite-difference Hessian-vector product) against maml and plain on GELU models (it
# refuses ReLU): time, memory, FLOPs, and its meta-gradient's distance from float32 maml's per
# radius, in float32 and under TF32 and bf16 autocast (which the task refuses for hfmaml: measured here)
HF_JSON="$OUT_DIR/gpu_check-hfmaml-${DEVICE%%:*}-$STAMP.json"
HF_MODELS=ulr_small,transformer_small; HF_AMP=--amp
[ "${DEVICE%%:*}" = cpu ] && HF_MODELS=ulr_tiny && HF_AMP=  # bf16 on a CPU without it: tens of times slower
"$PY" -W ignore benchmarks/bench_meta_step.py --device "$DEVICE" --models "$HF_MODELS" --activation-fn gelu \
  --no-sweeps --repeats 5 --peer func --hfmaml-radii 0.0003,0.001,0.01 $HF_AMP --out "$HF_JSON" \
  2> >(grep -v -E "USDT|CPUAllocator|profiler results" >&2) > "$OUT_DIR/hfmaml-$STAMP.log" \
  && echo "gpu_check.sh: hfmaml benchmark done, results in $HF_JSON" || echo "gpu_check.sh: the hfmaml benchmark failed, see $OUT_DIR/hfmaml-$STAMP.log"
if [ -f "$HF_JSON" ]; then to_out "$HF_JSON"; fi

# distributed meta-training on the device: 2 workers vs 1 accumulating, legacy_ddp and c10d through
# fairseq's own wrapper (tests/test_distributed.py; on CPU c10d needs a patch, on CUDA it does not)
DDP_LOG="$OUT_DIR/ddp-${DEVICE%%:*}-$STAMP.log"
if "$PY" -c "import pytest" 2>/dev/null; then
  # -o addopts=: in this one process, without pytest.ini's `-n auto` (pytest-xdist is not on the device image)
  FAIRSEQ_MAML_TEST_DEVICE="${DEVICE%%:*}" "$PY" -m pytest -o addopts= -q -rs -p no:cacheprovider tests/test_distributed.py -k maml \
    > "$DDP_LOG" 2>&1 && echo "gpu_check.sh: distributed check passed" || echo "gpu_check.sh: distributed check FAILED, see $DDP_LOG"
  grep -E "passed|failed|skipped|Error" "$DDP_LOG" | tail -n 5 || true
  to_out "$DDP_LOG"
else
  echo "gpu_check.sh: pytest is not importable by $PY: distributed check not run"
fi

if [ "$E2E" = 1 ]; then
  # meta-training through fairseq's Trainer at the gpu preset's model and batch size
  # (ulr_transformer_small, --max-tokens 4096) on the quickstart's data, most wanted first:
  # float32, --tf32, --amp, --bf16-autocast for maml, then multitask, fomaml, and maml --fp16
  # (refused with a message); updates/s as
  # fairseq-train reports them over updates 101-200 (data loading, optimizer and logging included;
  # the first 100 carry CUDA's warm-up). Each run is capped at CLI_TIMEOUT seconds.
  QS="$OUT_DIR/quickstart-${DEVICE%%:*}"
  RAW=examples/data/tatoeba-slice
  fairseq-maml-prepare --raw $RAW --raw-subdir meta --out "$QS/data" --pairs de-en,fr-en,es-en,it-en \
    --splits train,valid > "$OUT_DIR/prepare-$STAMP.log" 2>&1 || echo "gpu_check.sh: data preparation FAILED, see $OUT_DIR/prepare-$STAMP.log"
  BIN="$QS/data/bin"
  if [ -d "$BIN" ]; then
    for run in "maml" "maml --tf32" "maml --amp" "maml --bf16-autocast" "multitask" "multitask --tf32" \
               "fomaml" "maml --fp16"; do
      # shellcheck disable=SC2086
      set -- $run
      name="$1${2:+$2}"
      echo "== fairseq-train --meta-mode $run (ulr_transformer_small, --max-tokens 4096, ${CLI_UPDATES:-200} updates) =="
      timeout -k 5 "${CLI_TIMEOUT:-90}" fairseq-train "$BIN" --user-dir fairseq_maml --task meta_translation \
        --lang-pairs de-en,fr-en,es-en,it-en --arch ulr_transformer_small \
        --criterion meta_label_smoothed_cross_entropy --label-smoothing 0.1 --optimizer adam \
        --adam-betas '(0.9,0.98)' --clip-norm 1.0 --lr 0.0005 --lr-scheduler inverse_sqrt \
        --warmup-updates 100 --max-tokens 4096 --meta-mode $run --inner-lr 0.1 \
        --max-update "${CLI_UPDATES:-200}" --log-interval 100 --log-format simple --seed 1 \
        --no-save --disable-validation --num-workers 0 > "$OUT_DIR/cli-$name.log" 2>&1 || echo "(exit $?)"
      grep -E "\| (INFO|WARNING) \| (train_inner|train) \||Error" "$OUT_DIR/cli-$name.log" | tail -n 2 || true
      tail -n +1 "$OUT_DIR"/cli-*.log | grep -v "fairseq_cli.train | {" > "$OUT_DIR/train-runs-$STAMP.log"
      to_out "$OUT_DIR/train-runs-$STAMP.log"
    done
  fi
  # then the quickstart end to end through the real CLIs (fairseq-train uses the GPU when torch
  # sees one), reusing the data prepared above
  LOG="$OUT_DIR/quickstart-${DEVICE%%:*}-$STAMP.log"
  SETUP=0 WORK="$QS" bash examples/quickstart.sh > "$LOG" 2>&1 || true
  grep -E "fairseq_cli.train \| (training on|max tokens per device|done training)|Error" "$LOG" || true
  sed -n '/^== quickstart/,$p' "$LOG"   # the quickstart's final block (scores, samples, checkpoint)
  to_out "$LOG"
  echo "gpu_check.sh: quickstart log in $LOG"
fi
exit "$BENCH_RC"
