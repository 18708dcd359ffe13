#!/usr/bin/env bash
# End-to-end load on loopback: starts the service on a free 127.0.0.1 port with the demo
# disabled, pushes the real clip as long multipart/x-mixed-replace bodies (one producer per
# fresh stream, policy buffer) while SSE subscribers spread over the streams, then stops the
# server. The last line is "frames sent S, received R, lost L, p99 P ms, peak RSS M MB".
#
# Usage: bench/load.sh [--quick] [--streams S] [--fps F] [--subscribers N] [--seconds T] [--heap SIZE]
#   default: 4 streams x 30 fps, 200 subscribers, 60 s;  --quick: the same for 15 s
# Needs a JDK 17 and Maven. All traffic goes to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

streams=4
fps=30
subscribers=200
seconds=60
heap=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) seconds=15; shift ;;
    --streams) streams="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --subscribers) subscribers="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    *) echo "usage: bench/load.sh [--quick] [--streams S] [--fps F] [--subscribers N] [--seconds T] [--heap SIZE]" >&2; exit 2 ;;
  esac
done
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

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java ${heap:+-Xmx$heap} --add-modules jdk.incubator.vector -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --poolstream.demo.enabled=false \
  > "$out/load-server.log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited during startup; see $out/load-server.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null
echo "server pid $server_pid on 127.0.0.1:$port ($(nproc) CPUs, $(java -version 2>&1 | sed -n 1p))"
echo "load average (1, 5, 15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"

java bench/load/LoadDriver.java --port "$port" --streams "$streams" --producers "$streams" --fps "$fps" \
  --subscribers "$subscribers" --seconds "$seconds" --clip "$clip" --server-pid "$server_pid" \
  > "$out/load-driver.txt"
stop_server
trap - EXIT
echo "load average (1, 5, 15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$out/load-driver.txt"
