#!/usr/bin/env python3
"""Generate the golden pooling results in src/test/resources/golden/ with PyTorch.

Each output file contains one group of cases. A case names a pooling operation with the fields of
io.poolstream.pooling.PoolSpec, an input and either the output PyTorch computed or the error
PyTorch raised. The Java tests read the files, so CI needs no PyTorch.

Two paths are covered:

- "tensor": a float32 tensor of rank 2, 3 or 4, pooled by torch.nn.functional in float32. A
  rank-2 input (H, W) runs as (1, H, W), because the 2-D pools take rank 3 or 4.
- "raster": an 8-bit image of shape (H, W, C) with interleaved samples, pooled by
  torch.nn.functional in float64 as (1, C, H, W), then rounded half to even (torch.round) and
  clamped to 0..255, which is how poolstream defines its 8-bit output.

Modes that torch.nn.functional has no single function for are composed from it:

- min is -max_pool2d(-x), and adaptive min is -adaptive_max_pool2d(-x);
- gradient is max_pool2d (or adaptive_max_pool2d) of the Sobel magnitude sqrt(gx^2 + gy^2),
  where gx and gy are conv2d of F.pad(x, mode="replicate") with the 3x3 Sobel kernels. The
  magnitude is computed in float64 on both paths and rounded to float32 on the tensor path,
  as poolstream defines it: a float32 conv2d sums in an order that depends on the backend and
  the CPU (oneDNN), which changes the last bits of about half of the magnitudes.

Values that are not finite are written as the strings "NaN", "Infinity" and "-Infinity". Other
float32 values are written as the shortest decimal that reads back as the same float32, also
when read as a float64 and then rounded to float32, as Java's (float) Double.parseDouble does.

A case carries "ulp": N where PyTorch's vectorized code computes differently from its scalar
loop, which poolstream follows, so a value may differ by up to N units in the last place:
- lp with an exponent p or 1 / p other than 0, 1, 2, 3, 0.5, -0.5, -1 or -2, on a tensor of at
  least 16 elements. The AVX2 loop of Tensor.pow then uses SLEEF's float32 pow with the exponent
  rounded to float32, for all but the last (n mod 16) elements. That allows 1 ulp for each of
  the two pow steps of lp_pool2d that runs so, since the error of x.pow(p) carries into the sum.

Run from the repository root with Debian's PyTorch (python3-torch, 1.13):

    python3 tools/golden/generate.py

The run is deterministic: fixed seeds, one thread, and the same files on every rerun.
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

OUTPUT_DIRECTORY = os.path.join("src", "test", "resources", "golden")

# Exponents for which Tensor.pow uses the same exact operation in its scalar and vector loops.
EXACT_POW_EXPONENTS = {0.0, 1.0, 2.0, 3.0, 0.5, -0.5, -1.0, -2.0}

# The AVX2 loop of a TensorIterator kernel handles 2 vectors of 8 floats at a time.
VECTOR_CHUNK = 16

SOBEL_X = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]


# ---------------------------------------------------------------------------------------------
# Operations


def make_op(mode, kernel=(2, 2), stride=None, padding=(0, 0), dilation=(1, 1), ceil_mode=False,
            count_include_pad=True, divisor_override=0, p=None, output_size=(0, 0)):
    """Build an op with every PoolSpec component, so the Java side needs no defaults."""
    adaptive = output_size[0] > 0 or output_size[1] > 0
    if adaptive:
        kernel, stride, padding, dilation = (0, 0), (0, 0), (0, 0), (1, 1)
    elif stride is None:
        stride = kernel
    if p is None:
        p = 2.0 if mode == "lp" else 0.0
    return {
        "mode": mode,
        "kernel": list(kernel),
        "stride": list(stride),
        "padding": list(padding),
        "dilation": list(dilation),
        "ceilMode": ceil_mode,
        "countIncludePad": count_include_pad,
        "divisorOverride": divisor_override,
        "p": float(p),
        "outputSize": list(output_size),
    }


def is_adaptive(op):
    return op["outputSize"][0] != 0 or op["outputSize"][1] != 0


def sobel_magnitude(x):
    """Return the Sobel magnitude of a (N, C, H, W) float64 tensor with replicated borders."""
    channels = x.shape[1]
    sobel_x = torch.tensor(SOBEL_X, dtype=torch.float64)
    weight = torch.stack([sobel_x, sobel_x.t()]).unsqueeze(1).repeat(channels, 1, 1, 1)
    padded = F.pad(x, (1, 1, 1, 1), mode="replicate")
    gradients = F.conv2d(padded, weight, groups=channels)
    gx = gradients[:, 0::2]
    gy = gradients[:, 1::2]
    return torch.sqrt(gx * gx + gy * gy)


def run_op(op, x):
    """Apply an op to a (N, C, H, W) tensor with torch.nn.functional."""
    mode = op["mode"]
    if is_adaptive(op):
        size = tuple(op["outputSize"])
        if mode == "avg":
            return F.adaptive_avg_pool2d(x, size)
        if mode == "max":
            return F.adaptive_max_pool2d(x, size)
        if mode == "min":
            return -F.adaptive_max_pool2d(-x, size)
        if mode == "gradient":
            return F.adaptive_max_pool2d(gradient_input(x), size)
        raise ValueError("no adaptive " + mode)

    kernel = tuple(op["kernel"])
    stride = tuple(op["stride"])
    padding = tuple(op["padding"])
    dilation = tuple(op["dilation"])
    ceil_mode = op["ceilMode"]
    if mode == "max":
        return F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode)
    if mode == "min":
        return -F.max_pool2d(-x, kernel, stride, padding, dilation, ceil_mode)
    if mode == "avg":
        divisor = op["divisorOverride"] if op["divisorOverride"] != 0 else None
        return F.avg_pool2d(x, kernel, stride, padding, ceil_mode, op["countIncludePad"], divisor)
    if mode == "lp":
        return F.lp_pool2d(x, op["p"], kernel, stride, ceil_mode)
    if mode == "gradient":
        return F.max_pool2d(gradient_input(x), kernel, stride, padding, dilation, ceil_mode)
    raise ValueError("unknown mode " + mode)


def gradient_input(x):
    """Return the Sobel magnitude in the dtype of x, computed in float64."""
    return sobel_magnitude(x.double()).to(x.dtype)


def lift(x):
    """Return x as (N, C, H, W) and a function that restores the original rank."""
    if x.dim() == 2:
        return x.reshape(1, 1, *x.shape), lambda y: y.reshape(y.shape[2:])
    if x.dim() == 3:
        return x.unsqueeze(0), lambda y: y.squeeze(0)
    return x, lambda y: y


def tensor_case(name, op, data):
    """Pool a float32 array with PyTorch and return the case."""
    x = torch.from_numpy(np.ascontiguousarray(data, dtype=np.float32))
    lifted, restore = lift(x)
    y = restore(run_op(op, lifted)).contiguous()
    case = {
        "name": name,
        "op": op,
        "input": {"shape": list(x.shape), "data": float_list(x)},
        "expected": {"shape": list(y.shape), "data": float_list(y)},
    }
    ulps, reason = ulp_tolerance(op, x.numel(), y.numel())
    if ulps:
        case["ulp"] = ulps
        case["ulpReason"] = reason
    return case


def ulp_tolerance(op, input_count, output_count):
    """Return the ulps by which PyTorch's vectorized code may differ, and why, or (0, None)."""
    if op["mode"] == "lp":
        p = op["p"]
        steps = []
        if p not in EXACT_POW_EXPONENTS and input_count >= VECTOR_CHUNK:
            steps.append("x.pow(p)")
        if (1.0 / p) not in EXACT_POW_EXPONENTS and output_count >= VECTOR_CHUNK:
            steps.append("pow(1 / p)")
        if steps:
            return len(steps), " and ".join(steps) + " run SLEEF's vectorized float32 pow, 1 ulp each"
    # NOTE: adaptive avg to 1x1 is mean(), a vectorized cascade sum, which could differ from a
    # sum in order. For the planes here it matched bitwise, so those cases allow no tolerance.
    return 0, None


def raster_case(name, op, samples):
    """Pool an (H, W, C) uint8 array in float64 and round as poolstream's 8-bit output does."""
    samples = np.ascontiguousarray(samples, dtype=np.uint8)
    x = torch.from_numpy(samples.astype(np.float64)).permute(2, 0, 1).unsqueeze(0).contiguous()
    y = run_op(op, x)
    y = torch.clamp(torch.round(y), 0, 255)
    y = y.squeeze(0).permute(1, 2, 0).contiguous()
    return {
        "name": name,
        "op": op,
        "input": {"shape": list(samples.shape), "data": [int(v) for v in samples.reshape(-1)]},
        "expected": {"shape": list(y.shape), "data": [int(v) for v in y.reshape(-1).tolist()]},
    }


def rejected_case(name, op, shape, parameter):
    """Record that PyTorch raises for an op, with the PoolSpec parameter poolstream must name."""
    x = torch.zeros(shape, dtype=torch.float32)
    lifted, _ = lift(x)
    try:
        run_op(op, lifted)
    except (RuntimeError, ValueError, ZeroDivisionError) as error:
        message = str(error).splitlines()[0]
        return {
            "name": name,
            "op": op,
            "input": {"shape": list(shape)},
            "expected": {"error": type(error).__name__ + ": " + message, "parameter": parameter},
        }
    sys.exit("PyTorch accepted the case meant to be rejected: " + name)


# ---------------------------------------------------------------------------------------------
# Number formatting


def float_list(tensor):
    return [format_float32(v) for v in tensor.reshape(-1).tolist()]


def format_float32(value):
    """Return a JSON value that reads back as exactly this float32 in Java."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    single = np.float32(value)
    shortest = float(str(single))
    if np.float32(shortest) == single and math.copysign(1, shortest) == math.copysign(1, value):
        return shortest
    return float(single)


# ---------------------------------------------------------------------------------------------
# Inputs


def random_floats(rng, shape, kind):
    """Draw float32 inputs of one kind: "normal", "halves" (exact sums), "positive" or "special"."""
    if kind == "normal":
        return rng.standard_normal(shape).astype(np.float32) * np.float32(3)
    if kind == "halves":
        return (rng.integers(-16, 17, size=shape) * 0.5).astype(np.float32)
    if kind == "positive":
        return rng.uniform(0.0, 4.0, size=shape).astype(np.float32)
    if kind == "special":
        values = rng.standard_normal(shape).astype(np.float32)
        specials = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 3e38, -3e38, 1e-45],
                            dtype=np.float32)
        mask = rng.random(shape) < 0.25
        values[mask] = rng.choice(specials, size=int(mask.sum()))
        return values
    raise ValueError(kind)


def random_shape(rng, rank, height, width):
    leading = {2: [], 3: [int(rng.integers(1, 3))], 4: [int(rng.integers(1, 3)), int(rng.integers(1, 3))]}
    return tuple(leading[rank]) + (height, width)


def random_sliding_op(rng, mode, height, width):
    """Draw a valid sliding-window op for an input size, within PyTorch's limits."""
    while True:
        kernel = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        padding = (0, 0)
        if mode != "lp" and rng.random() < 0.6:
            padding = (int(rng.integers(0, kernel[0] // 2 + 1)), int(rng.integers(0, kernel[1] // 2 + 1)))
        dilation = (1, 1)
        if mode in ("max", "min", "gradient") and rng.random() < 0.4:
            dilation = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        op = make_op(mode, kernel, stride, padding, dilation, ceil_mode=bool(rng.random() < 0.5))
        if mode == "avg":
            op["countIncludePad"] = bool(rng.random() < 0.5)
            if rng.random() < 0.25:
                op["divisorOverride"] = int(rng.integers(1, 13))
        if mode == "lp":
            op["p"] = float(rng.choice([1.0, 2.0, 3.0, 1.5, 4.0, 0.5, 2.5]))
        if output_fits(op, height, width):
            return op


def output_fits(op, height, width):
    def size(length, kernel, stride, padding, dilation):
        span = length + 2 * padding - dilation * (kernel - 1) - 1
        count = (span + (stride - 1 if op["ceilMode"] else 0)) // stride + 1
        if op["ceilMode"] and (count - 1) * stride >= length + padding:
            count -= 1
        return count

    return (size(height, op["kernel"][0], op["stride"][0], op["padding"][0], op["dilation"][0]) >= 1
            and size(width, op["kernel"][1], op["stride"][1], op["padding"][1], op["dilation"][1]) >= 1)


def describe(op):
    if is_adaptive(op):
        return "adaptive %s to %dx%d" % (op["mode"], op["outputSize"][0], op["outputSize"][1])
    text = "%s k%dx%d s%dx%d" % (op["mode"], op["kernel"][0], op["kernel"][1], op["stride"][0], op["stride"][1])
    if op["padding"] != [0, 0]:
        text += " pad%dx%d" % tuple(op["padding"])
    if op["dilation"] != [1, 1]:
        text += " dil%dx%d" % tuple(op["dilation"])
    if op["ceilMode"]:
        text += " ceil"
    if op["mode"] == "avg" and not op["countIncludePad"]:
        text += " excl"
    if op["divisorOverride"]:
        text += " div%d" % op["divisorOverride"]
    if op["mode"] == "lp":
        text += " p%g" % op["p"]
    return text


# ---------------------------------------------------------------------------------------------
# Groups


def sweep_tensor_cases(rng, mode, count):
    """Draw random ops, shapes of rank 2 to 4 and input kinds for one mode."""
    cases = []
    kinds = ["normal", "halves", "special"]
    if mode == "lp":
        kinds = ["normal", "halves", "positive", "special"]
    for index in range(count):
        height = int(rng.integers(1, 10))
        width = int(rng.integers(1, 11))
        op = random_sliding_op(rng, mode, height, width)
        rank = int(rng.integers(2, 5))
        kind = kinds[index % len(kinds)]
        shape = random_shape(rng, rank, height, width)
        name = "sweep %d: %s on %s %s" % (index, describe(op), kind, "x".join(map(str, shape)))
        cases.append(tensor_case(name, op, random_floats(rng, shape, kind)))
    return cases


def ramp(shape):
    """Return distinct values 1, 2, 3, ... that make the selected window visible."""
    return np.arange(1, int(np.prod(shape)) + 1, dtype=np.float32).reshape(shape)


def edge_tensor_cases(mode):
    """Build the hand-picked edge cases shared by the sliding-window modes."""
    cases = []
    padded = mode != "lp"

    # Ceil mode drops a last window that would start in the right padding, or past the input.
    if padded:
        op = make_op(mode, (2, 2), (2, 2), (1, 1), ceil_mode=True)
        cases.append(tensor_case("ceil drops window starting in padding", op, ramp((5, 5))))
    op = make_op(mode, (1, 1), (3, 3), ceil_mode=True)
    cases.append(tensor_case("ceil drops window starting past input", op, ramp((5, 5))))
    op = make_op(mode, (3, 2), (2, 3), ceil_mode=True)
    cases.append(tensor_case("ceil keeps clipped last window", op, ramp((2, 6, 8))))

    # Windows of only padding exist only with dilation: taps -1 and 1 miss a 1-wide input.
    if mode in ("max", "min", "gradient"):
        op = make_op(mode, (2, 2), (1, 1), (1, 1), (2, 2))
        cases.append(tensor_case("windows of only padding", op, ramp((1, 1))))
        op = make_op(mode, (2, 3), (1, 2), (1, 1), (2, 2), ceil_mode=True)
        cases.append(tensor_case("dilated windows partly padding", op, ramp((2, 3, 5))))

    # NaN in every mode, alone and next to infinities.
    nan_input = ramp((4, 6))
    nan_input[0, 1] = np.nan
    nan_input[3, 5] = np.nan
    nan_input[2, 2] = np.inf
    nan_input[1, 4] = -np.inf
    cases.append(tensor_case("NaN and infinities propagate", make_op(mode, (2, 2)), nan_input))
    if padded:
        op = make_op(mode, (3, 3), (2, 2), (1, 1), ceil_mode=True)
        cases.append(tensor_case("NaN at padded edge", op, nan_input))

    # float32 overflow: sums and powers of large values become infinite.
    large = np.full((2, 4), 3e38, dtype=np.float32)
    large[1, 2:] = -3e38
    cases.append(tensor_case("large values overflow", make_op(mode, (2, 2)), large))
    cases.append(tensor_case("large values over 1x4", make_op(mode, (1, 4)), large))

    # Signed zeros: min and max must keep the sign PyTorch keeps.
    zeros = np.array([[0.0, -0.0, -0.0, 0.0], [-0.0, -0.0, 0.0, 0.0]], dtype=np.float32)
    cases.append(tensor_case("signed zeros", make_op(mode, (1, 2)), zeros))
    cases.append(tensor_case("signed zeros 2x2", make_op(mode, (2, 2)), zeros))

    # Rank 4 with several planes, so that the output rows are counted across planes.
    rng = np.random.default_rng(7)
    op = make_op(mode, (3, 2), (2, 1), (1, 0) if padded else (0, 0), ceil_mode=True)
    cases.append(tensor_case("rank 4 with several planes", op, random_floats(rng, (2, 3, 5, 4), "normal")))
    return cases


def avg_divisor_cases():
    """Build every combination of ceil mode, countIncludePad and divisorOverride on clipped windows."""
    cases = []
    rng = np.random.default_rng(11)
    data = random_floats(rng, (2, 5, 7), "normal")
    for kernel, stride, padding in [((3, 3), (2, 2), (1, 1)), ((2, 3), (2, 2), (1, 0)), ((4, 3), (3, 2), (2, 1))]:
        for ceil_mode in (False, True):
            for include in (True, False):
                for divisor in (0, 5):
                    op = make_op("avg", kernel, stride, padding, ceil_mode=ceil_mode,
                                 count_include_pad=include, divisor_override=divisor)
                    cases.append(tensor_case("divisor: " + describe(op), op, data))
    return cases


def lp_cases():
    """Build lp cases for exponents, negative inputs and the ceil-mode scaling of lp_pool2d."""
    cases = []
    signed = np.array([[-1.0, 2.0, -3.0, 4.0, 0.5], [1.5, -2.5, 3.0, 1.0, -0.5],
                       [2.0, 2.0, -1.0, -1.0, 4.0]], dtype=np.float32)
    for p in (1.0, 2.0, 3.0, 1.5, 0.5, 4.0):
        cases.append(tensor_case("negative inputs p%g" % p, make_op("lp", (2, 2), p=p), signed))
        op = make_op("lp", (2, 2), (2, 2), ceil_mode=True, p=p)
        cases.append(tensor_case("ceil scales clipped window p%g" % p, op, signed))
    negative = -np.abs(signed)
    cases.append(tensor_case("negative sum p1", make_op("lp", (2, 2), p=1.0), negative))
    cases.append(tensor_case("negative sum p3", make_op("lp", (2, 2), p=3.0), negative))
    huge = np.full((2, 2), 1e20, dtype=np.float32)
    cases.append(tensor_case("squares overflow p2", make_op("lp", (2, 2), p=2.0), huge))
    rng = np.random.default_rng(13)
    big = random_floats(rng, (3, 8, 12), "positive")
    for p in (2.0, 3.0, 2.5):
        cases.append(tensor_case("vectorized pow p%g" % p, make_op("lp", (2, 3), (2, 2), ceil_mode=True, p=p), big))
    return cases


def adaptive_tensor_cases():
    """Build adaptive cases for every mode but lp, most with outputs that do not divide the input."""
    cases = []
    rng = np.random.default_rng(17)
    sizes = [((7, 9), (3, 4)), ((5, 5), (3, 3)), ((4, 6), (5, 7)), ((6, 4), (4, 3)),
             ((3, 8), (2, 5)), ((9, 7), (1, 1)), ((5, 6), (5, 6)), ((1, 7), (1, 3))]
    for mode in ("avg", "max", "min", "gradient"):
        for index, ((height, width), output) in enumerate(sizes):
            rank = 2 + index % 3
            shape = random_shape(rng, rank, height, width)
            kind = ("normal", "halves", "special")[index % 3]
            op = make_op(mode, output_size=output)
            name = "%s on %s %s" % (describe(op), kind, "x".join(map(str, shape)))
            cases.append(tensor_case(name, op, random_floats(rng, shape, kind)))
        nan_input = ramp((5, 7))
        nan_input[2, 3] = np.nan
        cases.append(tensor_case("adaptive %s NaN" % mode, make_op(mode, output_size=(3, 3)), nan_input))
        large = np.full((3, 4), 3e38, dtype=np.float32)
        cases.append(tensor_case("adaptive %s overflow" % mode, make_op(mode, output_size=(2, 3)), large))
    return cases


def raster_cases():
    """Build 8-bit raster cases: every mode, the 2x2 fast paths, big windows of 255 and ties."""
    cases = []
    rng = np.random.default_rng(23)
    for index in range(120):
        mode = ("max", "min", "avg", "lp", "gradient")[index % 5]
        height = int(rng.integers(1, 10))
        width = int(rng.integers(1, 11))
        channels = int(rng.integers(1, 5))
        if index % 7 == 6 and mode != "lp":
            op = make_op(mode, output_size=(int(rng.integers(1, 6)), int(rng.integers(1, 6))))
        else:
            op = random_sliding_op(rng, mode, height, width)
        if index % 2 == 0:
            samples = rng.integers(0, 256, size=(height, width, channels))
        else:
            samples = rng.integers(0, 4, size=(height, width, channels)) * 85
        name = "sweep %d: %s on %dx%dx%d" % (index, describe(op), height, width, channels)
        cases.append(raster_case(name, op, samples))

    # The 2x2 stride-2 fast paths, RGB and other channel counts, with sums that tie at .5.
    for mode in ("max", "min", "avg", "gradient"):
        for channels in (1, 2, 3, 4):
            samples = rng.integers(0, 256, size=(4, 6, channels))
            samples[0, 0:2, 0] = [1, 2]
            samples[1, 0:2, 0] = [3, 4]
            cases.append(raster_case("2x2 fast path %s %d channels" % (mode, channels),
                                     make_op(mode, (2, 2)), samples))
    for channels in (1, 3):
        samples = rng.integers(0, 256, size=(6, 8, channels))
        cases.append(raster_case("avg 2x2 divisor 4 fast path %d channels" % channels,
                                 make_op("avg", (2, 2), divisor_override=4), samples))

    # Ties: window means of exactly n + 0.5 round to the even integer.
    ties = np.array([[1, 2, 2, 3, 5, 6], [0, 0, 0, 0, 0, 0]], dtype=np.uint8).reshape(2, 6, 1)
    cases.append(raster_case("avg ties round half to even", make_op("avg", (1, 2)), ties))
    cases.append(raster_case("avg ties with divisor", make_op("avg", (2, 2), divisor_override=2), ties))

    # Accumulators: 255 in every sample of big windows, beyond 16-bit sums and 64-bit powers.
    full = np.full((48, 40, 1), 255, dtype=np.uint8)
    full[0, 0, 0] = 254
    cases.append(raster_case("avg 255s in a 48x40 window", make_op("avg", (48, 40)), full))
    cases.append(raster_case("adaptive avg 255s", make_op("avg", output_size=(1, 1)), full))
    cases.append(raster_case("lp p2 255s in a big window", make_op("lp", (24, 20), p=2.0), full))
    cases.append(raster_case("lp p8 255s clamps", make_op("lp", (4, 4), p=8.0), full))
    cases.append(raster_case("lp p1 255s clamps", make_op("lp", (3, 3), p=1.0), full))
    cases.append(raster_case("avg 255s divisor 1 clamps", make_op("avg", (3, 3), divisor_override=1), full))

    # Gradient magnitudes above 255 clamp, and dilated windows of only padding give 0.
    checker = (np.indices((6, 6)).sum(axis=0) % 2 * 255).astype(np.uint8).reshape(6, 6, 1)
    cases.append(raster_case("gradient checkerboard clamps", make_op("gradient", (2, 2)), checker))
    step = np.zeros((5, 6, 3), dtype=np.uint8)
    step[:, 3:, :] = 255
    cases.append(raster_case("gradient step edge", make_op("gradient", (3, 3), (1, 1), (1, 1)), step))
    single = np.array([[[200, 10]]], dtype=np.uint8)
    for mode in ("max", "min", "gradient"):
        op = make_op(mode, (2, 2), (1, 1), (1, 1), (2, 2))
        cases.append(raster_case("%s windows of only padding" % mode, op, single))
    return cases


def rejected_cases():
    """Build ops that PyTorch raises for, with the PoolSpec parameter poolstream must name."""
    cases = []
    for mode in ("max", "avg", "min", "gradient"):
        cases.append(rejected_case("%s padding above half the kernel height" % mode,
                                   make_op(mode, (3, 3), (1, 1), (2, 1)), (1, 5, 5), "paddingHeight"))
        cases.append(rejected_case("%s padding above half the kernel width" % mode,
                                   make_op(mode, (3, 2), (1, 1), (1, 2)), (1, 5, 5), "paddingWidth"))
        cases.append(rejected_case("%s negative padding" % mode,
                                   make_op(mode, (3, 3), (1, 1), (0, -1)), (1, 5, 5), "paddingWidth"))
        cases.append(rejected_case("%s zero stride" % mode,
                                   make_op(mode, (2, 2), (0, 1)), (1, 5, 5), "strideHeight"))
        cases.append(rejected_case("%s kernel taller than input" % mode,
                                   make_op(mode, (6, 2)), (1, 5, 5), "kernelHeight"))
        cases.append(rejected_case("%s kernel wider than padded input" % mode,
                                   make_op(mode, (2, 8), (1, 1), (0, 1)), (1, 4, 5), "kernelWidth"))
    for mode in ("max", "min", "gradient"):
        cases.append(rejected_case("%s zero dilation" % mode,
                                   make_op(mode, (2, 2), dilation=(1, 0)), (1, 5, 5), "dilationWidth"))
        cases.append(rejected_case("%s dilated kernel wider than input" % mode,
                                   make_op(mode, (2, 3), (1, 1), dilation=(1, 3)), (1, 5, 6), "kernelWidth"))
    cases.append(rejected_case("lp zero stride", make_op("lp", (2, 2), (1, 0)), (1, 4, 4), "strideWidth"))
    cases.append(rejected_case("lp kernel taller than input", make_op("lp", (5, 2)), (4, 4), "kernelHeight"))
    cases.append(rejected_case("lp p zero", make_op("lp", (2, 2), p=0.0), (1, 4, 4), "p"))
    for mode in ("avg", "max", "min", "gradient"):
        cases.append(rejected_case("adaptive %s negative output height" % mode,
                                   make_op(mode, output_size=(-1, 2)), (1, 4, 4), "outputHeight"))
    cases.append(rejected_case("adaptive avg negative output width",
                               make_op("avg", output_size=(2, -3)), (1, 4, 4), "outputWidth"))
    return cases


def write_group(name, cases):
    """Write one group as JSON with one case per line, so that a diff shows changed cases."""
    header = {
        "generator": "tools/golden/generate.py",
        "torch": torch.__version__,
        "group": name,
        "count": len(cases),
    }
    lines = ['{"meta": ' + json.dumps(header, sort_keys=True) + ',', '"cases": [']
    for index, case in enumerate(cases):
        separator = "," if index + 1 < len(cases) else ""
        lines.append(json.dumps(case, separators=(",", ":"), allow_nan=False) + separator)
    lines.append("]}")
    path = os.path.join(OUTPUT_DIRECTORY, name + ".json")
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write("\n".join(lines) + "\n")
    print("%-16s %4d cases %8d bytes" % (name, len(cases), os.path.getsize(path)))


def main():
    if not os.path.isdir(os.path.join("src", "test", "java")):
        sys.exit("run from the repository root: python3 tools/golden/generate.py")
    torch.set_num_threads(1)
    os.makedirs(OUTPUT_DIRECTORY, exist_ok=True)

    write_group("tensor-max", sweep_tensor_cases(np.random.default_rng(101), "max", 90) + edge_tensor_cases("max"))
    write_group("tensor-min", sweep_tensor_cases(np.random.default_rng(102), "min", 90) + edge_tensor_cases("min"))
    write_group("tensor-avg", sweep_tensor_cases(np.random.default_rng(103), "avg", 90)
                + edge_tensor_cases("avg") + avg_divisor_cases())
    write_group("tensor-lp", sweep_tensor_cases(np.random.default_rng(104), "lp", 90)
                + edge_tensor_cases("lp") + lp_cases())
    write_group("tensor-gradient", sweep_tensor_cases(np.random.default_rng(105), "gradient", 60)
                + edge_tensor_cases("gradient"))
    write_group("tensor-adaptive", adaptive_tensor_cases())
    write_group("raster", raster_cases())
    write_group("rejected", rejected_cases())


if __name__ == "__main__":
    main()
