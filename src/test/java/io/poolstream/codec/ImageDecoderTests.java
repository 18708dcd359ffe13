package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import io.poolstream.TestData;
import io.poolstream.pooling.Raster;
import org.junit.jupiter.api.Test;

/**
 * Checks the decoder's pixel output and limits on the shared sample files.
 */
class ImageDecoderTests {

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000));


	@Test
	void cmykJpegConvertsToSrgb() {
		Raster reference = decode("photos/coffee_600x400.png");

		Raster cmyk = decode("formats/jpeg/coffee_cmyk_adobe_transform0.jpg");

		// Measured 1.7 with TwelveMonkeys 3.14.0, whose conversion without an ICC profile is approximate.
		assertThat(RasterComparison.meanAbsoluteDifference(reference, cmyk)).isLessThan(4.0);
	}

	@Test
	void ycckJpegConvertsToSrgb() {
		Raster reference = decode("photos/coffee_600x400.png");

		Raster ycck = decode("formats/jpeg/coffee_ycck_adobe_transform2.jpg");

		// Measured 2.2 with TwelveMonkeys 3.14.0.
		assertThat(RasterComparison.meanAbsoluteDifference(reference, ycck)).isLessThan(4.0);
	}

	@Test
	void exifOrientationSixTurnsUpright() {
		Raster reference = decode("photos/rocket_640x427.jpg");

		DecodedImage image = decoder.decode(TestData.bytes("formats/jpeg/rocket_exif_orientation6.jpg"));

		assertThat(image.sourceWidth()).isEqualTo(427);
		assertThat(image.sourceHeight()).isEqualTo(640);
		assertUprightRocket(reference, image.raster());
	}

	@Test
	void exifOrientationEightTurnsUpright() {
		Raster reference = decode("photos/rocket_640x427.jpg");

		DecodedImage image = decoder.decode(TestData.bytes("formats/jpeg/rocket_exif_orientation8.jpg"));

		assertThat(image.sourceWidth()).isEqualTo(427);
		assertThat(image.sourceHeight()).isEqualTo(640);
		assertUprightRocket(reference, image.raster());
	}

	/**
	 * The oriented files are a quality-75 re-encode of the reference, so the two differ by about
	 * 7 per sample. Turned 180° away from upright they differ several times more, which shows
	 * that the tolerance still distinguishes the right orientation from a wrong one.
	 */
	private static void assertUprightRocket(Raster reference, Raster decoded) {
		assertThat(decoded.width()).isEqualTo(640);
		assertThat(decoded.height()).isEqualTo(427);
		double upright = RasterComparison.meanAbsoluteDifference(reference, decoded);
		double upsideDown = RasterComparison.meanAbsoluteDifference(reference, ExifOrientation.apply(decoded, 3));
		assertThat(upright).isLessThan(10.0);
		assertThat(upsideDown).isGreaterThan(3 * upright);
	}

	@Test
	void jpegSamplesMatchImageIo() throws Exception {
		for (String file : new String[] { "formats/jpeg/chelsea_baseline_420.jpg", "formats/jpeg/camera_gray_1component.jpg",
				"formats/jpeg/chelsea_progressive_420.jpg" }) {
			byte[] data = TestData.bytes(file);
			BufferedImage reference = ImageIO.read(new ByteArrayInputStream(data));
			int[] expected = reference.getRaster().getPixels(0, 0, reference.getWidth(), reference.getHeight(), (int[]) null);

			byte[] samples = decoder.decode(data).raster().samples();

			assertThat(samples).as(file).hasSameSizeAs(expected);
			for (int i = 0; i < expected.length; i++) {
				if ((samples[i] & 0xFF) != expected[i]) {
					assertThat(samples[i] & 0xFF).as("%s sample %d", file, i).isEqualTo(expected[i]);
				}
			}
		}
	}

	@Test
	void malformedXmpDoesNotFailDecode() {
		DecodedImage image = decoder.decode(TestData.bytes("photos/hubble_deep_field_1000x872.jpg"));

		assertThat(image.raster().width()).isEqualTo(1000);
		assertThat(image.raster().height()).isEqualTo(872);
	}

	@Test
	void sixteenBitSamplesNarrowWithRounding() throws Exception {
		byte[] data = TestData.bytes("formats/png/monkey16_rgb16.png");
		BufferedImage wide = ImageIO.read(new ByteArrayInputStream(data));
		int[] wideSamples = wide.getRaster().getPixels(0, 0, wide.getWidth(), wide.getHeight(), (int[]) null);

		Raster narrowed = decoder.decode(data).raster();

		byte[] samples = narrowed.samples();
		assertThat(samples).hasSameSizeAs(wideSamples);
		for (int i = 0; i < wideSamples.length; i++) {
			int expected = (wideSamples[i] * 255 + 32767) / 65535;
			assertThat(samples[i] & 0xFF).as("sample %d", i).isEqualTo(expected);
		}
	}

	@Test
	void sixteenBitPngAndTiffDecodeAlike() {
		Raster png = decode("formats/png/monkey16_rgb16.png");

		Raster tiff = decode("formats/tiff/monkey16_rgb16_le.tif");

		assertThat(tiff.samples()).isEqualTo(png.samples());
	}

	@Test
	void paletteTransparencyBecomesAlpha() {
		Raster raster = decode("formats/png/rocket_palette8_trns.png");

		assertThat(raster.channels()).isEqualTo(4);
		assertThat(raster.sample(10, 200, 3)).isZero();
		assertThat(raster.sample(240, 200, 3)).isEqualTo(128);
		assertThat(raster.sample(600, 200, 3)).isEqualTo(255);
	}

	@Test
	void twoBitGrayExpandsToFullRange() {
		Raster raster = decode("formats/pngsuite/basn0g02.png");

		Set<Integer> levels = new TreeSet<>();
		for (byte sample : raster.samples()) {
			levels.add(sample & 0xFF);
		}
		assertThat(levels).containsExactly(0, 85, 170, 255);
	}

	@Test
	void grayAlphaKeepsBothChannels() {
		Raster gray = decode("photos/camera_512x512_gray.png");

		Raster grayAlpha = decode("formats/png/camera_gray_alpha8.png");

		assertThat(grayAlpha.channels()).isEqualTo(2);
		assertThat(grayAlpha.sample(100, 0, 1)).isZero();
		assertThat(grayAlpha.sample(100, 511, 1)).isEqualTo(255);
		for (int y = 0; y < 512; y += 7) {
			for (int x = 0; x < 512; x += 5) {
				assertThat(grayAlpha.sample(x, y, 0)).as("gray at %d,%d", x, y).isEqualTo(gray.sample(x, y, 0));
			}
		}
	}

	@Test
	void losslessFormatsMatchPngExactly() {
		Raster png = decode("photos/chelsea_451x300.png");

		for (String file : new String[] { "formats/webp/chelsea_lossless.webp", "formats/tiff/chelsea_rgb8_lzw.tif",
				"formats/bmp/chelsea_rgb24_bottomup.bmp", "formats/bmp/chelsea_rgb24_topdown.bmp",
				"formats/png/chelsea_adam7_interlaced.png" }) {
			assertThat(decode(file).samples()).as(file).isEqualTo(png.samples());
		}
	}

	@Test
	void animatedGifDecodesFirstFrame() throws Exception {
		byte[] data = TestData.bytes("formats/gif/car_animated_192x108_20frames.gif");
		BufferedImage firstFrame = ImageIO.read(new ByteArrayInputStream(data));

		Raster raster = decoder.decode(data).raster();

		int[] argb = firstFrame.getRGB(0, 0, 192, 108, null, 0, 192);
		for (int i = 0; i < argb.length; i += 37) {
			int x = i % 192;
			int y = i / 192;
			assertThat(raster.sample(x, y, 0)).isEqualTo((argb[i] >> 16) & 0xFF);
			assertThat(raster.sample(x, y, 3)).isEqualTo(argb[i] >>> 24);
		}
	}

	@Test
	void arithmeticJpegDecodesOnThisJdk() {
		Raster raster = decode("formats/jpeg/testimgari_arithmetic.jpg");

		long sum = 0;
		for (byte sample : raster.samples()) {
			sum += sample & 0xFF;
		}
		double mean = (double) sum / raster.samples().length;
		// A failed decode fills with mid gray (128) or black; the photo's mean is about 106.
		assertThat(mean).isBetween(90.0, 120.0);
	}

	@Test
	void twelveBitJpegNamedInMessage() {
		byte[] data = TestData.bytes("formats/jpeg/monkey12_12bit_precision.jpg");

		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(UnsupportedImageFormatException.class)
			.hasMessageStartingWith("12-bit JPEG is not supported");
	}

	@Test
	void byteLimitCheckedFirst() {
		ImageDecoder small = new ImageDecoder(new ImageLimits(1000, 50_000_000));
		byte[] data = TestData.bytes("photos/rocket_640x427.jpg");

		assertThatThrownBy(() -> small.decode(data))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessage("image is " + data.length + " bytes, above the 1000 byte limit; send a smaller file");
	}

	@Test
	void pixelLimitAppliesToEveryFormat() {
		ImageDecoder small = new ImageDecoder(new ImageLimits(64L << 20, 451 * 300 - 1));

		for (String file : new String[] { "photos/chelsea_451x300.png", "formats/jpeg/chelsea_baseline_420.jpg",
				"formats/gif/chelsea_static_256colors.gif", "formats/bmp/chelsea_rgb24_bottomup.bmp",
				"formats/tiff/chelsea_rgb8_lzw.tif", "formats/webp/chelsea_lossless.webp" }) {
			byte[] data = TestData.bytes(file);
			assertThatThrownBy(() -> small.decode(data)).as(file)
				.isInstanceOf(ImageTooLargeException.class)
				.hasMessage("image is 451x300 pixels, above the 135299 pixel limit; send a smaller image");
		}
	}

	/**
	 * Cuts and flips bytes of real files and checks that every failure is one of the codec's
	 * exceptions, never a plugin's own runtime exception.
	 */
	@Test
	void damagedFilesRaiseOnlyCodecExceptions() {
		Random random = new Random(7);
		for (String file : new String[] { "formats/jpeg/chelsea_progressive_420.jpg", "formats/jpeg/chelsea_baseline_444.jpg",
				"formats/pngsuite/basn3p04.png", "formats/gif/no_time_for_that_tiny_animated.gif",
				"formats/tiff/multipage_2pages_gray8.tif", "formats/webp/libwebp_test_lossy.webp",
				"formats/bmp/shira_bird8_palette8.bmp" }) {
			byte[] original = TestData.bytes(file);
			for (int round = 0; round < 40; round++) {
				byte[] damaged = (round % 2 == 0)
						? Arrays.copyOf(original, 1 + random.nextInt(original.length - 1))
						: flipBytes(original, random);
				try {
					decoder.decode(damaged);
				}
				catch (ImageException ex) {
					assertThat(ex.getMessage()).as(file).isNotBlank();
				}
			}
		}
	}

	private static byte[] flipBytes(byte[] original, Random random) {
		byte[] damaged = original.clone();
		for (int i = 0; i < 8; i++) {
			damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
		}
		return damaged;
	}

	private static Raster decode(String file) {
		return decoder.decode(TestData.bytes(file)).raster();
	}

}
