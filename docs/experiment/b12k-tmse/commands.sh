# docs/reports/experiment.md "12,000 meta-updates with aligned vectors, and fairseq's own multilingual model
# as a baseline" (2026-12-02, 2-core CPU). Needs runs/vec-proj from set-vectors/commands.sh (condition B).
E="python examples/metanmt_experiment.py --data ../shared/data/tatoeba-mt --preset cpu --targets ko,ro,fi,tr,lv --seeds 3"
# 1. B's 4,000-update meta-trainings go on to 12,000: the 4k checkpoint (and its log) in the 12k folder with the
#    command the experiment will run, so it resumes instead of starting over (resume is exact: tests/test_resume.py)
for m in maml mt; do
  mkdir -p runs/vec-proj/meta/$m-12k
  cp runs/vec-proj/meta/$m-4k/{checkpoint_last.pt,checkpoint_best.pt,train.log} runs/vec-proj/meta/$m-12k/
  python - "$m" <<'PY'
import json, sys
m = sys.argv[1]
c = json.load(open(f"runs/vec-proj/meta/{m}-4k/command.json"))
assert c[-2:] == ["--max-update", "4000"]
json.dump([x.replace(f"{m}-4k", f"{m}-12k") for x in c[:-1]] + ["12000"], open(f"runs/vec-proj/meta/{m}-12k/command.json", "w"))
PY
done
# 2. at the same time (one process each, three on the two cores): the meta-trainings, fine-tuning (4k sets) and
#    zero-shot of B at 12k, and fairseq's translation_multi_simple_epoch on the same meta pairs and sets
$E --jobs 2 --out runs/vec-proj --budgets 0,4000 --methods maml-12k,mt-12k --vectors-projection 3 --target-vectors set \
   --variant "mt-12k=multitask;meta=--max-update 12000" --variant "maml-12k=maml;meta=--max-update 12000"
python examples/tmse_baseline.py --data ../shared/data/tatoeba-mt --experiment runs/vec-proj --out runs/tmse \
   --targets ko,ro,fi,tr,lv --budgets 4000 --seeds 3 --jobs 1
# 3. B at 12k on the 16k sets (the 4k ones are skipped, done)
$E --jobs 2 --out runs/vec-proj --budgets 0,4000,16000 --methods maml-12k,mt-12k --vectors-projection 3 --target-vectors set \
   --variant "mt-12k=multitask;meta=--max-update 12000" --variant "maml-12k=maml;meta=--max-update 12000"
# 4. scratch with each set's aligned vectors (same sets), then the tables and plots of B at 4k and 12k with scratch
$E --jobs 1 --out runs/vec-proj --budgets 4000 --methods scratch --vectors-projection 3 --target-vectors set
$E --jobs 1 --out runs/vec-proj --budgets 0,4000,16000 --methods maml-4k,mt-4k,maml-12k,mt-12k,scratch \
   --vectors-projection 3 --target-vectors set --variant "mt-4k=multitask;meta=--max-update 4000" \
   --variant "maml-4k=maml;meta=--max-update 4000" --variant "mt-12k=multitask;meta=--max-update 12000" \
   --variant "maml-12k=maml;meta=--max-update 12000" --report-only          # -> docs/experiment/b12k-tmse/proj/
# runs/tmse/results.{json,md} -> docs/experiment/b12k-tmse/tmse/; every table of the section:
python docs/experiment/set-vectors/compare.py > docs/experiment/set-vectors/compare.txt
