package io.poolstream.transport.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Helpers for the binary record values of the settings and results topics, written with
 * {@link DataOutputStream}: big-endian numbers, and strings and byte arrays prefixed by their
 * length as an int, so strings may exceed the 64 KB of {@code writeUTF}.
 */
final class RecordFormat {

	private RecordFormat() {
	}


	/**
	 * Writes a record value with {@code body} and returns its bytes.
	 */
	static byte[] write(int expectedSize, Body body) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedSize);
		try (DataOutputStream output = new DataOutputStream(bytes)) {
			body.write(output);
		}
		catch (IOException ex) {
			// ByteArrayOutputStream does not throw IOException, so only a writer's own throw ends here.
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static DataInputStream reader(byte[] value) {
		return new DataInputStream(new ByteArrayInputStream(value));
	}

	static void writeString(DataOutputStream output, String value) throws IOException {
		writeBytes(output, value.getBytes(StandardCharsets.UTF_8));
	}

	static String readString(DataInputStream input) throws IOException {
		return new String(readBytes(input), StandardCharsets.UTF_8);
	}

	static void writeNullableString(DataOutputStream output, @Nullable String value) throws IOException {
		output.writeBoolean(value != null);
		if (value != null) {
			writeString(output, value);
		}
	}

	static @Nullable String readNullableString(DataInputStream input) throws IOException {
		return input.readBoolean() ? readString(input) : null;
	}

	static void writeBytes(DataOutputStream output, byte[] value) throws IOException {
		output.writeInt(value.length);
		output.write(value);
	}

	static byte[] readBytes(DataInputStream input) throws IOException {
		int length = input.readInt();
		if (length < 0 || length > input.available()) {
			throw new IOException("a length prefix of " + length + " exceeds the " + input.available()
					+ " bytes left in the record");
		}
		byte[] value = new byte[length];
		input.readFully(value);
		return value;
	}

	static void writeInstant(DataOutputStream output, Instant value) throws IOException {
		output.writeLong(value.getEpochSecond());
		output.writeInt(value.getNano());
	}

	static Instant readInstant(DataInputStream input) throws IOException {
		return Instant.ofEpochSecond(input.readLong(), input.readInt());
	}


	/**
	 * Writes the fields of one record value.
	 */
	@FunctionalInterface
	interface Body {

		void write(DataOutputStream output) throws IOException;

	}

}
