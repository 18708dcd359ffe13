package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.poolstream.TestData;
import io.poolstream.pooling.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round-trips rasters decoded from the shared samples through the encoder and back.
 */
class ImageEncoderTests {

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000));

	private static final ImageEncoder encoder = new ImageEncoder(85);


	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "photos/camera_512x512_gray.png", "formats/png/camera_gray_alpha8.png",
			"photos/chelsea_451x300.png", "formats/png/rocket_palette8_trns.png", "formats/png/chelsea_1x32.png" })
	void pngRoundTripIsExact(String file) {
		Raster original = decode(file);

		DecodedImage back = decoder.decode(encoder.encode(original, ImageFormat.PNG));

		assertThat(back.format()).isEqualTo(ImageFormat.PNG);
		assertThat(back.raster().channels()).isEqualTo(original.channels());
		assertThat(back.raster().samples()).isEqualTo(original.samples());
	}

	@Test
	void jpegRoundTripIsClose() {
		Raster original = decode("photos/chelsea_451x300.png");

		DecodedImage back = decoder.decode(encoder.encode(original, ImageFormat.JPEG));

		assertThat(back.format()).isEqualTo(ImageFormat.JPEG);
		// Measured 2.0 for ImageMagick's quality-90 JPEG of the same photo.
		assertThat(RasterComparison.meanAbsoluteDifference(original, back.raster())).isLessThan(4.0);
	}

	@Test
	void jpegDropsAlpha() {
		Raster rgba = decode("formats/png/rocket_palette8_trns.png");
		Raster grayAlpha = decode("formats/png/camera_gray_alpha8.png");

		Raster rgb = decoder.decode(encoder.encode(rgba, ImageFormat.JPEG)).raster();
		Raster gray = decoder.decode(encoder.encode(grayAlpha, ImageFormat.JPEG)).raster();

		assertThat(rgb.channels()).isEqualTo(3);
		assertThat(gray.channels()).isEqualTo(1);
		assertThat(gray.sample(256, 256, 0)).isCloseTo(grayAlpha.sample(256, 256, 0), org.assertj.core.data.Offset.offset(12));
	}

	@Test
	void jpegQualityChangesSize() {
		Raster original = decode("photos/chelsea_451x300.png");

		int low = new ImageEncoder(20).encode(original, ImageFormat.JPEG).length;
		int high = new ImageEncoder(95).encode(original, ImageFormat.JPEG).length;

		assertThat(low).isLessThan(high / 2);
	}

	@Test
	void bmpRoundTripIsExactWithoutAlpha() {
		Raster rgb = decode("photos/chelsea_451x300.png");
		Raster gray = decode("photos/camera_512x512_gray.png");

		Raster rgbBack = decoder.decode(encoder.encode(rgb, ImageFormat.BMP)).raster();
		Raster grayBack = decoder.decode(encoder.encode(gray, ImageFormat.BMP)).raster();

		assertThat(rgbBack.samples()).isEqualTo(rgb.samples());
		assertThat(grayBack.samples()).isEqualTo(gray.samples());
	}

	@Test
	void ppmRoundTripIsExact() {
		Raster original = decode("photos/chelsea_451x300.png");

		byte[] encoded = encoder.encode(original, ImageFormat.PPM);
		DecodedImage back = decoder.decode(encoded);

		assertThat(new String(encoded, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("P6\n451 300\n255\n");
		assertThat(back.format()).isEqualTo(ImageFormat.PPM);
		assertThat(back.raster().samples()).isEqualTo(original.samples());
	}

	@Test
	void pgmRoundTripIsExact() {
		Raster original = decode("photos/camera_512x512_gray.png");

		DecodedImage back = decoder.decode(encoder.encode(original, ImageFormat.PGM));

		assertThat(back.format()).isEqualTo(ImageFormat.PGM);
		assertThat(back.raster().samples()).isEqualTo(original.samples());
	}

	@Test
	void ppmWidensGrayToRgb() {
		Raster gray = decode("photos/camera_512x512_gray.png");

		Raster rgb = decoder.decode(encoder.encode(gray, ImageFormat.PPM)).raster();

		assertThat(rgb.channels()).isEqualTo(3);
		assertThat(rgb.sample(300, 200, 0)).isEqualTo(gray.sample(300, 200, 0));
		assertThat(rgb.sample(300, 200, 2)).isEqualTo(gray.sample(300, 200, 0));
	}

	@Test
	void pgmRejectsColour() {
		Raster rgb = decode("photos/chelsea_451x300.png");

		assertThatThrownBy(() -> encoder.encode(rgb, ImageFormat.PGM))
			.isInstanceOf(UnsupportedOutputException.class)
			.hasMessage("PGM output accepts only gray images, but this image has 3 channels; request ppm or png");
	}

	@Test
	void formatsWithoutEncoderRejected() {
		Raster rgb = decode("formats/pngsuite/basn2c08.png");

		assertThatThrownBy(() -> encoder.encode(rgb, ImageFormat.WEBP))
			.isInstanceOf(UnsupportedOutputException.class)
			.hasMessage("no encoder for WEBP output; request png, jpeg, bmp, pgm or ppm");
	}

	@Test
	void qualityOutsideRangeRejected() {
		assertThatThrownBy(() -> new ImageEncoder(0)).hasMessage("jpegQuality must be 1 to 100, got 0");
		assertThatThrownBy(() -> new ImageEncoder(101)).hasMessage("jpegQuality must be 1 to 100, got 101");
	}

	private static Raster decode(String file) {
		return decoder.decode(TestData.bytes(file)).raster();
	}

}
