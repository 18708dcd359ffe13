package io.poolstream.codec;

import java.io.IOException;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.poolstream.pooling.Raster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the EXIF Orientation tag and turns a stored raster upright.
 *
 * <p>Orientation values follow EXIF 2.32 (tag 0x0112): 1 upright, 2 mirrored left to right,
 * 3 rotated 180°, 4 mirrored top to bottom, 5 transposed, 6 needs 90° clockwise, 7 transversed,
 * 8 needs 90° counter-clockwise. Values 5 to 8 swap width and height.
 */
final class ExifOrientation {

	static final int UPRIGHT = 1;

	private static final Logger logger = LoggerFactory.getLogger(ExifOrientation.class);


	private ExifOrientation() {
	}


	/**
	 * Reads the orientation from the TIFF structure of an EXIF segment, or returns
	 * {@link #UPRIGHT} when the tag is missing, out of range or the EXIF data is malformed,
	 * because broken metadata must not fail a decode.
	 */
	static int read(byte[] data, int offset, int length) {
		if (offset < 0 || length < 8) {
			return UPRIGHT;
		}
		try (ByteArrayImageInputStream stream = new ByteArrayImageInputStream(data, offset, length)) {
			Directory directory = new TIFFReader().read(stream);
			Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
			if (entry != null && entry.getValue() instanceof Number number) {
				int orientation = number.intValue();
				return (orientation >= 1 && orientation <= 8) ? orientation : UPRIGHT;
			}
			return UPRIGHT;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Ignoring malformed EXIF data: {}", ex.toString());
			return UPRIGHT;
		}
	}

	/**
	 * Returns a new raster turned upright for the given orientation, or the same raster for 1.
	 * Output pixel (x, y) takes the stored pixel named in each case below.
	 */
	static Raster apply(Raster stored, int orientation) {
		if (orientation == UPRIGHT) {
			return stored;
		}
		int width = stored.width();
		int height = stored.height();
		int channels = stored.channels();
		boolean swapsAxes = orientation >= 5;
		int outWidth = swapsAxes ? height : width;
		int outHeight = swapsAxes ? width : height;
		byte[] source = stored.samples();
		byte[] samples = new byte[source.length];

		int out = 0;
		for (int y = 0; y < outHeight; y++) {
			for (int x = 0; x < outWidth; x++) {
				int sourceX;
				int sourceY;
				switch (orientation) {
					case 2 -> { sourceX = width - 1 - x; sourceY = y; }
					case 3 -> { sourceX = width - 1 - x; sourceY = height - 1 - y; }
					case 4 -> { sourceX = x; sourceY = height - 1 - y; }
					case 5 -> { sourceX = y; sourceY = x; }
					case 6 -> { sourceX = y; sourceY = height - 1 - x; }
					case 7 -> { sourceX = width - 1 - y; sourceY = height - 1 - x; }
					case 8 -> { sourceX = width - 1 - y; sourceY = x; }
					default -> throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + orientation);
				}
				int in = (sourceY * width + sourceX) * channels;
				for (int c = 0; c < channels; c++) {
					samples[out++] = source[in + c];
				}
			}
		}
		return new Raster(outWidth, outHeight, channels, samples);
	}

}
