#!/usr/bin/env bash
# Quickstart: set up, then meta-learn an NMT initialisation on four real high-resource pairs
# (de fr es it -> en, Tatoeba), fine-tune it on 600 sentence pairs of a language it never saw
# (ro -> en), fine-tune a second model on the same pairs from a random initialisation (what
# meta-training bought), translate the ro test set with fairseq-generate, and print BLEU and chrF
# (sacreBLEU), three sample translations, the checkpoint and the fairseq-interactive command for it.
#
#   bash examples/quickstart.sh            # what it printed, and how long it took: docs/reports/quickstart.md
#
# Knobs (environment):
#   WORK               output folder (default runs/quickstart)
#   META_UPDATES       meta-training updates (default 1500)
#   FT_UPDATES         at most this many updates for each fine-tuning (default 400; both stop early
#                      by dev loss, --patience 4)
#   ARCH, MODE         the architecture (ulr_transformer_tiny) and meta mode (default multitask, the
#                      initialisation that fine-tunes best on every setting measured, docs/reports/experiment.md;
#                      maml for MetaNMT's second-order meta-learning, or fomaml | reptile | hfmaml)
#   RAW                the raw text (default examples/data/tatoeba-slice): meta/{train,valid}.{de,fr,es,it}-en.*
#                      and target/{train,valid,test}.ro-en.*, as there
#   TORCH_PIP_ARGS     what `pip install` gets for torch when .venv has none, split into words: e.g.
#                      "torch --index-url https://download.pytorch.org/whl/cpu", the CPU build (a
#                      bare "torch" from PyPI is the CUDA build on Linux, several GB)
#   TORCH_REQUIREMENT  one requirement string instead (default "torch"; "torch==2.13.0" takes a local
#                      CPU wheel where there is one); not together with TORCH_PIP_ARGS
#   SETUP=0            skip the .venv setup and use the fairseq-train, fairseq-maml-prepare, ... and
#                      sacrebleu already on PATH (e.g. in an environment of your own)
#   DRY_RUN=1          print the setup's commands (venv, torch, the plugin) and stop: nothing is
#                      installed, trained or written
#   TRAIN_FLAGS        extra flags for every fairseq-train run, e.g. "--amp" or "--bf16-autocast"
# fairseq trains on the GPU when torch sees one. On a CPU whose cores are busy with other work, set
# OMP_NUM_THREADS=1: torch's threads then wait on each other and meta-training slows several-fold.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)

# --- setup: a virtual environment with the plugin installed (once) ---------------------------
if [ -n "${TORCH_PIP_ARGS:-}" ] && [ -n "${TORCH_REQUIREMENT:-}" ]; then
  echo "quickstart.sh: set TORCH_PIP_ARGS or TORCH_REQUIREMENT, not both" >&2
  exit 2
fi
if [ -n "${TORCH_PIP_ARGS:-}" ]; then
  read -r -a TORCH_ARGS <<< "$TORCH_PIP_ARGS"
else
  TORCH_ARGS=("${TORCH_REQUIREMENT:-torch}")
fi
PIP_TORCH=(.venv/bin/pip install -q "${TORCH_ARGS[@]}")
PIP_PLUGIN=(.venv/bin/pip install -q ".[test]")  # the plugin, and what the README's test command needs
if [ "${DRY_RUN:-0}" != 0 ]; then
  if [ "${SETUP:-1}" = 0 ]; then echo "quickstart.sh (dry run): SETUP=0, no setup"; exit 0; fi
  echo "quickstart.sh (dry run): the setup would run"
  echo "  python3 -m venv .venv  # when .venv/bin/python is missing"
  echo "  $(printf '%q ' "${PIP_TORCH[@]}") # when .venv has no torch"
  echo "  $(printf '%q ' "${PIP_PLUGIN[@]}")"
  exit 0
fi
if [ "${SETUP:-1}" != 0 ]; then
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
  if ! .venv/bin/python -c "import torch" 2>/dev/null; then "${PIP_TORCH[@]}"; fi
  "${PIP_PLUGIN[@]}"
  export PATH="$PWD/.venv/bin:$PATH"
  INTERACTIVE=.venv/bin/fairseq-interactive  # what the user's own shell can run from here
else
  INTERACTIVE=fairseq-interactive
fi
for tool in fairseq-maml-prepare fairseq-train fairseq-generate fairseq-interactive python; do
  command -v $tool >/dev/null || { echo "quickstart.sh: $tool is not on PATH (SETUP=0 needs the plugin pip-installed)" >&2; exit 2; }
done
python -c "import sacrebleu" 2>/dev/null || { echo "quickstart.sh: the python on PATH has no sacrebleu (SETUP=0 needs the plugin pip-installed)" >&2; exit 2; }

WORK=${WORK:-runs/quickstart}
RAW=${RAW:-examples/data/tatoeba-slice}
META_PAIRS=de-en,fr-en,es-en,it-en
ARCH=${ARCH:-ulr_transformer_tiny}
MODE=${MODE:-multitask}
META_UPDATES=${META_UPDATES:-1500}
FT_UPDATES=${FT_UPDATES:-400}
read -r -a EXTRA <<< "${TRAIN_FLAGS:-}"
mkdir -p "$WORK"

# --- data: SentencePiece per language, fairseq binarization ---------------------------------
fairseq-maml-prepare --raw "$RAW" --raw-subdir meta --out "$WORK/data" --pairs $META_PAIRS \
  --splits train,valid
fairseq-maml-prepare --raw "$RAW" --raw-subdir target --out "$WORK/data" --pairs ro-en \
  --splits train,valid,test

COMMON=(--user-dir fairseq_maml --arch "$ARCH" --criterion meta_label_smoothed_cross_entropy
  --label-smoothing 0.1 --optimizer adam --adam-betas '(0.9,0.98)' --clip-norm 1.0
  --lr-scheduler inverse_sqrt --warmup-updates 200 --log-format simple --seed 1
  --no-epoch-checkpoints --num-workers 0 "${EXTRA[@]}")
# fine-tuning on the new pair ro-en, the same for the meta-learned and the random initialisation
FINETUNE=(--task meta_translation -s ro -t en --max-tokens 1200 --lr 0.0005 --max-update "$FT_UPDATES"
  --log-interval 50 --validate-interval-updates 50 --save-interval-updates 50 --patience 4)
# beam search; the length cap (1.2 x source + 10 pieces) is above every reference of the test set
# and keeps a model that has not learnt to stop from decoding 200 pieces per sentence
DECODE=(--beam 5 --max-len-a 1.2 --max-len-b 10)

# --- meta-training: one episode (language pair, support batch, query batch) per update --------
fairseq-train "$WORK/data/bin" "${COMMON[@]}" --task meta_translation --lang-pairs $META_PAIRS \
  --meta-mode "$MODE" --inner-lr 0.1 --inner-steps 1 --inner-params all \
  --max-tokens 1200 --lr 0.002 --max-update "$META_UPDATES" --log-interval 100 \
  --validate-interval-updates 500 --save-interval-updates 500 --save-dir "$WORK/meta"

# --- fine-tuning on ro-en (600 sentence pairs) from the meta-learned point ---------------------
fairseq-train "$WORK/data/bin" "${COMMON[@]}" "${FINETUNE[@]}" \
  --finetune-from-model "$WORK/meta/checkpoint_last.pt" --save-dir "$WORK/finetune"

# --- the same fine-tuning from a random initialisation: what meta-training bought -------------
fairseq-train "$WORK/data/bin" "${COMMON[@]}" "${FINETUNE[@]}" --save-dir "$WORK/scratch"

# --- translate the ro test set with both (fairseq's own translation task), score, report -----
for run in finetune scratch; do
  fairseq-generate "$WORK/data/bin" --user-dir fairseq_maml -s ro -t en \
    --path "$WORK/$run/checkpoint_best.pt" --gen-subset test "${DECODE[@]}" --batch-size 64 \
    --remove-bpe sentencepiece > "$WORK/test.$run.gen"
done
python examples/quickstart_report.py --raw "$RAW" --work "$WORK" --mode "$MODE" --arch "$ARCH" \
  --interactive "$INTERACTIVE" --decode="${DECODE[*]}" --seconds $(( $(date +%s) - START ))
