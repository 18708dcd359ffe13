package io.poolstream.transport.kafka;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

/**
 * Encodes stream settings as the values of the settings topic. Every field of every stage is
 * written, so an instance rebuilds settings equal to the ones put on another instance.
 */
final class SettingsFormat {

	/** The first byte of every value, so a later format can be recognized. */
	private static final int VERSION = 1;


	private SettingsFormat() {
	}


	static byte[] encode(StreamSettings settings) {
		return RecordFormat.write(128 + 96 * settings.stages().size(), (output) -> {
			output.writeByte(VERSION);
			output.writeInt(settings.stages().size());
			for (PoolSpec stage : settings.stages()) {
				output.writeUTF(stage.mode().name());
				output.writeInt(stage.kernelHeight());
				output.writeInt(stage.kernelWidth());
				output.writeInt(stage.strideHeight());
				output.writeInt(stage.strideWidth());
				output.writeInt(stage.paddingHeight());
				output.writeInt(stage.paddingWidth());
				output.writeInt(stage.dilationHeight());
				output.writeInt(stage.dilationWidth());
				output.writeBoolean(stage.ceilMode());
				output.writeBoolean(stage.countIncludePad());
				output.writeInt(stage.divisorOverride());
				output.writeDouble(stage.p());
				output.writeInt(stage.outputHeight());
				output.writeInt(stage.outputWidth());
			}
			output.writeUTF(settings.outputFormat().name());
			output.writeBoolean(settings.inline());
			output.writeUTF(settings.policy().name());
			output.writeInt(settings.capacity());
			output.writeInt(settings.retention());
		});
	}

	/**
	 * Decodes a value written by {@link #encode}.
	 * @throws IOException if the value is truncated, of another version or names an unknown constant
	 */
	static StreamSettings decode(byte[] value) throws IOException {
		DataInputStream input = RecordFormat.reader(value);
		int version = input.readUnsignedByte();
		if (version != VERSION) {
			throw new IOException("settings record has format version " + version + ", expected " + VERSION);
		}
		int count = input.readInt();
		if (count < 1 || count > 1024) {
			throw new IOException("settings record has " + count + " stages, expected 1 to 1024");
		}
		List<PoolSpec> stages = new ArrayList<>(count);
		try {
			for (int index = 0; index < count; index++) {
				stages.add(new PoolSpec(PoolMode.valueOf(input.readUTF()), input.readInt(), input.readInt(),
						input.readInt(), input.readInt(), input.readInt(), input.readInt(), input.readInt(),
						input.readInt(), input.readBoolean(), input.readBoolean(), input.readInt(), input.readDouble(),
						input.readInt(), input.readInt()));
			}
			return new StreamSettings(stages, ImageFormat.valueOf(input.readUTF()), input.readBoolean(),
					BackpressurePolicy.valueOf(input.readUTF()), input.readInt(), input.readInt());
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("settings record is invalid: " + ex.getMessage(), ex);
		}
	}

}
