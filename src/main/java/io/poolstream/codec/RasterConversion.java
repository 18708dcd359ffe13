package io.poolstream.codec;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

import io.poolstream.pooling.Raster;
import org.jspecify.annotations.Nullable;

/**
 * Copies a decoded {@link BufferedImage} into an interleaved 8-bit {@link Raster}.
 *
 * <p>Gray stays 1 channel and gray with alpha 2, RGB becomes 3 and RGBA 4. Images whose samples
 * sit in a byte or short buffer in sRGB or gray are copied straight from the buffer, because
 * {@code getRGB} costs a colour-model call per pixel. 16-bit samples are narrowed with rounding,
 * {@code (v * 255 + 32767) / 65535}. Palette images are expanded, to gray when every palette
 * entry is gray, and with an alpha channel when the palette has transparency. Any other layout
 * goes through {@code getRGB}, which converts to sRGB.
 */
final class RasterConversion {

	private RasterConversion() {
	}


	/**
	 * Creates a destination image whose buffer already has the {@link Raster} layout (RGB or
	 * gray, interleaved, no padding), so that a reader decodes straight into the raster's array.
	 * Returns null unless the reader's first image type is 8-bit BGR or gray, the types of
	 * baseline and progressive JPEG.
	 */
	static @Nullable BufferedImage createInterleavedDestination(ImageReader reader, int width, int height)
			throws IOException {
		Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
		if (types == null || !types.hasNext()) {
			return null;
		}
		int type = types.next().getBufferedImageType();
		int channels = switch (type) {
			case BufferedImage.TYPE_3BYTE_BGR -> 3;
			case BufferedImage.TYPE_BYTE_GRAY -> 1;
			default -> 0;
		};
		if (channels == 0) {
			return null;
		}
		int[] bandOffsets = (channels == 3) ? new int[] { 0, 1, 2 } : new int[] { 0 };
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
		PixelInterleavedSampleModel layout = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width, height,
				channels, width * channels, bandOffsets);
		WritableRaster pixels = java.awt.image.Raster.createWritableRaster(layout,
				new DataBufferByte(samples, samples.length), new Point(0, 0));
		ColorSpace space = ColorSpace.getInstance((channels == 3) ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
		ComponentColorModel colorModel = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
				DataBuffer.TYPE_BYTE);
		return new BufferedImage(colorModel, pixels, false, null);
	}

	/**
	 * Copies a decoded image into a raster, or wraps the array without a copy when the image is
	 * one that {@link #createInterleavedDestination} made.
	 */
	static Raster toRaster(BufferedImage image) {
		ColorModel colorModel = image.getColorModel();
		WritableRaster raster = image.getRaster();
		if (colorModel instanceof IndexColorModel palette) {
			return expandPalette(palette, raster);
		}
		if (isDirectlyCopyable(colorModel, raster)) {
			ComponentSampleModel layout = (ComponentSampleModel) raster.getSampleModel();
			if (isRasterLayout(raster, layout)) {
				return new Raster(raster.getWidth(), raster.getHeight(), raster.getNumBands(),
						((DataBufferByte) raster.getDataBuffer()).getData());
			}
			if (raster.getDataBuffer() instanceof DataBufferByte bytes) {
				return copyBytes(raster, layout, bytes);
			}
			if (raster.getDataBuffer() instanceof DataBufferUShort shorts) {
				return narrowShorts(raster, layout, shorts);
			}
		}
		return convertThroughRgb(image);
	}

	private static boolean isDirectlyCopyable(ColorModel colorModel, WritableRaster raster) {
		if (!(colorModel instanceof ComponentColorModel) || colorModel.isAlphaPremultiplied()
				|| !(raster.getSampleModel() instanceof ComponentSampleModel layout)) {
			return false;
		}
		ColorSpace space = colorModel.getColorSpace();
		boolean gray = space.getType() == ColorSpace.TYPE_GRAY && space.getNumComponents() == 1;
		if (!gray && !space.isCS_sRGB()) {
			return false;
		}
		int bands = raster.getNumBands();
		if (bands != colorModel.getNumComponents() || bands < 1 || bands > 4) {
			return false;
		}
		int[] banks = layout.getBankIndices();
		for (int bank : banks) {
			if (bank != banks[0]) {
				return false;
			}
		}
		int sampleSize = colorModel.getComponentSize(0);
		int dataType = raster.getDataBuffer().getDataType();
		return (dataType == DataBuffer.TYPE_BYTE && sampleSize == 8)
				|| (dataType == DataBuffer.TYPE_USHORT && sampleSize == 16);
	}

	/**
	 * Copies byte samples. The loops are spelled out per layout because this is the hot path of
	 * every JPEG decode: a plain row copy for already-interleaved data, and one pass that swaps
	 * blue and red for the JPEG reader's BGR layout.
	 */
	private static Raster copyBytes(WritableRaster raster, ComponentSampleModel layout, DataBufferByte buffer) {
		int width = raster.getWidth();
		int height = raster.getHeight();
		int channels = raster.getNumBands();
		byte[] source = buffer.getData(layout.getBankIndices()[0]);
		int pixelStride = layout.getPixelStride();
		int scanlineStride = layout.getScanlineStride();
		int[] bandOffsets = layout.getBandOffsets();
		int origin = originOf(raster, layout, buffer);
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
		int rowLength = width * channels;

		if (pixelStride == channels && isIdentity(bandOffsets)) {
			for (int y = 0; y < height; y++) {
				System.arraycopy(source, origin + y * scanlineStride, samples, y * rowLength, rowLength);
			}
		}
		else if (channels == 3 && pixelStride == 3 && bandOffsets[0] == 2 && bandOffsets[1] == 1 && bandOffsets[2] == 0) {
			for (int y = 0; y < height; y++) {
				int in = origin + y * scanlineStride;
				int out = y * rowLength;
				int rowEnd = out + rowLength;
				while (out < rowEnd) {
					samples[out] = source[in + 2];
					samples[out + 1] = source[in + 1];
					samples[out + 2] = source[in];
					out += 3;
					in += 3;
				}
			}
		}
		else {
			for (int y = 0; y < height; y++) {
				int rowStart = origin + y * scanlineStride;
				int out = y * rowLength;
				for (int x = 0; x < width; x++) {
					int pixel = rowStart + x * pixelStride;
					for (int c = 0; c < channels; c++) {
						samples[out++] = source[pixel + bandOffsets[c]];
					}
				}
			}
		}
		return new Raster(width, height, channels, samples);
	}

	private static Raster narrowShorts(WritableRaster raster, ComponentSampleModel layout, DataBufferUShort buffer) {
		int width = raster.getWidth();
		int height = raster.getHeight();
		int channels = raster.getNumBands();
		short[] source = buffer.getData(layout.getBankIndices()[0]);
		int pixelStride = layout.getPixelStride();
		int scanlineStride = layout.getScanlineStride();
		int[] bandOffsets = layout.getBandOffsets();
		int origin = originOf(raster, layout, buffer);
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];

		int out = 0;
		for (int y = 0; y < height; y++) {
			int rowStart = origin + y * scanlineStride;
			for (int x = 0; x < width; x++) {
				int pixel = rowStart + x * pixelStride;
				for (int c = 0; c < channels; c++) {
					int value = source[pixel + bandOffsets[c]] & 0xFFFF;
					samples[out++] = (byte) ((value * 255 + 32767) / 65535);
				}
			}
		}
		return new Raster(width, height, channels, samples);
	}

	private static Raster expandPalette(IndexColorModel palette, WritableRaster raster) {
		int width = raster.getWidth();
		int height = raster.getHeight();
		int entries = palette.getMapSize();
		int tableSize = Math.max(entries, 256);
		byte[] reds = new byte[tableSize];
		byte[] greens = new byte[tableSize];
		byte[] blues = new byte[tableSize];
		byte[] alphas = new byte[tableSize];
		palette.getReds(reds);
		palette.getGreens(greens);
		palette.getBlues(blues);
		palette.getAlphas(alphas);

		boolean gray = true;
		for (int i = 0; i < entries && gray; i++) {
			gray = reds[i] == greens[i] && greens[i] == blues[i];
		}
		boolean alpha = palette.getTransparency() != java.awt.Transparency.OPAQUE;
		int channels = (gray ? 1 : 3) + (alpha ? 1 : 0);
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];

		// An index past the palette is invalid data; it maps to entry 0, as the JDK's own
		// IndexColorModel does for getRGB.
		int[] indices = new int[width];
		int out = 0;
		for (int y = 0; y < height; y++) {
			raster.getSamples(0, y, width, 1, 0, indices);
			for (int x = 0; x < width; x++) {
				int index = (indices[x] < entries) ? indices[x] : 0;
				if (gray) {
					samples[out++] = reds[index];
				}
				else {
					samples[out++] = reds[index];
					samples[out++] = greens[index];
					samples[out++] = blues[index];
				}
				if (alpha) {
					samples[out++] = alphas[index];
				}
			}
		}
		return new Raster(width, height, channels, samples);
	}

	private static Raster convertThroughRgb(BufferedImage image) {
		int width = image.getWidth();
		int height = image.getHeight();
		int channels = image.getColorModel().hasAlpha() ? 4 : 3;
		byte[] samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
		int[] row = new int[width];
		int out = 0;
		for (int y = 0; y < height; y++) {
			image.getRGB(0, y, width, 1, row, 0, width);
			for (int x = 0; x < width; x++) {
				int argb = row[x];
				samples[out++] = (byte) (argb >> 16);
				samples[out++] = (byte) (argb >> 8);
				samples[out++] = (byte) argb;
				if (channels == 4) {
					samples[out++] = (byte) (argb >>> 24);
				}
			}
		}
		return new Raster(width, height, channels, samples);
	}

	/**
	 * Returns the index of the first sample of pixel (0, 0), before band offsets. A raster that
	 * is a child of a larger one starts inside the shared buffer, which the sample model
	 * translation records.
	 */
	private static int originOf(WritableRaster raster, ComponentSampleModel layout, DataBuffer buffer) {
		int bank = layout.getBankIndices()[0];
		return buffer.getOffsets()[bank] - raster.getSampleModelTranslateY() * layout.getScanlineStride()
				- raster.getSampleModelTranslateX() * layout.getPixelStride();
	}

	/**
	 * Checks whether the image's only buffer is exactly a {@link Raster} sample array.
	 */
	private static boolean isRasterLayout(WritableRaster raster, ComponentSampleModel layout) {
		if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
				|| buffer.getOffset() != 0 || raster.getParent() != null) {
			return false;
		}
		int channels = raster.getNumBands();
		return layout.getPixelStride() == channels && layout.getScanlineStride() == raster.getWidth() * channels
				&& isIdentity(layout.getBandOffsets())
				&& buffer.getData().length == raster.getWidth() * raster.getHeight() * channels;
	}

	private static boolean isIdentity(int[] bandOffsets) {
		for (int i = 0; i < bandOffsets.length; i++) {
			if (bandOffsets[i] != i) {
				return false;
			}
		}
		return true;
	}

}
