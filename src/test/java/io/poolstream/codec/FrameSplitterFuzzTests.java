package io.poolstream.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes each {@link FrameSplitter} with arbitrary bodies cut into arbitrary chunks.
 *
 * <p>Each target checks that only {@link ImageException} subtypes escape, that no frame is empty
 * or above {@code maxFrameBytes}, that frames are copies of input bytes in input order, and that
 * the chunking of the body changes neither the frames nor the failure. The first bytes of the
 * input choose the frame limit and the chunk sizes, and the rest is the body.
 */
class FrameSplitterFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void multipartReplace(FuzzedDataProvider data) {
		int maxFrameBytes = data.consumeInt(1, 4096);
		String boundary = data.pickValue(new String[] { "frame", "--frame", "b", "ffmpeg" });
		Run run = Run.of(data, () -> new MultipartReplaceSplitter(boundary, maxFrameBytes));

		run.assertFramesWithin(maxFrameBytes);
		run.assertFramesAreInputSlicesInOrder(false);
	}

	@FuzzTest(maxDuration = "10m")
	void concatenatedJpeg(FuzzedDataProvider data) {
		int maxFrameBytes = data.consumeInt(1, 4096);
		Run run = Run.of(data, () -> new ConcatenatedJpegSplitter(maxFrameBytes));

		run.assertFramesWithin(maxFrameBytes);
		run.assertFramesAreInputSlicesInOrder(true);
		for (byte[] frame : run.frames) {
			assertThat(frame[0] & 0xFF).as("first byte").isEqualTo(0xFF);
			assertThat(frame[1] & 0xFF).as("second byte").isEqualTo(0xD8);
			assertThat(frame[frame.length - 2] & 0xFF).as("second last byte").isEqualTo(0xFF);
			assertThat(frame[frame.length - 1] & 0xFF).as("last byte").isEqualTo(0xD9);
		}
	}

	@FuzzTest(maxDuration = "10m")
	void concatenatedPnm(FuzzedDataProvider data) {
		int maxFrameBytes = data.consumeInt(1, 4096);
		Run run = Run.of(data, () -> new ConcatenatedPnmSplitter(maxFrameBytes));

		run.assertFramesWithin(maxFrameBytes);
		run.assertFramesAreInputSlicesInOrder(true);
		for (byte[] frame : run.frames) {
			NetpbmHeader header = NetpbmHeader.parse(frame, 0, frame.length);
			assertThat(header).as("header of a split frame").isNotNull();
			assertThat(header.binary()).isTrue();
			assertThat((long) frame.length).isEqualTo(header.length() + header.pixelDataLength());
		}
	}

	@FuzzTest(maxDuration = "10m")
	void sniffing(FuzzedDataProvider data) {
		int maxFrameBytes = data.consumeInt(1, 4096);
		String declaredBoundary = data.consumeBoolean() ? data.consumeString(210) : null;
		Run run = Run.of(data, () -> new SniffingSplitter(maxFrameBytes, declaredBoundary));

		run.assertFramesWithin(maxFrameBytes);
		run.assertFramesAreInputSlicesInOrder(false);
	}


	/**
	 * The outcome of splitting one body twice: once in the chunks the fuzzer chose and once whole.
	 */
	private static final class Run {

		private final byte[] body;

		private final List<byte[]> frames;

		private Run(byte[] body, List<byte[]> frames) {
			this.body = body;
			this.frames = frames;
		}

		static Run of(FuzzedDataProvider data, Supplier<FrameSplitter> splitters) {
			int[] chunkSizes = new int[data.consumeInt(1, 8)];
			for (int i = 0; i < chunkSizes.length; i++) {
				chunkSizes[i] = data.consumeInt(1, 512);
			}
			byte[] body = data.consumeRemainingAsBytes();

			Outcome chunked = split(splitters.get(), body, chunkSizes);
			Outcome whole = split(splitters.get(), body, new int[] { Math.max(1, body.length) });

			assertThat(chunked.failure).as("failure with chunks %s", Arrays.toString(chunkSizes))
				.isEqualTo(whole.failure);
			assertThat(chunked.frames).as("frames with chunks %s", Arrays.toString(chunkSizes))
				.containsExactlyElementsOf(whole.frames);
			return new Run(body, chunked.frameArrays);
		}

		/**
		 * Feeds the body in the given chunk sizes, repeated, then finishes it.
		 */
		private static Outcome split(FrameSplitter splitter, byte[] body, int[] chunkSizes) {
			List<byte[]> frames = new ArrayList<>();
			Class<?> failure = null;
			try {
				int position = 0;
				for (int i = 0; position < body.length; i++) {
					int length = Math.min(chunkSizes[i % chunkSizes.length], body.length - position);
					byte[] chunk = new byte[length + 2];
					System.arraycopy(body, position, chunk, 1, length);
					splitter.feed(chunk, 1, length, frames::add);
					position += length;
				}
				splitter.finish(frames::add);
			}
			catch (ImageException ex) {
				assertThat(ex.getMessage()).as("message of %s", ex.getClass().getSimpleName()).isNotBlank();
				failure = ex.getClass();
			}
			return new Outcome(frames, failure);
		}

		void assertFramesWithin(int maxFrameBytes) {
			for (byte[] frame : this.frames) {
				assertThat(frame).as("frame").isNotEmpty();
				assertThat(frame.length).as("frame length").isLessThanOrEqualTo(maxFrameBytes);
			}
		}

		/**
		 * Checks that each frame is a run of input bytes found after the previous frame. With
		 * {@code onlyWhitespaceBetween}, the bytes before and between frames are whitespace only,
		 * so the frames and the skipped bytes make up a prefix of the body.
		 */
		void assertFramesAreInputSlicesInOrder(boolean onlyWhitespaceBetween) {
			int from = 0;
			for (byte[] frame : this.frames) {
				int start = indexOf(this.body, frame, from);
				assertThat(start).as("position of a %d byte frame after offset %d", frame.length, from)
					.isGreaterThanOrEqualTo(0);
				if (onlyWhitespaceBetween) {
					for (int i = from; i < start; i++) {
						assertThat(NetpbmHeader.isWhitespace(this.body[i])).as("byte %d between frames", i).isTrue();
					}
				}
				from = start + frame.length;
			}
		}

		private static int indexOf(byte[] haystack, byte[] needle, int from) {
			outer: for (int i = from; i <= haystack.length - needle.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (haystack[i + j] != needle[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

	}


	private record Outcome(List<String> frames, Class<?> failure, List<byte[]> frameArrays) {

		Outcome(List<byte[]> frames, Class<?> failure) {
			this(frames.stream().map(Arrays::toString).toList(), failure, frames);
		}

	}

}
