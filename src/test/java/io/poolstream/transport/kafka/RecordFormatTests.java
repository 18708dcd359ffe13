package io.poolstream.transport.kafka;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.FailureKind;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.FrameResult;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecordFormatTests {

	@Test
	void settingsSurviveRoundTrip() throws IOException {
		PoolSpec lp = new PoolSpec(PoolMode.LP, 3, 2, 2, 1, 1, 0, 1, 2, true, false, 5, 3.5, 0, 0);
		PoolSpec adaptive = new PoolSpec(PoolMode.AVG, 0, 0, 0, 0, 0, 0, 1, 1, false, true, 0, 1.0, 7, 9);
		StreamSettings settings = new StreamSettings(List.of(PoolSpec.of(PoolMode.MAX, 2), lp, adaptive),
				ImageFormat.PNG, true, BackpressurePolicy.DROP_OLDEST, 12, 300);

		StreamSettings decoded = SettingsFormat.decode(SettingsFormat.encode(settings));

		assertThat(decoded).isEqualTo(settings);
	}

	@Test
	void resultSurvivesRoundTrip() throws IOException {
		byte[] image = { 1, 2, 3, (byte) 0xFF };
		byte[] source = new byte[70_000];
		Arrays.fill(source, (byte) 7);
		String dataUrl = "data:image/jpeg;base64," + "A".repeat(70_000);
		FrameResult result = new FrameResult("cam", 42, Instant.ofEpochSecond(100, 5), Instant.ofEpochSecond(101, 7),
				123_456_789L, new FrameResult.ImageInfo(640, 480, 3, ImageFormat.JPEG, 70_000),
				new FrameResult.ImageInfo(320, 240, 3, ImageFormat.PNG, 4), List.of("max 2×2 / 2", "avg 3×3 / 2"),
				new FrameResult.StepTimings(1, 2, 3), image, source,
				List.of(new FrameResult.ChannelStats(0, 255, 127.5), new FrameResult.ChannelStats(3, 9, 4.25)), dataUrl);

		FrameResult decoded = (FrameResult) OutcomeFormat.decode(OutcomeFormat.encode(result));

		assertThat(decoded.stream()).isEqualTo("cam");
		assertThat(decoded.seq()).isEqualTo(42);
		assertThat(decoded.receivedAt()).isEqualTo(result.receivedAt());
		assertThat(decoded.completedAt()).isEqualTo(result.completedAt());
		assertThat(decoded.latencyNanos()).isEqualTo(123_456_789L);
		assertThat(decoded.input()).isEqualTo(result.input());
		assertThat(decoded.output()).isEqualTo(result.output());
		assertThat(decoded.stages()).isEqualTo(result.stages());
		assertThat(decoded.timings()).isEqualTo(result.timings());
		assertThat(decoded.image()).isEqualTo(image);
		assertThat(decoded.source()).isEqualTo(source);
		assertThat(decoded.channels()).isEqualTo(result.channels());
		assertThat(decoded.dataUrl()).isEqualTo(dataUrl);
	}

	@Test
	void failureSurvivesRoundTrip() throws IOException {
		FrameFailure failure = new FrameFailure("cam", 7, Instant.ofEpochSecond(1), Instant.ofEpochSecond(2),
				FailureKind.CORRUPT_IMAGE, "frame 7 is not a JPEG: ü");

		FrameOutcome decoded = OutcomeFormat.decode(OutcomeFormat.encode(failure));

		assertThat(decoded).isEqualTo(failure);
	}

	@Test
	void truncatedResultIsRejected() {
		FrameFailure failure = new FrameFailure("cam", 7, Instant.EPOCH, Instant.EPOCH, FailureKind.CORRUPT_IMAGE,
				"detail");
		byte[] encoded = OutcomeFormat.encode(failure);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> OutcomeFormat.decode(Arrays.copyOf(encoded, encoded.length - 3)));
	}

	@Test
	void unknownVersionIsRejected() {
		byte[] encoded = SettingsFormat.encode(new StreamSettings(List.of(PoolSpec.of(PoolMode.MAX, 2)),
				ImageFormat.JPEG, false, BackpressurePolicy.LATEST, 1, 1));
		encoded[0] = 9;

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> SettingsFormat.decode(encoded))
			.withMessageContaining("version 9");
	}

}
