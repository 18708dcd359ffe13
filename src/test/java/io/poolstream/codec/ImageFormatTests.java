package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Checks output-format parsing, the limits record and sniffing of formats the decoder names
 * but does not read.
 */
class ImageFormatTests {

	@Test
	void parseOutputAcceptsNamesAndAliases() {
		assertThat(ImageFormat.parseOutput("png")).isEqualTo(ImageFormat.PNG);
		assertThat(ImageFormat.parseOutput(" JPG ")).isEqualTo(ImageFormat.JPEG);
		assertThat(ImageFormat.parseOutput("jpeg")).isEqualTo(ImageFormat.JPEG);
		assertThat(ImageFormat.parseOutput("Bmp")).isEqualTo(ImageFormat.BMP);
		assertThat(ImageFormat.parseOutput("pgm")).isEqualTo(ImageFormat.PGM);
		assertThat(ImageFormat.parseOutput("ppm")).isEqualTo(ImageFormat.PPM);
	}

	@Test
	void parseOutputListsAcceptedValues() {
		assertThatThrownBy(() -> ImageFormat.parseOutput("webp"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("unsupported output format 'webp'; use one of png, jpeg, jpg, bmp, pgm, ppm");
	}

	@Test
	void mediaTypesAndExtensions() {
		assertThat(ImageFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
		assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
		assertThat(ImageFormat.PPM.mediaType()).isEqualTo("image/x-portable-pixmap");
		assertThat(ImageFormat.PGM.extension()).isEqualTo("pgm");
	}

	@Test
	void limitsMustBePositive() {
		assertThatThrownBy(() -> new ImageLimits(0, 1)).hasMessage("maxBytes must be positive, got 0");
		assertThatThrownBy(() -> new ImageLimits(1, -5)).hasMessage("maxPixels must be positive, got -5");
	}

	@Test
	void sniffIgnoresShortOrTextInput() {
		assertThat(ImageDecoder.sniff(new byte[0])).isNull();
		assertThat(ImageDecoder.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8 })).isNull();
		assertThat(ImageDecoder.sniff("BM but only text here, no header".getBytes(StandardCharsets.US_ASCII))).isNull();
	}

	@Test
	void avifNamedAsUnsupported() {
		byte[] avif = { 0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0 };

		assertThatThrownBy(() -> new ImageDecoder(new ImageLimits(1000, 1000)).decode(avif))
			.isInstanceOf(UnsupportedImageFormatException.class)
			.hasMessageStartingWith("unsupported image format: AVIF;");
	}

	@Test
	void jpegVariantNamedFromFrameHeader() {
		assertThat(variantOf(0xC9, 8)).isEqualTo("arithmetic-coded JPEG");
		assertThat(variantOf(0xC1, 12)).isEqualTo("12-bit JPEG");
		assertThat(variantOf(0xC3, 16)).isEqualTo("lossless JPEG (SOF3)");
		assertThat(variantOf(0xC0, 8)).isNull();
		assertThat(variantOf(0xC2, 8)).isNull();
	}

	/**
	 * Builds SOI and a minimal frame header with the given SOF marker and precision, then reads
	 * back the variant name.
	 */
	private static String variantOf(int frameMarker, int precision) {
		byte[] data = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) frameMarker, 0, 11, (byte) precision, 0, 8, 0, 8, 1,
				1, 0x11, 0 };
		return JpegStructure.read(data).unusualVariant();
	}

}
