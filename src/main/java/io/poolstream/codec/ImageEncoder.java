package io.poolstream.codec;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.poolstream.pooling.Raster;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link Raster} as PNG, JPEG, BMP, PGM or PPM.
 *
 * <p>What each format keeps: PNG keeps every channel, so gray, gray with alpha, RGB and RGBA
 * round-trip exactly. JPEG and BMP drop alpha, writing gray with alpha as gray and RGBA as RGB.
 * PGM takes gray (alpha dropped) and PPM takes any raster, widening gray to RGB and dropping
 * alpha. Both are binary with maximum value 255.
 *
 * <p>Instances are immutable and thread-safe. Each call creates and disposes its own
 * {@link ImageWriter}.
 */
public final class ImageEncoder {

	static {
		ImageIoPlugins.ensureRegistered();
	}

	private final int jpegQuality;


	/**
	 * Creates an encoder.
	 * @param jpegQuality the JPEG quality from 1 (smallest) to 100 (best); the service uses 85
	 * @throws IllegalArgumentException if the quality is outside 1 to 100
	 */
	public ImageEncoder(int jpegQuality) {
		if (jpegQuality < 1 || jpegQuality > 100) {
			throw new IllegalArgumentException("jpegQuality must be 1 to 100, got " + jpegQuality);
		}
		this.jpegQuality = jpegQuality;
	}


	/**
	 * Encodes a raster in the given format.
	 * @return the encoded bytes
	 * @throws UnsupportedOutputException if the format has no encoder (GIF, TIFF, WebP), or if PGM
	 * is requested for a colour raster
	 */
	public byte[] encode(Raster raster, ImageFormat format) {
		Objects.requireNonNull(raster, "raster");
		Objects.requireNonNull(format, "format");

		return switch (format) {
			case PNG -> writeWithImageIo(toBufferedImage(raster, raster.channels()), format, null);
			case JPEG -> writeJpeg(raster);
			case BMP -> writeWithImageIo(toBufferedImage(dropAlpha(raster), colorChannels(raster)), format, null);
			case PGM -> NetpbmCodec.encode(toGray(raster));
			case PPM -> NetpbmCodec.encode(toRgb(raster));
			default -> throw new UnsupportedOutputException("no encoder for " + format
					+ " output; request png, jpeg, bmp, pgm or ppm");
		};
	}

	private byte[] writeJpeg(Raster raster) {
		ImageWriter writer = findWriter(ImageFormat.JPEG);
		try {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(this.jpegQuality / 100f);
			return write(writer, toBufferedImage(raster, colorChannels(raster)), param);
		}
		finally {
			writer.dispose();
		}
	}

	private static byte[] writeWithImageIo(BufferedImage image, ImageFormat format, @Nullable ImageWriteParam param) {
		ImageWriter writer = findWriter(format);
		try {
			return write(writer, image, param);
		}
		finally {
			writer.dispose();
		}
	}

	private static byte[] write(ImageWriter writer, BufferedImage image, @Nullable ImageWriteParam param) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(stream);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			// The stream writes to a byte array, so an IOException here is a writer bug, not bad input.
			throw new UncheckedIOException("ImageIO " + writer.getOriginatingProvider().getFormatNames()[0]
					+ " writer failed", ex);
		}
		return bytes.toByteArray();
	}

	private static ImageWriter findWriter(ImageFormat format) {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(format.mediaType());
		if (!writers.hasNext()) {
			throw new IllegalStateException("no ImageIO writer for " + format.mediaType() + " is installed");
		}
		return writers.next();
	}

	/**
	 * Returns the channel count without alpha: 1 for gray and gray with alpha, 3 otherwise.
	 */
	private static int colorChannels(Raster raster) {
		return (raster.channels() <= 2) ? 1 : 3;
	}

	/**
	 * Wraps the first {@code channels} bands of a raster in a {@link BufferedImage} without
	 * copying: the sample model simply skips the alpha band when {@code channels} leaves it out.
	 */
	private static BufferedImage toBufferedImage(Raster raster, int channels) {
		int stride = raster.channels();
		int[] bandOffsets = new int[channels];
		for (int c = 0; c < channels; c++) {
			bandOffsets[c] = c;
		}
		PixelInterleavedSampleModel layout = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, raster.width(),
				raster.height(), stride, raster.width() * stride, bandOffsets);
		DataBufferByte buffer = new DataBufferByte(raster.samples(), raster.samples().length);
		WritableRaster pixels = java.awt.image.Raster.createWritableRaster(layout, buffer, new Point(0, 0));

		boolean alpha = channels == 2 || channels == 4;
		ColorSpace space = ColorSpace.getInstance((channels <= 2) ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
		ComponentColorModel colorModel = new ComponentColorModel(space, alpha, false,
				alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
		return new BufferedImage(colorModel, pixels, false, null);
	}

	/**
	 * Copies the colour channels of a raster with alpha, because the JDK's BMP writer accepts
	 * only rasters whose pixel stride equals their band count.
	 */
	private static Raster dropAlpha(Raster raster) {
		return switch (raster.channels()) {
			case 2 -> selectChannels(raster, new int[] { 0 });
			case 4 -> selectChannels(raster, new int[] { 0, 1, 2 });
			default -> raster;
		};
	}

	private static Raster toGray(Raster raster) {
		if (raster.channels() > 2) {
			throw new UnsupportedOutputException("PGM output accepts only gray images, but this image has "
					+ raster.channels() + " channels; request ppm or png");
		}
		return (raster.channels() == 1) ? raster : selectChannels(raster, new int[] { 0 });
	}

	private static Raster toRgb(Raster raster) {
		return switch (raster.channels()) {
			case 1, 2 -> selectChannels(raster, new int[] { 0, 0, 0 });
			case 4 -> selectChannels(raster, new int[] { 0, 1, 2 });
			default -> raster;
		};
	}

	private static Raster selectChannels(Raster raster, int[] sourceChannels) {
		int pixels = raster.width() * raster.height();
		int stride = raster.channels();
		byte[] source = raster.samples();
		byte[] samples = new byte[pixels * sourceChannels.length];
		int out = 0;
		for (int i = 0; i < pixels; i++) {
			int in = i * stride;
			for (int channel : sourceChannels) {
				samples[out++] = source[in + channel];
			}
		}
		return new Raster(raster.width(), raster.height(), sourceChannels.length, samples);
	}

}
