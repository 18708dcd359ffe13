"""Write the benchmark inputs once, so poolstream and the peers pool the same bytes.

For each size WxH this writes into the output folder:
  rgb_WxH.raw  interleaved RGB uint8, row by row (poolstream's Raster layout)
  chw_WxH.f32  the same samples as float32 0..255 in (C, H, W) order, little-endian
and frame_1920x1080.jpg, the 1080p image as a quality-90 JPEG for the codec path.
The source is a real photo, scaled with INTER_AREA. Existing files are kept.
"""
import argparse
import os
import sys

import cv2
import numpy as np

SIZES = [(640, 480), (1920, 1080), (3840, 2160)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo", required=True, help="source photo (JPEG)")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    bgr = cv2.imread(args.photo, cv2.IMREAD_COLOR)
    if bgr is None:
        sys.exit(f"cannot read photo {args.photo}")
    for width, height in SIZES:
        raw_path = os.path.join(args.out, f"rgb_{width}x{height}.raw")
        tensor_path = os.path.join(args.out, f"chw_{width}x{height}.f32")
        if os.path.exists(raw_path) and os.path.exists(tensor_path):
            continue
        scaled = cv2.resize(bgr, (width, height), interpolation=cv2.INTER_AREA)
        rgb = np.ascontiguousarray(cv2.cvtColor(scaled, cv2.COLOR_BGR2RGB))
        rgb.tofile(raw_path)
        np.ascontiguousarray(rgb.transpose(2, 0, 1)).astype("<f4").tofile(tensor_path)
        if (width, height) == (1920, 1080):
            ok, jpeg = cv2.imencode(".jpg", scaled, [cv2.IMWRITE_JPEG_QUALITY, 90])
            if not ok:
                sys.exit("OpenCV failed to encode the 1080p JPEG")
            jpeg.tofile(os.path.join(args.out, "frame_1920x1080.jpg"))
        print(f"wrote {raw_path} and {tensor_path}")


if __name__ == "__main__":
    main()
