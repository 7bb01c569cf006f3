#!/usr/bin/env bash
# The bAbI runs behind docs/RESULTS.md: task 1 (10k) with the reference hyper-parameters (spec §8.7) for up to
# BUDGET_TASK1 minutes, then tasks 2-20 (10k) for up to BUDGET_OTHERS minutes each, with the per-task table.
# Data: DIR (default ../shared/data/babi). Logs go to results/evidence/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${DIR:-../shared/data/babi}
mkdir -p results/evidence
./hmem babi --task 1 --dir "$dir" --seed 1 --print_freq 0 --logging --time_budget "${BUDGET_TASK1:-20}" \
  --checkpoint_dir results/evidence/babi-checkpoints --runs_dir results/evidence/runs \
  2>&1 | tee results/evidence/babi-task1.log
./hmem babi --task 2-20 --dir "$dir" --seed 1 --print_freq 0 --logging --time_budget "${BUDGET_OTHERS:-3}" \
  --checkpoint_dir results/evidence/babi-checkpoints --runs_dir results/evidence/runs \
  2>&1 | tee results/evidence/babi-tasks2-20.log
