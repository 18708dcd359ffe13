package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.poolstream.pooling.Raster;
import org.junit.jupiter.api.Test;

/**
 * Decodes small hand-written netpbm images through {@link ImageDecoder}.
 */
class NetpbmCodecTests {

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1_000_000));


	@Test
	void binaryPgmWithCommentsDecodes() {
		byte[] data = concat(ascii("P5\n# made by hand\n3 # width\n1\n255\n"), new byte[] { 0, 127, (byte) 255 });

		DecodedImage image = decoder.decode(data);

		assertThat(image.format()).isEqualTo(ImageFormat.PGM);
		assertThat(image.raster().channels()).isEqualTo(1);
		assertThat(image.raster().samples()).containsExactly(0, 127, 255);
	}

	@Test
	void sixteenBitPpmNarrowsWithRounding() {
		// Samples 0, 128, 32767, 32768, 65535 and 257, big-endian.
		byte[] pixels = { 0, 0, 0, (byte) 128, 127, (byte) 255, (byte) 128, 0, (byte) 255, (byte) 255, 1, 1 };
		byte[] data = concat(ascii("P6 2 1 65535\n"), pixels);

		Raster raster = decoder.decode(data).raster();

		assertThat(raster.channels()).isEqualTo(3);
		assertThat(raster.samples()).containsExactly(0, 0, 127, (byte) 128, (byte) 255, 1);
	}

	@Test
	void smallMaxValueScalesToFullRange() {
		byte[] data = concat(ascii("P5 4 1 3\n"), new byte[] { 0, 1, 2, 3 });

		Raster raster = decoder.decode(data).raster();

		assertThat(raster.samples()).containsExactly(0, 85, (byte) 170, (byte) 255);
	}

	@Test
	void plainPpmDecodes() {
		byte[] data = ascii("P3\n# plain\n2 1\n255\n255 0 0\n0 0 255\n");

		Raster raster = decoder.decode(data).raster();

		assertThat(raster.samples()).containsExactly((byte) 255, 0, 0, 0, 0, (byte) 255);
	}

	@Test
	void cutPixelDataIsCorrupt() {
		byte[] data = concat(ascii("P6 4 4 255\n"), new byte[20]);

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(CorruptImageException.class)
			.hasMessage("PPM (P6) data ends after 20 of 48 pixel bytes; the file was cut off");
	}

	@Test
	void cutHeaderIsCorrupt() {
		byte[] data = ascii("P5 4 4");

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(CorruptImageException.class)
			.hasMessage("netpbm data ends inside the header after 6 bytes; the file was cut off");
	}

	@Test
	void invalidMaxValueIsCorrupt() {
		byte[] data = ascii("P5 1 1 70000\n\0");

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(CorruptImageException.class)
			.hasMessage("invalid netpbm header: maximum value 70000 must be 1 to 65535");
	}

	@Test
	void pixelLimitCheckedFromHeader() {
		byte[] data = ascii("P6\n100000 100000\n255\n");

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessage("image is 100000x100000 pixels, above the 1 megapixel limit; send a smaller image");
	}

	@Test
	void bitmapVariantNamedAsUnsupported() {
		byte[] data = ascii("P4\n8 1\n\0");

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(UnsupportedImageFormatException.class)
			.hasMessageStartingWith("unsupported image format: PBM bitmap (netpbm P1/P4)");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
