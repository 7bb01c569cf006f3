#!/usr/bin/env bash
# The cross-modal runs behind docs/RESULTS.md: the spiking model with the shipped digit classifiers, trainable (the
# default) and frozen (spike cache), and the ReLU baseline, each with a 60-minute wall-time budget, all three side by
# side on one 2-core machine (each tests its final model at the end); then the best checkpoints on the test set.
# Reference hyper-parameters (spec §8.5, §8.6) except, for the spiking runs, fewer episodes per epoch and smaller
# batches: at the 2-core speed the reference's 10 000 episodes in batches of 256 would give the trainable run not even
# one epoch (and a handful of optimiser steps) within the budget. The ReLU run keeps every default.
# DATA: the data root holding fsdd/recordings/ and mnist/ (default ../shared/data). --tests-only: only the tests and
# plots of the best checkpoints of earlier runs.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data}
out=results/evidence/cross_modal
mkdir -p "$out"
# the runs take hours: they use a copy of the jar, which rebuilding the tree meanwhile does not touch
./hmem --version > /dev/null
cp hmem-cli/target/hmem.jar "$out/hmem.jar"
export HMEM_JAR="$out/hmem.jar"
common=(--dir "$data" --seed 1 --data_seed 1 --print_freq 0)
# each run its own checkpoint folder: the spiking runs' checkpoint names do not say whether the CNNs were frozen
run() { local name=$1; shift
  ./hmem cross-modal "${common[@]}" --logging --time_budget 60 --runs_dir "$out/runs" --checkpoint_dir "$out/$name" \
      "$@" > "$out/$name.log" 2>&1; }
# the best checkpoints are tested (MSE and recognisability) and plotted by the tree's own build
test_best() { local name=$1; shift
  HMEM_JAR= ./hmem cross-modal "${common[@]}" --threads 2 --evaluate --resume "$(ls "$out/$name"/*_best.safetensors)" \
      "$@" > "$out/$name-test.log" 2>&1
  HMEM_JAR= ./hmem cross-modal plot --dir "$data" --data_seed 1 --threads 2 --out "$out/plots-$name" \
      --checkpoint "$(ls "$out/$name"/*_best.safetensors)" > "$out/$name-plot.log" 2>&1; }
if [ "${1:-}" != --tests-only ]; then
run trainable --dataset_size 1000 --batch_size 32 --threads 1 &
run frozen-cache --freeze_protonet 1 --dataset_size 2000 --batch_size 64 --threads 1 &
run relu --model relu --threads 1 &
wait
fi
test_best trainable --dataset_size 1000 --batch_size 32
test_best frozen-cache --dataset_size 2000 --batch_size 64
test_best relu --model relu
