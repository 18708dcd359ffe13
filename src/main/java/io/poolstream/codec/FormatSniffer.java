package io.poolstream.codec;

import org.jspecify.annotations.Nullable;

/**
 * Detects an image format from its first bytes, never from a name or a declared content type.
 */
final class FormatSniffer {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final String ACCEPTED = "PNG, JPEG, GIF, BMP, TIFF, WebP or netpbm (P2, P3, P5, P6)";


	private FormatSniffer() {
	}


	/**
	 * Detects the format, or returns null if the bytes start no supported format.
	 *
	 * <p>A PNG is recognised when its first byte and either the {@code PNG} letters or the
	 * line-ending bytes of the signature match, so that a signature with one damaged byte is
	 * reported as a corrupt PNG rather than as unknown content.
	 */
	static @Nullable ImageFormat sniff(byte[] data) {
		if (isPng(data)) {
			return ImageFormat.PNG;
		}
		if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
			return ImageFormat.JPEG;
		}
		if (startsWith(data, 'G', 'I', 'F', '8') && data.length > 5
				&& (data[4] == '7' || data[4] == '9') && data[5] == 'a') {
			return ImageFormat.GIF;
		}
		if (isBmp(data)) {
			return ImageFormat.BMP;
		}
		if (startsWith(data, 'I', 'I', 42, 0) || startsWith(data, 'M', 'M', 0, 42)
				|| startsWith(data, 'I', 'I', 43, 0) || startsWith(data, 'M', 'M', 0, 43)) {
			return ImageFormat.TIFF;
		}
		if (startsWith(data, 'R', 'I', 'F', 'F') && data.length >= 12
				&& data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
			return ImageFormat.WEBP;
		}
		if (isNetpbm(data, '5') || isNetpbm(data, '2')) {
			return ImageFormat.PGM;
		}
		if (isNetpbm(data, '6') || isNetpbm(data, '3')) {
			return ImageFormat.PPM;
		}
		return null;
	}

	/**
	 * Checks whether the first eight bytes are the exact PNG signature.
	 */
	static boolean hasExactPngSignature(byte[] data) {
		if (data.length < PNG_SIGNATURE.length) {
			return false;
		}
		for (int i = 0; i < PNG_SIGNATURE.length; i++) {
			if (data[i] != PNG_SIGNATURE[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Builds the message for content that {@link #sniff} did not recognise, naming a known but
	 * unsupported format where the bytes show one.
	 */
	static String describeUnrecognised(byte[] data) {
		String known = nameUnsupportedFormat(data);
		if (known != null) {
			return "unsupported image format: " + known + "; send " + ACCEPTED;
		}
		return "unrecognised content: not " + ACCEPTED + " (first bytes " + hexPrefix(data, 8) + ")";
	}

	/**
	 * Formats up to {@code count} leading bytes as hexadecimal pairs, for messages.
	 */
	static String hexPrefix(byte[] data, int count) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < Math.min(count, data.length); i++) {
			if (i > 0) {
				hex.append(' ');
			}
			hex.append(String.format("%02X", data[i] & 0xFF));
		}
		return hex.toString();
	}

	private static @Nullable String nameUnsupportedFormat(byte[] data) {
		if (isNetpbm(data, '1') || isNetpbm(data, '4')) {
			return "PBM bitmap (netpbm P1/P4)";
		}
		if (isNetpbm(data, '7')) {
			return "PAM (netpbm P7)";
		}
		if (data.length >= 12 && data[4] == 'f' && data[5] == 't' && data[6] == 'y' && data[7] == 'p') {
			String brand = new String(data, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
			return switch (brand) {
				case "avif", "avis" -> "AVIF";
				case "heic", "heix", "mif1", "msf1", "hevc" -> "HEIF/HEIC";
				default -> "ISO media file (brand '" + brand.strip() + "')";
			};
		}
		if (startsWith(data, 0xFF, 0x0A) || startsWith(data, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
			return "JPEG XL";
		}
		if (startsWith(data, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(data, 0xFF, 0x4F, 0xFF, 0x51)) {
			return "JPEG 2000";
		}
		if (startsWith(data, 0, 0, 1, 0) || startsWith(data, 0, 0, 2, 0)) {
			return "ICO/CUR icon";
		}
		return null;
	}

	private static boolean isPng(byte[] data) {
		if (data.length < PNG_SIGNATURE.length || data[0] != PNG_SIGNATURE[0]) {
			return false;
		}
		boolean letters = data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
		boolean lineEndings = data[4] == '\r' && data[5] == '\n' && data[6] == 0x1A && data[7] == '\n';
		return letters || lineEndings;
	}

	/**
	 * Checks for "BM" followed, at offset 14, by one of the DIB header sizes that BMP readers know
	 * (OS/2 12 and 64, Windows 40, 52, 56, 108 and 124 bytes), because two letters alone match
	 * too much text.
	 */
	private static boolean isBmp(byte[] data) {
		if (data.length < 26 || data[0] != 'B' || data[1] != 'M') {
			return false;
		}
		int headerSize = (data[14] & 0xFF) | (data[15] & 0xFF) << 8 | (data[16] & 0xFF) << 16 | (data[17] & 0xFF) << 24;
		return switch (headerSize) {
			case 12, 40, 52, 56, 64, 108, 124 -> true;
			default -> false;
		};
	}

	private static boolean isNetpbm(byte[] data, char type) {
		return data.length >= 3 && data[0] == 'P' && data[1] == type && NetpbmHeader.isWhitespace(data[2]);
	}

	private static boolean startsWith(byte[] data, int... prefix) {
		if (data.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((data[i] & 0xFF) != (prefix[i] & 0xFF)) {
				return false;
			}
		}
		return true;
	}

}
