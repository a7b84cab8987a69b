#!/usr/bin/env bash
# Quickstart: set up, then meta-learn an NMT initialisation on four real high-resource pairs
# (de fr es it -> en, Tatoeba), fine-tune it on 600 sentence pairs of a language it never saw
# (ro -> en), translate the ro test set with fairseq-generate and score it with sacreBLEU.
#
#   bash examples/quickstart.sh            # what it printed, and how long it took: docs/reports/quickstart.md
#
# Knobs (environment): WORK (output folder, default runs/quickstart), META_UPDATES, FT_UPDATES,
# ARCH, MODE (maml | fomaml | reptile | multitask), TORCH_REQUIREMENT (what pip installs for
# torch when .venv has none: default "torch"; "torch==2.13.0" takes a local CPU wheel where there
# is one), SETUP=0 (skip the .venv setup and use the fairseq-train, fairseq-maml-prepare and
# sacrebleu already on PATH, e.g. in an environment of your own), TRAIN_FLAGS (extra flags for
# both fairseq-train runs, e.g. "--amp" or "--bf16-autocast"). fairseq trains on the GPU when
# torch sees one.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)

# --- setup: a virtual environment with the plugin installed (once) ---------------------------
if [ "${SETUP:-1}" != 0 ]; then
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
  if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    .venv/bin/pip install -q "${TORCH_REQUIREMENT:-torch}"
  fi
  .venv/bin/pip install -q ".[test]"  # the plugin, and what the README's test command needs
  export PATH="$PWD/.venv/bin:$PATH"
fi
for tool in fairseq-maml-prepare fairseq-train fairseq-generate sacrebleu; do
  command -v $tool >/dev/null || { echo "quickstart.sh: $tool is not on PATH (SETUP=0 needs the plugin pip-installed)" >&2; exit 2; }
done

WORK=${WORK:-runs/quickstart}
RAW=examples/data/tatoeba-slice
META_PAIRS=de-en,fr-en,es-en,it-en
ARCH=${ARCH:-ulr_transformer_tiny}
MODE=${MODE:-maml}
META_UPDATES=${META_UPDATES:-1500}
FT_UPDATES=${FT_UPDATES:-400}
read -r -a EXTRA <<< "${TRAIN_FLAGS:-}"
mkdir -p "$WORK"

# --- data: SentencePiece per language, fairseq binarization ---------------------------------
fairseq-maml-prepare --raw $RAW --raw-subdir meta --out "$WORK/data" --pairs $META_PAIRS \
  --splits train,valid
fairseq-maml-prepare --raw $RAW --raw-subdir target --out "$WORK/data" --pairs ro-en \
  --splits train,valid,test

COMMON=(--user-dir fairseq_maml --arch "$ARCH" --criterion meta_label_smoothed_cross_entropy
  --label-smoothing 0.1 --optimizer adam --adam-betas '(0.9,0.98)' --clip-norm 1.0
  --lr-scheduler inverse_sqrt --warmup-updates 200 --log-format simple --seed 1
  --no-epoch-checkpoints --num-workers 0 "${EXTRA[@]}")

# --- meta-training: one episode (language pair, support batch, query batch) per update --------
fairseq-train "$WORK/data/bin" "${COMMON[@]}" --task meta_translation --lang-pairs $META_PAIRS \
  --meta-mode "$MODE" --inner-lr 0.1 --inner-steps 1 --inner-params all \
  --max-tokens 1200 --lr 0.002 --max-update "$META_UPDATES" --log-interval 100 \
  --validate-interval-updates 500 --save-interval-updates 500 --save-dir "$WORK/meta"

# --- fine-tuning on the new pair ro-en (600 sentence pairs), from the meta-learned point -------
fairseq-train "$WORK/data/bin" "${COMMON[@]}" --task meta_translation -s ro -t en \
  --finetune-from-model "$WORK/meta/checkpoint_last.pt" \
  --max-tokens 1200 --lr 0.0005 --max-update "$FT_UPDATES" --log-interval 50 \
  --validate-interval-updates 50 --save-interval-updates 50 --save-dir "$WORK/finetune" \
  --patience 4

# --- translate the ro test set, score with sacreBLEU ---------------------------------------
fairseq-generate "$WORK/data/bin" --user-dir fairseq_maml --task meta_translation -s ro -t en \
  --path "$WORK/finetune/checkpoint_best.pt" --gen-subset test --beam 5 --batch-size 64 \
  --remove-bpe sentencepiece > "$WORK/test.gen"
grep '^H-' "$WORK/test.gen" | sed 's/^H-//' | sort -n -k1,1 | cut -f3 > "$WORK/test.hyp"
echo "== ro->en test ($(wc -l < "$WORK/test.hyp") sentences), fine-tuned from $MODE meta-training =="
sacrebleu "$RAW/target/test.ro-en.en" -i "$WORK/test.hyp" -m bleu chrf -b -w 2
echo "quickstart finished in $(( $(date +%s) - START )) s; outputs in $WORK"
