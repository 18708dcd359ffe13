#!/usr/bin/env bash
# Holds many idle SSE subscribers on a server limited to a 512 MB heap and reports the heap they
# cost: starts the service on a free 127.0.0.1 port, opens the subscribers, lets one heartbeat
# pass, forces a full GC with jcmd and reads the heap in use from the actuator. The last line is
# "subscribers N, heap used after GC H MB of 512 MB, RSS R MB".
#
# Usage: bench/subscribers.sh [--subscribers N]   (default 5000, at most 20000)
# Needs a JDK 17 and Maven. All traffic goes to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

subscribers=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --subscribers) subscribers="$2"; shift 2 ;;
    *) echo "usage: bench/subscribers.sh [--subscribers N]" >&2; exit 2 ;;
  esac
done
if [ "$subscribers" -gt 20000 ]; then
  echo "invalid run size: use at most 20000 subscribers" >&2
  exit 2
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

out=bench/out
mkdir -p "$out"
echo "Building the service jar (mvn -DskipTests package)"
mvn -q -Dstyle.color=never -DskipTests package
jar="$(ls target/poolstream-*.jar | sed -n 1p)"

# Every producer and subscriber connects from 127.0.0.1, so the per-client abuse limits are off.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java -Xmx512m --add-modules jdk.incubator.vector -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --poolstream.demo.enabled=false \
  --poolstream.security.limits.ingest-rate=0 --poolstream.security.limits.max-event-streams-per-client=0 \
  --poolstream.security.limits.max-event-streams=0 \
  --poolstream.streams.heartbeat=5s > "$out/subscribers-server.log" 2>&1 &
server_pid=$!
driver_pid=""
cleanup() {
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
    kill "$driver_pid"
  fi
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null
echo "server pid $server_pid on 127.0.0.1:$port, -Xmx512m, heartbeat 5 s"

heap_mb() {
  curl -fsS "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | python3 -c 'import json, sys; print(round(json.load(sys.stdin)["measurements"][0]["value"] / 2**20, 1))'
}
jcmd "$server_pid" GC.run >/dev/null
echo "heap used after GC with no subscribers: $(heap_mb) MB"

fifo="$out/subscribers.fifo"
rm -f "$fifo"
mkfifo "$fifo"
java bench/load/IdleSubscribers.java "$port" "$subscribers" 50 < "$fifo" > "$out/subscribers-driver.txt" &
driver_pid=$!
exec 3> "$fifo"
for _ in $(seq 1 600); do
  if grep -q "^opened" "$out/subscribers-driver.txt" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$driver_pid" 2>/dev/null; then
    cat "$out/subscribers-driver.txt" >&2
    echo "the subscriber driver failed" >&2
    exit 1
  fi
  sleep 0.5
done
cat "$out/subscribers-driver.txt"

# Let at least one heartbeat reach every subscriber, then measure the live set.
sleep 7
jcmd "$server_pid" GC.run >/dev/null
heap="$(heap_mb)"
rss="$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status")"
status="$(curl -s -o /dev/null -w '%{http_code}' --data-binary @src/main/resources/demo/car-detection_10s.mjpeg \
  -H 'Content-Type: application/octet-stream' "http://127.0.0.1:$port/api/v1/streams/probe/frames")"
echo "a long upload while the subscribers are held answered $status"

exec 3>&-
wait "$driver_pid" || true
driver_pid=""
tail -1 "$out/subscribers-driver.txt"
echo "subscribers $subscribers, heap used after GC $heap MB of 512 MB, RSS $rss MB"
