#!/bin/bash
# Interleaved before/after benchmark rounds (docs/BENCHMARKS.md): copy the two builds to /tmp/hmem-before.jar and
# /tmp/hmem-after.jar, then run `scripts/bench-interleaved.sh OUT.jsonl [BENCH OPTIONS]`; each line is one JSON object
# with the build and round added. Rounds alternate which build runs first. Without options: the associations
# configuration of the engine-seams comparison (batch 32, 10 pairs, 2 threads, train and forward). JAVA_OPTS adds
# JVM options (e.g. -Xmx1g).
out=$1
shift
if [ $# -eq 0 ]; then set -- --batch 32 --pairs 10 --threads 2 --mode train,forward; fi
: > $out
for round in 1 2 3 4; do
  if [ $((round % 2)) -eq 1 ]; then order="before after"; else order="after before"; fi
  for j in $order; do
    java --add-modules jdk.incubator.vector -XX:TypeProfileLevel=222 ${JAVA_OPTS:-} -jar /tmp/hmem-$j.jar bench "$@" --json 2>/dev/null \
      | grep '^{' | sed "s/^{/{\"build\":\"$j\",\"round\":$round,/" >> $out
  done
done
echo done >> $out.status
