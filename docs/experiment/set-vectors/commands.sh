# docs/reports/experiment.md "Aligned vectors: projected through parallel text, the targets per fine-tuning set" (2026-12-02, 2-core CPU).
# Three invocations ran at once (one command each, --jobs 1); the first two share runs/metanmt-cpu/data
# (fairseq-maml-prepare of the 15 meta pairs and the five targets, copied with the .done/prepare-* markers;
# a fresh --out prepares it itself). Every command they ran is in runs/vec-*/commands.sh.
E="python examples/metanmt_experiment.py --data ../shared/data/tatoeba-mt --preset cpu --targets ko,ro,fi --seeds 3 --jobs 1"
# A. vectors as before: orthogonal maps only, targets from monolingual text (--target-vectors mono)
$E --out runs/vec-mono --budgets 0,4000,16000 --methods maml-4k,mt-4k \
   --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000"
# B. meta languages projected through their training pairs, each target's vectors aligned and projected
#    with its fine-tuning set (fairseq-maml-vectors ... --parallel-text T=SET --projection 3 per set)
$E --out runs/vec-proj --budgets 0,4000,16000 --methods maml-4k,mt-4k --vectors-projection 3 --target-vectors set \
   --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000"
# C. B's meta checkpoints, the targets' vectors from monolingual text (as A): which half of B matters
$E --out runs/vec-proj --budgets 4000 --methods maml-4k-tmono,mt-4k-tmono --vectors-projection 3 --target-vectors set \
   --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000" \
   --variant "maml-4k-tmono=maml-4k;vec=mono" --variant "mt-4k-tmono=mt-4k;vec=mono"
# tables and plots of B and C together
$E --out runs/vec-proj --budgets 0,4000,16000 --methods maml-4k,mt-4k,maml-4k-tmono,mt-4k-tmono --vectors-projection 3 \
   --target-vectors set --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000" \
   --variant "maml-4k-tmono=maml-4k;vec=mono" --variant "mt-4k-tmono=mt-4k;vec=mono" --report-only
# vector quality against dictionaries from unseen sentences
bash docs/experiment/set-vectors/quality.sh
# then tr and lv in A and B (two invocations at once, 29 min each)
$E --out runs/vec-mono --targets tr,lv --budgets 0,4000,16000 --methods maml-4k,mt-4k \
   --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000"
$E --out runs/vec-proj --targets tr,lv --budgets 0,4000,16000 --methods maml-4k,mt-4k --vectors-projection 3 --target-vectors set \
   --variant "mt-4k=multitask;meta=--max-update 4000" --variant "maml-4k=maml;meta=--max-update 4000"
# the tables of all five targets: --report-only with --targets ko,ro,fi,tr,lv on each --out (as above), then
python docs/experiment/set-vectors/compare.py > docs/experiment/set-vectors/compare.txt
python docs/experiment/set-vectors/compare.py --set-reports runs/vec-proj   # set-vectors-reports.json, meta dev losses
