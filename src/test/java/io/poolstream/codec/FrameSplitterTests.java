package io.poolstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.poolstream.TestData;
import io.poolstream.pooling.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splits the shared 10-second MJPEG streams and PPM concatenations built from them, fed in
 * chunks of several sizes.
 */
class FrameSplitterTests {

	private static final int FRAME_COUNT = 125;

	private static final int MAX_FRAME_BYTES = 1 << 20;

	private static final ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000));

	private static final byte[] MPJPEG = TestData.bytes("video/car-detection_10s.mpjpeg");

	private static final byte[] MJPEG = TestData.bytes("video/car-detection_10s.mjpeg");


	@ParameterizedTest(name = "chunk size {0}")
	@ValueSource(ints = { 1, 7, 65536, Integer.MAX_VALUE })
	void multipartStreamSplitsIntoAllFrames(int chunkSize) {
		List<byte[]> frames = split(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), MPJPEG, chunkSize);

		assertThat(frames).hasSize(FRAME_COUNT);
		assertAllDecodeTo768x432(frames);
	}

	@ParameterizedTest(name = "chunk size {0}")
	@ValueSource(ints = { 1, 7, 65536, Integer.MAX_VALUE })
	void concatenatedJpegSplitsIntoAllFrames(int chunkSize) {
		List<byte[]> frames = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, chunkSize);

		assertThat(frames).hasSize(FRAME_COUNT);
		assertAllDecodeTo768x432(frames);
	}

	@Test
	void bothStreamsYieldIdenticalFrames() {
		List<byte[]> multipart = split(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), MPJPEG, 4096);
		List<byte[]> concatenated = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, 4096);

		assertSameFrames(multipart, concatenated);
	}

	@Test
	void randomChunkSizesGiveSameFrames() {
		List<byte[]> expected = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, Integer.MAX_VALUE);
		Random random = new Random(42);

		List<byte[]> jpeg = splitRandomly(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, random);
		List<byte[]> multipart = splitRandomly(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), MPJPEG, random);

		assertSameFrames(jpeg, expected);
		assertSameFrames(multipart, expected);
	}

	@Test
	void multipartWithoutContentLengthScansForDelimiter() {
		String withoutLengths = new String(MPJPEG, StandardCharsets.ISO_8859_1)
			.replaceAll("Content-length: \\d+\r\n", "");
		byte[] body = withoutLengths.getBytes(StandardCharsets.ISO_8859_1);
		List<byte[]> expected = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, Integer.MAX_VALUE);

		List<byte[]> frames = split(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), body, 7);

		assertSameFrames(frames, expected);
	}

	@Test
	void multipartHeaderNamesIgnoreCase() {
		byte[] jpeg = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, Integer.MAX_VALUE).get(0);
		byte[] body = concat(ascii("preamble line\r\n--cam\r\nCONTENT-TYPE: image/jpeg\r\nCONTENT-LENGTH: "
				+ jpeg.length + "\r\n\r\n"), jpeg, ascii("\r\n--cam--\r\ntrailing epilogue"));

		List<byte[]> frames = split(new MultipartReplaceSplitter("cam", MAX_FRAME_BYTES), body, 3);

		assertThat(frames).hasSize(1);
		assertThat(frames.get(0)).isEqualTo(jpeg);
	}

	@Test
	void multipartFrameLimitUsesContentLength() {
		MultipartReplaceSplitter splitter = new MultipartReplaceSplitter("ffmpeg", 1000);

		assertThatThrownBy(() -> split(splitter, MPJPEG, 64))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessageContaining("above the 1000 byte frame limit");
	}

	@Test
	void concatenatedJpegFrameLimitEnforced() {
		ConcatenatedJpegSplitter splitter = new ConcatenatedJpegSplitter(1000);

		assertThatThrownBy(() -> split(splitter, MJPEG, 64))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessageContaining("above the 1000 byte frame limit");
	}

	@Test
	void concatenatedJpegIgnoresEoiInsideSegments() {
		byte[] frame = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, Integer.MAX_VALUE).get(0);
		// An APP1 segment whose payload contains a whole SOI..EOI thumbnail, inserted after SOI.
		byte[] app1 = { (byte) 0xFF, (byte) 0xE1, 0, 8, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9, 0, 0 };
		byte[] withThumbnail = concat(new byte[] { (byte) 0xFF, (byte) 0xD8 }, app1,
				java.util.Arrays.copyOfRange(frame, 2, frame.length));

		List<byte[]> frames = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), concat(withThumbnail, withThumbnail), 5);

		assertThat(frames).hasSize(2);
		assertThat(frames.get(0)).isEqualTo(withThumbnail);
		assertThat(decoder.decode(frames.get(1)).raster().width()).isEqualTo(768);
	}

	@Test
	void concatenatedJpegSplitsVariedRealFiles() {
		String[] files = { "formats/jpeg/chelsea_restart_interval2_420.jpg", "formats/jpeg/chelsea_progressive_420.jpg",
				"photos/storm_1920x1280_422_exif.jpg", "formats/jpeg/coffee_cmyk_adobe_transform0.jpg",
				"formats/jpeg/rocket_exif_orientation6.jpg", "photos/path_2560x1600_444_icc_exif.jpg" };
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String file : files) {
			body.writeBytes(TestData.bytes(file));
			body.writeBytes(ascii("\r\n"));
		}

		List<byte[]> frames = split(new ConcatenatedJpegSplitter(4 << 20), body.toByteArray(), 1000);

		assertThat(frames).hasSize(files.length);
		for (int i = 0; i < files.length; i++) {
			assertThat(frames.get(i)).as(files[i]).isEqualTo(TestData.bytes(files[i]));
		}
	}

	@Test
	void multipartScanEnforcesFrameLimit() {
		String withoutLengths = new String(MPJPEG, StandardCharsets.ISO_8859_1)
			.replaceAll("Content-length: \\d+\r\n", "");
		byte[] body = withoutLengths.getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> split(new MultipartReplaceSplitter("ffmpeg", 5000), body, 4096))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessageContaining("above the 5000 byte frame limit");
	}

	@Test
	void concatenatedJpegRejectsNonJpegBytes() {
		byte[] body = ascii("not a jpeg");

		assertThatThrownBy(() -> split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), body, 4))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("expected a JPEG start-of-image marker (FF D8), found 6E at byte 0");
	}

	@Test
	void concatenatedJpegCutFrameRaisesCorrupt() {
		byte[] cut = java.util.Arrays.copyOf(MJPEG, MJPEG.length - 100);

		assertThatThrownBy(() -> split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), cut, 65536))
			.isInstanceOf(CorruptImageException.class)
			.hasMessageContaining("body ended inside a frame after");
	}

	@Test
	void multipartCutFrameRaisesCorrupt() {
		byte[] cut = java.util.Arrays.copyOf(MPJPEG, MPJPEG.length - 100);

		assertThatThrownBy(() -> split(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), cut, 65536))
			.isInstanceOf(CorruptImageException.class)
			.hasMessageContaining("body ended inside a frame after");
	}

	@Test
	void multipartWrongContentLengthIsMalformed() {
		String body = new String(MPJPEG, StandardCharsets.ISO_8859_1);
		int lengthStart = body.indexOf("Content-length: ") + "Content-length: ".length();
		int lengthEnd = body.indexOf('\r', lengthStart);
		int declared = Integer.parseInt(body.substring(lengthStart, lengthEnd));
		byte[] wrong = (body.substring(0, lengthStart) + (declared - 10) + body.substring(lengthEnd))
			.getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> split(new MultipartReplaceSplitter("ffmpeg", MAX_FRAME_BYTES), wrong, 65536))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("expected the multipart delimiter '--ffmpeg' after frame 1");
	}

	@ParameterizedTest(name = "chunk size {0}")
	@ValueSource(ints = { 1, 7, 65536 })
	void ppmConcatenationSplitsBackExactly(int chunkSize) {
		List<byte[]> jpegs = split(new ConcatenatedJpegSplitter(MAX_FRAME_BYTES), MJPEG, Integer.MAX_VALUE)
			.subList(0, 10);
		ImageEncoder encoder = new ImageEncoder(85);
		List<byte[]> ppms = new ArrayList<>();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (byte[] jpeg : jpegs) {
			byte[] ppm = encoder.encode(decoder.decode(jpeg).raster(), ImageFormat.PPM);
			ppms.add(ppm);
			body.writeBytes(ppm);
		}

		List<byte[]> frames = split(new ConcatenatedPnmSplitter(2 << 20), body.toByteArray(), chunkSize);

		assertSameFrames(frames, ppms);
		Raster first = decoder.decode(frames.get(0)).raster();
		assertThat(first.width()).isEqualTo(768);
		assertThat(first.height()).isEqualTo(432);
	}

	@Test
	void pnmSplitterHandlesCommentsAndSixteenBitSamples() {
		byte[] gray16 = concat(ascii("P5\n# a comment with spaces\n2 1\n65535\n"), new byte[] { 0, 0, (byte) 0xFF, (byte) 0xFF });
		byte[] rgb = concat(ascii("P6 1 1 255\n"), new byte[] { 1, 2, 3 });
		byte[] body = concat(gray16, ascii("\n"), rgb);

		List<byte[]> frames = split(new ConcatenatedPnmSplitter(1000), body, 1);

		assertThat(frames).hasSize(2);
		assertThat(frames.get(0)).isEqualTo(gray16);
		assertThat(frames.get(1)).isEqualTo(rgb);
		assertThat(decoder.decode(frames.get(0)).raster().samples()).containsExactly(0, 255);
	}

	@Test
	void pnmFrameLimitCheckedFromHeader() {
		// The header declares 768x432 RGB, 995,328 bytes of samples, and no sample follows it.
		byte[] header = ascii("P6\n768 432\n255\n");
		ConcatenatedPnmSplitter splitter = new ConcatenatedPnmSplitter(100_000);

		assertThatThrownBy(() -> splitter.feed(header, 0, header.length, (frame) -> { }))
			.isInstanceOf(ImageTooLargeException.class)
			.hasMessageContaining("768x432 pixels is 995343 bytes, above the 100000 byte frame limit");
	}

	@Test
	void pnmPlainTextFrameIsMalformed() {
		byte[] body = ascii("P3\n1 1\n255\n1 2 3\n");

		assertThatThrownBy(() -> split(new ConcatenatedPnmSplitter(1000), body, 5))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("plain-text netpbm (P3)");
	}

	@Test
	void pnmCutFrameRaisesCorrupt() {
		byte[] body = concat(ascii("P5 4 4 255\n"), new byte[10]);

		assertThatThrownBy(() -> split(new ConcatenatedPnmSplitter(1000), body, 3))
			.isInstanceOf(CorruptImageException.class)
			.hasMessageContaining("body ended inside a frame after 21 of 27 bytes");
	}

	@ParameterizedTest(name = "declared boundary \"{0}\"")
	@ValueSource(strings = { "", "a\rb" })
	void sniffingRejectsInvalidDeclaredBoundary(String boundary) {
		SniffingSplitter splitter = new SniffingSplitter(MAX_FRAME_BYTES, boundary);
		byte[] body = "--x\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> splitter.feed(body, 0, body.length, (frame) -> { }))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("multipart boundary");
	}

	@Test
	void sniffingRejectsBoundaryLineWithCarriageReturnInside() {
		SniffingSplitter splitter = new SniffingSplitter(MAX_FRAME_BYTES, null);
		byte[] body = "--a\rb\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> splitter.feed(body, 0, body.length, (frame) -> { }))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("multipart boundary");
	}

	@Test
	void sniffingSkipsLeadingWhitespaceBeyondFrameLimit() {
		byte[] frame = "P5\n1 1\n255\n\u0007".getBytes(StandardCharsets.ISO_8859_1);
		SniffingSplitter splitter = new SniffingSplitter(frame.length, null);
		byte[] spaces = " \r\n ".repeat(1024).getBytes(StandardCharsets.ISO_8859_1);
		List<byte[]> frames = new ArrayList<>();

		splitter.feed(spaces, 0, spaces.length, frames::add);
		splitter.feed(frame, 0, frame.length, frames::add);
		splitter.finish(frames::add);

		assertThat(frames).singleElement().isEqualTo(frame);
	}

	@ParameterizedTest(name = "chunk size {0}")
	@ValueSource(ints = { 1, 3, 1024 })
	void concatenatedJpegReportsEarliestErrorForAnyChunking(int chunkSize) {
		// The 4-byte segment payload passes the 8-byte limit before the 00 marker code after it.
		byte[] body = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 6, 1, 2, 3, 4, (byte) 0xFF, 0 };

		assertThatThrownBy(() -> split(new ConcatenatedJpegSplitter(8), body, chunkSize))
			.isInstanceOf(ImageTooLargeException.class);
	}

	private static void assertSameFrames(List<byte[]> actual, List<byte[]> expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < actual.size(); i++) {
			assertThat(actual.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
		}
	}

	private static void assertAllDecodeTo768x432(List<byte[]> frames) {
		for (int i = 0; i < frames.size(); i++) {
			Raster raster = decoder.decode(frames.get(i)).raster();
			assertThat(raster.width()).as("width of frame %d", i).isEqualTo(768);
			assertThat(raster.height()).as("height of frame %d", i).isEqualTo(432);
		}
	}

	private static List<byte[]> split(FrameSplitter splitter, byte[] body, int chunkSize) {
		List<byte[]> frames = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += chunkSize) {
			int length = Math.min(chunkSize, body.length - offset);
			byte[] chunk = java.util.Arrays.copyOfRange(body, offset, offset + length);
			splitter.feed(chunk, 0, length, frames::add);
		}
		splitter.finish(frames::add);
		return frames;
	}

	private static List<byte[]> splitRandomly(FrameSplitter splitter, byte[] body, Random random) {
		List<byte[]> frames = new ArrayList<>();
		Supplier<Integer> nextSize = () -> 1 + random.nextInt(random.nextBoolean() ? 16 : 100_000);
		int offset = 0;
		while (offset < body.length) {
			int length = Math.min(nextSize.get(), body.length - offset);
			// Pass a slice of a larger array to exercise the offset argument.
			byte[] padded = new byte[length + 6];
			System.arraycopy(body, offset, padded, 3, length);
			splitter.feed(padded, 3, length, frames::add);
			offset += length;
		}
		splitter.finish(frames::add);
		return frames;
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
