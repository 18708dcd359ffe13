package io.poolstream.codec;

import org.jspecify.annotations.Nullable;

/**
 * The marker segments of a JPEG up to its first scan: the frame header and the EXIF payload.
 *
 * <p>The walk reads segment headers and skips their payloads, never the scan data. It tolerates junk
 * bytes between segments, as libjpeg does, and stops at the first SOS, at EOI or where the data
 * ends.
 */
final class JpegStructure {

	private int frameMarker = -1;

	private int precision;

	private boolean scanFound;

	private boolean truncated;

	private int exifOffset = -1;

	private int exifLength;


	private JpegStructure() {
	}


	/**
	 * Walks the segments of a JPEG that starts with SOI.
	 */
	static JpegStructure read(byte[] data) {
		JpegStructure structure = new JpegStructure();
		int position = 2;
		while (position < data.length) {
			if (data[position] != (byte) 0xFF) {
				position++;
				continue;
			}
			while (position < data.length && data[position] == (byte) 0xFF) {
				position++;
			}
			if (position == data.length) {
				break;
			}
			int marker = data[position] & 0xFF;
			position++;
			if (marker == 0xD9) {
				return structure;
			}
			if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
				continue;
			}
			if (position + 2 > data.length) {
				structure.truncated = true;
				return structure;
			}
			int length = (data[position] & 0xFF) << 8 | (data[position + 1] & 0xFF);
			if (position + length > data.length) {
				structure.truncated = true;
				return structure;
			}
			structure.record(marker, data, position + 2, length - 2);
			if (marker == 0xDA) {
				return structure;
			}
			position += Math.max(length, 2);
		}
		structure.truncated = true;
		return structure;
	}

	private void record(int marker, byte[] data, int payload, int payloadLength) {
		if (isStartOfFrame(marker) && this.frameMarker < 0 && payloadLength >= 1) {
			this.frameMarker = marker;
			this.precision = data[payload] & 0xFF;
		}
		else if (marker == 0xDA) {
			this.scanFound = true;
		}
		else if (marker == 0xE1 && this.exifOffset < 0 && payloadLength > 6 && data[payload] == 'E'
				&& data[payload + 1] == 'x' && data[payload + 2] == 'i' && data[payload + 3] == 'f'
				&& data[payload + 4] == 0 && data[payload + 5] == 0) {
			this.exifOffset = payload + 6;
			this.exifLength = payloadLength - 6;
		}
	}

	/**
	 * Checks for SOF0 to SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC), which share the range.
	 */
	private static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}


	/**
	 * Names the coding variant when it is one that 8-bit baseline and progressive decoders often
	 * lack, or returns null for those two.
	 */
	@Nullable String unusualVariant() {
		if (this.frameMarker < 0) {
			return null;
		}
		boolean arithmetic = this.frameMarker >= 0xC9;
		boolean lossless = this.frameMarker == 0xC3 || this.frameMarker == 0xC7 || this.frameMarker == 0xCB
				|| this.frameMarker == 0xCF;
		boolean hierarchical = (this.frameMarker & 0x07) >= 5;
		if (lossless) {
			return "lossless JPEG (SOF" + (this.frameMarker - 0xC0) + ")";
		}
		if (hierarchical) {
			return "hierarchical JPEG (SOF" + (this.frameMarker - 0xC0) + ")";
		}
		if (this.precision != 8) {
			return this.precision + "-bit JPEG";
		}
		if (arithmetic) {
			return "arithmetic-coded JPEG";
		}
		return null;
	}

	boolean scanFound() {
		return this.scanFound;
	}

	/**
	 * Returns whether the data ended inside a marker segment or before the first scan.
	 */
	boolean truncated() {
		return this.truncated;
	}

	/**
	 * Returns the offset of the TIFF structure inside the first EXIF APP1 segment, or -1.
	 */
	int exifOffset() {
		return this.exifOffset;
	}

	int exifLength() {
		return this.exifLength;
	}

}
