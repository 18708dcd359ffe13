package io.poolstream.transport.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.FailureKind;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.FrameResult;
import io.poolstream.pipeline.FrameResult.ChannelStats;
import io.poolstream.pipeline.FrameResult.ImageInfo;
import io.poolstream.pipeline.FrameResult.StepTimings;

/**
 * Encodes frame outcomes as the values of the results topic. A result carries its encoded image
 * and the source frame, so any instance serves {@code GET .../frames/{seq}} and its source.
 */
final class OutcomeFormat {

	private static final int RESULT = 1;

	private static final int FAILURE = 2;


	private OutcomeFormat() {
	}


	static byte[] encode(FrameOutcome outcome) {
		if (outcome instanceof FrameResult result) {
			int size = 1024 + result.image().length + result.source().length
					+ ((result.dataUrl() != null) ? result.dataUrl().length() : 0);
			return RecordFormat.write(size, (output) -> writeResult(output, result));
		}
		FrameFailure failure = (FrameFailure) outcome;
		return RecordFormat.write(512 + 3 * failure.detail().length(), (output) -> {
			output.writeByte(FAILURE);
			RecordFormat.writeString(output, failure.stream());
			output.writeLong(failure.seq());
			RecordFormat.writeInstant(output, failure.receivedAt());
			RecordFormat.writeInstant(output, failure.failedAt());
			output.writeUTF(failure.kind().name());
			RecordFormat.writeString(output, failure.detail());
		});
	}

	private static void writeResult(DataOutputStream output, FrameResult result) throws IOException {
		output.writeByte(RESULT);
		RecordFormat.writeString(output, result.stream());
		output.writeLong(result.seq());
		RecordFormat.writeInstant(output, result.receivedAt());
		RecordFormat.writeInstant(output, result.completedAt());
		output.writeLong(result.latencyNanos());
		writeInfo(output, result.input());
		writeInfo(output, result.output());
		output.writeInt(result.stages().size());
		for (String stage : result.stages()) {
			RecordFormat.writeString(output, stage);
		}
		output.writeLong(result.timings().decodeNanos());
		output.writeLong(result.timings().poolNanos());
		output.writeLong(result.timings().encodeNanos());
		RecordFormat.writeBytes(output, result.image());
		RecordFormat.writeBytes(output, result.source());
		output.writeInt(result.channels().size());
		for (ChannelStats channel : result.channels()) {
			output.writeInt(channel.min());
			output.writeInt(channel.max());
			output.writeDouble(channel.mean());
		}
		RecordFormat.writeNullableString(output, result.dataUrl());
	}

	private static void writeInfo(DataOutputStream output, ImageInfo info) throws IOException {
		output.writeInt(info.width());
		output.writeInt(info.height());
		output.writeInt(info.channels());
		output.writeUTF(info.format().name());
		output.writeInt(info.bytes());
	}

	/**
	 * Decodes a value written by {@link #encode}.
	 * @throws IOException if the value is truncated, of an unknown kind or names an unknown constant
	 */
	static FrameOutcome decode(byte[] value) throws IOException {
		DataInputStream input = RecordFormat.reader(value);
		int kind = input.readUnsignedByte();
		try {
			if (kind == FAILURE) {
				return new FrameFailure(RecordFormat.readString(input), input.readLong(),
						RecordFormat.readInstant(input), RecordFormat.readInstant(input),
						FailureKind.valueOf(input.readUTF()), RecordFormat.readString(input));
			}
			if (kind != RESULT) {
				throw new IOException("result record has kind " + kind + ", expected " + RESULT + " or " + FAILURE);
			}
			return readResult(input);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("result record is invalid: " + ex.getMessage(), ex);
		}
	}

	private static FrameResult readResult(DataInputStream input) throws IOException {
		String stream = RecordFormat.readString(input);
		long seq = input.readLong();
		Instant receivedAt = RecordFormat.readInstant(input);
		Instant completedAt = RecordFormat.readInstant(input);
		long latencyNanos = input.readLong();
		ImageInfo inputInfo = readInfo(input);
		ImageInfo outputInfo = readInfo(input);
		int stageCount = input.readInt();
		List<String> stages = new ArrayList<>(Math.min(stageCount, 64));
		for (int index = 0; index < stageCount; index++) {
			stages.add(RecordFormat.readString(input));
		}
		StepTimings timings = new StepTimings(input.readLong(), input.readLong(), input.readLong());
		byte[] image = RecordFormat.readBytes(input);
		byte[] source = RecordFormat.readBytes(input);
		int channelCount = input.readInt();
		List<ChannelStats> channels = new ArrayList<>(Math.min(channelCount, 8));
		for (int index = 0; index < channelCount; index++) {
			channels.add(new ChannelStats(input.readInt(), input.readInt(), input.readDouble()));
		}
		String dataUrl = RecordFormat.readNullableString(input);
		return new FrameResult(stream, seq, receivedAt, completedAt, latencyNanos, inputInfo, outputInfo,
				List.copyOf(stages), timings, image, source, List.copyOf(channels), dataUrl);
	}

	private static ImageInfo readInfo(DataInputStream input) throws IOException {
		return new ImageInfo(input.readInt(), input.readInt(), input.readInt(), ImageFormat.valueOf(input.readUTF()),
				input.readInt());
	}

}
