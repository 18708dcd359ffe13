package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.poolstream.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds each file of the shared {@code hostile} folder to the decoder and checks the exception
 * type and that its message states what was wrong.
 */
class ImageDecoderHostileTests {

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000));

	/** Per file: the exception's simple name and a fragment of its message, or "decodes". */
	private static final Map<String, String[]> EXPECTED = Map.ofEntries(
			Map.entry("chelsea_truncated_mid_idat.png",
					new String[] { "CorruptImageException", "PNG data ends inside the IDAT chunk" }),
			// The JDK's PNG reader ignores chunk CRCs, and so does this decoder.
			Map.entry("coffee_bad_idat_crc.png", new String[] { "decodes", "600x400x3" }),
			Map.entry("jd_dc-predictor-overflow.jpg",
					new String[] { "CorruptImageException", "JPEG scan data ends early" }),
			Map.entry("jd_derive-huffman-codes-overflow.jpg",
					new String[] { "CorruptImageException", "Huffman" }),
			Map.entry("jd_missing-sos.jpg",
					new String[] { "CorruptImageException", "no start-of-scan (SOS) marker" }),
			Map.entry("jpeg_declares_65500x65500.jpg",
					new String[] { "ImageTooLargeException", "65500x65500 pixels, above the 50 megapixel limit" }),
			Map.entry("png_bomb_65535x65535_gray1.png",
					new String[] { "ImageTooLargeException", "65535x65535 pixels, above the 50 megapixel limit" }),
			Map.entry("rocket_truncated_60pct.jpg",
					new String[] { "CorruptImageException", "JPEG data ends before the end-of-image marker" }),
			Map.entry("skimage_truncated.jpg",
					new String[] { "CorruptImageException", "JPEG data ends before the first scan after 400 bytes" }),
			Map.entry("text_named_as.png",
					new String[] { "UnsupportedImageFormatException", "unrecognised content: not PNG, JPEG" }),
			Map.entry("xcsn0g01_bad_idat_crc.png", new String[] { "decodes", "32x32x1" }),
			Map.entry("xs2n0g01_bad_signature.png",
					new String[] { "CorruptImageException", "PNG signature is damaged" }),
			Map.entry("zero_bytes.png",
					new String[] { "EmptyImageException", "the body is empty; send one encoded image" }));


	static Stream<Path> hostileFiles() {
		return TestData.files("hostile").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileFiles")
	void hostileFileGetsTabledOutcome(Path file) {
		String name = file.getFileName().toString();
		assertThat(EXPECTED).as("expected outcome for %s", name).containsKey(name);
		String[] expected = EXPECTED.get(name);
		byte[] data = TestData.bytes("hostile/" + name);

		if (expected[0].equals("decodes")) {
			DecodedImage image = decoder.decode(data);
			Object shape = image.raster().width() + "x" + image.raster().height() + "x" + image.raster().channels();
			assertThat(shape).isEqualTo(expected[1]);
			return;
		}
		assertThatThrownBy(() -> decoder.decode(data))
			.isInstanceOf(ImageException.class)
			.hasMessageContaining(expected[1])
			.satisfies((thrown) -> assertThat(thrown.getClass().getSimpleName()).isEqualTo(expected[0]));
	}

	@Test
	void pngBombRejectedFromHeaderQuickly() {
		byte[] data = TestData.bytes("hostile/png_bomb_65535x65535_gray1.png");

		ImageTooLargeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(2),
				() -> catchTooLarge(data));

		assertThat(thrown.actual()).isEqualTo(65535L * 65535L);
		assertThat(thrown.limit()).isEqualTo(50_000_000L);
	}

	@Test
	void jpegDeclaringHugeSizeRejectedQuickly() {
		byte[] data = TestData.bytes("hostile/jpeg_declares_65500x65500.jpg");

		ImageTooLargeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(2),
				() -> catchTooLarge(data));

		assertThat(thrown.actual()).isEqualTo(65500L * 65500L);
	}

	@Test
	void bombsAllocateNoPixelBuffer() {
		byte[] png = TestData.bytes("hostile/png_bomb_65535x65535_gray1.png");
		byte[] jpeg = TestData.bytes("hostile/jpeg_declares_65500x65500.jpg");
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		long usedBefore = runtime.totalMemory() - runtime.freeMemory();

		for (int i = 0; i < 20; i++) {
			catchTooLarge(png);
			catchTooLarge(jpeg);
		}

		// A pixel buffer for either image would take at least 536 MB, the PNG at 1 bit per pixel.
		// Twenty rejections without one stay far below that, even before garbage collection.
		long usedAfter = runtime.totalMemory() - runtime.freeMemory();
		assertThat(usedAfter - usedBefore).isLessThan(256L << 20);
	}

	private static ImageTooLargeException catchTooLarge(byte[] data) {
		try {
			decoder.decode(data);
		}
		catch (ImageTooLargeException ex) {
			return ex;
		}
		throw new AssertionError("expected ImageTooLargeException");
	}

}
