#!/usr/bin/env bash
# The Concentration runs behind docs/RESULTS.md, one thread each, two at a time on the 2-core machine (each ends with
# the evaluation of its final policy: 1000 deterministic games next to the optimum and a random agent); then the
# plots of each run.
#   spiking, 4 cards, fixed deck: --num_steps 10 --decay_lr_linearly (the paper's 4-card setting), 50 minutes
#   ReLU, 4 cards, fixed deck and --resample_cards: 1 M env steps (about 12 minutes each)
#   spiking, 6 cards: --num_steps 100, 100 minutes
#   spiking, 4 cards, --resample_cards: 80 minutes
# --decay_lr_linearly decays over --num_env_steps, which the budgets cut short (the rate stays near 3e-4).
set -euo pipefail
cd "$(dirname "$0")/.."
out=results/evidence/concentration
mkdir -p "$out"
./hmem --version > /dev/null
cp hmem-cli/target/hmem.jar "$out/hmem.jar"
export HMEM_JAR="$out/hmem.jar"
common=(--seed 1 --threads 1 --logging --dir "$out/data" --runs_dir "$out/runs" --decay_lr_linearly)
run() { local name=$1; shift
  ./hmem concentration "${common[@]}" --checkpoint_dir "$out/$name" "$@" > "$out/$name.log" 2>&1; }
plot() { local name=$1
  HMEM_JAR= ./hmem concentration plot --dir "$out/data" --out "$out/plots-$name" \
      --checkpoint "$(ls "$out/$name"/*.safetensors | grep -v _best)" > "$out/$name-plot.log" 2>&1; }
run spiking4 --num_env_steps 2000000 --time_budget 50 --checkpoint_every 20 &
( run relu4 --model relu --num_env_steps 1000000 --checkpoint_every 20
  run relu4-resample --model relu --resample_cards --num_env_steps 1000000 --checkpoint_every 50
  run spiking6 --num_cells 6 --num_steps 100 --num_env_steps 2000000 --time_budget 100 --checkpoint_every 5 ) &
wait
run spiking4-resample --resample_cards --num_env_steps 2000000 --time_budget 80 --checkpoint_every 20
for name in spiking4 relu4 relu4-resample spiking6 spiking4-resample; do plot "$name"; done
