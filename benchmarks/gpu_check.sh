#!/usr/bin/env bash
# GPU checks and the meta-step benchmark in one call (a few minutes on one GPU).
#
#   bash benchmarks/gpu_check.sh                 # CUDA: checks + benchmark, short preset
#   bash benchmarks/gpu_check.sh --device cpu    # the same script on CPU (smoke preset), to test it
#
# What it runs (benchmarks/bench_meta_step.py --device cuda --preset short --amp):
#   - the maml meta-gradient on CUDA vs CPU, float64 and float32 (relative L2 error);
#   - the peer (hand-written second-order step) vs the plugin's meta-gradient;
#   - time/update, tokens/s, CUDA max allocated for plain, multitask, fomaml, reptile, maml, peer,
#     on ulr_transformer_small and fairseq's transformer of the same size, 1k and 4k tokens/batch;
#   - plain/fomaml with the math SDPA kernel (what maml is forced to use) vs the default kernel;
#   - fp32 vs bf16 autocast vs fairseq --amp (fp16 autocast + loss scale) for plain/fomaml/maml.
# Writes ${OUT_DIR:-runs}/gpu_check-<device>-<time>.json (and $OUT/ too when $OUT is set, as on
# a lent device machine). Extra arguments go to bench_meta_step.py.
# Needs a Python with torch (CUDA build), ve-fairseq, sentencepiece and this checkout importable:
# $PYTHON, else .venv/bin/python, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICE=cuda
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
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

STAMP=$(date +%Y%m%d-%H%M%S)
OUT_DIR="${OUT_DIR:-runs}"
mkdir -p "$OUT_DIR"
JSON="$OUT_DIR/gpu_check-${DEVICE%%:*}-$STAMP.json"
"$PY" -W ignore benchmarks/bench_meta_step.py --device "$DEVICE" "${PRESET[@]}" --out "$JSON" "${ARGS[@]}" \
  2> >(grep -v -E "USDT|CPUAllocator|profiler results" >&2)
if [ -n "${OUT:-}" ] && [ -d "${OUT:-}" ]; then cp "$JSON" "$OUT/"; fi
echo "gpu_check.sh: done, results in $JSON"
