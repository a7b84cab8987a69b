#!/usr/bin/env bash
# Data-parallel meta-training on CPU: episodes per second with 1 worker (1 and 2 threads), with
# 2 workers of 1 thread each (fairseq's distributed training over gloo, --ddp-backend legacy_ddp;
# each worker runs its own episode and the meta-gradient is all-reduced), and with 2 independent
# 1-thread trainings side by side (seeds 1 and 2, no communication: what the two cores deliver
# together, the ceiling for the 2 workers). A measurement, not a CI test; the correctness of the
# same distributed setting is tests/test_distributed.py.
#
#   bash benchmarks/ddp_scaling.sh          # 2 rounds x 4 settings + 1 run, 60 maml updates each, ~35 min on 2 cores
#
# Prints, per run, the updates/s fairseq-train reports for each 10 updates after the first 10
# (warm-up), and episodes/s = updates/s x workers (summed over the two independent runs); once,
# the time of one gloo all-reduce of the model's gradients (benchmarks/allreduce_time.py) and the
# spread of one worker's per-update times: the wait for the slower of two episodes it implies.
# Knobs (environment): ROUNDS (2), UPDATES (60), ARCH (ulr_transformer_small), WORK
# (runs/ddp_scaling), CORES ("0 1": the two cores to pin to), SETTINGS ("1x1 1x2 ddp independent
# spread": which runs, in that order; spread is round 1 only), EXTRA (more fairseq-train arguments
# for every run, e.g. EXTRA="--meta-mode hfmaml --activation-fn gelu"; the last value of a flag wins).
# Needs the plugin's tools on PATH (source .venv/bin/activate) and 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}; UPDATES=${UPDATES:-60}; ARCH=${ARCH:-ulr_transformer_small}; WORK=${WORK:-runs/ddp_scaling}
read -r -a CORE <<< "${CORES:-0 1}"; C0=${CORE[0]}; C1=${CORE[1]}
SETTINGS=${SETTINGS:-1x1 1x2 ddp independent spread}
read -r -a EXTRA_ARGS <<< "${EXTRA:-}"
source benchmarks/meta_train.sh  # train(): the quickstart's meta-training command
prepare_meta_data

pinned() {  # pinned CORES THREADS LOG [fairseq-train arguments]: train() on CORES, on CPU
  local cores=$1 threads=$2 log=$3
  shift 3
  OMP_NUM_THREADS=$threads taskset -c "$cores" \
    bash -c "$(declare -f train); $(declare -p WORK ARCH UPDATES PAIRS); train --cpu \"\$@\"" train "$@" ${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"} > "$log" 2>&1
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

report() {  # report NAME WORKERS LOG...: mean updates/s of the intervals after the first, per log
  local name=$1 workers=$2 ups=()
  shift 2
  for log in "$@"; do ups+=("$(grep -o ' ups=[0-9.]*' "$log" | cut -d= -f2 | tail -n +2 | tr '\n' ' ')"); done
  python3 - "$name" "$workers" "${ups[@]}" <<'PY'
import sys
name, workers, runs = sys.argv[1], int(sys.argv[2]), [[float(x) for x in r.split()] for r in sys.argv[3:]]
if not all(runs):
    sys.exit(f"{name}: no train_inner lines after the first: see its log")
means = [sum(r) / len(r) for r in runs]
print(f"{name:<24} updates/s {' + '.join(f'{m:.3f}' for m in means):<13}  episodes/s {sum(means) * workers:6.3f}"
      f"   (intervals: {' | '.join(' '.join(map(str, r)) for r in runs)})")
PY
}

spread() {  # spread LOG: per-update times of a --log-interval 1 run, and the wait an update of 2
  # workers would add if each waited for the slower of two such episodes: E[max(t_i, t_j)] / E[t]
  local ups
  ups=$(grep -o ' ups=[0-9.]*' "$1" | cut -d= -f2 | tail -n +11 | tr '\n' ' ')
  python3 - "$ups" <<'PY'
import itertools, statistics, sys
t = [1 / float(u) for u in sys.argv[1].split()]
if len(t) < 2:
    sys.exit("spread: fewer than 2 updates after the first 10: see its log")
pairs = [max(a, b) for a, b in itertools.combinations(t, 2)]
mean = statistics.mean(t)
print(f"per-update time, 1 worker x 1 thread: mean {mean:.2f} s, sd {statistics.stdev(t) / mean:.1%} of it "
      f"(from ups to 2 decimals, {len(t)} updates); slower of 2 episodes: +{statistics.mean(pairs) / mean - 1:.1%}")
PY
}

run_1x1() {
  log="$WORK/1worker-1thread-$round.log"
  pinned "$C1" 1 "$log" --log-interval 10
  report "1 worker x 1 thread" 1 "$log"
  if [ "$round" = 1 ]; then  # the communication an update adds: one all-reduce of the gradients
    n=$(grep -o 'num. trained: [0-9,]*' "$log" | head -n 1 | grep -o '[0-9,]*$' | tr -d ,)
    taskset -c "$C0,$C1" python benchmarks/allreduce_time.py "$n"
  fi
}

run_1x2() {
  log="$WORK/1worker-2threads-$round.log"
  pinned "$C0,$C1" 2 "$log" --log-interval 10
  report "1 worker x 2 threads" 1 "$log"
}

run_ddp() {
  local port pids=()
  port=$(free_port)
  for rank in 0 1; do
    pinned "${CORE[$rank]}" 1 "$WORK/2workers-$round-rank$rank.log" --log-interval 10 \
      --distributed-world-size 2 --distributed-rank $rank --distributed-init-method tcp://127.0.0.1:$port \
      --distributed-no-spawn --distributed-backend gloo --ddp-backend legacy_ddp &
    pids+=($!)
  done
  wait "${pids[@]}"
  report "2 workers x 1 thread" 2 "$WORK/2workers-$round-rank0.log"
}

run_independent() {
  local pids=()
  for seed in 1 2; do
    pinned "${CORE[$((seed - 1))]}" 1 "$WORK/2independent-$round-seed$seed.log" --log-interval 10 --seed "$seed" &
    pids+=($!)
  done
  wait "${pids[@]}"
  report "2 independent x 1 thread" 1 "$WORK/2independent-$round-seed1.log" "$WORK/2independent-$round-seed2.log"
}

run_spread() {  # once: the per-update times of one 1-thread worker (its other core idle)
  [ "$round" = 1 ] || return 0
  log="$WORK/1worker-1thread-per-update.log"
  pinned "$C1" 1 "$log" --log-interval 1
  spread "$log"
}

for round in $(seq "$ROUNDS"); do
  echo "== round $round"
  for setting in $SETTINGS; do "run_$setting"; done
done
