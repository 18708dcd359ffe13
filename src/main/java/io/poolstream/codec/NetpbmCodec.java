package io.poolstream.codec;

import java.nio.charset.StandardCharsets;

import io.poolstream.pooling.Raster;

/**
 * Reads P2, P3, P5 and P6 netpbm images and writes P5 and P6, without ImageIO.
 *
 * <p>Samples with a maximum value other than 255 are scaled to 0..255 with rounding:
 * {@code (v * 255 + maxValue / 2) / maxValue}. Samples above the maximum value are clamped.
 */
final class NetpbmCodec {

	private NetpbmCodec() {
	}


	/**
	 * Reads the header of one image.
	 * @throws CorruptImageException if the header is invalid or incomplete
	 */
	static NetpbmHeader readHeader(byte[] data) {
		NetpbmHeader header = NetpbmHeader.parse(data, 0, data.length);
		if (header == null) {
			throw new CorruptImageException("netpbm data ends inside the header after " + data.length
					+ " bytes; the file was cut off");
		}
		return header;
	}

	/**
	 * Decodes the pixels after a header that the caller has already checked against its limits.
	 */
	static Raster decode(byte[] data, NetpbmHeader header) {
		int channels = header.channels();
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(header.width(), header.height()), channels)];
		if (header.binary()) {
			decodeBinary(data, header, samples);
		}
		else {
			decodePlain(data, header, samples);
		}
		return new Raster(header.width(), header.height(), channels, samples);
	}

	private static void decodeBinary(byte[] data, NetpbmHeader header, byte[] samples) {
		long available = data.length - (long) header.length();
		if (available < header.pixelDataLength()) {
			throw new CorruptImageException(header.formatName() + " data ends after " + available + " of "
					+ header.pixelDataLength() + " pixel bytes; the file was cut off");
		}
		int offset = header.length();
		int maxValue = header.maxValue();
		if (maxValue == 255) {
			System.arraycopy(data, offset, samples, 0, samples.length);
			return;
		}
		if (header.bytesPerSample() == 1) {
			for (int i = 0; i < samples.length; i++) {
				samples[i] = scale(data[offset + i] & 0xFF, maxValue);
			}
			return;
		}
		for (int i = 0; i < samples.length; i++) {
			int position = offset + 2 * i;
			int value = (data[position] & 0xFF) << 8 | (data[position + 1] & 0xFF);
			samples[i] = scale(value, maxValue);
		}
	}

	private static void decodePlain(byte[] data, NetpbmHeader header, byte[] samples) {
		int position = header.length();
		int maxValue = header.maxValue();
		for (int i = 0; i < samples.length; i++) {
			while (position < data.length && (NetpbmHeader.isWhitespace(data[position]) || data[position] == '#')) {
				if (data[position] == '#') {
					while (position < data.length && data[position] != '\n') {
						position++;
					}
				}
				else {
					position++;
				}
			}
			if (position == data.length) {
				throw new CorruptImageException(header.formatName() + " data ends after " + i + " of "
						+ samples.length + " samples; the file was cut off");
			}
			int value = 0;
			int start = position;
			while (position < data.length && data[position] >= '0' && data[position] <= '9' && position - start < 5) {
				value = value * 10 + (data[position] - '0');
				position++;
			}
			if (position == start || (position < data.length && !NetpbmHeader.isWhitespace(data[position]))) {
				throw new CorruptImageException(header.formatName() + " sample " + i
						+ " is not a decimal number of up to 5 digits");
			}
			samples[i] = scale(value, maxValue);
		}
	}

	private static byte scale(int value, int maxValue) {
		if (value >= maxValue) {
			return (byte) 255;
		}
		return (byte) ((value * 255 + maxValue / 2) / maxValue);
	}

	/**
	 * Encodes a raster as binary P5 (1 channel) or P6 (3 channels) with maximum value 255.
	 */
	static byte[] encode(Raster raster) {
		char magic = (raster.channels() == 1) ? '5' : '6';
		byte[] header = ("P" + magic + "\n" + raster.width() + " " + raster.height() + "\n255\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] encoded = new byte[header.length + raster.samples().length];
		System.arraycopy(header, 0, encoded, 0, header.length);
		System.arraycopy(raster.samples(), 0, encoded, header.length, raster.samples().length);
		return encoded;
	}

}
