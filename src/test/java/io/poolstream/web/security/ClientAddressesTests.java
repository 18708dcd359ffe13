package io.poolstream.web.security;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import io.poolstream.source.Cidr;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private static final ClientAddresses behindProxy = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8")));


	@Test
	void peerIsClientWithoutTrustedProxies() {
		ClientAddresses direct = new ClientAddresses(List.of());

		assertThat(direct.of(request("10.0.0.5", "192.0.2.1"))).isEqualTo("10.0.0.5");
	}

	@Test
	void untrustedPeerCannotSpoofForwardedFor() {
		assertThat(behindProxy.of(request("198.51.100.7", "192.0.2.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void trustedProxyNamesClient() {
		assertThat(behindProxy.of(request("10.0.0.5", "192.0.2.1"))).isEqualTo("192.0.2.1");
	}

	@Test
	void rightmostUntrustedHopIsClient() {
		assertThat(behindProxy.of(request("10.0.0.5", "203.0.113.9, 192.0.2.1, 10.0.0.6"))).isEqualTo("192.0.2.1");
	}

	@Test
	void malformedHopEndsTrustedChain() {
		assertThat(behindProxy.of(request("10.0.0.5", "192.0.2.1, evil.example, 10.0.0.6"))).isEqualTo("10.0.0.6");
	}

	@Test
	void trustedPeerWithoutHeaderIsClient() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
			.build();

		assertThat(behindProxy.of(request)).isEqualTo("10.0.0.5");
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		return MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

}
