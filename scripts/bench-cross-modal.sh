#!/usr/bin/env bash
# The cross-modal benchmark behind docs/BENCHMARKS.md (run it on a quiet machine): the spiking variants at batch 8
# with 2 threads (the reference's setting), the warm-cache and ReLU variants at batch 8 and 64/256, and the peak RSS
# of training at the default batch of 256. JSON lines into docs/bench/cross-modal-*.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data}
./hmem --version > /dev/null
bench() { java --add-modules jdk.incubator.vector -Xmx1g -jar hmem-cli/target/hmem.jar bench --task cross-modal \
    --dir "$data" --json "$@"; }
bench --variant trainable,frozen --batch 8 --threads 2 > docs/bench/cross-modal-b8.jsonl
bench --variant cached --batch 8,64 --threads 1,2 > docs/bench/cross-modal-cached.jsonl
bench --variant relu --batch 8,256 --threads 1,2 > docs/bench/cross-modal-relu.jsonl
bench --variant frozen,trainable --mode train --batch 256 --threads 2 --min-reps 1 --warmup-seconds 0 \
    > docs/bench/cross-modal-b256-rss.jsonl
