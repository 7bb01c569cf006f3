#!/usr/bin/env bash
# A Spark standalone cluster on this machine from the jars Maven fetched (no Spark download needed):
#   scripts/spark-standalone.sh start [WORKERS] [CORES_PER_WORKER] [MEMORY_PER_WORKER]   (default 2 1 2g)
#   scripts/spark-standalone.sh stop
# The master listens on spark://127.0.0.1:${SPARK_MASTER_PORT:-7077} (web UI on ${SPARK_MASTER_WEBUI_PORT:-8080});
# state, logs and executor work folders go to ${HMEM_SPARK_DIR:-results/spark-standalone}. On a real cluster use
# Spark's own sbin/start-master.sh and sbin/start-worker.sh instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${HMEM_SPARK_DIR:-$root/results/spark-standalone}"
lib="$root/hmem-spark/target/spark-lib"
port="${SPARK_MASTER_PORT:-7077}"
ui="${SPARK_MASTER_WEBUI_PORT:-8080}"

stop() {
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    # a worker's executors are its children: end them with it
    kids="$(pgrep -P "$pid" || true)"
    kill "$pid" $kids 2>/dev/null || true
    rm -f "$f"
  done
  echo "stopped the standalone cluster in $dir"
}

start() {
  local workers="${1:-2}" cores="${2:-1}" memory="${3:-2g}"
  if [ ! -d "$lib" ]; then
    echo "building hmem-spark (Spark's jars go to $lib) ..." >&2
    (cd "$root" && mvn -q -B -ntp -DskipTests package -pl hmem-spark -am)
  fi
  mkdir -p "$dir/home/jars" "$dir/home/conf" "$dir/logs"
  cp "$root/hmem-spark/src/main/resources/log4j2.properties" "$dir/home/conf/"
  # workers build executor class paths from SPARK_HOME/jars (empty here) and SPARK_DIST_CLASSPATH
  export SPARK_HOME="$dir/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_DIST_CLASSPATH="$lib/*"
  local java=(java -Xmx256m -cp "$lib/*:$dir/home/conf" @"$root/hmem-spark/spark-jvm.options")
  nohup "${java[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$ui" \
    > "$dir/logs/master.log" 2>&1 &
  echo $! > "$dir/master.pid"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$dir/work-$i"
    nohup "${java[@]}" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 \
      --cores "$cores" --memory "$memory" --webui-port 0 --work-dir "$dir/work-$i" > "$dir/logs/worker-$i.log" 2>&1 &
    echo $! > "$dir/worker-$i.pid"
  done
  for _ in $(seq 1 120); do
    alive="$(curl -s "http://127.0.0.1:$ui/json/" | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)"
    if [ "${alive:-0}" -ge "$workers" ]; then
      echo "master spark://127.0.0.1:$port with $workers worker(s) of $cores core(s); web UI http://127.0.0.1:$ui"
      return 0
    fi
    sleep 1
  done
  echo "the workers did not register within 2 minutes; see $dir/logs" >&2
  stop
  return 1
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [WORKERS] [CORES_PER_WORKER] [MEMORY_PER_WORKER] | stop" >&2; exit 2 ;;
esac
