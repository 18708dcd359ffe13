package io.poolstream.codec;

import java.util.Locale;

/**
 * Image formats that the decoder recognises, and the subset that the encoder writes.
 */
public enum ImageFormat {

	PNG("image/png", "png"),
	JPEG("image/jpeg", "jpg"),
	GIF("image/gif", "gif"),
	BMP("image/bmp", "bmp"),
	TIFF("image/tiff", "tif"),
	WEBP("image/webp", "webp"),
	PGM("image/x-portable-graymap", "pgm"),
	PPM("image/x-portable-pixmap", "ppm");

	private static final String ACCEPTED_OUTPUT_NAMES = "png, jpeg, jpg, bmp, pgm, ppm";

	private final String mediaType;

	private final String extension;


	ImageFormat(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}


	/**
	 * Returns the media type, for example {@code image/png}.
	 */
	public String mediaType() {
		return this.mediaType;
	}

	/**
	 * Returns the usual file name extension without the dot, for example {@code jpg}.
	 */
	public String extension() {
		return this.extension;
	}

	/**
	 * Parses the name of an output format, ignoring case and surrounding blanks.
	 * @param name one of png, jpeg, jpg, bmp, pgm, ppm
	 * @throws IllegalArgumentException if the name is not one of the accepted values, with a
	 * message that lists them
	 */
	public static ImageFormat parseOutput(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case "png" -> PNG;
			case "jpeg", "jpg" -> JPEG;
			case "bmp" -> BMP;
			case "pgm" -> PGM;
			case "ppm" -> PPM;
			default -> throw new IllegalArgumentException("unsupported output format '" + name
					+ "'; use one of " + ACCEPTED_OUTPUT_NAMES);
		};
	}

}
