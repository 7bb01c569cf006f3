#!/usr/bin/env bash
# The Omniglot runs behind docs/RESULTS.md: the spiking model with the shipped prototypical network, frozen (spike
# cache) and trainable, and the ReLU baseline, each with a 60-minute wall-time budget; then the shipped network's ANN
# accuracy and a 10-minute pretraining run. Reference hyper-parameters (spec §8.3, §8.4, §8.9) except --iterations 20
# (the reference's 200 batches of 256 episodes per epoch would not finish one epoch within the budget; 20 gives an
# epoch, a validation and a checkpoint every few minutes), so the test set is 20 x 256 episodes.
# DATA: the Omniglot folder (zips and splits/vinyals/), default ../shared/data/omniglot.
# The first two runs used one thread each, side by side; the trainable-CNN run used both cores alone.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data/omniglot}
out=results/evidence/omniglot
mkdir -p "$out"
common=(--dir "$data" --seed 1 --print_freq 0 --logging --iterations 20 --time_budget 60
        --checkpoint_dir "$out/checkpoints" --runs_dir "$out/runs")
./hmem omniglot "${common[@]}" --freeze_protonet 1 --threads 1 > "$out/frozen-cache.log" 2>&1 &
./hmem omniglot "${common[@]}" --model relu --threads 1 > "$out/relu.log" 2>&1 &
wait
./hmem omniglot "${common[@]}" --threads 2 > "$out/trainable.log" 2>&1
./hmem omniglot pretrain --dir "$data" --evaluate \
    --checkpoint_path "$(dirname "$data")/pretrained/omniglot-protonet.safetensors" > "$out/protonet-evaluate.log" 2>&1
./hmem omniglot pretrain --dir "$data" --time_budget 10 --threads 2 --checkpoint_dir "$out/checkpoints" \
    > "$out/protonet-pretrain.log" 2>&1
