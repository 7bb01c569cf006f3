#!/usr/bin/env bash
# The Omniglot runs behind docs/RESULTS.md: the spiking model with the shipped prototypical network, frozen (spike
# cache) and trainable, and the ReLU baseline, each with a 60-minute wall-time budget (each tests its final model at
# the end), then the best checkpoints of the first two on the test set; then the shipped network's ANN accuracy and
# a 10-minute pretraining run. Reference hyper-parameters (spec §8.3, §8.4, §8.9) except --iterations 20 (the
# reference's 200 batches of 256 episodes per epoch would not finish one epoch within the budget; 20 gives an epoch,
# a validation and a checkpoint every few minutes), so validation and test sets are 20 x 256 episodes.
# DATA: the Omniglot folder (zips and splits/vinyals/), default ../shared/data/omniglot.
# The first two runs use one thread each, side by side; the trainable-CNN run uses both cores alone.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data/omniglot}
out=results/evidence/omniglot
mkdir -p "$out"
common=(--dir "$data" --seed 1 --print_freq 0 --iterations 20)
# each run its own checkpoint folder: the spiking runs' checkpoint names do not say whether the CNN was frozen
run() { local name=$1; shift
  ./hmem omniglot "${common[@]}" --logging --time_budget 60 --runs_dir "$out/runs" --checkpoint_dir "$out/$name" "$@" \
      > "$out/$name.log" 2>&1; }
test_best() { local name=$1; shift
  ./hmem omniglot "${common[@]}" --threads 2 --evaluate --resume "$(ls "$out/$name"/*_best.safetensors)" "$@" \
      > "$out/$name-test.log" 2>&1; }
run frozen-cache --freeze_protonet 1 --threads 1 &
run relu --model relu --threads 1 &
wait
run trainable --threads 2
test_best frozen-cache
test_best relu --model relu
./hmem omniglot pretrain --dir "$data" --evaluate \
    --checkpoint_path "$(dirname "$data")/pretrained/omniglot-protonet.safetensors" > "$out/protonet-evaluate.log" 2>&1
./hmem omniglot pretrain --dir "$data" --time_budget 10 --threads 2 --checkpoint_dir "$out/pretrain" \
    > "$out/protonet-pretrain.log" 2>&1
