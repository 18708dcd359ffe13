package io.poolstream.codec;

import java.nio.charset.StandardCharsets;

/**
 * Checks the chunk layout of a PNG before decoding: exact signature, chunk lengths within the
 * data, and an IEND chunk.
 *
 * <p>Chunk CRCs are not checked here, and the JDK's PNG reader ignores them too, so a PNG whose
 * only damage is a wrong CRC decodes. That is deliberate: damaged image data still fails the
 * zlib stream's own Adler-32 check in {@link java.util.zip.Inflater}, which the reader uses.
 */
final class PngStructure {

	private static final int CHUNK_OVERHEAD = 12;


	private PngStructure() {
	}


	/**
	 * Walks the chunks without reading their data.
	 * @throws CorruptImageException if the signature is damaged or the data ends before IEND
	 */
	static void check(byte[] data) {
		if (!FormatSniffer.hasExactPngSignature(data)) {
			throw new CorruptImageException("PNG signature is damaged: expected 89 50 4E 47 0D 0A 1A 0A, found "
					+ FormatSniffer.hexPrefix(data, 8));
		}

		long position = 8;
		while (position + 8 <= data.length) {
			int offset = (int) position;
			long length = Integer.toUnsignedLong(readInt(data, offset));
			String type = new String(data, offset + 4, 4, StandardCharsets.ISO_8859_1);
			if (length > Integer.MAX_VALUE) {
				throw new CorruptImageException("PNG chunk " + type + " declares an invalid length of " + length + " bytes");
			}
			if (position + CHUNK_OVERHEAD + length > data.length) {
				throw new CorruptImageException("PNG data ends inside the " + type + " chunk after "
						+ data.length + " bytes; the file was cut off");
			}
			if (type.equals("IEND")) {
				return;
			}
			position += CHUNK_OVERHEAD + length;
		}
		throw new CorruptImageException("PNG data ends before the IEND chunk after " + data.length
				+ " bytes; the file was cut off");
	}

	private static int readInt(byte[] data, int offset) {
		return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
				| (data[offset + 3] & 0xFF);
	}

}
