"""Print the kernel benchmark table from the JMH results, the peer timings and the codec timing.

Every figure comes from the files of the run that kernels.sh just made; ratios are computed
here from those medians. The last line is exactly
  worst ratio poolstream/best-peer: R
over the one-thread rows of every operation and size.
"""
import argparse
import json
import re

LABELS = {
    "avg2": "avg 2x2/2", "max2": "max 2x2/2", "max3s2": "max 3x3/2", "avg3s2": "avg 3x3/2",
    "gradient2": "gradient+max 2x2/2", "tensor_max2": "f32 max 2x2/2", "tensor_avg2": "f32 avg 2x2/2",
}
TWO_BY_TWO = ("avg2", "max2", "tensor_max2", "tensor_avg2")
COPY_BYTES = 64 << 20


def median_ms(entry):
    metric = entry["primaryMetric"]
    if metric["scoreUnit"] != "ms/op":
        raise ValueError(f"unexpected unit {metric['scoreUnit']}")
    return metric["scorePercentiles"]["50.0"]


def load_jmh(paths):
    """Return {(op, size, threads): median ms}, the copy median ms, {threads: control median ms}
    and {(op, size): median ms} of the one-thread runs of the band benchmark."""
    results, copy_ms, control, band_one = {}, None, {}, {}
    for path in paths:
        with open(path) as handle:
            for entry in json.load(handle):
                name = entry["benchmark"].split(".")[-2]
                params = entry.get("params", {})
                if name == "CopyBenchmark":
                    copy_ms = median_ms(entry)
                elif name == "RasterPoolingBenchmark":
                    results[(params["op"], params["size"], 1)] = median_ms(entry)
                elif name == "TwoBandPoolingBenchmark" and params.get("threads", "2") == "1":
                    band_one[(params["op"], params["size"])] = median_ms(entry)
                elif name == "TwoBandPoolingBenchmark":
                    results[(params["op"], params["size"], 2)] = median_ms(entry)
                elif name == "TensorPoolingBenchmark":
                    results[("tensor_" + params["op"], params["size"], 1)] = median_ms(entry)
                elif name == "ParallelControlBenchmark":
                    control[int(params["threads"])] = median_ms(entry)
    return results, copy_ms, control, band_one


def moved_bytes(op, size):
    """Bytes read plus bytes written by a 2x2 / 2 pooling of one input."""
    width, height = (int(v) for v in size.split("x"))
    sample_bytes = 4 if op.startswith("tensor") else 1
    input_bytes = width * height * 3 * sample_bytes
    return input_bytes + input_bytes // 4


def print_band_timing(path):
    """Print the wall-time and CPU-time speedups of the row bands from BandScalingTiming."""
    pattern = re.compile(r"bands (\S+) (\S+) runs (\d+) one_wall_ms (\S+) two_wall_ms (\S+) "
                         r"one_cpu_ms (\S+) band_cpu_ms (\S+)")
    print("2-thread row bands, runs alternating 1 and 2 threads (BandScalingTiming), medians:")
    print(f"  {'op':20s} {'size':10s} {'1t wall':>8s} {'2t wall':>8s} {'wall x':>7s}"
          f" {'1t cpu':>8s} {'band cpu':>8s} {'cpu x':>6s}")
    with open(path) as handle:
        for line in handle:
            match = pattern.match(line.strip())
            if not match:
                continue
            op, size = match.group(1), match.group(2)
            one_wall, two_wall, one_cpu, band_cpu = (float(match.group(i)) for i in range(4, 8))
            print(f"  {LABELS[op]:20s} {size:10s} {one_wall:8.3f} {two_wall:8.3f} {one_wall / two_wall:6.2f}x"
                  f" {one_cpu:8.3f} {band_cpu:8.3f} {one_cpu / band_cpu:5.2f}x")
    print("  cpu x = 1-thread CPU time / larger band CPU time: the speedup when each band has a CPU.")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jmh", nargs="+", required=True, help="JMH JSON result files")
    parser.add_argument("--peers", nargs="+", required=True, help="JSON files written by peers.py")
    parser.add_argument("--codec", required=True, help="output line of CodecPathTiming")
    parser.add_argument("--bands", help="output lines of BandScalingTiming")
    args = parser.parse_args()

    ours, java_copy_ms, control, band_one = load_jmh(args.jmh)
    peers = {"kernels": []}
    for path in args.peers:
        with open(path) as handle:
            document = json.load(handle)
        peers["kernels"] += document.pop("kernels")
        peers.update(document)
    with open(args.codec) as handle:
        codec_line = handle.read().strip()

    best = {}
    for row in peers["kernels"]:
        key = (row["op"], row["size"], row["threads"])
        if key not in best or row["ms"] < best[key][1]:
            best[key] = (row["peer"], row["ms"])

    print(f"{'op':20s} {'size':10s} {'thr':>3s} {'poolstream ms':>13s}  {'best peer':32s} {'peer ms':>9s} {'ratio':>6s}")
    worst = None
    ordered = sorted(ours, key=lambda k: (list(LABELS).index(k[0]), int(k[1].split("x")[0]), k[2]))
    for key in ordered:
        op, size, threads = key
        ms = ours[key]
        if key not in best:
            print(f"{LABELS[op]:20s} {size:10s} {threads:3d} {ms:13.3f}  {'(no peer timed)':32s}")
            continue
        peer, peer_ms = best[key]
        ratio = ms / peer_ms
        print(f"{LABELS[op]:20s} {size:10s} {threads:3d} {ms:13.3f}  {peer:32s} {peer_ms:9.3f} {ratio:6.2f}")
        if threads == 1 and (worst is None or ratio > worst[0]):
            worst = (ratio, LABELS[op], size)

    print()
    # The band benchmark's own one-thread run was timed next to the two-thread run, so it is the
    # fairer baseline. When it is missing, the one-thread table row, timed minutes earlier, is used instead.
    speedups = [(op, size, band_one.get((op, size), ours.get((op, size, 1), 0)) / ours[(op, size, 2)])
                for (op, size, threads) in ordered if threads == 2 and ((op, size) in band_one or (op, size, 1) in ours)]
    if speedups:
        print("2-thread row-band speedup (1-thread median / 2-thread median of TwoBandPoolingBenchmark,"
              " RasterPooler.poolRows, 2 bands):")
        control_speedup = control[1] / control[2] if 1 in control and 2 in control else None
        for op, size, speedup in speedups:
            share = f"  {speedup / control_speedup:4.2f} of the control" if control_speedup else ""
            print(f"  {LABELS[op]:20s} {size:10s} {speedup:5.2f}x{share}")
        if control_speedup:
            print(f"  {'control: arithmetic':31s} {control_speedup:5.2f}x  (ParallelControlBenchmark, same JMH run:"
                  f" {control[1]:.2f} ms on 1 thread, {control[2]:.2f} ms on 2)")
            print("  A control well below 2x means other processes held this JVM to less than two CPUs.")
        print()

    if args.bands:
        print_band_timing(args.bands)

    copies = [("Java System.arraycopy 64 MiB", java_copy_ms), (peers["copy"]["peer"], peers["copy"]["ms"])]
    copies = [(name, ms) for name, ms in copies if ms is not None]
    for name, ms in copies:
        print(f"copy floor: {name}: {ms:.3f} ms = {2 * COPY_BYTES / ms / 1e6:.2f} GB/s read+write")
    floor_name, floor_ms = min(copies, key=lambda c: c[1])
    bandwidth = 2 * COPY_BYTES / floor_ms
    print(f"floor ratio (poolstream ms / ((input + output bytes) at the {floor_name} rate)), 1 thread:")
    for key in ordered:
        op, size, threads = key
        if op in TWO_BY_TWO and threads == 1:
            floor = moved_bytes(op, size) / bandwidth
            print(f"  {LABELS[op]:20s} {size:10s} floor {floor:8.3f} ms  ratio {ours[key] / floor:5.2f}")
    print()

    match = re.search(r"cpu_median_ms (\S+) wall_median_ms (\S+)", codec_line)
    our_cpu, our_wall = float(match.group(1)), float(match.group(2))
    peer_codec = peers["codec"]
    print("codec path 1920x1080 (JPEG decode + max 2x2/2 + JPEG encode q85), median thread CPU time:")
    print(f"  poolstream ImageDecoder+RasterPooler+ImageEncoder  cpu {our_cpu:8.3f} ms  wall {our_wall:8.3f} ms")
    print(f"  {peer_codec['peer']:49s} cpu {peer_codec['cpu_ms']:8.3f} ms  wall {peer_codec['wall_ms']:8.3f} ms")
    print(f"  codec ratio poolstream/opencv (CPU time): {our_cpu / peer_codec['cpu_ms']:.2f}")
    print()
    print(f"peers: OpenCV {peers['versions']['opencv']}, numpy {peers['versions']['numpy']}, "
          f"PyTorch {peers['versions']['torch']}")
    print(f"worst one-thread row: {worst[1]} {worst[2]}")
    print(f"worst ratio poolstream/best-peer: {worst[0]:.2f}")


if __name__ == "__main__":
    main()
