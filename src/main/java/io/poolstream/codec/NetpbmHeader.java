package io.poolstream.codec;

import org.jspecify.annotations.Nullable;

/**
 * The header of a netpbm graymap or pixmap: magic number, width, height and maximum sample
 * value, with {@code #} comments allowed between the fields.
 *
 * @param magic the digit after {@code P}: 2 or 5 for gray, 3 or 6 for RGB
 * @param width the width in pixels
 * @param height the height in pixels
 * @param maxValue the largest sample value, 1 to 65535
 * @param length the header length in bytes, including the single whitespace byte after the
 * maximum value
 */
record NetpbmHeader(char magic, int width, int height, int maxValue, int length) {

	/** Maximum header length, comments included, so that a stream of junk fails fast. */
	static final int MAX_HEADER_BYTES = 4096;

	private static final int MAX_DIGITS = 9;


	/**
	 * Returns the number of channels: 1 for a graymap, 3 for a pixmap.
	 */
	int channels() {
		return (this.magic == '2' || this.magic == '5') ? 1 : 3;
	}

	/**
	 * Returns whether the samples are binary (P5, P6) rather than decimal text (P2, P3).
	 */
	boolean binary() {
		return this.magic == '5' || this.magic == '6';
	}

	/**
	 * Returns the size of one binary sample: 2 bytes, big-endian, when the maximum value is above
	 * 255, else 1.
	 */
	int bytesPerSample() {
		return (this.maxValue > 255) ? 2 : 1;
	}

	/**
	 * Returns the byte count of the binary pixel data after the header.
	 */
	long pixelDataLength() {
		return (long) this.width * this.height * channels() * bytesPerSample();
	}

	/**
	 * Returns the name of the format for messages, for example "PPM (P6)".
	 */
	String formatName() {
		return ((channels() == 1) ? "PGM" : "PPM") + " (P" + this.magic + ")";
	}

	/**
	 * Parses a header that starts at {@code offset}.
	 * @return the header, or null if the bytes end before the header is complete
	 * @throws CorruptImageException if the bytes are not a valid P2, P3, P5 or P6 header
	 */
	static @Nullable NetpbmHeader parse(byte[] data, int offset, int length) {
		if (length < 2) {
			return null;
		}
		char magic = (char) data[offset + 1];
		if (data[offset] != 'P' || (magic != '2' && magic != '3' && magic != '5' && magic != '6')) {
			throw new CorruptImageException("invalid netpbm header: expected P2, P3, P5 or P6, found bytes "
					+ FormatSniffer.hexPrefix(new byte[] { data[offset], data[offset + 1] }, 2));
		}

		HeaderScanner scanner = new HeaderScanner(data, offset + 2, offset + Math.min(length, MAX_HEADER_BYTES));
		long width = scanner.nextNumber("width");
		long height = (width < 0) ? -1 : scanner.nextNumber("height");
		long maxValue = (height < 0) ? -1 : scanner.nextNumber("maximum value");
		if (maxValue < 0) {
			if (length >= MAX_HEADER_BYTES) {
				throw new CorruptImageException("invalid netpbm header: not complete within "
						+ MAX_HEADER_BYTES + " bytes");
			}
			return null;
		}

		if (width < 1 || height < 1) {
			throw new CorruptImageException("invalid netpbm header: size " + width + "x" + height
					+ " must be positive");
		}
		if (maxValue < 1 || maxValue > 65535) {
			throw new CorruptImageException("invalid netpbm header: maximum value " + maxValue
					+ " must be 1 to 65535");
		}
		return new NetpbmHeader(magic, (int) width, (int) height, (int) maxValue, scanner.position - offset);
	}

	static boolean isWhitespace(byte value) {
		return value == ' ' || value == '\t' || value == '\n' || value == '\r' || value == 0x0B || value == '\f';
	}


	/**
	 * Reads the decimal fields of a header, skipping whitespace and comments.
	 */
	private static final class HeaderScanner {

		private final byte[] data;

		private final int end;

		private int position;


		HeaderScanner(byte[] data, int position, int end) {
			this.data = data;
			this.position = position;
			this.end = end;
		}


		/**
		 * Reads one number and the whitespace byte that ends it, or returns -1 if the data ends
		 * first.
		 */
		long nextNumber(String field) {
			if (!skipWhitespaceAndComments()) {
				return -1;
			}
			int start = this.position;
			long value = 0;
			while (this.position < this.end && Character.isDigit(this.data[this.position])) {
				if (this.position - start == MAX_DIGITS) {
					throw new CorruptImageException("invalid netpbm header: " + field + " has more than "
							+ MAX_DIGITS + " digits");
				}
				value = value * 10 + (this.data[this.position] - '0');
				this.position++;
			}
			if (this.position == this.end) {
				return -1;
			}
			if (this.position == start || !isWhitespace(this.data[this.position])) {
				throw new CorruptImageException("invalid netpbm header: expected a decimal " + field
						+ ", found byte " + FormatSniffer.hexPrefix(new byte[] { this.data[this.position] }, 1));
			}
			this.position++;
			return value;
		}

		private boolean skipWhitespaceAndComments() {
			while (this.position < this.end) {
				byte value = this.data[this.position];
				if (value == '#') {
					while (this.position < this.end && this.data[this.position] != '\n' && this.data[this.position] != '\r') {
						this.position++;
					}
				}
				else if (isWhitespace(value)) {
					this.position++;
				}
				else {
					return true;
				}
			}
			return false;
		}

	}

}
