package io.poolstream.codec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.poolstream.pooling.Raster;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one encoded image into an upright 8-bit {@link Raster}, checking the limits before any
 * pixel buffer is allocated.
 *
 * <p>Steps: reject an empty body, then one above {@link ImageLimits#maxBytes()}; detect the
 * format from its magic bytes; check the container (PNG chunks, JPEG segments); read only the
 * header and reject width × height above {@link ImageLimits#maxPixels()}; decode the first frame
 * or page; reject a JPEG that the decoder reports as cut off; apply the EXIF orientation of a
 * JPEG. Animated GIFs and multi-page TIFFs yield their first frame or page only.
 *
 * <p>NOTE: only JPEG EXIF orientation is applied. The PNG eXIf chunk, WebP EXIF and the TIFF
 * Orientation tag are ignored, and so are embedded ICC profiles of PNG files, because the JDK's
 * PNG reader does not apply them. Samples of such files are taken as sRGB as stored.
 *
 * <p>Instances are immutable and thread-safe. Each call creates and disposes its own
 * {@link ImageReader}, and decoding blocks the calling thread, so callers run it on a worker
 * scheduler, never on an event loop.
 */
public final class ImageDecoder {

	static {
		ImageIoPlugins.ensureRegistered();
	}

	private final ImageLimits limits;


	/**
	 * Creates a decoder that enforces the given limits.
	 */
	public ImageDecoder(ImageLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
	}


	/**
	 * Decodes one encoded image.
	 * @param data the whole encoded image; the decoder does not keep or change it
	 * @return the upright raster, the detected format and the size as stored
	 * @throws EmptyImageException if {@code data} is empty
	 * @throws ImageTooLargeException if the byte count or the declared pixel count is above its limit
	 * @throws UnsupportedImageFormatException if the content is no supported format or variant
	 * @throws CorruptImageException if the content is damaged or cut off
	 */
	public DecodedImage decode(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (data.length == 0) {
			throw new EmptyImageException();
		}
		if (data.length > this.limits.maxBytes()) {
			throw new ImageTooLargeException("image is " + data.length + " bytes, above the "
					+ this.limits.maxBytes() + " byte limit; send a smaller file", data.length, this.limits.maxBytes());
		}

		ImageFormat format = sniff(data);
		if (format == null) {
			throw new UnsupportedImageFormatException(FormatSniffer.describeUnrecognised(data));
		}
		return switch (format) {
			case PGM, PPM -> decodeNetpbm(data, format);
			case JPEG -> decodeJpeg(data);
			case PNG -> {
				PngStructure.check(data);
				yield decodeWithImageIo(data, format, null);
			}
			default -> decodeWithImageIo(data, format, null);
		};
	}

	/**
	 * Detects the format from magic bytes only, never from a file name or content type.
	 * @return the format, or null if the bytes start no supported format
	 */
	public static @Nullable ImageFormat sniff(byte[] data) {
		return FormatSniffer.sniff(data);
	}

	private DecodedImage decodeNetpbm(byte[] data, ImageFormat format) {
		NetpbmHeader header = NetpbmCodec.readHeader(data);
		checkPixelCount(header.width(), header.height());
		Raster raster = NetpbmCodec.decode(data, header);
		return new DecodedImage(raster, format, header.width(), header.height());
	}

	private DecodedImage decodeJpeg(byte[] data) {
		JpegStructure structure = JpegStructure.read(data);
		if (structure.truncated() && !structure.scanFound()) {
			throw new CorruptImageException("JPEG data ends before the first scan after " + data.length
					+ " bytes; the file was cut off");
		}
		DecodedImage stored = decodeWithImageIo(data, ImageFormat.JPEG, structure);
		int orientation = ExifOrientation.read(data, structure.exifOffset(), structure.exifLength());
		Raster upright = ExifOrientation.apply(stored.raster(), orientation);
		return new DecodedImage(upright, ImageFormat.JPEG, stored.sourceWidth(), stored.sourceHeight());
	}

	/**
	 * Decodes the first image with an ImageIO reader, mapping every failure of the plugin to one
	 * of this package's exceptions. Plugins throw {@link IIOException} for most bad data, but
	 * fuzzed files also raise runtime exceptions from inside them.
	 */
	private DecodedImage decodeWithImageIo(byte[] data, ImageFormat format, @Nullable JpegStructure jpeg) {
		List<String> warnings = new ArrayList<>();
		try (ImageInputStream stream = new ByteArrayImageInputStream(data)) {
			ImageReader reader = findReader(format, stream);
			try {
				reader.setInput(stream, true, false);
				reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				checkPixelCount(width, height);

				// JPEG frames are the hot path, so they decode straight into the raster's array.
				ImageReadParam param = reader.getDefaultReadParam();
				if (jpeg != null) {
					param.setDestination(RasterConversion.createInterleavedDestination(reader, width, height));
				}
				BufferedImage image = reader.read(0, param);
				if (jpeg != null) {
					rejectPartialJpeg(warnings);
				}
				return new DecodedImage(RasterConversion.toRaster(image), format, width, height);
			}
			finally {
				reader.dispose();
			}
		}
		catch (ImageException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw mapDecoderFailure(format, jpeg, ex);
		}
	}

	private static ImageReader findReader(ImageFormat format, ImageInputStream stream) throws IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			if (reader.getOriginatingProvider() == null || reader.getOriginatingProvider().canDecodeInput(stream)) {
				return reader;
			}
			reader.dispose();
		}
		throw new UnsupportedImageFormatException("no installed decoder reads this " + format
				+ " variant; convert it to PNG or baseline JPEG");
	}

	private void checkPixelCount(int width, int height) {
		if (width < 1 || height < 1) {
			throw new CorruptImageException("image header declares an invalid size of " + width + "x" + height);
		}
		long pixels = (long) width * height;
		if (pixels > this.limits.maxPixels()) {
			throw new ImageTooLargeException("image is " + width + "x" + height + " pixels, above the "
					+ formatPixelLimit(this.limits.maxPixels()) + " limit; send a smaller image", pixels,
					this.limits.maxPixels());
		}
	}

	private static String formatPixelLimit(long maxPixels) {
		if (maxPixels % 1_000_000 == 0) {
			return (maxPixels / 1_000_000) + " megapixel";
		}
		return maxPixels + " pixel";
	}

	/**
	 * Rejects a JPEG that the decoder finished with gray fill. libjpeg reports a missing EOI and
	 * entropy-coded data that ends early only as warnings, and returns an image whose lower part
	 * is gray, which would pool into wrong results without any sign of the damage.
	 */
	private static void rejectPartialJpeg(List<String> warnings) {
		for (String warning : warnings) {
			if (warning.contains("Missing EOI")) {
				throw new CorruptImageException("JPEG data ends before the end-of-image marker; the frame was cut off");
			}
			if (warning.contains("premature end of data segment")) {
				throw new CorruptImageException("JPEG scan data ends early, so part of the image is missing");
			}
		}
	}

	private static ImageException mapDecoderFailure(ImageFormat format, @Nullable JpegStructure jpeg, Exception ex) {
		if (jpeg != null) {
			String variant = jpeg.unusualVariant();
			if (variant != null) {
				return new UnsupportedImageFormatException(variant + " is not supported by the installed JPEG decoder;"
						+ " re-encode it as 8-bit baseline or progressive JPEG", ex);
			}
			if (!jpeg.scanFound()) {
				return new CorruptImageException("JPEG has no start-of-scan (SOS) marker, so it contains no image data", ex);
			}
		}
		String detail = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return new CorruptImageException("invalid " + format + " data: " + detail, ex);
	}

}
