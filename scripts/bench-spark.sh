#!/usr/bin/env bash
# Per-step overhead of the Spark path (docs/BENCHMARKS.md, "Distributed training on Spark"): associations B 512 /
# 10 pairs and bAbI task 1 B 256, in local[2] and on two standalone clusters on this machine: two one-core workers
# (two executor JVMs) and one two-core worker (one executor JVM, Spark's usual layout of one executor per machine).
#   scripts/bench-spark.sh [OUT_DIR] [MASTERS]   (MASTERS: any of local[2] standalone standalone-1x2, default all;
#                                                 about 20 minutes each on 2 cores; run it on a quiet machine)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/bench/spark}"
mkdir -p "$out"
(cd "$root" && mvn -q -B -ntp -DskipTests package -pl hmem-spark -am)
lib="$root/hmem-spark/target/spark-lib"
jar="$root/hmem-spark/target/hmem-spark.jar"
babi="${HMEM_BABI_DIR:-$root/../shared/data/babi}"
bench() {
  java --add-modules jdk.incubator.vector -XX:TypeProfileLevel=222 @"$root/hmem-spark/spark-jvm.options" -Xmx4g -Dspark.jars="$jar" \
    -Dspark.executor.memory=1500m -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -Dspark.scheduler.minRegisteredResourcesRatio=1.0 -cp "$jar:$lib/*" org.hmem.spark.SparkBench "$@" \
    2> >(grep -v 'WARNING: Using incubator' >&2)
}
export SPARK_LOCAL_IP=127.0.0.1
masters="${2:-local[2] standalone standalone-1x2}"
for master in $masters; do
  m="$master"; name="$(echo "$master" | tr -d '[]')"
  case "$master" in
    standalone) HMEM_SPARK_DIR="$out/cluster" "$root/scripts/spark-standalone.sh" start 2 1 2g ;;
    standalone-1x2) HMEM_SPARK_DIR="$out/cluster" "$root/scripts/spark-standalone.sh" start 1 2 3g ;;
  esac
  if [ "$master" != "${master#standalone}" ]; then
    m=spark://127.0.0.1:7077
  fi
  steps=(--steps 1 --rounds 24 --warmup 4 --spark_warmup 60)
  bench --task associations --master "$m" --batch 512 "${steps[@]}" | tee "$out/associations-$name.txt"
  bench --task associations --master "$m" --batch 512 "${steps[@]}" --reg 1e-5 \
    | tee "$out/associations-reg-$name.txt"
  bench --task babi --master "$m" --batch 256 "${steps[@]}" --dir "$babi" | tee "$out/babi-$name.txt"
  if [ "$master" != "${master#standalone}" ]; then
    HMEM_SPARK_DIR="$out/cluster" "$root/scripts/spark-standalone.sh" stop
    rm -rf "$out/cluster"
  fi
done
