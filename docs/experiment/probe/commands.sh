# examples/adaptation_probe.py on the meta checkpoints of docs/reports/experiment.md's 12,000-update runs
# (run on 2026-12-02, 2-core CPU, one thread each; ~2 min per checkpoint and 5 rates at 90 episodes)
M=runs/metanmt-cpu/meta
P="python examples/adaptation_probe.py --data runs/metanmt-cpu/data/bin --episodes 90"
# probe.txt: all parameters adapt, as in training
$P $M/maml-12k/checkpoint_2_3000.pt $M/maml-12k/checkpoint_3_6000.pt $M/maml-12k/checkpoint_5_9000.pt \
   $M/maml-12k/checkpoint_6_12000.pt $M/mt-12k/checkpoint_3_6000.pt $M/mt-12k/checkpoint_6_12000.pt \
   --inner-lrs 0.003,0.01,0.03,0.1,0.3
# probe-emb.txt / .json: only the language's embedding and the ULR mapping A adapt
$P $M/maml-12k/checkpoint_3_6000.pt $M/mt-12k/checkpoint_3_6000.pt --inner-lrs 0.03,0.1,0.3,1,3 \
   --inner-params embeddings --json probe-emb.json
# probe-new.txt / .json: the episode's language embedding zeroed first (a language never seen)
$P $M/maml-12k/checkpoint_3_6000.pt $M/mt-12k/checkpoint_3_6000.pt --inner-lrs 0.1,0.3,1,3,10 \
   --inner-params embeddings --new-language --json probe-new.json
$P $M/maml-12k/checkpoint_3_6000.pt --inner-lrs 0.03,0.1,0.3 --inner-params all --new-language --json probe-new-all.json
# after the two continuations of docs/reports/experiment.md ("Two changes to the meta-objective")
$P $M/maml-ilr003/checkpoint_6_12000.pt --inner-lrs 0.003,0.01,0.03,0.1,0.3 --json probe-ilr003.json
$P $M/maml-newlang/checkpoint_6_12000.pt $M/maml-12k/checkpoint_6_12000.pt $M/mt-12k/checkpoint_6_12000.pt \
   --inner-lrs 0.03,0.1,0.3 --inner-params all --new-language --json probe-newlang.json
