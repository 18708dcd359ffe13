"""Time the peers (OpenCV, numpy, PyTorch) on the inputs that make_inputs.py wrote.

Each peer runs single-threaded (cv2.setNumThreads(1), torch.set_num_threads(1)) unless a
2-thread row is asked for, writes into a preallocated output where the library allows it, and
is timed as the median of repeated calls after a warmup. The result is one JSON document:
  {"kernels": [{"op", "size", "threads", "peer", "ms", "runs"}...], "versions": {...}}
with "copy": {"peer", "bytes", "ms"} and "codec": {...} added under --extras.
"""
import argparse
import json
import os
import statistics
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F

RASTER_OPS = ["avg2", "max2", "max3s2", "avg3s2", "gradient2"]
TENSOR_OPS = ["tensor_max2", "tensor_avg2"]
COPY_BYTES = 64 << 20


def time_median(fn, budget_s, min_runs=10, max_runs=500):
    """Return (median ms, runs) of fn() after 3 warmup calls, repeating until the budget is spent."""
    for _ in range(3):
        fn()
    samples = []
    started = time.perf_counter()
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() - started < budget_s):
        t0 = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    return statistics.median(samples), len(samples)


def sliding_size(size, kernel, stride):
    return (size - kernel) // stride + 1


def raster_peers(op, img):
    """Return {peer name: callable} for one uint8 (H, W, 3) operation."""
    height, width, _ = img.shape
    if op == "avg2":
        out = np.empty((height // 2, width // 2, 3), np.uint8)
        return {"opencv resize INTER_AREA":
                lambda: cv2.resize(img, (width // 2, height // 2), dst=out, interpolation=cv2.INTER_AREA)}
    if op in ("max2", "max3s2", "avg3s2"):
        kernel = 2 if op == "max2" else 3
        oh, ow = sliding_size(height, kernel, 2), sliding_size(width, kernel, 2)
        out = np.empty((oh, ow, 3), np.uint8)
        tmp = np.empty_like(img)
        ones = np.ones((kernel, kernel), np.uint8)
        if op == "avg3s2":
            # anchor (0, 0) puts the window at rows y..y+2, so sample (2o, 2p) is window (o, p).
            def blur_subsample():
                cv2.blur(img, (3, 3), dst=tmp, anchor=(0, 0), borderType=cv2.BORDER_REPLICATE)
                np.copyto(out, tmp[:2 * oh:2, :2 * ow:2])
                return out
            return {"opencv blur+subsample": blur_subsample}

        def dilate_subsample():
            cv2.dilate(img, ones, dst=tmp, anchor=(0, 0))
            np.copyto(out, tmp[:2 * oh:2, :2 * ow:2])
            return out
        peers = {"opencv dilate+subsample": dilate_subsample}
        if op == "max2":
            def dilate_nearest():
                cv2.dilate(img, ones, dst=tmp, anchor=(0, 0))
                return cv2.resize(tmp, (ow, oh), dst=out, interpolation=cv2.INTER_NEAREST)
            peers["opencv dilate+nearest"] = dilate_nearest
            peers["numpy reshape-max"] = lambda: img.reshape(oh, 2, ow, 2, 3).max(axis=(1, 3))
        return peers
    if op == "gradient2":
        oh, ow = height // 2, width // 2
        gx = np.empty(img.shape, np.float32)
        gy = np.empty(img.shape, np.float32)
        magnitude = np.empty(img.shape, np.float32)
        out = np.empty((oh, ow, 3), np.uint8)
        ones = np.ones((2, 2), np.uint8)

        def sobel_magnitude_max():
            cv2.Sobel(img, cv2.CV_32F, 1, 0, dst=gx, ksize=3, borderType=cv2.BORDER_REPLICATE)
            cv2.Sobel(img, cv2.CV_32F, 0, 1, dst=gy, ksize=3, borderType=cv2.BORDER_REPLICATE)
            cv2.magnitude(gx.reshape(height, -1), gy.reshape(height, -1), magnitude=magnitude.reshape(height, -1))
            cv2.dilate(magnitude, ones, dst=gx, anchor=(0, 0))
            return cv2.convertScaleAbs(np.ascontiguousarray(gx[::2, ::2]), dst=out)
        return {"opencv sobel+magnitude+dilate": sobel_magnitude_max}
    raise ValueError(op)


def tensor_peers(op, chw):
    """Return {peer name: callable} for one float32 (3, H, W) operation."""
    channels, height, width = chw.shape
    mode = op.split("_")[1]
    # With an even height, the 3 planes stacked as one (3H, W) image pool exactly as the planes.
    stacked = chw.reshape(channels * height, width)
    out = np.empty((channels * height // 2, width // 2), np.float32)
    batch = torch.from_numpy(chw).unsqueeze(0)
    if mode == "avg2":
        return {"opencv resize INTER_AREA":
                lambda: cv2.resize(stacked, (width // 2, channels * height // 2), dst=out,
                                   interpolation=cv2.INTER_AREA),
                "pytorch avg_pool2d": lambda: F.avg_pool2d(batch, 2)}
    tmp = np.empty_like(stacked)
    ones = np.ones((2, 2), np.uint8)

    def dilate_nearest():
        cv2.dilate(stacked, ones, dst=tmp, anchor=(0, 0))
        return cv2.resize(tmp, (width // 2, channels * height // 2), dst=out, interpolation=cv2.INTER_NEAREST)
    return {"opencv dilate+nearest": dilate_nearest,
            "pytorch max_pool2d": lambda: F.max_pool2d(batch, 2),
            "numpy reshape-max": lambda: chw.reshape(channels, height // 2, 2, width // 2, 2).max(axis=(2, 4))}


def check_peers(img):
    """Check on real data that each uint8 peer computes the pooling that its row is named after."""
    height, width, _ = img.shape
    wide = img.astype(np.float64)
    for op, kernel in (("max2", 2), ("max3s2", 3), ("avg2", 2), ("avg3s2", 3)):
        oh, ow = sliding_size(height, kernel, 2), sliding_size(width, kernel, 2)
        windows = np.lib.stride_tricks.sliding_window_view(wide, (kernel, kernel), axis=(0, 1))
        windows = windows[:2 * oh:2, :2 * ow:2]
        reduced = windows.max(axis=(3, 4)) if op.startswith("max") else windows.mean(axis=(3, 4))
        for name, fn in raster_peers(op, img).items():
            error = np.abs(np.asarray(fn(), np.float64) - reduced).max()
            assert error <= 0.5 + 1e-9, f"{name} differs from {op} by {error}"


def time_codec(folder, runs):
    """Thread CPU and wall time of imdecode, max 2x2 and imencode (quality 85) of the 1080p JPEG."""
    data = np.fromfile(os.path.join(folder, "frame_1920x1080.jpg"), np.uint8)
    ones = np.ones((2, 2), np.uint8)

    def path():
        img = cv2.imdecode(data, cv2.IMREAD_COLOR)
        height, width, _ = img.shape
        pooled = cv2.resize(cv2.dilate(img, ones, anchor=(0, 0)), (width // 2, height // 2),
                            interpolation=cv2.INTER_NEAREST)
        ok, encoded = cv2.imencode(".jpg", pooled, [cv2.IMWRITE_JPEG_QUALITY, 85])
        assert ok
        return len(encoded)

    for _ in range(5):
        path()
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
        path()
        wall.append((time.perf_counter_ns() - w0) / 1e6)
        cpu.append((time.thread_time_ns() - c0) / 1e6)
    return {"peer": "opencv imdecode+dilate+nearest+imencode", "runs": runs,
            "cpu_ms": statistics.median(cpu), "wall_ms": statistics.median(wall)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", required=True, help="folder written by make_inputs.py")
    parser.add_argument("--sizes", required=True, help="comma-separated WxH sizes")
    parser.add_argument("--threads", default="1", help="comma-separated thread counts: 1, 2 or 1,2")
    parser.add_argument("--extras", action="store_true", help="also time the copy floor and the codec path")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds of timed calls per peer")
    parser.add_argument("--codec-runs", type=int, default=30, help="timed runs of the codec path")
    parser.add_argument("--output", required=True, help="JSON file to write")
    args = parser.parse_args()
    thread_counts = [int(t) for t in args.threads.split(",")]

    torch.set_num_threads(1)
    results = []
    for size in args.sizes.split(","):
        width, height = (int(v) for v in size.split("x"))
        img = np.fromfile(os.path.join(args.inputs, f"rgb_{size}.raw"), np.uint8).reshape(height, width, 3)
        chw = np.fromfile(os.path.join(args.inputs, f"chw_{size}.f32"), "<f4").reshape(3, height, width)
        for threads in thread_counts:
            cv2.setNumThreads(threads)
            if threads == 1:
                check_peers(img)
            for op in RASTER_OPS + TENSOR_OPS:
                peers = raster_peers(op, img) if op in RASTER_OPS else tensor_peers(op, chw)
                for name, fn in peers.items():
                    if threads == 2 and not name.startswith("opencv"):
                        continue
                    ms, runs = time_median(fn, args.budget)
                    results.append({"op": op, "size": size, "threads": threads, "peer": name, "ms": ms, "runs": runs})
                    print(f"  {op:12s} {size:10s} {threads}T {name:32s} {ms:9.3f} ms ({runs} runs)", flush=True)

    document = {"kernels": results,
                "versions": {"opencv": cv2.__version__, "numpy": np.__version__, "torch": torch.__version__}}
    if args.extras:
        cv2.setNumThreads(1)
        source = np.frombuffer(np.random.default_rng(1).bytes(COPY_BYTES), np.uint8)
        target = np.empty_like(source)
        copy_ms, copy_runs = time_median(lambda: np.copyto(target, source), args.budget)
        document["copy"] = {"peer": "numpy copyto 64 MiB", "bytes": COPY_BYTES, "ms": copy_ms, "runs": copy_runs}
        document["codec"] = time_codec(args.inputs, args.codec_runs)
    with open(args.output, "w") as handle:
        json.dump(document, handle, indent=1)


if __name__ == "__main__":
    main()
