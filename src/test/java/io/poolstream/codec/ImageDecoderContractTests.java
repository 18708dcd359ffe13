package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.poolstream.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sample in the shared {@code formats} and {@code photos} folders through the
 * decoder and compares the outcome with a table: upright size and channel count, or the
 * exception type for variants that the installed plugins do not decode.
 */
class ImageDecoderContractTests {

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000));

	private static final List<String> FOLDERS = List.of("formats/bmp", "formats/gif", "formats/jpeg", "formats/png",
			"formats/pngsuite", "formats/tiff", "formats/webp", "photos");

	/** Expected outcome per file name: "WxHxC" after orientation, or an exception's simple name. */
	private static final Map<String, String> EXPECTED = Map.ofEntries(
			Map.entry("chelsea_rgb24_bottomup.bmp", "451x300x3"),
			Map.entry("chelsea_rgb24_topdown.bmp", "451x300x3"),
			Map.entry("shira_bird8_palette8.bmp", "192x144x3"),
			// Animated GIFs decode their first frame only; its palette has a transparent entry.
			Map.entry("car_animated_192x108_20frames.gif", "192x108x4"),
			Map.entry("chelsea_static_256colors.gif", "451x300x3"),
			Map.entry("no_time_for_that_tiny_animated.gif", "14x25x3"),
			Map.entry("camera_gray_1component.jpg", "512x512x1"),
			Map.entry("chelsea_baseline_420.jpg", "451x300x3"),
			Map.entry("chelsea_baseline_422.jpg", "451x300x3"),
			Map.entry("chelsea_baseline_444.jpg", "451x300x3"),
			Map.entry("chelsea_progressive_420.jpg", "451x300x3"),
			Map.entry("chelsea_restart_interval2_420.jpg", "451x300x3"),
			Map.entry("coffee_cmyk_adobe_transform0.jpg", "600x400x3"),
			Map.entry("coffee_ycck_adobe_transform2.jpg", "600x400x3"),
			Map.entry("monkey12_12bit_precision.jpg", "UnsupportedImageFormatException"),
			Map.entry("rocket_exif_orientation6.jpg", "640x427x3"),
			Map.entry("rocket_exif_orientation8.jpg", "640x427x3"),
			// Decoded by the JDK's JPEG reader when it links a libjpeg-turbo built with arithmetic
			// decoding, as Debian's OpenJDK 17 does. A JDK with its bundled libjpeg 6b gives 415.
			Map.entry("testimgari_arithmetic.jpg", "227x149x3"),
			Map.entry("camera_gray_alpha8.png", "512x512x2"),
			Map.entry("chelsea_1x32.png", "1x32x3"),
			Map.entry("chelsea_32x1.png", "32x1x3"),
			Map.entry("chelsea_adam7_interlaced.png", "451x300x3"),
			Map.entry("monkey16_rgb16.png", "149x227x3"),
			Map.entry("rocket_palette8_trns.png", "640x427x4"),
			Map.entry("basi2c08.png", "32x32x3"),
			Map.entry("basi6a16.png", "32x32x4"),
			Map.entry("basn0g01.png", "32x32x1"),
			Map.entry("basn0g02.png", "32x32x1"),
			Map.entry("basn0g04.png", "32x32x1"),
			Map.entry("basn0g08.png", "32x32x1"),
			Map.entry("basn0g16.png", "32x32x1"),
			Map.entry("basn2c08.png", "32x32x3"),
			Map.entry("basn2c16.png", "32x32x3"),
			Map.entry("basn3p01.png", "32x32x3"),
			Map.entry("basn3p02.png", "32x32x3"),
			Map.entry("basn3p04.png", "32x32x3"),
			Map.entry("basn3p08.png", "32x32x3"),
			Map.entry("basn4a08.png", "32x32x2"),
			Map.entry("basn4a16.png", "32x32x2"),
			Map.entry("basn6a08.png", "32x32x4"),
			Map.entry("basn6a16.png", "32x32x4"),
			Map.entry("cdhn2c08.png", "32x8x3"),
			Map.entry("exif2c08.png", "32x32x3"),
			Map.entry("f04n2c08.png", "32x32x3"),
			Map.entry("s01i3p01.png", "1x1x3"),
			Map.entry("s01n3p01.png", "1x1x3"),
			Map.entry("s39i3p04.png", "39x39x3"),
			Map.entry("tbbn3p08.png", "32x32x4"),
			Map.entry("tbrn2c08.png", "32x32x4"),
			Map.entry("tbwn0g16.png", "32x32x2"),
			Map.entry("tm3n3p02.png", "32x32x4"),
			Map.entry("z00n2c08.png", "32x32x3"),
			Map.entry("chelsea_rgb8_lzw.tif", "451x300x3"),
			Map.entry("monkey16_rgb16_le.tif", "149x227x3"),
			Map.entry("multipage_2pages_gray8.tif", "10x15x1"),
			Map.entry("chelsea_lossless.webp", "451x300x3"),
			Map.entry("coffee_lossy_q75.webp", "600x400x3"),
			Map.entry("libwebp_test_lossy.webp", "128x128x3"),
			Map.entry("camera_512x512_gray.png", "512x512x1"),
			Map.entry("chelsea_451x300.png", "451x300x3"),
			Map.entry("coffee_600x400.png", "600x400x3"),
			Map.entry("eveningglow_2560x1600.jpg", "2560x1600x3"),
			Map.entry("freshflower_1600x1203_progressive.jpg", "1600x1203x3"),
			Map.entry("grey_2560x1600_gray.jpg", "2560x1600x1"),
			Map.entry("hubble_deep_field_1000x872.jpg", "1000x872x3"),
			Map.entry("path_2560x1600_444_icc_exif.jpg", "2560x1600x3"),
			Map.entry("rocket_640x427.jpg", "640x427x3"),
			Map.entry("seeding_5312x2988_progressive.jpg", "5312x2988x3"),
			Map.entry("storm_1920x1280_422_exif.jpg", "1920x1280x3"),
			Map.entry("wine_2560x3837_portrait_progressive_422.jpg", "2560x3837x3"));


	static Stream<Path> sampleFiles() {
		return FOLDERS.stream().flatMap((folder) -> TestData.files(folder).stream());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sampleFiles")
	void sampleFileDecodesAsTabled(Path file) throws Exception {
		String name = file.getFileName().toString();
		assertThat(EXPECTED).as("expected outcome for %s", name).containsKey(name);
		String expected = EXPECTED.get(name);
		byte[] data = Files.readAllBytes(file);

		if (expected.endsWith("Exception")) {
			assertThatThrownBy(() -> decoder.decode(data))
				.satisfies((thrown) -> assertThat(thrown.getClass().getSimpleName()).isEqualTo(expected));
			return;
		}
		DecodedImage image = decoder.decode(data);

		String actual = image.raster().width() + "x" + image.raster().height() + "x" + image.raster().channels();
		assertThat(actual).isEqualTo(expected);
		assertThat(image.format()).isEqualTo(ImageDecoder.sniff(data));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sampleFiles")
	void sampleFileFormatMatchesExtension(Path file) throws Exception {
		String name = file.getFileName().toString();
		String extension = name.substring(name.lastIndexOf('.') + 1);

		ImageFormat format = ImageDecoder.sniff(Files.readAllBytes(file));

		assertThat(format).isNotNull();
		assertThat(format.extension()).isEqualTo(extension);
	}

}
