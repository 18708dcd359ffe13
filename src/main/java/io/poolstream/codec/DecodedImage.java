package io.poolstream.codec;

import java.util.Objects;

import io.poolstream.pooling.Raster;

/**
 * A decoded image with the facts about its source.
 *
 * @param raster the pixels, upright: EXIF orientation is already applied
 * @param format the format detected from the magic bytes
 * @param sourceWidth the width as stored in the file, before EXIF orientation
 * @param sourceHeight the height as stored in the file, before EXIF orientation
 */
public record DecodedImage(Raster raster, ImageFormat format, int sourceWidth, int sourceHeight) {

	public DecodedImage {
		Objects.requireNonNull(raster, "raster");
		Objects.requireNonNull(format, "format");
	}

}
