#!/usr/bin/env bash
# End-to-end load on loopback: starts the service on a free 127.0.0.1 port with the demo
# disabled, pushes the real clip as long multipart/x-mixed-replace bodies (one producer per
# fresh stream, policy buffer) while SSE subscribers spread over the streams, then stops the
# server. The last line of each run is "frames sent S, received R, lost L, p99 P ms, peak RSS M MB",
# followed by the CPU time the service (and, in Kafka mode, the broker) spent per frame.
# The driver starts once the service reports readiness, which comes after its warm-up. The driver
# first warms its own event reading on synthetic events from an HTTP server of its own on 127.0.0.1.
#
# --flood pushes with no pacing instead, as fast as loopback allows, into streams that cycle
# through the five backpressure policies, samples the server's heap and RSS, checks that it still
# serves requests afterwards and that its log has no OutOfMemoryError. Its last line is "flood frames
# written W, processed P, peak heap H MB, peak RSS M MB, health 200". Defaults with --flood:
# 8 streams, 8 subscribers, 60 s, -Xmx512m.
#
# Usage: bench/load.sh [--quick] [--flood] [--streams S] [--fps F] [--subscribers N] [--seconds T] [--heap SIZE]
#                      [--transport in-process|kafka|both]
#   default: 4 streams x 30 fps, 200 subscribers, 60 s, in-process;  --quick: the same for 15 s
#   --transport kafka starts spring-kafka-test's KRaft broker in a JVM of its own on loopback and runs
#   the service with poolstream.transport=kafka; both runs the same load in-process, then on Kafka.
# SERVER_JAVA_OPTS and DRIVER_JAVA_OPTS, when set, add JVM options to the server or the driver, for
# example "-Xlog:gc:file=bench/out/gc.log" or "-XX:StartFlightRecording=filename=bench/out/server.jfr".
# Needs a JDK 17 and Maven. All traffic goes to 127.0.0.1 (the broker to localhost) and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

streams=""
fps=30
subscribers=""
seconds=60
heap=""
transport=in-process
flood=false
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) seconds=15; shift ;;
    --flood) flood=true; shift ;;
    --streams) streams="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --subscribers) subscribers="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --transport) transport="$2"; shift 2 ;;
    *) echo "usage: bench/load.sh [--quick] [--flood] [--streams S] [--fps F] [--subscribers N] [--seconds T] [--heap SIZE] [--transport in-process|kafka|both]" >&2; exit 2 ;;
  esac
done
case "$transport" in
  in-process|kafka|both) ;;
  *) echo "invalid --transport '$transport': use in-process, kafka or both" >&2; exit 2 ;;
esac
if [ "$flood" = true ]; then
  streams="${streams:-8}"
  subscribers="${subscribers:-8}"
  heap="${heap:-512m}"
else
  streams="${streams:-4}"
  subscribers="${subscribers:-200}"
fi
if [ "$seconds" -gt 600 ] || [ "$subscribers" -gt 2000 ] || [ "$streams" -gt 64 ]; then
  echo "invalid run size: use at most 600 s, 2000 subscribers and 64 streams" >&2
  exit 2
fi

clip=/work/shared/testdata/video/car-detection_10s.mpjpeg
[ -f "$clip" ] || clip="$(pwd)/../shared/testdata/video/car-detection_10s.mpjpeg"
out=bench/out
mkdir -p "$out"

echo "Building the service jar (mvn -DskipTests package)"
mvn -q -Dstyle.color=never -DskipTests package
jar="$(ls target/poolstream-*.jar | sed -n 1p)"

if [ "$transport" != in-process ]; then
  echo "Compiling the test classes for the embedded broker (mvn test-compile)"
  mvn -q -Dstyle.color=never test-compile
  mvn -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/test-classpath.txt"
fi

server_pid=""
broker_pid=""
stop_all() {
  for pid in $server_pid $broker_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_all EXIT

# Prints the user plus system CPU time of a process so far, in milliseconds.
cpu_ms() {
  awk -v tick="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / tick) }' "/proc/$1/stat"
}

start_broker() {
  rm -f "$out/bootstrap.txt"
  java -Xmx1g -cp "target/test-classes:$(cat "$out/test-classpath.txt")" \
    io.poolstream.transport.kafka.EmbeddedBrokerLauncher "$out/bootstrap.txt" 12 > "$out/load-broker.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 120); do
    [ -s "$out/bootstrap.txt" ] && break
    if ! kill -0 "$broker_pid" 2>/dev/null; then
      echo "the broker exited during startup; see $out/load-broker.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  [ -s "$out/bootstrap.txt" ] || { echo "the broker did not start in 60 s; see $out/load-broker.log" >&2; exit 1; }
  echo "broker pid $broker_pid on $(cat "$out/bootstrap.txt")"
}

# Runs the whole load against one transport and prints the driver's report and the CPU per frame.
run_load() {
  local mode="$1"
  local extra=()
  if [ "$mode" = kafka ]; then
    start_broker
    extra=(--poolstream.transport=kafka --spring.kafka.bootstrap-servers="$(cat "$out/bootstrap.txt")"
      --poolstream.kafka.partitions=12)
  fi
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # Every producer and subscriber connects from 127.0.0.1, so the per-client abuse limits are off.
  # shellcheck disable=SC2086 # the options are split into words on purpose
  java ${heap:+-Xmx$heap} --add-modules jdk.incubator.vector ${SERVER_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --poolstream.demo.enabled=false \
    --poolstream.security.limits.ingest-rate=0 --poolstream.security.limits.max-event-streams-per-client=0 \
    --poolstream.security.limits.max-event-streams=0 \
    "${extra[@]}" > "$out/load-server-$mode.log" 2>&1 &
  server_pid=$!

  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
      break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited during startup; see $out/load-server-$mode.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null
  grep -m1 "Warm-up" "$out/load-server-$mode.log" || true
  echo "== transport $mode: server pid $server_pid on 127.0.0.1:$port ($(nproc) CPUs, $(java -version 2>&1 | sed -n 1p))"
  echo "load average (1, 5, 15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"

  if [ "$flood" = true ]; then
    java bench/load/FloodDriver.java --port "$port" --streams "$streams" --subscribers "$subscribers" \
      --seconds "$seconds" --clip "$clip" --server-pid "$server_pid" > "$out/load-driver-$mode.txt"
    local oom
    oom="$(grep -c OutOfMemoryError "$out/load-server-$mode.log" || true)"
    stop_all
    server_pid=""
    broker_pid=""
    echo "load average (1, 5, 15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "server heap limit -Xmx$heap; OutOfMemoryError lines in the server log: $oom"
    cat "$out/load-driver-$mode.txt"
    return
  fi

  local server_cpu broker_cpu=0
  server_cpu="$(cpu_ms "$server_pid")"
  [ -n "$broker_pid" ] && broker_cpu="$(cpu_ms "$broker_pid")"
  # shellcheck disable=SC2086
  java ${DRIVER_JAVA_OPTS:-} bench/load/LoadDriver.java --port "$port" --streams "$streams" --producers "$streams" --fps "$fps" \
    --subscribers "$subscribers" --seconds "$seconds" --clip "$clip" --server-pid "$server_pid" \
    > "$out/load-driver-$mode.txt"
  server_cpu=$(( $(cpu_ms "$server_pid") - server_cpu ))
  [ -n "$broker_pid" ] && broker_cpu=$(( $(cpu_ms "$broker_pid") - broker_cpu ))
  echo "load average (1, 5, 15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$out/load-driver-$mode.txt"
  local sent
  sent="$(sed -n 's/^frames sent \([0-9]*\),.*/\1/p' "$out/load-driver-$mode.txt")"
  awk -v mode="$mode" -v server="$server_cpu" -v broker="$broker_cpu" -v frames="$sent" 'BEGIN {
    printf "cpu %s: service %.0f ms, broker %.0f ms, per frame sent: service %.2f ms, broker %.2f ms, total %.2f ms\n",
      mode, server, broker, server / frames, broker / frames, (server + broker) / frames }'
  stop_all
  server_pid=""
  broker_pid=""
}

if [ "$transport" = both ]; then
  run_load in-process
  run_load kafka
else
  run_load "$transport"
fi
trap - EXIT
