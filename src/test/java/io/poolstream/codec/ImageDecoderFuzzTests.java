package io.poolstream.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.poolstream.pooling.Raster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link ImageDecoder} with arbitrary bytes behind small limits.
 *
 * <p>{@code mvn test} replays the inputs in {@code ImageDecoderFuzzTestsInputs}; {@code bench/fuzz.sh}
 * fuzzes it. Every format the sniffer detects is reachable, so the seeds are one tiny file of each.
 */
class ImageDecoderFuzzTests {

	private static final ImageLimits LIMITS = new ImageLimits(256 * 1024, 1 << 20);

	private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);


	@FuzzTest(maxDuration = "10m")
	void decodeKeepsLimitsAndExceptionTypes(byte[] data) {
		DecodedImage decoded;
		try {
			decoded = DECODER.decode(data);
		}
		catch (ImageException ex) {
			assertThat(ex.getMessage()).as("message of %s", ex.getClass().getSimpleName()).isNotBlank();
			return;
		}

		Raster raster = decoded.raster();
		assertThat((long) decoded.sourceWidth() * decoded.sourceHeight()).isLessThanOrEqualTo(LIMITS.maxPixels());
		assertThat((long) raster.width() * raster.height()).isLessThanOrEqualTo(LIMITS.maxPixels());
		assertThat(raster.channels()).isBetween(1, 4);
		assertThat(raster.samples()).hasSize(raster.width() * raster.height() * raster.channels());
		assertThat(ImageDecoder.sniff(data)).isEqualTo(decoded.format());
	}

}
