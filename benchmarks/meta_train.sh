# Sourced by the end-to-end benchmarks (allocator.sh, ddp_scaling.sh): the quickstart's meta-training
# command without validation and checkpoints, kept here fixed so that their measurements stay
# comparable when the quickstart changes. Needs WORK, ARCH, UPDATES; extra arguments go to fairseq-train.
PAIRS=de-en,fr-en,es-en,it-en

prepare_meta_data() {
  if [ ! -d "$WORK/data/bin" ]; then
    fairseq-maml-prepare --raw examples/data/tatoeba-slice --raw-subdir meta --out "$WORK/data" \
      --pairs $PAIRS --splits train,valid
  fi
}

train() {
  fairseq-train "$WORK/data/bin" --user-dir fairseq_maml --arch "$ARCH" \
    --criterion meta_label_smoothed_cross_entropy --label-smoothing 0.1 --optimizer adam \
    --adam-betas '(0.9,0.98)' --clip-norm 1.0 --lr-scheduler inverse_sqrt --warmup-updates 200 \
    --log-format simple --seed 1 --num-workers 0 --task meta_translation --lang-pairs $PAIRS \
    --meta-mode maml --inner-lr 0.1 --inner-steps 1 --inner-params all --max-tokens 1200 \
    --lr 0.002 --max-update "$UPDATES" --log-interval 50 --disable-validation --no-save \
    --save-dir "$WORK/unused" "$@"
}
