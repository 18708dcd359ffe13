#!/usr/bin/env bash
# Kernel benchmarks: poolstream's pooling kernels under JMH against OpenCV, numpy and PyTorch on
# the same input bytes, plus the memory-bandwidth floor, the 2-thread row-band speedup and the
# JPEG codec path. Prints one table; the last line is "worst ratio poolstream/best-peer: R".
#
# Usage: bench/kernels.sh [--quick]
#   --quick  1920x1080 only, short JMH iterations (under 3 minutes)
#   default  640x480, 1920x1080 and 3840x2160; 2-thread rows at 3840x2160 (under 15 minutes)
# Needs a JDK 17, Maven, and Debian's python3-opencv, python3-numpy and python3-torch, which it
# installs with apt-get when missing (as root). Results and inputs go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: bench/kernels.sh [--quick]" >&2; exit 2 ;;
esac

# Debian's Python, where the apt packages install; a pyenv or venv python3 on the path lacks them.
python=/usr/bin/python3
if ! "$python" -c 'import cv2, numpy, torch' 2>/dev/null; then
  echo "Installing python3-opencv python3-numpy python3-torch"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-opencv python3-numpy python3-torch >/dev/null
fi

out=bench/out
mkdir -p "$out"
photo=/work/shared/testdata/photos/seeding_5312x2988_progressive.jpg
[ -f "$photo" ] || photo="$(pwd)/../shared/testdata/photos/seeding_5312x2988_progressive.jpg"
"$python" bench/make_inputs.py --photo "$photo" --out "$out"

echo "Building the JMH benchmarks (mvn -Pbench, into target/bench)"
mvn -q -Dstyle.color=never -Pbench -DskipTests compile
mvn -q -Dstyle.color=never -Pbench dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench/classpath.txt >/dev/null
classpath="target/bench/classes:$(cat target/bench/classpath.txt)"
# The Vector API kernels run only when the JVM loads the incubating module. numpy requests
# transparent huge pages (madvise) for large arrays, so the peers' inputs and outputs get them:
# a 64 MiB array had 62 MiB of them here. -XX:+UseTransparentHugePages gives the Java heap the same.
jvm_args="-Dpoolstream.bench.inputs=$(pwd)/$out -Xms4g -Xmx4g -XX:+UseTransparentHugePages --add-modules jdk.incubator.vector"

if $quick; then
  sizes=1920x1080
  band_size=1920x1080
  jmh_timing=(-wi 2 -w 500ms -i 3 -r 500ms)
  peer_budget=0.5
  codec_runs=(20 30)
  band_runs=(5 15)
else
  sizes=640x480,1920x1080,3840x2160
  band_size=3840x2160
  jmh_timing=(-wi 3 -w 1s -i 5 -r 1s)
  peer_budget=1.0
  codec_runs=(40 60)
  band_runs=(10 40)
fi

# Other processes on the machine skew every figure, so the load average is shown with the table.
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# One fork, one benchmark thread, median from SampleTime.
jmh=(java -cp "$classpath" org.openjdk.jmh.Main -f 1 -t 1 "${jmh_timing[@]}" -jvmArgsAppend "$jvm_args")
# The machine's speed drifts over minutes, so each size's kernels and its peers run back to back
# and every ratio compares timings taken at most a couple of minutes apart.
jmh_files=()
peer_files=()
for size in ${sizes//,/ }; do
  echo "JMH: one-thread kernels at $size, then the peers at $size"
  "${jmh[@]}" -p size="$size" -rf json -rff "$out/jmh-kernels-$size.json" \
    'RasterPoolingBenchmark|TensorPoolingBenchmark' > "$out/jmh-kernels-$size.log"
  "$python" bench/peers.py --inputs "$out" --sizes "$size" --threads 1 --budget "$peer_budget" \
    --output "$out/peers-$size.json" > "$out/peers-$size.log"
  jmh_files+=("$out/jmh-kernels-$size.json")
  peer_files+=("$out/peers-$size.json")
done
# The pure arithmetic control in the same JMH run shows how much two threads can gain on the
# machine at that time, so a loaded machine is not mistaken for a scaling defect.
echo "JMH: 2-thread row bands at $band_size, 2-thread control, copy floor"
"${jmh[@]}" -p size="$band_size" -rf json -rff "$out/jmh-bands.json" \
  'TwoBandPoolingBenchmark|ParallelControlBenchmark|CopyBenchmark' > "$out/jmh-bands.log"

load_jmh="$(cut -d' ' -f1-3 /proc/loadavg)"

# Wall time and thread CPU time of the bands, one and two threads alternating: the CPU-time
# speedup shows whether the code scales when the wall-time speedup is capped by a busy machine.
echo "Row bands: wall and thread CPU time at $band_size"
java $jvm_args -cp "$classpath" io.poolstream.bench.BandScalingTiming "$band_size" "${band_runs[@]}" \
  avg2 max2 max3s2 avg3s2 gradient2 > "$out/bands.txt"

# Each frame allocates its rasters. Without pre-touching, the first pass through the 4 GB heap
# page-faults on every new page, which doubled the CPU time of a frame on this path, where a
# running service has long since touched its young generation.
echo "Codec path: poolstream"
java $jvm_args -XX:+AlwaysPreTouch -cp "$classpath" io.poolstream.bench.CodecPathTiming frame_1920x1080.jpg \
  "${codec_runs[@]}" > "$out/codec.txt"

echo "Peers: OpenCV 2-thread rows at $band_size, numpy copy floor, OpenCV codec path"
"$python" bench/peers.py --inputs "$out" --sizes "$band_size" --threads 2 --extras --budget "$peer_budget" \
  --codec-runs "${codec_runs[1]}" --output "$out/peers-extras.json" > "$out/peers-extras.log"
peer_files+=("$out/peers-extras.json")

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "$(java -version 2>&1 | sed -n 1p)"
echo "load average (1, 5, 15 min) at start: $load_start, after JMH: $load_jmh, after the peers: $load_end"
"$python" bench/report.py --jmh "${jmh_files[@]}" "$out/jmh-bands.json" \
  --peers "${peer_files[@]}" --codec "$out/codec.txt" --bands "$out/bands.txt" | tee "$out/kernels-report.txt"
