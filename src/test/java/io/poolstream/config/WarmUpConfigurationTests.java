package io.poolstream.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choice of address for the loopback warm-up, from the value of {@code server.address}.
 */
class WarmUpConfigurationTests {

	@Test
	void unsetOrWildcardAddressUsesIpv4Loopback() {
		assertThat(WarmUpConfiguration.loopbackHost(null)).isEqualTo("127.0.0.1");
		assertThat(WarmUpConfiguration.loopbackHost("")).isEqualTo("127.0.0.1");
		assertThat(WarmUpConfiguration.loopbackHost("0.0.0.0")).isEqualTo("127.0.0.1");
		assertThat(WarmUpConfiguration.loopbackHost("::")).isEqualTo("127.0.0.1");
		assertThat(WarmUpConfiguration.loopbackHost("localhost")).isEqualTo("127.0.0.1");
	}

	@Test
	void loopbackAddressIsKept() {
		assertThat(WarmUpConfiguration.loopbackHost("127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(WarmUpConfiguration.loopbackHost("127.0.0.2")).isEqualTo("127.0.0.2");
		assertThat(WarmUpConfiguration.loopbackHost("::1")).isEqualTo("[0:0:0:0:0:0:0:1]");
		assertThat(WarmUpConfiguration.loopbackHost("[::1]")).isEqualTo("[0:0:0:0:0:0:0:1]");
	}

	@Test
	void otherAddressSkipsWarmUp() {
		assertThat(WarmUpConfiguration.loopbackHost("10.0.0.5")).isNull();
		assertThat(WarmUpConfiguration.loopbackHost("192.168.1.20")).isNull();
		assertThat(WarmUpConfiguration.loopbackHost("fe80::1")).isNull();
	}

	@Test
	void hostNameSkipsWarmUpWithoutLookup() {
		assertThat(WarmUpConfiguration.loopbackHost("poolstream.internal")).isNull();
		assertThat(WarmUpConfiguration.loopbackHost("example.org")).isNull();
	}

}
