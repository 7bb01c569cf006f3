#!/usr/bin/env bash
# The memorizing-associations runs behind docs/RESULTS.md: the reference hyper-parameters (spec §8.1) at sequence
# lengths 2, 5 and 10 with 10 classes, each with a wall-time budget, then the out-of-distribution evaluation of the
# length-5 model at lengths 2, 5, 8 and 10. Logs go to results/evidence/.
# An interrupted run continues with the same command plus --resume <its last checkpoint> (the budget then counts
# from the restart).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results/evidence
# minutes of training per sequence length (longer sequences learn more slowly)
declare -A budget=([2]=${BUDGET_L2:-20} [5]=${BUDGET_L5:-45} [10]=${BUDGET_L10:-60})
for L in 2 5 10; do
  ./hmem associations --sequence_length "$L" --num_classes 10 --seed 1 --print_freq 0 --logging \
    --time_budget "${budget[$L]}" --checkpoint_dir results/evidence/checkpoints \
    --runs_dir results/evidence/runs 2>&1 | tee "results/evidence/associations-L$L.log"
done
best5=$(ls -t results/evidence/checkpoints/*memorizing_associations_task-5-10_best.safetensors | head -1)
for L in 2 5 8 10; do
  ./hmem associations --evaluate --resume "$best5" --sequence_length "$L" --num_classes 10 \
    2>&1 | tee "results/evidence/associations-ood-train5-eval$L.log"
done
