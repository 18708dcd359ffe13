package io.poolstream.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.poolstream.pooling.Raster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the netpbm header parser and decoder without ImageIO or the format sniffer in front.
 *
 * <p>A header that parses has a positive size, a maximum value of 1 to 65535 and a length within
 * the data and {@link NetpbmHeader#MAX_HEADER_BYTES}. Decoding yields exactly width × height ×
 * channels samples, and a decoded raster survives an encode and decode round trip unchanged.
 */
class NetpbmFuzzTests {

	private static final long MAX_SAMPLES = 1 << 20;


	@FuzzTest(maxDuration = "10m")
	void parseAndDecode(byte[] data) {
		NetpbmHeader header;
		try {
			header = NetpbmHeader.parse(data, 0, data.length);
		}
		catch (CorruptImageException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		if (header == null) {
			assertThat(data.length).as("length of an incomplete header").isLessThan(NetpbmHeader.MAX_HEADER_BYTES);
			return;
		}

		assertThat(header.width()).isPositive();
		assertThat(header.height()).isPositive();
		assertThat(header.maxValue()).isBetween(1, 65535);
		assertThat(header.length()).isBetween(3, Math.min(data.length, NetpbmHeader.MAX_HEADER_BYTES));
		if ((long) header.width() * header.height() * header.channels() > MAX_SAMPLES) {
			return;
		}

		Raster raster;
		try {
			raster = NetpbmCodec.decode(data, header);
		}
		catch (CorruptImageException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(raster.width()).isEqualTo(header.width());
		assertThat(raster.height()).isEqualTo(header.height());
		assertThat(raster.channels()).isEqualTo(header.channels());

		byte[] encoded = NetpbmCodec.encode(raster);
		Raster again = NetpbmCodec.decode(encoded, NetpbmCodec.readHeader(encoded));
		assertThat(again.samples()).isEqualTo(raster.samples());
	}

}
