#!/usr/bin/env bash
# spark-submit for hmem without a Spark installation: runs Spark's SparkSubmit from the jars Maven fetched
# (hmem-spark/target/spark-lib). With a Spark 4 installation use its bin/spark-submit the same way:
#   scripts/spark-submit.sh --master spark://HOST:7077 --class org.hmem.spark.SparkMain \
#       hmem-spark/target/hmem-spark.jar associations [flags]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$root/hmem-spark/target/spark-lib"
if [ ! -d "$lib" ] || [ ! -f "$root/hmem-spark/target/hmem-spark.jar" ]; then
  echo "building hmem-spark ..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests package -pl hmem-spark -am)
fi
export SPARK_SCALA_VERSION=2.13
# hmem's logging (warnings only): the application jar is not on the class path yet when logging starts. In client mode
# this JVM is the driver, so it gets ./hmem's SIMD and JIT options too (the executors get them from Spark and hmem).
exec java --add-modules jdk.incubator.vector -XX:TypeProfileLevel=222 -Xmx2g @"$root/hmem-spark/spark-jvm.options" \
  -Dlog4j2.configurationFile="$root/hmem-spark/src/main/resources/log4j2.properties" \
  -cp "$lib/*" org.apache.spark.deploy.SparkSubmit "$@" \
  2> >(grep -v --line-buffered '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
